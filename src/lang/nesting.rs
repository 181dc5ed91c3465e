//! The nesting guard: byte scans run before a parser. They refuse sources nested deeper than it
//! can take, and find the shapes it is slow on.
//!
//! syn and our syn visitors recurse once per nesting level and a stack overflow cannot be
//! caught, and tree-sitter-python's external scanner aborts the process past ~500 open
//! indented blocks. Both are reached only by generated or hostile code, which is reported as
//! CS900 instead of crashing the run. The scans over-approximate (they count what they cannot
//! tell apart), with limits far above anything written by hand.

use crate::model::Span;

/// Bracket depth a Rust file may reach.
const RUST_MAX_BRACKETS: usize = 1_000;
/// Tokens a Rust file may have between two of `; , { }`. Every prefix operator (`!!!!x`),
/// closure bar, `return`, generic `<` and postfix `.field` in such a run can add a level of
/// expression nesting; 200,000 levels overflow the 256 MB analysis stack.
const RUST_MAX_RUN: usize = 20_000;
/// Links an `if .. else if ..` chain may have: each one nests a level deeper.
const RUST_MAX_ELSE_CHAIN: usize = 50_000;

/// Open indented blocks a Python file may reach (tree-sitter-python aborts past ~510).
const PYTHON_MAX_BLOCKS: usize = 400;
/// Consecutive comment lines from which tree-sitter-python gets slow: its scanner looks ahead
/// over the whole run again after each comment, so a run of N lines costs N² (40,000 lines of
/// commented-out code took 25 s).
const PYTHON_COMMENT_RUN: usize = 64;

/// Where a Rust source first nests deeper than the analysis can take.
pub fn rust_too_deep(bytes: &[u8]) -> Option<usize> {
    let mut brackets = 0usize;
    let mut run = 0usize;
    // `} else if .. {} else ..` chains, by bracket depth: each link nests one level deeper.
    let mut chains: Vec<usize> = Vec::new();
    let mut after_close = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let closed = after_close;
        if !b.is_ascii_whitespace() {
            after_close = false;
        }
        match b {
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                i = memchr::memchr(b'\n', &bytes[i..]).map_or(bytes.len(), |n| i + n);
                continue;
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = block_comment_end(bytes, i);
                continue;
            }
            b'"' => {
                i = string_end(bytes, i + 1);
                run += 1;
                continue;
            }
            b'\'' if char_literal_end(bytes, i).is_some() => {
                i = char_literal_end(bytes, i).unwrap_or(i + 1);
                run += 1;
                continue;
            }
            b'(' | b'[' | b'{' => {
                brackets += 1;
                if brackets > RUST_MAX_BRACKETS {
                    return Some(i);
                }
                run = if b == b'{' { 0 } else { run + 1 };
            }
            b')' | b']' | b'}' => {
                brackets = brackets.saturating_sub(1);
                run = if b == b'}' { 0 } else { run + 1 };
                after_close = b == b'}';
            }
            b';' | b',' => run = 0,
            _ if b.is_ascii_whitespace() => {}
            _ if is_word(b) => {
                let start = i;
                while i + 1 < bytes.len() && is_word(bytes[i + 1]) {
                    i += 1;
                }
                let word = &bytes[start..=i];
                if matches!(word, b"r" | b"br" | b"cr")
                    && let Some((hashes, quote)) = raw_string_open(bytes, i + 1)
                {
                    i = raw_string_end(bytes, quote + 1, hashes);
                    run += 1;
                    continue;
                }
                if chains.len() <= brackets {
                    chains.resize(brackets + 1, 0);
                }
                if word == b"else" {
                    chains[brackets] = if closed { chains[brackets] + 1 } else { 1 };
                    if chains[brackets] > RUST_MAX_ELSE_CHAIN {
                        return Some(start);
                    }
                } else if closed {
                    chains[brackets] = 0;
                }
                run += 1;
            }
            _ => run += 1,
        }
        if run > RUST_MAX_RUN {
            return Some(i);
        }
        i += 1;
    }
    None
}

fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}

fn block_comment_end(bytes: &[u8], start: usize) -> usize {
    // Rust block comments nest.
    let mut depth = 0usize;
    let mut i = start;
    while i + 1 < bytes.len() {
        match (bytes[i], bytes[i + 1]) {
            (b'/', b'*') => {
                depth += 1;
                i += 2;
            }
            (b'*', b'/') => {
                depth -= 1;
                i += 2;
                if depth == 0 {
                    return i;
                }
            }
            _ => i += 1,
        }
    }
    bytes.len()
}

