//! Command-line definitions (SPEC §2).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::report::Format;

#[derive(Parser, Debug)]
#[command(
    name = "composio-lint",
    version,
    about = "A fast, precise linter for agent code built on the Composio SDK",
    propagate_version = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Lint files and folders (default: the current folder)
    Check(Box<CheckArgs>),
    /// Print a rule's documentation
    Rule(RuleArgs),
    /// List rule codes, names and severities (CS900 and CS901 too)
    Rules,
    /// Print shell completions for composio-lint
    Completions {
        /// The shell to complete for
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// Files or folders to lint; `-` reads the source from stdin
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Output format [default: full, or github when GITHUB_ACTIONS=true]
    #[arg(long, value_enum)]
    pub output_format: Option<Format>,
    /// Use this config file instead of searching for one
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Read the source from stdin and report it under this file name (use `-` or no PATH)
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<PathBuf>,
    /// Apply the config's `exclude` even to paths named on the command line
    #[arg(long)]
    pub force_exclude: bool,
    /// Skip paths matching these globs (comma-separated), instead of the config's `exclude`
    #[arg(long, value_delimiter = ',', value_name = "GLOBS")]
    pub exclude: Vec<String>,
    /// Skip paths matching these globs as well as the config's `exclude`
    #[arg(long, value_delimiter = ',', value_name = "GLOBS")]
    pub extend_exclude: Vec<String>,
    /// Only run these rules (codes or names, comma-separated)
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub select: Vec<String>,
    /// Run these rules as well as the selected ones
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub extend_select: Vec<String>,
    /// Do not run these rules (codes or names, comma-separated)
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub ignore: Vec<String>,
    /// Exit 0 even when findings fail the run
    #[arg(long)]
    pub exit_zero: bool,
    /// Fail the run on warnings too
    #[arg(long)]
    pub deny_warnings: bool,
    /// Fail the run when there are more than N warnings
    #[arg(long, value_name = "N")]
    pub max_warnings: Option<usize>,
    /// Print the number of findings per rule instead of the findings
    #[arg(long)]
    pub statistics: bool,
    /// Write the findings to this file instead of stdout
    #[arg(long, short, value_name = "FILE")]
    pub output_file: Option<PathBuf>,
    /// Apply safe fixes (removing unused suppressions)
    #[arg(long)]
    pub fix: bool,
    /// With --fix or --diff, apply unsafe fixes too (logging a session's ID where it is created)
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Print the fixes (or, with --add-ignore, the suppressions) as a unified diff and write
    /// nothing
    #[arg(long)]
    pub diff: bool,
    /// Add a suppression comment for every current finding, with this reason
    #[arg(
        long,
        value_name = "REASON",
        num_args = 0..=1,
        require_equals = true,
        default_missing_value = "",
        conflicts_with_all = ["fix", "unsafe_fixes"]
    )]
    pub add_ignore: Option<String>,
    /// Print the settings in effect (config file, rules, excludes) and exit
    #[arg(long)]
    pub show_settings: bool,
    /// Print the files that would be linted and exit
    #[arg(long, conflicts_with = "show_settings")]
    pub show_files: bool,
    /// Print findings only, no summary line
    #[arg(long, short)]
    pub quiet: bool,
    /// Lint files that .gitignore / .ignore would skip
    #[arg(long)]
    pub no_respect_gitignore: bool,
    /// Parse every file, even those the byte prefilter proves cannot matter (for benchmarks)
    #[arg(long, hide = true)]
    pub no_prefilter: bool,
    /// When to use colour in the full format
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

#[derive(Args, Debug)]
pub struct RuleArgs {
    /// A rule code (CS001) or name (default-user-id)
    #[arg(required_unless_present = "all", conflicts_with = "all")]
    pub rule: Option<String>,
    /// Print every rule's documentation
    #[arg(long)]
    pub all: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}
