//! Where a comment may go: fixes that insert a comment line or a trailing comment must not
//! land inside a string, a template or a block comment, after a Python line continuation, or
//! among JSX children, where `//` is text and only `{/* … */}` is a comment.
//!
//! Python and TypeScript/JavaScript are parsed once more with tree-sitter (fixes are rare
//! compared to linting); Rust needs only its string and comment tokens, found by a small lexer.

use std::ops::Range;

use tree_sitter::{Node, Parser, Tree};

use crate::model::Language;

/// What kind of place a line start or a line end is, for a comment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// Code: the language's own line comment works.
    Code,
    /// Among JSX children: only `{/* … */}` is a comment.
    Jsx,
    /// Inside a string, template, block comment or a continued line: no comment can go here.
    Closed,
}

pub struct Lexical<'a> {
    src: &'a str,
    language: Language,
    tree: Option<Tree>,
    /// Rust: string literals and block comments, which a comment must not be put inside.
    closed: Vec<Range<usize>>,
}

impl<'a> Lexical<'a> {
    pub fn new(src: &'a str, language: Language) -> Self {
        let grammar: Option<tree_sitter::Language> = match language {
            Language::Python => Some(tree_sitter_python::LANGUAGE.into()),
            Language::TypeScript => Some(tree_sitter_typescript::LANGUAGE_TYPESCRIPT.into()),
            Language::Tsx | Language::JavaScript => {
                Some(tree_sitter_typescript::LANGUAGE_TSX.into())
            }
            Language::Rust => None,
        };
        let tree = grammar.and_then(|g| {
            let mut parser = Parser::new();
            parser.set_language(&g).ok()?;
            parser.parse(src, None)
        });
        let closed = if language == Language::Rust {
            rust_closed_ranges(src)
        } else {
            Vec::new()
        };
        Lexical {
            src,
            language,
            tree,
            closed,
        }
    }

    /// The place where a new line would start, before the line that begins at `line_start`.
    pub fn line_start(&self, line_start: usize) -> Place {
        let text = &self.src[line_start..];
        let indent = text.len() - text.trim_start_matches([' ', '\t']).len();
        let first = line_start + indent;
        if self.language == Language::Python && self.continues_previous_line(line_start) {
            return Place::Closed;
        }
        match self.language {
            Language::Rust => self.rust_place(line_start),
            _ => self.tree_place(first, true),
        }
    }

    /// The place at the end of the line that ends (before its line break) at `line_end`.
    pub fn line_end(&self, line_end: usize) -> Place {
        let line = &self.src[..line_end];
        let last = line.trim_end_matches([' ', '\t', '\r']).len();
        if last == 0 {
            return Place::Closed;
        }
        let q = floor_char(self.src, last - 1);
        if self.language == Language::Python && line[..last].ends_with('\\') {
            return Place::Closed;
        }
        match self.language {
            Language::Rust => self.rust_place(line_end),
            _ => self.tree_place(q, false),
        }
    }

    fn continues_previous_line(&self, line_start: usize) -> bool {
        let before = self.src[..line_start].trim_end_matches(['\n', '\r']);
        before.ends_with('\\')
            && self
                .tree
                .as_ref()
                .map(|t| {
                    t.root_node()
                        .descendant_for_byte_range(before.len() - 1, before.len())
                })
                .is_none_or(|n| n.is_none_or(|n| n.kind() != "comment"))
    }

    fn rust_place(&self, at: usize) -> Place {
        if self.closed.iter().any(|r| r.start < at && at < r.end) {
            Place::Closed
        } else {
            Place::Code
        }
    }

    /// `at` is the line's first non-blank byte (`start`) or its last one.
    fn tree_place(&self, at: usize, start: bool) -> Place {
        let Some(tree) = &self.tree else {
            return Place::Closed;
        };
        let Some(innermost) = tree.root_node().descendant_for_byte_range(at, at) else {
            return Place::Code;
        };
        let mut node = Some(innermost);
        while let Some(n) = node {
            match n.kind() {
                // Inside `${ … }` is code; right at its `$` is still the template's text.
                "template_substitution" | "interpolation"
                    if (start && n.start_byte() < at) || (!start && n.end_byte() > at + 1) =>
                {
                    break;
                }
                "string" | "template_string" | "regex" | "string_content" => {
                    let open = if start {
                        n.start_byte() < at
                    } else {
                        n.end_byte() > at + 1
                    };
                    if open {
                        return Place::Closed;
                    }
                }
                "comment" => {
                    let text = &self.src[n.start_byte()..n.end_byte()];
                    let block = text.starts_with("/*");
                    if block && n.start_byte() < at && n.end_byte() > at + 1 {
                        return Place::Closed;
                    }
                    if start && n.start_byte() < at {
                        return Place::Closed;
                    }
                }
                _ => {}
            }
            node = n.parent();
        }
        if self.language.is_python() {
            return Place::Code;
        }
        if innermost.kind() == "jsx_text" {
            return Place::Jsx;
        }
        // The largest node that starts (or ends) here: a JSX child when its parent is an element.
        let mut n: Node<'_> = innermost;
        while let Some(p) = n.parent() {
            let same = if start {
                p.start_byte() == n.start_byte()
            } else {
                p.end_byte() == n.end_byte()
            };
            if !same {
                break;
            }
            n = p;
        }
        match n.parent().map(|p| p.kind()) {
            Some("jsx_element" | "jsx_fragment") => Place::Jsx,
            _ if matches!(n.kind(), "jsx_element" | "jsx_fragment")
                && (n.start_byte() < at && at + 1 < n.end_byte()) =>
            {
                Place::Jsx
            }
            _ => Place::Code,
        }
    }
}

