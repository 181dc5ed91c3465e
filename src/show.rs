//! `check --show-settings`: what a run would use — the config file found, the rules that run
//! with their severities, excludes, per-file ignores and the flags — without linting.

use std::fmt::Write;

use crate::cli::CheckArgs;
use crate::lint::Settings;
use crate::report::Format;
use crate::rules;

pub fn settings(settings: &Settings, format: Format, args: &CheckArgs) -> String {
    let c = &settings.config;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "config file: {}",
        c.path
            .as_ref()
            .map_or("none (defaults)".to_string(), |p| p.display().to_string())
    );
    let _ = writeln!(s, "config root: {}", c.root.display());
    let _ = writeln!(s, "rules:");
    for rule in rules::every_rule() {
        let runs = if rules::PSEUDO_RULES.iter().any(|p| p.code == rule.code) {
            !settings
                .selection
                .ignore
                .iter()
                .any(|i| i.eq_ignore_ascii_case(rule.code) || i == rule.name)
        } else {
            settings.selection.runs(rule)
        };
        let severity = c.severity.get(rule.code).copied().unwrap_or(rule.severity);
        let _ = writeln!(
            s,
            "  {} {:<24} {:<8} {}",
            rule.code,
            rule.name,
            severity.as_str(),
            if runs { "on" } else { "off" }
        );
    }
    let list = |items: Vec<String>| {
        if items.is_empty() {
            "[]".to_string()
        } else {
            format!("[{}]", items.join(", "))
        }
    };
    let patterns = |m: &crate::config::PathMatcher| {
        m.patterns()
            .iter()
            .map(|(p, root)| format!("\"{p}\" (in {})", root.display()))
            .collect::<Vec<_>>()
    };
    let _ = writeln!(
        s,
        "exclude: {}",
        list(c.exclude.as_ref().map(patterns).unwrap_or_default())
    );
    let _ = writeln!(s, "per-file-ignores:");
    for (m, codes) in &c.per_file_ignores {
        let _ = writeln!(
            s,
            "  {} = {}",
            patterns(m).join(", "),
            list(codes.iter().map(|c| c.to_string()).collect())
        );
    }
    let quoted = |v: &[String]| list(v.iter().map(|x| format!("\"{x}\"")).collect());
    let _ = writeln!(
        s,
        "extra-default-user-ids: {}",
        quoted(&c.extra_default_user_ids)
    );
    let _ = writeln!(s, "extra-loggers: {}", quoted(&c.extra_loggers));
    let _ = writeln!(s, "output-format: {}", format_name(format));
    let _ = writeln!(s, "respect-gitignore: {}", settings.respect_gitignore);
    let _ = writeln!(s, "force-exclude: {}", settings.force_exclude);
    let fix = if args.add_ignore.is_some() {
        "add-ignore"
    } else if args.diff {
        "diff"
    } else if args.fix && args.unsafe_fixes {
        "safe and unsafe fixes"
    } else if args.fix {
        "safe fixes"
    } else {
        "none"
    };
    let _ = writeln!(s, "fix: {fix}");
    s
}

fn format_name(format: Format) -> &'static str {
    match format {
        Format::Full => "full",
        Format::Concise => "concise",
        Format::Json => "json",
        Format::JsonLines => "json-lines",
        Format::Sarif => "sarif",
        Format::Github => "github",
    }
}
