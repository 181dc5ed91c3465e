//! Fixes: text edits attached to findings, applied to a file's text and written back
//! atomically. The command line (`--fix`, `--unsafe-fixes`, `--diff`, `--add-ignore`) and,
//! later, the language server's code actions share this module.
//!
//! Edits are byte ranges of the decoded text (see [`crate::decode`]); writing a fixed file
//! encodes it back the way it was stored (byte-order mark, PEP 263 encoding, line endings).

pub mod add_ignore;
pub mod file;
pub mod lexical;
pub mod session_log;
pub mod unused;

use std::io::Write;
use std::ops::Range;
use std::path::Path;

/// Replace `range` (byte offsets in the decoded text) with `text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub range: Range<usize>,
    pub text: String,
}

impl Edit {
    pub fn insert(at: usize, text: impl Into<String>) -> Edit {
        Edit {
            range: at..at,
            text: text.into(),
        }
    }

    pub fn delete(range: Range<usize>) -> Edit {
        Edit {
            range,
            text: String::new(),
        }
    }

    pub fn replace(range: Range<usize>, text: impl Into<String>) -> Edit {
        Edit {
            range,
            text: text.into(),
        }
    }
}

/// Safe fixes keep the program's behaviour (`--fix`); unsafe ones change it, as adding a log
/// line does (`--fix --unsafe-fixes`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applicability {
    Safe,
    Unsafe,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    /// What the fix does, in a few words (for editors' code-action menus).
    pub title: String,
    pub applicability: Applicability,
    /// Non-overlapping edits.
    pub edits: Vec<Edit>,
}

impl Fix {
    pub fn new(title: impl Into<String>, applicability: Applicability, edits: Vec<Edit>) -> Fix {
        let mut edits = edits;
        edits.sort_by_key(|e| (e.range.start, e.range.end));
        Fix {
            title: title.into(),
            applicability,
            edits,
        }
    }

    fn span(&self) -> Range<usize> {
        let start = self.edits.iter().map(|e| e.range.start).min().unwrap_or(0);
        let end = self.edits.iter().map(|e| e.range.end).max().unwrap_or(0);
        start..end
    }
}

/// Which fixes a run applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FixMode {
    #[default]
    None,
    Safe,
    Unsafe,
}

impl FixMode {
    pub fn allows(self, applicability: Applicability) -> bool {
        match self {
            FixMode::None => false,
            FixMode::Safe => applicability == Applicability::Safe,
            FixMode::Unsafe => true,
        }
    }
}

/// Applies the fixes that do not overlap an earlier one (in source order); returns the new
/// text and how many fixes were applied. Skipped fixes are found again on the next pass.
pub fn apply(src: &str, fixes: &[&Fix]) -> (String, usize) {
    let mut order: Vec<&Fix> = fixes
        .iter()
        .copied()
        .filter(|f| !f.edits.is_empty() && edits_are_valid(src, &f.edits))
        .collect();
    order.sort_by_key(|f| (f.span().start, f.span().end));
    let mut taken: Vec<&Edit> = Vec::new();
    let mut applied = 0;
    let mut last_end: Option<usize> = None;
    for fix in order {
        let span = fix.span();
        // Two fixes touching the same place (even two insertions there) wait for a later pass.
        if last_end.is_some_and(|end| span.start <= end) {
            continue;
        }
        last_end = Some(span.end);
        taken.extend(&fix.edits);
        applied += 1;
    }
    let mut out = String::with_capacity(src.len() + 64);
    let mut at = 0;
    for edit in taken {
        out.push_str(&src[at..edit.range.start]);
        out.push_str(&edit.text);
        at = edit.range.end;
    }
    out.push_str(&src[at..]);
    (out, applied)
}

fn edits_are_valid(src: &str, edits: &[Edit]) -> bool {
    let mut end = 0;
    for e in edits {
        if e.range.start < end
            || e.range.start > e.range.end
            || e.range.end > src.len()
            || !src.is_char_boundary(e.range.start)
            || !src.is_char_boundary(e.range.end)
        {
            return false;
        }
        end = e.range.end;
    }
    true
}

