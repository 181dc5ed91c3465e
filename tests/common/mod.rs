//! Helpers the integration tests share. Each test file is its own crate and uses only some of
//! them, so the ones a file leaves unused are not dead code.
#![allow(dead_code)]

use std::fs;
use std::path::PathBuf;

use composio_lint::model::Language;

use tempfile::TempDir;

/// A scratch folder holding `files` (relative paths, parent folders made as needed).
pub fn project(files: &[(&str, &[u8])]) -> TempDir {
    let dir = TempDir::new().unwrap();
    for (name, body) in files {
        let path = dir.path().join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, body).unwrap();
    }
    dir
}

/// Every lintable source file under `root`, sorted.
pub fn files_under(root: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![PathBuf::from(root)];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if Language::from_path(&path).is_some() {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}