fn floor_char(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Rust string literals (plain, raw, byte, C) and block comments: the ranges a comment must
/// not be put inside. Character literals and lifetimes are told apart by their closing quote.
pub fn rust_closed_ranges(src: &str) -> Vec<Range<usize>> {
    let b = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'/' if b.get(i + 1) == Some(&b'/') => {
                i = memchr::memchr(b'\n', &b[i..]).map_or(b.len(), |n| i + n);
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                let start = i;
                let mut depth = 0usize;
                while i < b.len() {
                    if b[i] == b'/' && b.get(i + 1) == Some(&b'*') {
                        depth += 1;
                        i += 2;
                    } else if b[i] == b'*' && b.get(i + 1) == Some(&b'/') {
                        depth -= 1;
                        i += 2;
                        if depth == 0 {
                            break;
                        }
                    } else {
                        i += 1;
                    }
                }
                out.push(start..i.min(b.len()));
            }
            b'r' | b'b' | b'c' if raw_string_at(b, i).is_some() => {
                let (start, hashes, body) = raw_string_at(b, i).expect("checked");
                let mut j = body;
                let end = loop {
                    match memchr::memchr(b'"', &b[j..]) {
                        None => break b.len(),
                        Some(n) => {
                            let q = j + n;
                            if b[q + 1..].len() >= hashes
                                && b[q + 1..q + 1 + hashes].iter().all(|&h| h == b'#')
                            {
                                break q + 1 + hashes;
                            }
                            j = q + 1;
                        }
                    }
                };
                out.push(start..end);
                i = end;
            }
            b'"' => {
                let start = i;
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
                i = (i + 1).min(b.len());
                out.push(start..i);
            }
            b'\'' => {
                // 'x', '\n', '\u{..}' are characters; 'a (no closing quote soon) a lifetime.
                let rest = &b[i + 1..];
                let close = if rest.first() == Some(&b'\\') {
                    rest.iter().skip(1).position(|&c| c == b'\'').map(|p| p + 2)
                } else {
                    let ch = src[i + 1..].chars().next().map_or(1, char::len_utf8);
                    (rest.get(ch) == Some(&b'\'')).then_some(ch + 1)
                };
                i += close.map_or(1, |c| c + 1);
            }
            _ => {
                // Skip identifiers whole, so `br` inside `abr"` is not taken for a prefix.
                if b[i].is_ascii_alphanumeric() || b[i] == b'_' {
                    while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                        i += 1;
                    }
                } else {
                    i += 1;
                }
            }
        }
    }
    out
}

/// A raw string starting at `i` (`r"`, `r#"`, `br##"`, `cr"`): (start, hashes, body start).
fn raw_string_at(b: &[u8], i: usize) -> Option<(usize, usize, usize)> {
    if i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_') {
        return None;
    }
    let mut j = i;
    if matches!(b[j], b'b' | b'c') {
        j += 1;
    }
    if b.get(j) != Some(&b'r') {
        return None;
    }
    j += 1;
    let hashes = b[j..].iter().take_while(|&&c| c == b'#').count();
    j += hashes;
    (b.get(j) == Some(&b'"')).then_some((i, hashes, j + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn starts(src: &str, language: Language) -> Vec<Place> {
        let lx = Lexical::new(src, language);
        let mut at = 0;
        let mut out = Vec::new();
        for line in src.split_inclusive('\n') {
            out.push(lx.line_start(at));
            at += line.len();
        }
        out
    }

    #[test]
    fn python_strings_and_continuations_are_closed() {
        let src = "x = \"\"\"\ninside\n\"\"\"\ny = 1 + \\\n    2\nz = (\n    3)\n";
        use Place::*;
        assert_eq!(
            starts(src, Language::Python),
            [Code, Closed, Closed, Code, Closed, Code, Code]
        );
    }

    #[test]
    fn jsx_children_take_braced_comments() {
        let src =
            "const a = (\n  <div>\n    <b>x</b>\n    text\n  </div>\n);\nconst t = `\n${1}`;\n";
        use Place::*;
        assert_eq!(
            starts(src, Language::Tsx),
            [Code, Code, Jsx, Jsx, Jsx, Code, Code, Closed]
        );
    }

    #[test]
    fn rust_strings_and_block_comments() {
        let src = "let a = \"one\ntwo\";\nlet b = r#\"x\n\"#;\n/* c\n d */\nlet c = 'x';\nfn f<'a>() {}\n";
        use Place::*;
        assert_eq!(
            starts(src, Language::Rust),
            [Code, Closed, Code, Closed, Code, Closed, Code, Code]
        );
    }
}