/// The line ending a file uses: `\r\n` when its first line ends so, else `\n`.
pub fn line_ending(src: &str) -> &'static str {
    match memchr::memchr(b'\n', src.as_bytes()) {
        Some(i) if i > 0 && src.as_bytes()[i - 1] == b'\r' => "\r\n",
        _ => "\n",
    }
}

/// A unified diff of one file's change, with `a/` and `b/` headers as git prints them.
pub fn unified_diff(shown: &str, old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{shown}"), &format!("b/{shown}"))
        .to_string()
}

/// Why a fixed file was not written.
#[derive(Debug)]
pub enum WriteError {
    /// The file on disk is no longer what was read and fixed.
    Changed,
    /// The file is read-only.
    ReadOnly,
    Io(std::io::Error),
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::Changed => f.write_str("the file changed since it was read; not written"),
            WriteError::ReadOnly => f.write_str("the file is read-only; not written"),
            WriteError::Io(e) => write!(f, "{}", crate::discover::describe_io_error(e)),
        }
    }
}

/// Replaces the file's contents with `new`, all at once: the bytes go to a temporary file in
/// the same folder, which takes the original's permissions and is then renamed over it (over
/// the link's target, for a symbolic link). Refuses when the file no longer holds `original`.
pub fn write_atomically(path: &Path, original: &[u8], new: &[u8]) -> Result<(), WriteError> {
    let target = std::fs::canonicalize(path).map_err(WriteError::Io)?;
    let now = std::fs::read(&target).map_err(WriteError::Io)?;
    if now != original {
        return Err(WriteError::Changed);
    }
    let permissions = std::fs::metadata(&target)
        .map_err(WriteError::Io)?
        .permissions();
    // A read-only file says it is not to be changed; renaming over it would change it anyway.
    if permissions.readonly() {
        return Err(WriteError::ReadOnly);
    }
    let dir = target.parent().unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new()
        .prefix(".composio-lint-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(WriteError::Io)?;
    tmp.write_all(new).map_err(WriteError::Io)?;
    tmp.as_file().sync_all().map_err(WriteError::Io)?;
    std::fs::set_permissions(tmp.path(), permissions).map_err(WriteError::Io)?;
    tmp.persist(&target).map_err(|e| WriteError::Io(e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlapping_fixes_wait_for_the_next_pass() {
        let src = "abcdef";
        let a = Fix::new("a", Applicability::Safe, vec![Edit::replace(1..3, "X")]);
        let b = Fix::new("b", Applicability::Safe, vec![Edit::replace(2..4, "Y")]);
        let c = Fix::new("c", Applicability::Safe, vec![Edit::insert(6, "!")]);
        assert_eq!(apply(src, &[&b, &c, &a]), ("aXdef!".to_string(), 2));
    }

    #[test]
    fn invalid_edits_are_ignored() {
        let src = "é";
        let bad = Fix::new("bad", Applicability::Safe, vec![Edit::delete(1..2)]);
        let past = Fix::new("past", Applicability::Safe, vec![Edit::insert(9, "x")]);
        assert_eq!(apply(src, &[&bad, &past]), ("é".to_string(), 0));
    }

    #[test]
    fn atomic_write_keeps_permissions_and_refuses_changed_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.py");
        std::fs::write(&path, "old\n").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o751)).unwrap();
        }
        write_atomically(&path, b"old\n", b"new\n").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new\n");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o751);
        }
        assert!(matches!(
            write_atomically(&path, b"old\n", b"newer\n"),
            Err(WriteError::Changed)
        ));
        assert_eq!(std::fs::read(&path).unwrap(), b"new\n");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        let mut readonly = std::fs::metadata(&path).unwrap().permissions();
        readonly.set_readonly(true);
        std::fs::set_permissions(&path, readonly).unwrap();
        assert!(matches!(
            write_atomically(&path, b"new\n", b"newer\n"),
            Err(WriteError::ReadOnly)
        ));
        assert_eq!(std::fs::read(&path).unwrap(), b"new\n");
    }

    #[test]
    fn diff_has_git_headers() {
        let d = unified_diff("x.py", "a\nb\n", "a\nc\n");
        assert!(
            d.starts_with("--- a/x.py\n+++ b/x.py\n@@ -1,2 +1,2 @@\n a\n-b\n+c\n"),
            "{d}"
        );
    }
}
