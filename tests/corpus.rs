//! A labelled corpus of realistic agent code (tests/corpus/<language>/), written independently
//! of the implementation: every `[expect CSxxx]` marker must be matched by a finding with that
//! code on that line, and no other finding may appear (the devset scoring, with no tolerance).

use std::collections::BTreeMap;
use std::path::PathBuf;

use composio_lint::lint::{Settings, lint_bytes};
use composio_lint::model::Language;

#[test]
fn corpus_findings_match_the_labels_exactly() {
    let mut files: Vec<PathBuf> = Vec::new();
    for lang in std::fs::read_dir("tests/corpus").unwrap() {
        let lang = lang.unwrap().path();
        if lang.is_dir() {
            files.extend(std::fs::read_dir(lang).unwrap().map(|e| e.unwrap().path()));
        }
    }
    files.retain(|f| Language::from_path(f).is_some());
    files.sort();
    assert!(files.len() >= 40, "the corpus went missing");
    let (mut tp, mut fp, mut fnn) = (0, 0, 0);
    let mut problems = Vec::new();
    for path in &files {
        let src = std::fs::read_to_string(path).unwrap();
        let mut expected: BTreeMap<(usize, String), i32> = BTreeMap::new();
        for (i, line) in src.lines().enumerate() {
            for part in line.split("[expect ").skip(1) {
                let code = part.split(']').next().unwrap().to_string();
                *expected.entry((i + 1, code)).or_default() += 1;
            }
        }
        let findings = lint_bytes(
            "f",
            src.as_bytes(),
            Language::from_path(path).unwrap(),
            &Settings::default(),
        );
        for f in &findings {
            let key = (f.start.line, f.code.to_string());
            match expected.get_mut(&key) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    tp += 1;
                }
                _ => {
                    fp += 1;
                    problems.push(format!(
                        "FALSE {}:{} {} {}",
                        path.display(),
                        key.0,
                        key.1,
                        f.message
                    ));
                }
            }
        }
        for ((line, code), n) in expected {
            for _ in 0..n {
                fnn += 1;
                problems.push(format!("MISS {}:{line} {code}", path.display()));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "tp={tp} fp={fp} fn={fnn}\n{}",
        problems.join("\n")
    );
    assert!(tp > 30);
}
