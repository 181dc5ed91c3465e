//! The `full` output of every bad fixture, rendered without colour, as insta snapshots.

use std::path::PathBuf;

use composio_lint::lint::{Settings, lint_bytes};
use composio_lint::model::Language;
use composio_lint::report::{self, Format};

#[test]
fn full_output_of_bad_fixtures() {
    let mut files: Vec<PathBuf> = Vec::new();
    for rule in std::fs::read_dir("fixtures").unwrap() {
        let rule = rule.unwrap().path();
        if !rule.is_dir() {
            continue;
        }
        for lang in std::fs::read_dir(&rule).unwrap() {
            for file in std::fs::read_dir(lang.unwrap().path()).unwrap() {
                let path = file.unwrap().path();
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                if name.starts_with("bad") && Language::from_path(&path).is_some() {
                    files.push(path);
                }
            }
        }
    }
    files.sort();
    assert!(!files.is_empty());
    for path in files {
        let src = std::fs::read(&path).unwrap();
        let shown = path.to_string_lossy().replace('\\', "/");
        let findings = lint_bytes(
            &shown,
            &src,
            Language::from_path(&path).unwrap(),
            &Settings {
                snippets: true,
                ..Settings::default()
            },
        );
        let mut out = Vec::new();
        report::render(Format::Full, &findings, false, &mut out).unwrap();
        let name = shown
            .trim_start_matches("fixtures/")
            .replace(['/', '.'], "__");
        insta::assert_snapshot!(name, String::from_utf8(out).unwrap());
    }
}

/// Nested labels (a literal inside the call it reaches, a call inside the store that caches
/// it), labels side by side, and labels over several lines, in every language, at 80 and 120
/// columns: each label sits under its own span, and help text never breaks inside code.
#[test]
fn full_output_label_layouts() {
    for file in ["labels.py", "labels.ts", "labels.jsx", "labels.rs"] {
        let path = PathBuf::from("tests/layouts").join(file);
        let src = std::fs::read(&path).unwrap();
        let shown = format!("tests/layouts/{file}");
        let findings = lint_bytes(
            &shown,
            &src,
            Language::from_path(&path).unwrap(),
            &Settings {
                snippets: true,
                ..Settings::default()
            },
        );
        let codes: Vec<&str> = findings.iter().map(|f| f.code).collect();
        for code in ["CS001", "CS003", "CS005"] {
            assert!(codes.contains(&code), "{file}: no {code} in {codes:?}");
        }
        for width in [80, 120] {
            let mut out = Vec::new();
            report::render_width(Format::Full, &findings, false, width, &mut out).unwrap();
            let text = String::from_utf8(out).unwrap();
            assert_labels_under_their_spans(&text, file);
            for line in text
                .lines()
                .filter(|l| l.starts_with("  help:") || l.starts_with("     "))
            {
                assert_eq!(
                    line.matches('`').count() % 2,
                    0,
                    "{file}: code cut in `{line}`"
                );
            }
            insta::assert_snapshot!(format!("layout__{}__{width}", file.replace('.', "_")), text);
        }
    }
}

/// The `"default"` literal's underline starts in the literal's column on its source line.
fn assert_labels_under_their_spans(text: &str, file: &str) {
    let lines: Vec<&str> = text.lines().collect();
    let mut checked = 0;
    for (i, line) in lines.iter().enumerate() {
        let Some(at) = line.find("default\"").or_else(|| line.find("default'")) else {
            continue;
        };
        // A source line: `NN │ code`.
        if !line.contains("create") || !line.trim_start().starts_with(|c: char| c.is_ascii_digit())
        {
            continue;
        }
        let literal_col = line[..at - 1].chars().count();
        let under = lines[i + 1];
        let under_chars: Vec<char> = under.chars().collect();
        // The literal's underline: `─` from its first character to its last.
        let len = "'default'".len();
        let drawn: String = under_chars[literal_col..literal_col + len].iter().collect();
        assert!(
            drawn.chars().all(|c| c == '─' || c == '┬'),
            "{file}: the literal's label is not under it:\n{line}\n{under}"
        );
        assert_ne!(
            under_chars.get(literal_col - 1),
            Some(&'─'),
            "{file}:\n{line}\n{under}"
        );
        checked += 1;
    }
    assert!(
        checked > 0,
        "{file}: no `\"default\"` line found in\n{text}"
    );
}
