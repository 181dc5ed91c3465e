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