/// Just past a character literal starting at `i` (`'"'`, `'\''`, `'é'`); `None` for a
/// lifetime or label (`'a`).
fn char_literal_end(bytes: &[u8], i: usize) -> Option<usize> {
    let first = *bytes.get(i + 1)?;
    if first == b'\\' {
        let close = memchr::memchr(b'\'', bytes.get(i + 3..)?)?;
        return Some(i + 3 + close + 1);
    }
    let width = match first {
        0xF0.. => 4,
        0xE0.. => 3,
        0xC0.. => 2,
        _ => 1,
    };
    (bytes.get(i + 1 + width) == Some(&b'\'')).then_some(i + 2 + width)
}

/// Just past the closing quote of a string whose contents start at `i`.
fn string_end(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

/// After the `r` of `r"`, `r#"`, `br"`, `cr#"`...: the number of `#`s and the offset of the
/// opening quote; `None` for a raw identifier (`r#type`) or anything else.
fn raw_string_open(bytes: &[u8], after: usize) -> Option<(usize, usize)> {
    let hashes = bytes
        .get(after..)?
        .iter()
        .take_while(|&&b| b == b'#')
        .count();
    let quote = after + hashes;
    (bytes.get(quote) == Some(&b'"')).then_some((hashes, quote))
}

fn raw_string_end(bytes: &[u8], mut i: usize, hashes: usize) -> usize {
    while let Some(n) = memchr::memchr(b'"', &bytes[i..]) {
        let close = i + n;
        let tail = &bytes[close + 1..];
        if tail.len() >= hashes && tail[..hashes].iter().all(|&b| b == b'#') {
            return close + 1 + hashes;
        }
        i = close + 1;
    }
    bytes.len()
}

/// What a Python source needs before tree-sitter-python sees it.
#[derive(Debug, Default, PartialEq)]
pub struct PythonScan {
    /// Where the source first opens more indented blocks than the parser can take.
    pub too_deep: Option<usize>,
    /// The comments (from `#` to the end of the line) of long runs of comment-only lines
    /// without quotes. A run inside a string literal is found too; blanking it does not move
    /// the string's end, and only a suppression directive there would be misread.
    pub comment_runs: Vec<Span>,
}

/// Follows indentation the way the tokenizer does (a tab to the next multiple of 8), but over
/// every non-blank line, including those inside brackets and strings, which is only more
/// cautious; a "comment" line inside a string is still a comment here.
pub fn scan_python(src: &str) -> PythonScan {
    let mut out = PythonScan::default();
    let mut levels: Vec<usize> = vec![0];
    let mut run: Vec<Span> = Vec::new();
    let mut offset = 0;
    for line in src.split_inclusive('\n') {
        let mut indent = 0;
        let mut rest = line;
        for (i, c) in line.char_indices() {
            match c {
                ' ' => indent += 1,
                '\t' => indent = (indent / 8 + 1) * 8,
                '\x0c' => indent = 0,
                _ => {
                    rest = &line[i..];
                    break;
                }
            }
        }
        let comment = rest.starts_with('#');
        // A `#` line holding a quote or ending in a backslash may be the inside or the end of
        // a string rather than a comment: it ends a run instead of joining it, so blanking
        // never changes where a string ends.
        let plain_comment =
            comment && !rest.contains(['"', '\'']) && !rest.trim_end().ends_with('\\');
        if plain_comment {
            let start = offset + (line.len() - rest.len());
            run.push(start..offset + line.trim_end_matches(['\n', '\r']).len());
        } else if !rest.trim().is_empty() {
            if run.len() >= PYTHON_COMMENT_RUN {
                out.comment_runs.append(&mut run);
            }
            run.clear();
        }
        if !comment && !rest.trim().is_empty() {
            // The bottom level, 0, is never popped.
            while levels.last().is_some_and(|&top| indent < top) {
                levels.pop();
            }
            if levels.last().is_some_and(|&top| indent > top) {
                levels.push(indent);
                if levels.len() > PYTHON_MAX_BLOCKS {
                    out.too_deep = Some(offset);
                    return out;
                }
            }
        }
        offset += line.len();
    }
    if run.len() >= PYTHON_COMMENT_RUN {
        out.comment_runs.append(&mut run);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rust(src: &str) -> Option<usize> {
        rust_too_deep(src.as_bytes())
    }

    #[test]
    fn ordinary_rust_passes() {
        let src = include_str!("nesting.rs");
        assert_eq!(rust(src), None);
        let long_list = format!("const A: [i32; 100000] = [{}];", "-1, ".repeat(100_000));
        assert_eq!(rust(&long_list), None);
        let long_string = format!("const S: &str = \"{}\";", "!(".repeat(100_000));
        assert_eq!(rust(&long_string), None);
        let raw = format!("const S: &str = r#\"{}\"#;", "\"!(".repeat(100_000));
        assert_eq!(rust(&raw), None);
        // Raw byte and C strings end at their quote, backslash or not; then code resumes.
        let deep = format!("fn f() {{ let x = {}a; }}", "!".repeat(RUST_MAX_RUN + 1));
        for raw in [r#"br"C:\""#, r##"br#"a"b"#"##, r#"cr"x\""#] {
            let src = format!("const P: &[u8] = {raw};\n{deep}\n");
            assert!(rust(&src).is_some(), "{raw}");
        }
        let ident = format!(
            "fn r#type() {{}} const S: &str = \"{}\";",
            "!(".repeat(50_000)
        );
        assert_eq!(rust(&ident), None);
        let comment = format!(
            "/* /* {} */ */ fn f() {{}}\n// {}\n",
            "((".repeat(5_000),
            "!".repeat(50_000)
        );
        assert_eq!(rust(&comment), None);
        let quotes = format!(
            "fn f() {{ let q = '\"'; let e = '\\''; let u = 'é'; }} {}",
            "\"!\"".repeat(30_000)
        );
        assert_eq!(rust(&quotes), None);
    }

    #[test]
    fn deep_rust_without_brackets_is_refused() {
        for shape in ["!", "&", "- ", "|| ", "return ", ".f", "Vec<"] {
            let src = format!("fn f() {{ let x = {}a; }}", shape.repeat(RUST_MAX_RUN + 1));
            assert!(rust(&src).is_some(), "{shape}");
        }
        let chain = format!(
            "fn f() {{ if a {{}} {} }}",
            "else if a { if b { x; } } ".repeat(RUST_MAX_ELSE_CHAIN + 1)
        );
        assert!(rust(&chain).is_some());
        // As many `else`s in separate `if`s are fine.
        let separate = format!(
            "fn f() {{ {} }}",
            "if a { x; } else { y; } ".repeat(RUST_MAX_ELSE_CHAIN + 1)
        );
        assert_eq!(rust(&separate), None);
        let brackets = format!("fn f() {{ {}{} }}", "(".repeat(2_000), ")".repeat(2_000));
        assert!(rust(&brackets).is_some());
    }

    #[test]
    fn python_blocks_are_counted_by_indentation() {
        let mut src = String::new();
        for i in 0..PYTHON_MAX_BLOCKS {
            src.push_str(&format!("{}if x:\n", " ".repeat(i)));
        }
        assert_eq!(scan_python(&src).too_deep, None);
        src.push_str(&format!("{}if x:\n", " ".repeat(PYTHON_MAX_BLOCKS)));
        assert!(scan_python(&src).too_deep.is_some());
        // Dedenting closes blocks; blank and comment lines do not count.
        let flat = "if a:\n    x\n\n        # note\nif b:\n    y\n".repeat(10_000);
        assert_eq!(scan_python(&flat), PythonScan::default());
    }

    #[test]
    fn long_runs_of_comment_lines_are_found() {
        let short = format!("x = 1\n{}y = 2\n", "# c\n".repeat(PYTHON_COMMENT_RUN - 1));
        assert!(scan_python(&short).comment_runs.is_empty());
        let long = format!(
            "x = 1\n{}\n  # é\r\ny = 2\n",
            "# c\n".repeat(PYTHON_COMMENT_RUN)
        );
        let runs = scan_python(&long).comment_runs;
        assert_eq!(runs.len(), PYTHON_COMMENT_RUN + 1);
        assert_eq!(&long[runs[0].clone()], "# c");
        assert_eq!(&long[runs[PYTHON_COMMENT_RUN].clone()], "# é");
        // A quote ends the run: the last line may close a string.
        let in_string = format!(
            "s = \"\"\"\n{}# end\"\"\"\n",
            "# c\n".repeat(PYTHON_COMMENT_RUN)
        );
        let runs = scan_python(&in_string).comment_runs;
        assert!(runs.iter().all(|r| !in_string[r.clone()].contains('"')));
    }
}
