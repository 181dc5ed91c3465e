//! The `check` command: settings from the config file and the flags, then one of — show the
//! settings or the files, lint stdin, or lint the paths — and the summary and exit status
//! SPEC §2 asks for.

use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;

use miette::{GraphicalReportHandler, GraphicalTheme};

use crate::cli::{CheckArgs, ColorChoice};
use crate::config::{self, PathMatcher};
use crate::discover::display_path;
use crate::lint::{self, RunResult, Selection, Settings};
use crate::model::Language;
use crate::report::{self, Format};

/// Runs `check`; the exit status, or a message for exit 2.
pub fn check(args: CheckArgs) -> Result<u8, String> {
    let cwd =
        std::env::current_dir().map_err(|e| format!("cannot read the current directory: {e}"))?;
    let mut config = match config::load(args.config.as_deref(), &cwd) {
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
    // Command-line flags override the file; `--extend-*` add to it.
    let mut select = if args.select.is_empty() {
        config.select.clone().unwrap_or_default()
    } else {
        args.select.clone()
    };
    if !select.is_empty() {
        select.extend(args.extend_select.iter().cloned());
    }
    let selection = Selection {
        select,
        ignore: if args.ignore.is_empty() {
            config.ignore.clone().unwrap_or_default()
        } else {
            args.ignore.clone()
        },
    };
    let unknown: Vec<String> = selection
        .unknown()
        .into_iter()
        .chain(
            args.extend_select
                .iter()
                .filter(|s| Selection::is_unknown(s))
                .cloned(),
        )
        .collect();
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
    let glob = |patterns: &[String]| -> Result<PathMatcher, String> {
        let texts: Vec<&str> = patterns.iter().map(String::as_str).collect();
        PathMatcher::new(&texts, &cwd)
            .map_err(|(i, why)| format!("invalid glob `{}`: {why}", texts[i]))
    };
    if !args.exclude.is_empty() {
        config.exclude = Some(glob(&args.exclude)?);
    }
    if !args.extend_exclude.is_empty() {
        let extra = glob(&args.extend_exclude)?;
        match &mut config.exclude {
            Some(m) => m.extend(extra),
            None => config.exclude = Some(extra),
        }
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
        snippets: format == Format::Full && !args.statistics,
    };
    if args.show_settings {
        print!("{}", crate::show::settings(&settings, format, &args));
        return Ok(0);
    }

    let to_file = args.output_file.is_some();
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            !to_file
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    };
    let width = report::terminal_width();
    let mut sink: Box<dyn Write> = match &args.output_file {
        Some(path) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(path)
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    let out: &mut dyn Write = &mut *sink;
    let io = |e: std::io::Error| e.to_string();
    let human = matches!(format, Format::Full | Format::Concise);
    let stdin = args.stdin_filename.is_some()
        || (args.paths.len() == 1 && args.paths[0].as_os_str() == "-");

    let run = if stdin {
        if args.paths.iter().any(|p| p.as_os_str() != "-") {
            return Err("--stdin-filename reads the source from stdin; pass `-` or no PATH".into());
        }
        // Read first: a failed read must not leave half a JSON document behind.
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| format!("cannot read stdin: {e}"))?;
        // `check -` without a name reads Python, as ruff does.
        let name = args
            .stdin_filename
            .clone()
            .unwrap_or_else(|| PathBuf::from("-"));
        let language = match &args.stdin_filename {
            None => Some(Language::Python),
            Some(n) => Language::from_path(n),
        };
        let excluded = settings.force_exclude
            && settings
                .config
                .exclude
                .as_ref()
                .is_some_and(|m| m.matches(&name, &cwd));
        let shown = display_path(&name, Some(&cwd));
        let language = match language {
            Some(_) if excluded => None,
            None => {
                eprintln!(
                    "composio-lint: warning: {shown}: not a Python, TypeScript/JavaScript or Rust file name; nothing was linted"
                );
                None
            }
            l => l,
        };
        let mut run = RunResult::default();
        if let Some(language) = language {
            run.files_checked = 1;
            let mut findings = lint::lint_bytes(&shown, &bytes, language, &settings);
            lint::sort(&mut findings);
            run.count(&findings);
            if !args.statistics {
                let mut writer = report::Writer::begin(format, color, width, out).map_err(io)?;
                writer.write(&findings).map_err(io)?;
                writer.finish().map_err(io)?;
            }
        }
        run
    } else {
        let paths = if args.paths.is_empty() {
            vec![PathBuf::from(".")]
        } else {
            args.paths.clone()
        };
        let inputs = lint::discover_inputs(&paths, &settings);
        for (path, reason) in &inputs.missing {
            eprintln!("composio-lint: error: {path}: {reason}");
        }
        for path in &inputs.skipped {
            eprintln!(
                "composio-lint: warning: {path}: not a Python, TypeScript/JavaScript or Rust file; skipped"
            );
        }
        if args.show_files {
            for path in inputs.files() {
                writeln!(out, "{path}").map_err(io)?;
            }
            out.flush().map_err(io)?;
            return Ok(if inputs.missing.is_empty() { 0 } else { 2 });
        }
        if args.statistics {
            // Only the table: the findings are counted, not printed.
            lint::run(&inputs, &settings, &mut |_| Ok(())).map_err(io)?
        } else {
            let mut writer = report::Writer::begin(format, color, width, out).map_err(io)?;
            let run = lint::run(&inputs, &settings, &mut |batch| {
                writer.write(batch)?;
                writer.flush()
            })
            .map_err(io)?;
            writer.finish().map_err(io)?;
            run
        }
    };

    if args.statistics {
        report::statistics(&run.by_rule, format, out).map_err(io)?;
    }
    let status = exit_status(&args, &run);
    let why = failure_reason(&args, &run);
    if human && !args.quiet {
        let text = summary_line(&run, why.as_deref());
        writeln!(out, "{text}").map_err(io)?;
    } else if let Some(why) = &why
        && status == 1
    {
        eprintln!("composio-lint: {why}");
    }
    out.flush().map_err(io)?;
    Ok(status)
}

