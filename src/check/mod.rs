//! The `check` command: settings from the config file and the flags, then one of — show the
//! settings or the files, lint stdin, lint the paths, or change them (`--fix`, `--diff`,
//! `--add-ignore`) — and the summary and exit status SPEC §2 asks for.

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

use miette::{GraphicalReportHandler, GraphicalTheme};
use rayon::prelude::*;

use crate::cli::{CheckArgs, ColorChoice};
use crate::config::{self, PathMatcher};
use crate::discover::display_path;
use crate::finding::Finding;
use crate::fix::file::{Action, Fixed, fix_bytes};
use crate::fix::{self, FixMode};
use crate::lint::{self, RunResult, Selection, Settings};
use crate::model::Language;
use crate::report::{self, Format};

mod summary;

use summary::{Summary, exit_status, failure_reason, summary_line};

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
    let action = if let Some(reason) = &args.add_ignore {
        Some(Action::AddIgnore(reason.clone()))
    } else {
        (args.fix || args.diff).then_some(Action::Fix(if args.unsafe_fixes {
            FixMode::Unsafe
        } else {
            FixMode::Safe
        }))
    };
    let settings = Settings {
        selection,
        config,
        respect_gitignore: !args.no_respect_gitignore,
        force_exclude: args.force_exclude,
        no_prefilter: args.no_prefilter,
        snippets: format == Format::Full && !args.statistics,
        fixes: action.is_some(),
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
    let mut summary = Summary::default();
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
        if language.is_none() && action.is_some() && !args.diff {
            // Nothing to fix here: the source goes back as it came, as an editor expects.
            out.write_all(&bytes).map_err(io)?;
            out.flush().map_err(io)?;
            return Ok(0);
        }
        if let Some(language) = language {
            run.files_checked = 1;
            if let Some(action) = &action {
                // Like ruff: the fixed source (or the diff) goes to stdout instead of findings.
                let fixed = fix_bytes(&shown, &bytes, language, &settings, action);
                summary.fixed += fixed.count;
                match (&fixed.change, args.diff) {
                    (Some((old, new)), true) => {
                        out.write_all(fix::unified_diff(&shown, old, new).as_bytes())
                            .map_err(io)?;
                        summary.would_change += 1;
                    }
                    (_, true) => {}
                    (_, false) => out
                        .write_all(fixed.bytes.as_deref().unwrap_or(&bytes))
                        .map_err(io)?,
                }
                run.count(&fixed.findings);
                out.flush().map_err(io)?;
                return Ok(exit_status(&args, &run, &summary));
            }
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
        if let Some(action) = &action {
            fix_paths(
                &inputs,
                &settings,
                action,
                &args,
                format,
                color,
                width,
                out,
                &mut summary,
            )?
        } else if args.statistics {
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
    let status = exit_status(&args, &run, &summary);
    let why = failure_reason(&args, &run);
    if human && !args.quiet {
        let text = summary_line(&run, &summary, &args, why.as_deref());
        if !text.is_empty() {
            writeln!(out, "{text}").map_err(io)?;
        }
    } else if let Some(why) = &why
        && status == 1
    {
        eprintln!("composio-lint: {why}");
    }
    if !human {
        for note in summary.notes() {
            eprintln!("composio-lint: {note}");
        }
    }
    out.flush().map_err(io)?;
    Ok(status)
}

#[allow(clippy::too_many_arguments)]
fn fix_paths(
    inputs: &lint::Inputs,
    settings: &Settings,
    action: &Action,
    args: &CheckArgs,
    format: Format,
    color: bool,
    width: usize,
    out: &mut dyn Write,
    summary: &mut Summary,
) -> Result<RunResult, String> {
    let io = |e: std::io::Error| e.to_string();
    summary.diff = args.diff;
    summary.add_ignore = matches!(action, Action::AddIgnore(_));
    let mut run = RunResult {
        files_checked: inputs.files,
        io_errors: inputs.missing.len(),
        ..RunResult::default()
    };
    let files: Vec<(&str, &Path)> = inputs.file_paths().collect();
    // Files are fixed in parallel; each is written as soon as it is fixed.
    let outcomes: Vec<(Fixed, Option<String>)> = files
        .par_iter()
        .with_max_len(1)
        .map(|&(shown, path)| {
            let Some(language) = Language::from_path(path) else {
                return (Fixed::default(), None);
            };
            let bytes = match std::fs::read(path) {
                Ok(b) => b,
                Err(e) => {
                    return (
                        Fixed::default(),
                        Some(format!(
                            "cannot read: {}",
                            crate::discover::describe_io_error(&e)
                        )),
                    );
                }
            };
            let fixed = fix_bytes(shown, &bytes, language, settings, action);
            let mut error = None;
            if !args.diff
                && let Some(new) = &fixed.bytes
                && let Err(e) = fix::write_atomically(path, &bytes, new)
            {
                error = Some(e.to_string());
            }
            (fixed, error)
        })
        .collect();
    let mut findings: Vec<Finding> = Vec::new();
    for ((shown, _), (fixed, error)) in files.iter().zip(outcomes) {
        if let Some(problem) = &fixed.problem {
            eprintln!("composio-lint: warning: {shown}: {problem}");
            summary.problems += 1;
        }
        if let Some(error) = error {
            eprintln!("composio-lint: error: {shown}: {error}");
            run.io_errors += 1;
            continue;
        }
        if let Some((old, new)) = &fixed.change {
            summary.fixed += fixed.count;
            if args.diff {
                summary.would_change += 1;
                out.write_all(fix::unified_diff(shown, old, new).as_bytes())
                    .map_err(io)?;
            } else {
                summary.files_changed += 1;
            }
        }
        findings.extend(fixed.findings);
    }
    lint::sort(&mut findings);
    run.count(&findings);
    if !args.diff && !args.statistics {
        let mut writer = report::Writer::begin(format, color, width, out).map_err(io)?;
        writer.write(&findings).map_err(io)?;
        writer.finish().map_err(io)?;
    }
    Ok(run)
}
