//! Every fixture under fixtures/<CODE>/<language>/ carries its expectations inline:
//! `# ruleid: CS003` on the line(s) directly above a line that must be flagged, `# ok: CS003`
//! above one that must not. Any missing or extra finding, of any rule, fails the test.

use std::collections::BTreeMap;
use std::path::Path;

use composio_lint::lint::{Settings, lint_bytes};
use composio_lint::model::Language;
use composio_lint::rules::RULES;

mod common;
use common::files_under;

/// (line, code) → how many findings are expected there.
type Expected = BTreeMap<(usize, String), usize>;

/// The `ruleid:` expectations, and the `ok:` lines that must stay clean.
fn expectations(src: &str) -> (Expected, Vec<(usize, String)>) {
    let mut expected = BTreeMap::new();
    let mut ok = Vec::new();
    let mut pending_ruleid: Vec<String> = Vec::new();
    let mut pending_ok: Vec<String> = Vec::new();
    for (i, line) in src.lines().enumerate() {
        let trimmed = line.trim_start();
        let comment = trimmed
            .strip_prefix('#')
            .or_else(|| trimmed.strip_prefix("//"));
        if let Some(c) = comment {
            let c = c.trim();
            if let Some(codes) = c.strip_prefix("ruleid:") {
                pending_ruleid.extend(codes.split(',').map(|s| s.trim().to_string()));
                continue;
            }
            if let Some(codes) = c.strip_prefix("ok:") {
                pending_ok.extend(codes.split(',').map(|s| s.trim().to_string()));
                continue;
            }
        }
        for code in pending_ruleid.drain(..) {
            *expected.entry((i + 1, code)).or_default() += 1;
        }
        for code in pending_ok.drain(..) {
            ok.push((i + 1, code));
        }
    }
    (expected, ok)
}

fn check(path: &Path) -> Result<usize, String> {
    let src = std::fs::read_to_string(path).unwrap();
    let (expected, ok) = expectations(&src);
    let language = Language::from_path(path).unwrap();
    let findings = lint_bytes(
        &path.display().to_string(),
        src.as_bytes(),
        language,
        &Settings::default(),
    );
    let mut actual: BTreeMap<(usize, String), usize> = BTreeMap::new();
    for f in &findings {
        *actual
            .entry((f.start.line, f.code.to_string()))
            .or_default() += 1;
    }
    let mut problems = Vec::new();
    for (key, n) in &expected {
        let got = actual.get(key).copied().unwrap_or(0);
        if got < *n {
            problems.push(format!(
                "  missing {} at line {} (expected {n}, got {got})",
                key.1, key.0
            ));
        }
    }
    for (key, n) in &actual {
        let want = expected.get(key).copied().unwrap_or(0);
        if *n > want {
            let f = findings
                .iter()
                .find(|f| f.start.line == key.0 && f.code == key.1)
                .unwrap();
            problems.push(format!(
                "  unexpected {} at line {}: {}",
                key.1, key.0, f.message
            ));
        }
    }
    for (line, code) in &ok {
        if actual.contains_key(&(*line, code.clone())) {
            problems.push(format!(
                "  line {line} is marked `ok: {code}` but was flagged"
            ));
        }
    }
    if problems.is_empty() {
        Ok(expected.values().sum())
    } else {
        Err(format!("{}:\n{}", path.display(), problems.join("\n")))
    }
}

#[test]
fn fixtures_match_their_inline_expectations() {
    let files = files_under("fixtures");
    assert!(!files.is_empty(), "no fixtures found");
    let failures: Vec<String> = files.iter().filter_map(|f| check(f).err()).collect();
    assert!(
        failures.is_empty(),
        "{} of {} fixtures disagree:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
}

/// Every supported language needs bad and good fixtures for every rule.
const LANGUAGES: &[&str] = &["python", "typescript", "javascript", "rust"];

#[test]
fn every_rule_has_bad_and_good_fixtures_in_every_language() {
    for rule in RULES {
        for language in LANGUAGES {
            let dir = Path::new("fixtures").join(rule.code).join(language);
            let names: Vec<String> = std::fs::read_dir(&dir)
                .unwrap_or_else(|_| panic!("{} has no fixtures in {}", rule.code, dir.display()))
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
            let bad: Vec<_> = names.iter().filter(|n| n.starts_with("bad")).collect();
            assert!(!bad.is_empty(), "{}: no bad fixture", dir.display());
            assert!(
                names.iter().any(|n| n.starts_with("good")),
                "{}: no good fixture",
                dir.display()
            );
            let flagged: usize = bad
                .iter()
                .map(|n| expectations(&std::fs::read_to_string(dir.join(n)).unwrap()).0)
                .flat_map(|e| e.into_iter())
                .filter(|((_, code), _)| code == rule.code)
                .map(|(_, n)| n)
                .sum();
            assert!(
                flagged > 0,
                "{}: bad fixtures expect no {} finding",
                dir.display(),
                rule.code
            );
        }
    }
}
