//! Helpers every CLI test file uses.

use std::fs;

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
