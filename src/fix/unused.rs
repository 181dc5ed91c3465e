//! The safe fix for CS901: take out a suppression that suppresses nothing. Only the directive
//! goes (or only its unused codes); other words in the same comment stay, and a comment left
//! empty is removed with its line when it had the line to itself.

use std::ops::Range;

use super::{Applicability, Edit, Fix};

/// `unused` are the codes, as written, that suppress nothing; `None` means the whole
/// directive (one without a code list).
pub fn remove_unused(src: &str, comment: Range<usize>, unused: Option<&[String]>) -> Option<Fix> {
    let text = src.get(comment.clone())?;
    let edit = if let Some(at) = text.find("composio-lint:") {
        directive_edit(text, at, unused)?
    } else {
        noqa_edit(text, unused?)?
    };
    // What the comment would say without the directive.
    let mut rest = String::with_capacity(text.len());
    rest.push_str(&text[..edit.range.start]);
    rest.push_str(&edit.text);
    rest.push_str(&text[edit.range.end..]);
    let title = "remove the unused suppression";
    if !comment_body(&rest).is_empty() {
        let edit = Edit::replace(
            comment.start + edit.range.start..comment.start + edit.range.end,
            edit.text,
        );
        return Some(Fix::new(title, Applicability::Safe, vec![edit]));
    }
    Some(Fix::new(
        title,
        Applicability::Safe,
        vec![remove_comment(src, comment)],
    ))
}

/// The edit, relative to the comment, that drops the `composio-lint:` directive at `at` or
/// its unused codes.
fn directive_edit(text: &str, at: usize, unused: Option<&[String]>) -> Option<Edit> {
    let after = at + "composio-lint:".len();
    let open = text[after..].find('[').map(|i| after + i);
    let close = open.and_then(|o| text[o..].find(']').map(|i| o + i));
    if let (Some(unused), Some(open), Some(close)) = (unused, open, close) {
        let codes: Vec<&str> = text[open + 1..close]
            .split(',')
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .collect();
        let kept: Vec<&str> = codes
            .iter()
            .copied()
            .filter(|c| !unused.iter().any(|u| u == c))
            .collect();
        if !kept.is_empty() {
            return Some(Edit::replace(open + 1..close, kept.join(", ")));
        }
    }
    // The whole directive: up to the end of the comment's text (its reason included).
    let end = body_end(text);
    let start = text[..at].trim_end_matches([' ', '\t']).len();
    let start = if text[..start].ends_with([';', ',']) {
        start - 1
    } else {
        start
    };
    Some(Edit::delete(start.min(at)..end.max(at)))
}

/// `# noqa: E501, CS004`: drop our unused codes, keep other tools' codes.
fn noqa_edit(text: &str, unused: &[String]) -> Option<Edit> {
    let at = text.find("noqa:")?;
    let list_start = at + "noqa:".len();
    let bytes = text.as_bytes();
    let separator = |c: u8| matches!(c, b',' | b' ' | b'\t');
    let (mut i, mut end) = (list_start, list_start);
    let mut codes = Vec::new();
    loop {
        while i < bytes.len() && separator(bytes[i]) {
            i += 1;
        }
        let s = i;
        while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
            i += 1;
        }
        if i == s || (i < bytes.len() && !separator(bytes[i])) {
            break;
        }
        codes.push(&text[s..i]);
        end = i;
    }
    let kept: Vec<&str> = codes
        .into_iter()
        .filter(|c| !unused.iter().any(|u| u == c))
        .collect();
    if kept.is_empty() {
        let start = text[..at].trim_end_matches([' ', '\t']).len();
        return Some(Edit::delete(start..end));
    }
    Some(Edit::replace(
        list_start..end,
        format!(" {}", kept.join(", ")),
    ))
}

/// Where a comment's text ends: before a block comment's `*/` and the blanks before it.
fn body_end(text: &str) -> usize {
    let body = text.strip_suffix("*/").unwrap_or(text);
    body.trim_end().len()
}

/// The words of a comment, without its leader and closer.
fn comment_body(text: &str) -> &str {
    let t = text.trim();
    let t = t.strip_suffix("*/").unwrap_or(t);
    let t = t
        .strip_prefix("///")
        .or_else(|| t.strip_prefix("//!"))
        .or_else(|| t.strip_prefix("//"))
        .or_else(|| t.strip_prefix("/**"))
        .or_else(|| t.strip_prefix("/*!"))
        .or_else(|| t.strip_prefix("/*"))
        .or_else(|| t.strip_prefix('#'))
        .unwrap_or(t);
    t.trim()
}