fn exit_status(args: &CheckArgs, run: &RunResult) -> u8 {
    if run.io_errors > 0 {
        return 2;
    }
    let too_many_warnings = args.max_warnings.is_some_and(|max| run.warnings > max);
    let fails = run.errors > 0 || (args.deny_warnings && run.warnings > 0) || too_many_warnings;
    u8::from(fails && !args.exit_zero)
}

/// Why warnings alone fail the run, when they do.
fn failure_reason(args: &CheckArgs, run: &RunResult) -> Option<String> {
    if run.errors > 0 || run.warnings == 0 {
        return None;
    }
    let w = format!("{} warning{}", run.warnings, plural(run.warnings));
    if args.deny_warnings {
        return Some(format!("{w} fail the run (--deny-warnings)"));
    }
    match args.max_warnings {
        Some(max) if run.warnings > max => Some(format!(
            "{w}, more than the {max} allowed by --max-warnings"
        )),
        _ => None,
    }
}

fn summary_line(run: &RunResult, why: Option<&str>) -> String {
    let found = run.findings();
    let files = format!("{} file{}", run.files_checked, plural(run.files_checked));
    if run.files_checked == 0 && found == 0 && run.io_errors == 0 {
        "No files were linted: no Python, TypeScript/JavaScript or Rust file among the paths."
            .to_string()
    } else if found == 0 && run.io_errors > 0 {
        format!(
            "No problems found in {files} checked, but {} path{} could not be read.",
            run.io_errors,
            plural(run.io_errors)
        )
    } else if found == 0 {
        format!("All checks passed ({files}).")
    } else {
        let mut s = format!(
            "Found {found} problem{} ({} error{}, {} warning{}) in {files} checked.",
            plural(found),
            run.errors,
            plural(run.errors),
            run.warnings,
            plural(run.warnings),
        );
        if let Some(why) = why {
            s.push_str(&format!(" The run fails: {why}."));
        }
        s
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
