//! Linting one file: read, prefilter, decode, parse once, run every selected rule.

use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::Config;
use crate::discover::{self, display_path};
use crate::finding::{Finding, LineIndex};
use crate::lang;
use crate::model::{Language, Span};
use crate::rules::{self, Label, Rule, Severity};
use crate::suppress;

/// Which rules run: `--select` / `--ignore` by code or name.
#[derive(Debug, Default, Clone)]
pub struct Selection {
    pub select: Vec<String>,
    pub ignore: Vec<String>,
}

impl Selection {
    fn matches(list: &[String], code: &str, name: &str) -> bool {
        list.iter()
            .any(|s| s.eq_ignore_ascii_case(code) || s == name || s.eq_ignore_ascii_case("ALL"))
    }

    pub fn runs(&self, rule: &Rule) -> bool {
        (self.select.is_empty() || Self::matches(&self.select, rule.code, rule.name))
            && !Self::matches(&self.ignore, rule.code, rule.name)
    }

    /// Whether a pseudo-rule (CS900, CS901) reports: only `--ignore` turns them off.
    fn reports(&self, (code, name): (&str, &str)) -> bool {
        !self
            .ignore
            .iter()
            .any(|s| s.eq_ignore_ascii_case(code) || s == name)
    }

    /// Every rule runs, so a suppression that suppressed nothing is really unused.
    fn all_rules_run(&self) -> bool {
        rules::RULES.iter().all(|r| self.runs(r))
    }

    /// Unknown codes or names, for a usage error.
    pub fn unknown(&self) -> Vec<String> {
        self.select
            .iter()
            .chain(&self.ignore)
            .filter(|s| !s.eq_ignore_ascii_case("ALL") && rules::resolve_code(s).is_none())
            .cloned()
            .collect()
    }
}

/// Everything a run is configured with: the rule selection and the config file's settings,
/// command-line flags already applied over the file.
#[derive(Debug, Default)]
pub struct Settings {
    pub selection: Selection,
    pub config: Config,
    pub respect_gitignore: bool,
    /// Apply `exclude` even to paths named on the command line.
    pub force_exclude: bool,
    /// Parse files the prefilter would skip (to measure what it saves).
    pub no_prefilter: bool,
}

impl Settings {
    fn severity(&self, rule: &Rule) -> Severity {
        self.config
            .severity
            .get(rule.code)
            .copied()
            .unwrap_or(rule.severity)
    }

    /// Codes that `per-file-ignores` turns off for this file.
    fn ignored_here(&self, shown: &str, cwd: &Path) -> Vec<&'static str> {
        self.config
            .per_file_ignores
            .iter()
            .filter(|(m, _)| m.matches(Path::new(shown), cwd))
            .flat_map(|(_, codes)| codes.iter().copied())
            .collect()
    }
}

pub struct RunResult {
    pub findings: Vec<Finding>,
    /// Paths named on the command line that do not exist, with the reason.
    pub missing: Vec<(String, String)>,
    pub files_checked: usize,
    /// Files or paths that could not be read: the run exits 2.
    pub io_errors: usize,
}

pub fn run(paths: &[std::path::PathBuf], settings: &Settings) -> RunResult {
    let cwd = std::env::current_dir().ok();
    let exclude = settings.config.exclude.as_ref();
    let found = discover::discover(
        paths,
        settings.respect_gitignore,
        exclude,
        settings.force_exclude,
    );
    let mut findings: Vec<Finding> = found
        .errors
        .iter()
        .map(|(path, reason)| {
            parse_error(
                &display_path(path, cwd.as_deref()),
                Arc::from(""),
                0..0,
                format!("cannot read: {reason}"),
            )
        })
        .collect();
    let io_errors = found.errors.len();
    let per_file: Vec<(Vec<Finding>, bool)> = found
        .files
        .par_iter()
        .map(|path| lint_path(path, &display_path(path, cwd.as_deref()), settings))
        .collect();
    let mut read_failures = 0;
    for (f, failed) in per_file {
        findings.extend(f);
        read_failures += usize::from(failed);
    }
    sort(&mut findings);
    let missing: Vec<(String, String)> = found
        .missing
        .iter()
        .map(|(p, reason)| (p.display().to_string(), reason.clone()))
        .collect();
    RunResult {
        findings,
        files_checked: found.files.len(),
        io_errors: io_errors + read_failures + missing.len(),
        missing,
    }
}

pub fn sort(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        (a.path.as_str(), a.start, a.code, a.end).cmp(&(b.path.as_str(), b.start, b.code, b.end))
    });
}

/// Lints one file from disk; the flag is true when it could not be read.
fn lint_path(path: &Path, shown: &str, settings: &Settings) -> (Vec<Finding>, bool) {
    let Some(language) = Language::from_path(path) else {
        return (Vec::new(), false);
    };
    match std::fs::read(path) {
        Ok(bytes) => (lint_bytes(shown, &bytes, language, settings), false),
        Err(e) => (
            vec![parse_error(
                shown,
                Arc::from(""),
                0..0,
                format!("cannot read: {}", discover::describe_io_error(&e)),
            )],
            true,
        ),
    }
}

