//! Fixes on every fixture: `--fix --unsafe-fixes` leaves every CS004 fixture parsing and free
//! of CS004, a second pass changes nothing, and no fix on any fixture adds a syntax error.

use std::path::Path;

use composio_lint::finding::Finding;
use composio_lint::fix::FixMode;
use composio_lint::fix::file::{Action, fix_bytes};
use composio_lint::lint::{Settings, lint_bytes};
use composio_lint::model::Language;

mod common;
use common::files_under;

fn parse_errors(findings: &[Finding]) -> usize {
    findings.iter().filter(|f| f.code == "CS900").count()
}

fn settings() -> Settings {
    Settings {
        fixes: true,
        ..Settings::default()
    }
}

fn fix(path: &Path, bytes: &[u8], mode: FixMode) -> (Vec<u8>, usize) {
    let language = Language::from_path(path).unwrap();
    let fixed = fix_bytes("f", bytes, language, &settings(), &Action::Fix(mode));
    (fixed.bytes.unwrap_or_else(|| bytes.to_vec()), fixed.count)
}

#[test]
fn unsafe_fixes_clear_cs004_on_every_cs004_fixture() {
    let files = files_under("fixtures/CS004");
    assert!(files.len() >= 10);
    let mut fixed_total = 0;
    for path in files {
        let language = Language::from_path(&path).unwrap();
        let bytes = std::fs::read(&path).unwrap();
        let before = lint_bytes("f", &bytes, language, &settings());
        let (after_bytes, count) = fix(&path, &bytes, FixMode::Unsafe);
        let after = lint_bytes("f", &after_bytes, language, &settings());
        let shown = path.display();
        assert_eq!(
            parse_errors(&after),
            parse_errors(&before),
            "{shown}: the fix broke the syntax:\n{}",
            String::from_utf8_lossy(&after_bytes)
        );
        let left: Vec<_> = after.iter().filter(|f| f.code == "CS004").collect();
        assert!(
            left.is_empty(),
            "{shown}: CS004 left at {:?}:\n{}",
            left.iter().map(|f| f.start.line).collect::<Vec<_>>(),
            String::from_utf8_lossy(&after_bytes)
        );
        assert_eq!(
            count,
            before.iter().filter(|f| f.code == "CS004").count(),
            "{shown}"
        );
        fixed_total += count;
        // Fixing the fixed file changes nothing.
        let (again, n) = fix(&path, &after_bytes, FixMode::Unsafe);
        assert_eq!(
            (n, again.as_slice()),
            (0, after_bytes.as_slice()),
            "{shown}"
        );
    }
    assert!(fixed_total >= 30, "{fixed_total}");
}

#[test]
fn no_fix_on_any_fixture_or_corpus_file_breaks_its_syntax() {
    for root in ["fixtures", "tests/corpus", "examples"] {
        for path in files_under(root) {
            let language = Language::from_path(&path).unwrap();
            let bytes = std::fs::read(&path).unwrap();
            let before = parse_errors(&lint_bytes("f", &bytes, language, &settings()));
            for mode in [FixMode::Safe, FixMode::Unsafe] {
                let (after, _) = fix(&path, &bytes, mode);
                let errors = parse_errors(&lint_bytes("f", &after, language, &settings()));
                assert!(
                    errors <= before,
                    "{}: {mode:?} fixes broke the syntax",
                    path.display()
                );
                let (again, n) = fix(&path, &after, mode);
                assert_eq!(
                    (n, &again),
                    (0, &after),
                    "{}: not idempotent",
                    path.display()
                );
            }
        }
    }
}

/// `--add-ignore` on every fixture, corpus and example file, in every language: afterwards
/// nothing is reported but what cannot be suppressed (CS900, CS901), the file has no new
/// syntax error, and a second run adds nothing.
#[test]
fn add_ignore_on_every_file_leaves_it_parsing_and_clean() {
    let mut suppressed = 0;
    let mut languages = std::collections::BTreeSet::new();
    for root in ["fixtures", "tests/corpus", "examples", "tests/layouts"] {
        for path in files_under(root) {
            let language = Language::from_path(&path).unwrap();
            let bytes = std::fs::read(&path).unwrap();
            let shown = path.display();
            let before = lint_bytes("f", &bytes, language, &settings());
            let action = Action::AddIgnore("legacy".into());
            let fixed = fix_bytes("f", &bytes, language, &settings(), &action);
            assert_eq!(fixed.problem, None, "{shown}");
            let after_bytes = fixed.bytes.clone().unwrap_or_else(|| bytes.clone());
            let after = lint_bytes("f", &after_bytes, language, &settings());
            assert!(
                parse_errors(&after) <= parse_errors(&before),
                "{shown}: broke the syntax:\n{}",
                String::from_utf8_lossy(&after_bytes)
            );
            let left: Vec<_> = after
                .iter()
                .filter(|f| f.code != "CS900" && f.code != "CS901")
                .map(|f| (f.code, f.start.line))
                .collect();
            assert!(left.is_empty(), "{shown}: {left:?}");
            if fixed.count > 0 {
                languages.insert(format!("{language:?}"));
            }
            suppressed += fixed.count;
            let again = fix_bytes("f", &after_bytes, language, &settings(), &action);
            assert_eq!(
                (again.count, again.bytes),
                (0, None),
                "{shown}: not idempotent"
            );
        }
    }
    assert!(suppressed > 400, "{suppressed}");
    assert_eq!(
        languages.into_iter().collect::<Vec<_>>(),
        ["JavaScript", "Python", "Rust", "Tsx", "TypeScript"]
    );
}
