//! Linting one file: read, prefilter, decode, parse once, run every selected rule.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::Config;
use crate::decode;
use crate::discover::{self, display_path};
use crate::finding::{Finding, LineIndex};
use crate::finding::{Label, Severity};
use crate::fix;
use crate::lang;
use crate::model::{Language, Span};
use crate::prefilter;
use crate::rules::{self, Rule};
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
            .filter(|s| Self::is_unknown(s))
            .cloned()
            .collect()
    }

    /// Neither `ALL` nor a rule's code or name.
    pub fn is_unknown(code_or_name: &str) -> bool {
        !code_or_name.eq_ignore_ascii_case("ALL") && rules::resolve_code(code_or_name).is_none()
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
    /// Cut out source snippets for the `full` format.
    pub snippets: bool,
    /// Attach the fixes that need work to find (CS004's) to findings: `--fix`, `--diff`.
    pub fixes: bool,
}

impl Settings {
    fn severity(&self, rule: &Rule) -> Severity {
        self.config
            .severity
            .get(rule.code)
            .copied()
            .unwrap_or(rule.severity)
    }

    /// A `[severity]` override for CS900 / CS901, whose findings are not made by a rule.
    fn override_severity(&self, f: &mut Finding) {
        if let Some(&s) = self.config.severity.get(f.code) {
            f.severity = s;
        }
    }

    /// Codes that `per-file-ignores` turns off for this file.
    fn ignored_here(&self, shown: &str) -> Vec<&'static str> {
        if self.config.per_file_ignores.is_empty() {
            return Vec::new();
        }
        let cwd = std::env::current_dir().unwrap_or_default();
        self.config
            .per_file_ignores
            .iter()
            .filter(|(m, _)| m.matches(Path::new(shown), &cwd))
            .flat_map(|(_, codes)| codes.iter().copied())
            .collect()
    }
}

/// What a run will lint, found before any file is read: the files in output order, entries
/// that could not be walked, and paths named on the command line that do not exist.
pub struct Inputs {
    /// Sorted by the path as shown, which is the output order.
    items: Vec<(String, Input)>,
    pub missing: Vec<(String, String)>,
    /// Files named on the command line that are not in a language composio-lint reads.
    pub skipped: Vec<String>,
    pub files: usize,
}

impl Inputs {
    /// The files to lint, as shown, in output order.
    pub fn files(&self) -> impl Iterator<Item = &str> {
        self.file_paths().map(|(shown, _)| shown)
    }

    /// The files to lint, as shown and as found.
    pub fn file_paths(&self) -> impl Iterator<Item = (&str, &Path)> {
        self.items.iter().filter_map(|(shown, input)| match input {
            Input::File(p) => Some((shown.as_str(), p.as_path())),
            Input::Unreadable(_) => None,
        })
    }
}

enum Input {
    File(PathBuf),
    /// A folder entry the walk could not read, with the reason.
    Unreadable(String),
}

/// What a run found, counted; the findings themselves went to the caller as they came.
#[derive(Debug, Default)]
pub struct RunResult {
    pub files_checked: usize,
    /// Files or paths that could not be read: the run exits 2.
    pub io_errors: usize,
    pub errors: usize,
    pub warnings: usize,
    pub by_rule: BTreeMap<(&'static str, &'static str), usize>,
}

impl RunResult {
    pub fn count(&mut self, findings: &[Finding]) {
        for f in findings {
            match f.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
            }
            *self.by_rule.entry((f.code, f.rule)).or_default() += 1;
        }
    }

    pub fn findings(&self) -> usize {
        self.errors + self.warnings
    }
}

/// Files are linted in parallel this many at a time, and their findings handed on in order.
const BATCH: usize = 512;

pub fn discover_inputs(paths: &[PathBuf], settings: &Settings) -> Inputs {
    let cwd = std::env::current_dir().ok();
    let found = discover::discover(
        paths,
        settings.respect_gitignore,
        settings.config.exclude.as_ref(),
        settings.force_exclude,
    );
    let files = found.files.len();
    let mut items: Vec<(String, Input)> = found
        .files
        .into_iter()
        .map(|p| (display_path(&p, cwd.as_deref()), Input::File(p)))
        .chain(
            found
                .errors
                .into_iter()
                .map(|(p, reason)| (display_path(&p, cwd.as_deref()), Input::Unreadable(reason))),
        )
        .collect();
    items.sort_by(|a, b| a.0.cmp(&b.0));
    let missing = found
        .missing
        .iter()
        .map(|(p, reason)| (p.display().to_string(), reason.clone()))
        .collect();
    let skipped = found
        .skipped
        .iter()
        .map(|p| display_path(p, cwd.as_deref()))
        .collect();
    Inputs {
        items,
        missing,
        skipped,
        files,
    }
}