/// Deletes the comment: its whole line when nothing else is on it, JSX's `{ }` around it,
/// and the blanks before a trailing one.
fn remove_comment(src: &str, comment: Range<usize>) -> Edit {
    let mut start = comment.start;
    let mut end = comment.end;
    // JSX: `{/* … */}` goes as a whole.
    let before = src[..start].trim_end_matches([' ', '\t']);
    let after_len = src[end..].len() - src[end..].trim_start_matches([' ', '\t']).len();
    if before.ends_with('{') && src[end + after_len..].starts_with('}') {
        start = before.len() - 1;
        end = end + after_len + 1;
    }
    let line_start = src[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = src[end..].find('\n').map_or(src.len(), |i| end + i);
    let alone_before = src[line_start..start].trim().is_empty();
    let alone_after = src[end..line_end].trim().is_empty();
    if alone_before && alone_after {
        // The line and its line break.
        let next = if line_end < src.len() {
            line_end + 1
        } else {
            line_end
        };
        // The last line of a file without a final newline: take the break before it instead.
        if next == src.len() && line_end == src.len() && line_start > 0 {
            let prev = if src[..line_start - 1].ends_with('\r') {
                line_start - 2
            } else {
                line_start - 1
            };
            return Edit::delete(prev..line_end);
        }
        return Edit::delete(line_start..next);
    }
    let blank_before = src[..start].len() - src[..start].trim_end_matches([' ', '\t']).len();
    if alone_after {
        // A trailing comment: the blanks before it go too.
        return Edit::delete(start - blank_before..end);
    }
    if alone_before || (blank_before > 0 && after_len > 0) {
        return Edit::delete(start..end + after_len);
    }
    if blank_before > 0 || after_len > 0 {
        return Edit::delete(start..end);
    }
    // Code on both sides (`a/* x */b`): one space keeps the tokens apart.
    Edit::replace(start..end, " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixed(src: &str, needle: &str, unused: Option<&[&str]>) -> String {
        let start = src.find(needle).unwrap();
        let end = src[start..].find('\n').map_or(src.len(), |i| start + i);
        let end = if needle.starts_with("/*") {
            start + src[start..].find("*/").unwrap() + 2
        } else {
            end
        };
        let unused: Option<Vec<String>> = unused.map(|u| u.iter().map(|s| s.to_string()).collect());
        let fix = remove_unused(src, start..end, unused.as_deref()).unwrap();
        super::super::apply(src, &[&fix]).0
    }

    #[test]
    fn a_comment_line_goes_with_its_line() {
        let src = "a = 1\n    # composio-lint: ignore[CS001] -- demo\nb = 2\n";
        assert_eq!(fixed(src, "# composio", Some(&["CS001"])), "a = 1\nb = 2\n");
        let src = "a\r\n// composio-lint: file-ignore[CS004]\r\nb\r\n";
        assert_eq!(fixed(src, "// composio", Some(&["CS004"])), "a\r\nb\r\n");
    }

    #[test]
    fn a_trailing_comment_goes_with_its_blanks() {
        let src = "x = f()  # composio-lint: ignore -- old\n";
        assert_eq!(fixed(src, "# composio", None), "x = f()\n");
        let src = "x = f()  # noqa: CS004\n";
        assert_eq!(fixed(src, "# noqa", Some(&["CS004"])), "x = f()\n");
    }

    #[test]
    fn only_unused_codes_and_only_the_directive_go() {
        let src = "# composio-lint: ignore[CS001, CS004] -- demo\n";
        assert_eq!(
            fixed(src, "# composio", Some(&["CS004"])),
            "# composio-lint: ignore[CS001] -- demo\n"
        );
        let src = "x  # noqa: E501, CS004\n";
        assert_eq!(fixed(src, "# noqa", Some(&["CS004"])), "x  # noqa: E501\n");
        let src = "x  # TODO tidy up; composio-lint: ignore[CS002]\n";
        assert_eq!(
            fixed(src, "# TODO", Some(&["CS002"])),
            "x  # TODO tidy up\n"
        );
    }

    #[test]
    fn jsx_and_inline_block_comments() {
        let src = "<div>\n  {/* composio-lint: ignore[CS001] */}\n  <b/>\n</div>\n";
        assert_eq!(
            fixed(src, "/* composio", Some(&["CS001"])),
            "<div>\n  <b/>\n</div>\n"
        );
        let src = "f(a,/* composio-lint: ignore[CS001] */b)\n";
        assert_eq!(fixed(src, "/* composio", Some(&["CS001"])), "f(a, b)\n");
        let src = "f(a, /* composio-lint: ignore[CS001] */ b)\n";
        assert_eq!(fixed(src, "/* composio", Some(&["CS001"])), "f(a, b)\n");
    }
}
