use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;

use composio_lint::cli::{CheckArgs, Cli, ColorChoice, Command, RuleArgs};
use composio_lint::config;
use composio_lint::discover::display_path;
use composio_lint::lint::{self, RunResult, Selection, Settings};
use composio_lint::model::Language;
use composio_lint::report::{self, Format};
use composio_lint::rules;
use miette::{GraphicalReportHandler, GraphicalTheme};

// Parsing allocates and frees many small nodes; mimalloc serves them faster than glibc's malloc.
// Its `override` feature also takes over `malloc`/`free` for the C code (tree-sitter and the
// grammars' scanners).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(args) => check(args),
        Command::Rule(args) => rule(args),
        Command::Rules => rules_table(),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(message) => {
            eprintln!("composio-lint: error: {message}");
            ExitCode::from(2)
        }
    }
}

fn check(args: CheckArgs) -> Result<u8, String> {
    let cwd =
        std::env::current_dir().map_err(|e| format!("cannot read the current directory: {e}"))?;
    let config = match config::load(args.config.as_deref(), &cwd) {
        Ok(c) => c,
        Err(e) => {
            let mut rendered = String::new();
            let theme = if std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
            {
                GraphicalTheme::unicode()
            } else {
                GraphicalTheme::unicode_nocolor()
            };
            let _ = GraphicalReportHandler::new_themed(theme).render_report(&mut rendered, &e);
            eprint!("{rendered}");
            return Ok(2);
        }
    };
    // Command-line flags override the file.
    let selection = Selection {
        select: if args.select.is_empty() {
            config.select.clone().unwrap_or_default()
        } else {
            args.select
        },
        ignore: if args.ignore.is_empty() {
            config.ignore.clone().unwrap_or_default()
        } else {
            args.ignore
        },
    };
    let unknown = selection.unknown();
    if !unknown.is_empty() {
        return Err(format!(
            "unknown rule {}; `composio-lint rules` lists them",
            unknown
                .iter()
                .map(|u| format!("`{u}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    let github = std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true");
    let format = args
        .output_format
        .unwrap_or(if github { Format::Github } else { Format::Full });
    let settings = Settings {
        selection,
        config,
        respect_gitignore: !args.no_respect_gitignore,
        force_exclude: args.force_exclude,
        no_prefilter: args.no_prefilter,
        snippets: format == Format::Full,
    };

    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    };
    let width = report::terminal_width();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let run = match &args.stdin_filename {
        Some(name) => {
            if args.paths.iter().any(|p| p.as_os_str() != "-") {
                return Err(
                    "--stdin-filename reads the source from stdin; pass `-` or no PATH".into(),
                );
            }
            // Read first: a failed read must not leave half a JSON document behind.
            let mut bytes = Vec::new();
            std::io::stdin()
                .read_to_end(&mut bytes)
                .map_err(|e| format!("cannot read stdin: {e}"))?;
            let mut writer =
                report::Writer::begin(format, color, width, &mut out).map_err(|e| e.to_string())?;
            let run = lint_stdin(name, &bytes, &settings, &cwd, &mut writer)?;
            writer.finish().map_err(|e| e.to_string())?;
            run
        }
        None => {
            let paths = if args.paths.is_empty() {
                vec![PathBuf::from(".")]
            } else {
                args.paths
            };
            let inputs = lint::discover_inputs(&paths, &settings);
            for (path, reason) in &inputs.missing {
                eprintln!("composio-lint: error: {path}: {reason}");
            }
            let mut writer =
                report::Writer::begin(format, color, width, &mut out).map_err(|e| e.to_string())?;
            let run = lint::run(&inputs, &settings, &mut |batch| {
                writer.write(batch)?;
                writer.flush()
            })
            .map_err(|e| e.to_string())?;
            writer.finish().map_err(|e| e.to_string())?;
            run
        }
    };

    let (errors, warnings) = (run.errors, run.warnings);
    let human = matches!(format, Format::Full | Format::Concise);
    if args.statistics {
        // Machine formats keep stdout parseable.
        let stats = if human {
            &mut out as &mut dyn Write
        } else {
            &mut std::io::stderr() as &mut dyn Write
        };
        for ((code, name), n) in &run.by_rule {
            writeln!(stats, "{n:>5}  {code}  {name}").map_err(|e| e.to_string())?;
        }
    }
    if human && !args.quiet {
        let found = run.findings();
        if found == 0 && run.io_errors > 0 {
            writeln!(
                out,
                "No problems found in {} file{} checked, but {} path{} could not be read.",
                run.files_checked,
                plural(run.files_checked),
                run.io_errors,
                plural(run.io_errors)
            )
            .map_err(|e| e.to_string())?;
        } else if found == 0 {
            writeln!(
                out,
                "All checks passed ({} file{}).",
                run.files_checked,
                plural(run.files_checked)
            )
            .map_err(|e| e.to_string())?;
        } else {
            writeln!(
                out,
                "Found {found} problem{} ({errors} error{}, {warnings} warning{}) in {} file{} checked.",
                plural(found),
                plural(errors),
                plural(warnings),
                run.files_checked,
                plural(run.files_checked)
            )
            .map_err(|e| e.to_string())?;
        }
    }
    out.flush().map_err(|e| e.to_string())?;

    if run.io_errors > 0 {
        return Ok(2);
    }
    let too_many_warnings = args.max_warnings.is_some_and(|max| warnings > max);
    let fails = errors > 0 || (args.deny_warnings && warnings > 0) || too_many_warnings;
    Ok(u8::from(fails && !args.exit_zero))
}

/// Editor integrations pipe the buffer in and name the file it will be saved as.
fn lint_stdin(
    name: &Path,
    bytes: &[u8],
    settings: &Settings,
    cwd: &Path,
    writer: &mut report::Writer<'_>,
) -> Result<RunResult, String> {
    let excluded = settings.force_exclude
        && settings
            .config
            .exclude
            .as_ref()
            .is_some_and(|m| m.matches(name, cwd));
    let mut run = RunResult {
        files_checked: usize::from(!excluded),
        ..RunResult::default()
    };
    if let Some(language) = Language::from_path(name).filter(|_| !excluded) {
        let mut findings =
            lint::lint_bytes(&display_path(name, Some(cwd)), bytes, language, settings);
        lint::sort(&mut findings);
        run.count(&findings);
        writer.write(&findings).map_err(|e| e.to_string())?;
    }
    Ok(run)
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn rule(args: RuleArgs) -> Result<u8, String> {
    let docs: Vec<&str> = if args.all {
        rules::every_rule().map(|r| r.doc).collect()
    } else {
        let wanted = args.rule.unwrap_or_default();
        let rule = rules::find(&wanted)
            .ok_or_else(|| format!("unknown rule `{wanted}`; `composio-lint rules` lists them"))?;
        vec![rule.doc]
    };
    print!("{}", docs.join("\n"));
    Ok(0)
}

fn rules_table() -> Result<u8, String> {
    println!("{:<6}  {:<24}  {:<8}  summary", "code", "name", "severity");
    for r in rules::every_rule() {
        println!(
            "{:<6}  {:<24}  {:<8}  {}",
            r.code,
            r.name,
            r.severity.as_str(),
            r.short
        );
    }
    Ok(0)
}
