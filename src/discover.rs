//! Walking the paths given on the command line: parallel, gitignore-aware, skipping hidden
//! and vendored folders.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use ignore::{WalkBuilder, WalkState};

use crate::config::PathMatcher;
use crate::model::Language;

/// Folders never worth linting, even when not hidden or ignored.
const SKIPPED_DIRS: &[&str] = &[
    "node_modules",
    "target",
    "__pycache__",
    "venv",
    "site-packages",
];

pub struct Discovered {
    pub files: Vec<PathBuf>,
    /// Paths named on the command line that do not exist or cannot be opened.
    pub missing: Vec<(PathBuf, String)>,
    /// Entries inside walked folders that could not be read, with the reason.
    pub errors: Vec<(PathBuf, String)>,
    /// Files named on the command line that are not in a language composio-lint reads.
    pub skipped: Vec<PathBuf>,
}

/// `exclude` (from the config) prunes walked folders and files; with `force_exclude` it also
/// applies to paths named on the command line, as pre-commit passes every staged file.
pub fn discover(
    paths: &[PathBuf],
    respect_gitignore: bool,
    exclude: Option<&PathMatcher>,
    force_exclude: bool,
) -> Discovered {
    let cwd = std::env::current_dir().unwrap_or_default();
    let excluded = |p: &Path| exclude.is_some_and(|m| m.matches(p, &cwd));
    let mut files = Vec::new();
    let mut missing = Vec::new();
    let mut errors = Vec::new();
    let mut skipped = Vec::new();
    let mut roots = Vec::new();
    let saw_links = AtomicBool::new(false);
    for path in paths {
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_file() => {
                // A file named explicitly is linted whatever the ignore files say.
                if force_exclude && excluded(path) {
                    continue;
                }
                if Language::from_path(path).is_some() {
                    files.push(path.clone());
                } else {
                    skipped.push(path.clone());
                }
            }
            Ok(_) if force_exclude && excluded(path) => {}
            Ok(_) => roots.push(path.clone()),
            Err(e) => missing.push((path.clone(), describe_io_error(&e))),
        }
    }
    if let Some((first, rest)) = roots.split_first() {
        let mut builder = WalkBuilder::new(first);
        for root in rest {
            builder.add(root);
        }
        builder
            .hidden(true)
            .parents(true)
            .ignore(true)
            .git_ignore(respect_gitignore)
            .git_global(respect_gitignore)
            .git_exclude(respect_gitignore)
            .require_git(false)
            .follow_links(false)
            .filter_entry({
                let exclude = exclude.cloned();
                let cwd = cwd.clone();
                move |e| {
                    let vendored = e.file_type().is_some_and(|t| t.is_dir())
                        && e.file_name()
                            .to_str()
                            .is_some_and(|n| SKIPPED_DIRS.contains(&n));
                    let excluded = e.depth() > 0
                        && exclude.as_ref().is_some_and(|m| m.matches(e.path(), &cwd));
                    !(vendored || excluded)
                }
            });
        let found = Mutex::new(Vec::new());
        let failed = Mutex::new(Vec::new());
        let saw_links = &saw_links;
        builder.build_parallel().run(|| {
            Box::new(|entry| {
                match entry {
                    Ok(e) => {
                        let is_file = match e.file_type() {
                            Some(t) if t.is_symlink() => {
                                saw_links.store(true, Ordering::Relaxed);
                                e.path().is_file()
                            }
                            Some(t) => t.is_file(),
                            None => false,
                        };
                        if is_file && Language::from_path(e.path()).is_some() {
                            found
                                .lock()
                                .unwrap_or_else(|p| p.into_inner())
                                .push(e.into_path());
                        }
                    }
                    Err(err) => {
                        let path = walk_error_path(&err).unwrap_or_default();
                        failed
                            .lock()
                            .unwrap_or_else(|p| p.into_inner())
                            .push((path, walk_error_message(&err)));
                    }
                }
                WalkState::Continue
            })
        });
        files.extend(found.into_inner().unwrap_or_else(|p| p.into_inner()));
        errors.extend(failed.into_inner().unwrap_or_else(|p| p.into_inner()));
    }
    // `a.py` and `./a.py` (a path named twice, or named and also walked) or a link and its
    // target are one file, reported under a path that is not a link. One folder walked without
    // meeting a link cannot reach a file twice, and then no path needs resolving.
    if paths.len() > 1 || saw_links.load(Ordering::Relaxed) {
        let mut keyed: Vec<(PathBuf, bool, PathBuf)> = files
            .into_iter()
            .map(|f| {
                let canonical = std::fs::canonicalize(&f).unwrap_or_else(|_| f.clone());
                let is_link =
                    std::fs::symlink_metadata(&f).is_ok_and(|m| m.file_type().is_symlink());
                (canonical, is_link, f)
            })
            .collect();
        keyed.sort();
        keyed.dedup_by(|later, kept| later.0 == kept.0);
        files = keyed.into_iter().map(|(_, _, f)| f).collect();
    }
    files.sort();
    errors.sort();
    Discovered {
        files,
        missing,
        errors,
        skipped,
    }
}

fn walk_error_path(err: &ignore::Error) -> Option<PathBuf> {
    match err {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            walk_error_path(err)
        }
        ignore::Error::Loop { child, .. } => Some(child.clone()),
        _ => None,
    }
}

fn walk_error_message(err: &ignore::Error) -> String {
    match err {
        ignore::Error::WithPath { err, .. }
        | ignore::Error::WithDepth { err, .. }
        | ignore::Error::WithLineNumber { err, .. } => walk_error_message(err),
        ignore::Error::Io(e) => describe_io_error(e),
        other => other.to_string(),
    }
}

pub fn describe_io_error(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// The path as users want to read it: relative to the current directory when under it.
pub fn display_path(path: &Path, cwd: Option<&Path>) -> String {
    let rel = match cwd {
        Some(cwd) if path.is_absolute() => path.strip_prefix(cwd).unwrap_or(path),
        _ => path,
    };
    let rel = rel.strip_prefix(".").unwrap_or(rel);
    rel.to_string_lossy().into_owned()
}
