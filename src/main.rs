use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

use composio_lint::cli::{CheckArgs, Cli, ColorChoice, Command, RuleArgs};
use composio_lint::lint::{self, Selection};
use composio_lint::report::{self, Format};
use composio_lint::rules::{self, Severity};

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
    let selection = Selection {
        select: args.select,
        ignore: args.ignore,
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
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths
    };
    let run = lint::run(&paths, !args.no_respect_gitignore, &selection);
    for (path, reason) in &run.missing {
        eprintln!("composio-lint: error: {path}: {reason}");
    }

    let format = args.output_format.unwrap_or(Format::Full);
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    report::render(format, &run.findings, color, &mut out).map_err(|e| e.to_string())?;

    let errors = run
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    let warnings = run.findings.len() - errors;
    let human = matches!(format, Format::Full | Format::Concise);
    if args.statistics {
        let mut counts: std::collections::BTreeMap<(&str, &str), usize> = Default::default();
        for f in &run.findings {
            *counts.entry((f.code, f.rule)).or_default() += 1;
        }
        let stats = if human {
            &mut out as &mut dyn Write
        } else {
            &mut std::io::stderr() as &mut dyn Write
        };
        for ((code, name), n) in counts {
            writeln!(stats, "{n:>5}  {code}  {name}").map_err(|e| e.to_string())?;
        }
    }
    if human && !args.quiet {
        if run.findings.is_empty() {
            writeln!(out, "All checks passed ({} files).", run.files_checked)
                .map_err(|e| e.to_string())?;
        } else {
            writeln!(
                out,
                "Found {} problem{} ({errors} error{}, {warnings} warning{}) in {} files checked.",
                run.findings.len(),
                plural(run.findings.len()),
                plural(errors),
                plural(warnings),
                run.files_checked
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

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn rule(args: RuleArgs) -> Result<u8, String> {
    let docs: Vec<&str> = if args.all {
        rules::RULES.iter().map(|r| r.doc).collect()
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
    for r in rules::RULES {
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