/// Lints source bytes. Files that cannot matter are skipped before decoding or parsing.
pub fn lint_bytes(
    shown: &str,
    bytes: &[u8],
    language: Language,
    settings: &Settings,
) -> Vec<Finding> {
    let selection = &settings.selection;
    if !settings.no_prefilter && discover::cannot_matter(bytes) {
        return Vec::new();
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let report_errors = selection.reports(rules::PARSE_ERROR);
    if let Some(nul) = memchr::memchr(0, bytes) {
        let msg = format!("binary file (NUL byte at offset {nul}); not linted");
        return if report_errors {
            vec![parse_error(shown, Arc::from(""), 0..0, msg)]
        } else {
            Vec::new()
        };
    }
    let src = match std::str::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => {
            let valid = &bytes[..e.valid_up_to()];
            let line = memchr::memchr_iter(b'\n', valid).count() + 1;
            let msg = format!(
                "invalid UTF-8 on line {line} (byte offset {}); not linted",
                e.valid_up_to()
            );
            return if report_errors {
                vec![parse_error(shown, Arc::from(""), 0..0, msg)]
            } else {
                Vec::new()
            };
        }
    };
    let normalized = lone_carriage_returns_to_newlines(src);
    let src = normalized.as_deref().unwrap_or(src);
    let model = lang::analyze(language, src, &settings.config.extra_loggers);
    if let Some((at, why)) = model.not_analyzed {
        if !report_errors {
            return Vec::new();
        }
        let line = LineIndex::new(src).position(src, at.start).line;
        let msg = format!("{why} (line {line}); the file was not linted");
        return vec![parse_error(shown, Arc::from(src), at, msg)];
    }
    let cwd = std::env::current_dir().unwrap_or_default();
    let ignored_here = settings.ignored_here(shown, &cwd);
    let source: Arc<str> = Arc::from(src);
    let index = LineIndex::new(src);
    let mut out: Vec<Finding> = rules::check_file(
        &model,
        src,
        language,
        &settings.config.extra_default_user_ids,
        &|r| selection.runs(r) && !ignored_here.contains(&r.code),
    )
    .into_iter()
    .map(|c| Finding {
        code: c.rule.code,
        rule: c.rule.name,
        severity: settings.severity(c.rule),
        path: shown.to_string(),
        start: index.position(src, c.diagnostic.span.start),
        end: index.position(src, c.diagnostic.span.end),
        span: c.diagnostic.span,
        message: c.diagnostic.message,
        labels: c.diagnostic.labels,
        help: c.diagnostic.help,
        url: c.rule.url,
        source: source.clone(),
    })
    .collect();
    suppress::apply(
        &mut out,
        shown,
        &source,
        &model.comments,
        &index,
        selection.all_rules_run() && selection.reports(rules::UNUSED_SUPPRESSION),
    );
    if report_errors && let Some(first) = model.syntax_errors.iter().min_by_key(|s| s.start) {
        let line = index.position(src, first.start).line;
        let msg = format!(
            "syntax error on line {line}; the rest of the file was linted, nothing inside the unparsable code"
        );
        // The rest of the file was linted, and grammars lag behind new syntax (TypeScript's
        // `in`/`out` variance, `export type *`): a warning, not a failed run. Files that cannot
        // be read or decoded at all stay errors.
        let mut finding = parse_error(shown, source, first.clone(), msg);
        finding.severity = Severity::Warning;
        out.push(finding);
    }
    out
}

/// A lone `\r` ends a line in Python, JavaScript and Rust, but the parsers and line numbers here
/// only know `\n` and `\r\n`: old Mac line endings become `\n`, which keeps every offset.
fn lone_carriage_returns_to_newlines(src: &str) -> Option<String> {
    let bytes = src.as_bytes();
    let lone = |&i: &usize| bytes.get(i + 1) != Some(&b'\n');
    let first = memchr::memchr_iter(b'\r', bytes).find(lone)?;
    let mut out = bytes.to_vec();
    for i in memchr::memchr_iter(b'\r', &bytes[first..])
        .map(|i| first + i)
        .filter(lone)
    {
        out[i] = b'\n';
    }
    Some(String::from_utf8(out).expect("one ASCII byte replaced by another"))
}

fn parse_error(shown: &str, source: Arc<str>, span: Span, message: String) -> Finding {
    // Parsers report byte offsets; keep the span on character boundaries for every renderer.
    let mut span = span.start.min(source.len())..span.end.min(source.len());
    while !source.is_char_boundary(span.start) {
        span.start -= 1;
    }
    while !source.is_char_boundary(span.end) {
        span.end += 1;
    }
    let index = LineIndex::new(&source);
    let start = index.position(&source, span.start);
    let end = index.position(&source, span.end);
    Finding {
        code: rules::PARSE_ERROR.0,
        rule: rules::PARSE_ERROR.1,
        severity: Severity::Error,
        path: shown.to_string(),
        labels: if source.is_empty() {
            Vec::new()
        } else {
            vec![Label {
                span: span.clone(),
                text: "cannot parse this".into(),
            }]
        },
        span,
        start,
        end,
        message,
        help: "fix the file so it can be read and parsed; the other files were still linted".into(),
        url: "",
        source,
    }
}
