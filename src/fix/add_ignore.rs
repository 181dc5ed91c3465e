//! `--add-ignore[=REASON]`: a suppression comment for every current finding, so a codebase
//! adopts the linter in one command and only new code is held to the rules.
//!
//! Each flagged line gets `composio-lint: ignore[CODES] -- REASON` on a new line above it, at
//! its indentation, with the language's comment leader (`{/* … */}` among JSX children). Where a
//! new line cannot go (inside a string or after a Python line continuation, or when the line
//! above already carries a directive that must keep covering this line), the comment trails
//! the flagged line; where neither can, the file gets a `file-ignore` for those codes.

use std::collections::BTreeMap;

use super::lexical::{Lexical, Place};
use super::{Edit, line_ending};
use crate::finding::{Finding, LineIndex};
use crate::model::Language;
use crate::rules;

/// Suppressions only where they can be: a line or the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strategy {
    /// One directive per flagged line, falling back to the file where a line takes none.
    Lines,
    /// One `file-ignore` directive for every code flagged in the file.
    File,
}

/// The reason as it can stand in any comment: one line, no `*/`.
pub fn clean_reason(reason: &str) -> String {
    reason
        .replace("*/", "* /")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The edits that suppress `findings` (CS900 and CS901 are left alone: they cannot be
/// suppressed). Sorted, non-overlapping; insertions at one place are merged.
pub fn edits(
    src: &str,
    language: Language,
    findings: &[Finding],
    reason: &str,
    strategy: Strategy,
) -> Vec<Edit> {
    let mut by_line: BTreeMap<usize, Vec<&'static str>> = BTreeMap::new();
    for f in findings {
        if f.code == rules::PARSE_ERROR.0 || f.code == rules::UNUSED_SUPPRESSION.0 {
            continue;
        }
        let codes = by_line.entry(f.start.line).or_default();
        if !codes.contains(&f.code) {
            codes.push(f.code);
        }
    }
    if by_line.is_empty() {
        return Vec::new();
    }
    let eol = line_ending(src);
    let leader = if language.is_python() { "#" } else { "//" };
    let reason = clean_reason(reason);
    let words = |kind: &str, codes: &[&str]| {
        let mut codes = codes.to_vec();
        codes.sort_unstable();
        let mut s = format!("composio-lint: {kind}[{}]", codes.join(", "));
        if !reason.is_empty() {
            s.push_str(" -- ");
            s.push_str(&reason);
        }
        s
    };
    let mut out: Vec<Edit> = Vec::new();
    let mut file_codes: Vec<&str> = Vec::new();
    if strategy == Strategy::File {
        file_codes = by_line.values().flatten().copied().collect();
    } else {
        let index = LineIndex::new(src);
        let lexical = Lexical::new(src, language);
        for (&line, codes) in &by_line {
            let start = index.line_start(line - 1);
            let end = index.line_end(src, line - 1);
            let end = if src[..end].ends_with('\r') {
                end - 1
            } else {
                end
            };
            let text = &src[start..end];
            let indent = &text[..text.len() - text.trim_start_matches([' ', '\t']).len()];
            // A directive on the line above covers this line; a new line between would end that.
            let above_has_directive = line > 1 && {
                let above = index.line_start(line - 2);
                src[above..start].contains("composio-lint:")
            };
            let directive = words("ignore", codes);
            if !above_has_directive {
                match lexical.line_start(start) {
                    Place::Code => {
                        out.push(Edit::insert(
                            start,
                            format!("{indent}{leader} {directive}{eol}"),
                        ));
                        continue;
                    }
                    Place::Jsx => {
                        out.push(Edit::insert(
                            start,
                            format!("{indent}{{/* {directive} */}}{eol}"),
                        ));
                        continue;
                    }
                    Place::Closed => {}
                }
            }
            match lexical.line_end(end) {
                Place::Code => out.push(Edit::insert(end, format!("  {leader} {directive}"))),
                Place::Jsx => out.push(Edit::insert(end, format!(" {{/* {directive} */}}"))),
                Place::Closed => {
                    file_codes.extend(codes.iter().copied());
                }
            }
        }
    }
    if !file_codes.is_empty() {
        file_codes.sort_unstable();
        file_codes.dedup();
        let at = file_top(src, language);
        out.push(Edit::insert(
            at,
            format!("{leader} {}{eol}", words("file-ignore", &file_codes)),
        ));
    }
    out.sort_by_key(|e| e.range.start);
    // Two insertions at one place (the file's directive and line 1's): one edit, in order.
    let mut merged: Vec<Edit> = Vec::with_capacity(out.len());
    for e in out {
        match merged.last_mut() {
            Some(last) if last.range == e.range => {
                let text = std::mem::take(&mut last.text);
                // The file-level directive first, as it was pushed last.
                last.text = format!("{}{text}", e.text);
            }
            _ => merged.push(e),
        }
    }
    merged
}

/// Where a file-level comment goes: after a shebang and, in Python, an encoding declaration.
fn file_top(src: &str, language: Language) -> usize {
    let mut at = 0;
    for n in 0..2 {
        let line_end = src[at..].find('\n').map_or(src.len(), |i| at + i + 1);
        let line = &src[at..line_end];
        let keep = (n == 0 && line.starts_with("#!"))
            || (language.is_python() && line.starts_with('#') && line.contains("coding"));
        if !keep || line_end == src.len() && !line.ends_with('\n') {
            break;
        }
        at = line_end;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Position;

    fn finding(src: &str, code: &'static str, at: &str) -> Finding {
        let offset = src.find(at).unwrap();
        let index = LineIndex::new(src);
        let start = index.position(src, offset);
        Finding {
            code,
            rule: "r",
            severity: crate::finding::Severity::Error,
            path: "p".into(),
            span: offset..offset + at.len(),
            start,
            end: Position { ..start },
            message: String::new(),
            labels: Vec::new(),
            help: String::new(),
            url: "",
            label_positions: Vec::new(),
            snippet: None,
            fix: None,
        }
    }

    fn added(src: &str, language: Language, at: &[(&'static str, &str)]) -> String {
        let fs: Vec<Finding> = at.iter().map(|(c, a)| finding(src, c, a)).collect();
        let edits = edits(src, language, &fs, "legacy", Strategy::Lines);
        let fix = super::super::Fix::new("t", super::super::Applicability::Safe, edits);
        super::super::apply(src, &[&fix]).0
    }

    #[test]
    fn a_line_above_with_the_indent_and_codes_merged() {
        let src = "def f():\n    s = composio.create(user_id=\"default\")\n";
        assert_eq!(
            added(
                src,
                Language::Python,
                &[("CS004", "composio"), ("CS001", "\"default\"")]
            ),
            "def f():\n    # composio-lint: ignore[CS001, CS004] -- legacy\n    s = composio.create(user_id=\"default\")\n"
        );
    }

    #[test]
    fn jsx_children_get_braced_comments() {
        let src =
            "const a = (\n  <div>\n    <Agent id={composio.create('default')} />\n  </div>\n);\n";
        assert_eq!(
            added(src, Language::Tsx, &[("CS001", "'default'")]),
            "const a = (\n  <div>\n    {/* composio-lint: ignore[CS001] -- legacy */}\n    <Agent id={composio.create('default')} />\n  </div>\n);\n"
        );
    }

    #[test]
    fn after_a_continuation_the_comment_trails_and_a_directive_above_is_kept() {
        let src = "x = 1 + \\\n    f(\"default\")\n";
        assert_eq!(
            added(src, Language::Python, &[("CS001", "\"default\"")]),
            "x = 1 + \\\n    f(\"default\")  # composio-lint: ignore[CS001] -- legacy\n"
        );
        let src = "// composio-lint: ignore[CS004] -- ok\nlet s = c.create_session(\"default\");\n";
        assert_eq!(
            added(src, Language::Rust, &[("CS001", "\"default\"")]),
            "// composio-lint: ignore[CS004] -- ok\nlet s = c.create_session(\"default\");  // composio-lint: ignore[CS001] -- legacy\n"
        );
    }

    #[test]
    fn a_line_inside_a_string_gets_a_file_directive() {
        let src = "#!/usr/bin/env python\nx = f(\"\"\"a\n\"\"\", \"default\") + \\\n  1\n";
        assert_eq!(
            added(src, Language::Python, &[("CS001", "\"default\"")]),
            "#!/usr/bin/env python\n# composio-lint: file-ignore[CS001] -- legacy\nx = f(\"\"\"a\n\"\"\", \"default\") + \\\n  1\n"
        );
    }
}