/// Lints the inputs, handing each batch's findings, sorted, to `emit` in output order.
pub fn run(
    inputs: &Inputs,
    settings: &Settings,
    emit: &mut dyn FnMut(&[Finding]) -> std::io::Result<()>,
) -> std::io::Result<RunResult> {
    let mut result = RunResult {
        files_checked: inputs.files,
        io_errors: inputs.missing.len(),
        ..RunResult::default()
    };
    for batch in inputs.items.chunks(BATCH) {
        let per_input: Vec<(Vec<Finding>, bool)> = batch
            .par_iter()
            // Rayon would otherwise hand out runs of files that cannot be stolen: at the end of
            // each batch one thread idled while the other finished its run (4% of a 2-thread
            // run's time, against 2% with single files).
            .with_max_len(1)
            .map(|(shown, input)| match input {
                Input::File(path) => lint_path(path, shown, settings),
                Input::Unreadable(reason) => (
                    vec![unlocated_error(shown, format!("cannot read: {reason}"))],
                    true,
                ),
            })
            .collect();
        let mut findings = Vec::with_capacity(per_input.iter().map(|(f, _)| f.len()).sum());
        for (f, failed) in per_input {
            findings.extend(f);
            result.io_errors += usize::from(failed);
        }
        sort(&mut findings);
        result.count(&findings);
        emit(&findings)?;
    }
    Ok(result)
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
            vec![unlocated_error(
                shown,
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
    if !settings.no_prefilter && prefilter::cannot_matter(bytes) {
        return Vec::new();
    }
    let report_errors = selection.reports(rules::PARSE_ERROR);
    let decoded = match decode::decode(bytes, language) {
        Ok(decoded) => decoded,
        Err(e) if report_errors => {
            let mut finding = unlocated_error(shown, e.to_string());
            settings.override_severity(&mut finding);
            return vec![finding];
        }
        Err(_) => return Vec::new(),
    };
    let src: &str = &decoded.text;
    let model = lang::analyze(language, src, &settings.config.extra_loggers);
    if let Some((at, why)) = model.not_analyzed {
        if !report_errors {
            return Vec::new();
        }
        let index = LineIndex::new(src);
        let line = index.position(src, at.start).line;
        let msg = format!("{why} (line {line}); the file was not linted");
        let mut finding = parse_error(shown, src, &index, at, msg);
        settings.override_severity(&mut finding);
        finding.locate(src, &index, settings.snippets);
        return vec![finding];
    }
    let ignored_here = settings.ignored_here(shown);
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
        help: c.rule.help.get(language).to_string(),
        url: c.rule.url.get(language),
        label_positions: Vec::new(),
        snippet: None,
        fix: None,
    })
    .collect();
    suppress::apply(
        &mut out,
        shown,
        src,
        &model.comments,
        &index,
        selection.all_rules_run() && selection.reports(rules::UNUSED_SUPPRESSION),
    );
    if report_errors && let Some(first) = model.syntax_errors.iter().min_by_key(|s| s.start) {
        let line = index.position(src, first.start).line;
        let msg = format!(
            "syntax error on line {line}: the code the parser could not read was skipped, the rest of the file was linted"
        );
        // The rest of the file was linted, and grammars lag behind new syntax (TypeScript's
        // `in`/`out` variance, `export type *`): a warning, not a failed run. Files that cannot
        // be read or decoded at all stay errors.
        let mut finding = parse_error(shown, src, &index, first.clone(), msg);
        finding.severity = Severity::Warning;
        out.push(finding);
    }
    for f in &mut out {
        if f.code == rules::PARSE_ERROR.0 || f.code == rules::UNUSED_SUPPRESSION.0 {
            settings.override_severity(f);
        }
        if settings.fixes && f.code == "CS004" {
            f.fix = fix::session_log::log_session_id(src, language, f.span.clone());
        }
        f.locate(src, &index, settings.snippets);
    }
    out
}

/// A CS900 with no place in a source: a file or folder that could not be read or decoded.
fn unlocated_error(shown: &str, message: String) -> Finding {
    parse_error(shown, "", &LineIndex::new(""), 0..0, message)
}

fn parse_error(
    shown: &str,
    source: &str,
    index: &LineIndex,
    span: Span,
    message: String,
) -> Finding {
    // Parsers report byte offsets; keep the span on character boundaries for every renderer.
    let mut span = span.start.min(source.len())..span.end.min(source.len());
    while !source.is_char_boundary(span.start) {
        span.start -= 1;
    }
    while !source.is_char_boundary(span.end) {
        span.end += 1;
    }
    let start = index.position(source, span.start);
    let end = index.position(source, span.end);
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
        label_positions: Vec::new(),
        snippet: None,
        fix: None,
    }
}
