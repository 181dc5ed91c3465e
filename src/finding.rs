//! The one source of truth for a reported problem; every output format renders this.

use std::sync::OnceLock;

use crate::model::Span;
use crate::report::excerpt::Excerpt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A span of the file with the text drawn under it.
#[derive(Debug, Clone)]
pub struct Label {
    pub span: Span,
    pub text: String,
}

#[derive(Debug, Clone)]
pub struct Finding {
    pub code: &'static str,
    pub rule: &'static str,
    pub severity: Severity,
    /// The path as walked, relative to the current directory when under it.
    pub path: String,
    pub span: Span,
    pub start: Position,
    pub end: Position,
    pub message: String,
    pub labels: Vec<Label>,
    pub help: String,
    pub url: &'static str,
    /// Where each label starts and ends, for formats that list them (SARIF).
    pub label_positions: Vec<(Position, Position)>,
    /// The lines the `full` format shows, cut out while the file is at hand (only when that
    /// format is asked for), so the file's text need not outlive its linting.
    pub snippet: Option<Excerpt>,
    /// An edit that resolves the finding, when one is known (`--fix`, editors).
    pub fix: Option<crate::fix::Fix>,
}

impl Finding {
    /// Fills in what needs the file's text: label positions and, if asked, the snippet.
    pub fn locate(&mut self, src: &str, index: &LineIndex, snippet: bool) {
        self.label_positions = self
            .labels
            .iter()
            .map(|l| {
                (
                    index.position(src, l.span.start),
                    index.position(src, l.span.end),
                )
            })
            .collect();
        if snippet && !self.labels.is_empty() {
            self.snippet = Some(Excerpt::new(
                self.path.clone(),
                src,
                index,
                self.labels.iter().map(|l| l.span.clone()),
            ));
        }
    }
}

/// 1-based line and column; columns count Unicode scalar values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

pub struct LineIndex {
    starts: Vec<usize>,
    /// Characters before each `BLOCK`-byte boundary of the text, built the first time a column
    /// is asked for far along a line, so that findings on a megabytes-long minified line do
    /// not each count the line from its start.
    blocks: OnceLock<Vec<usize>>,
}

const BLOCK: usize = 4096;

/// UTF-8 continuation bytes are `0b10xx_xxxx`; every other byte starts a character.
fn chars_in(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

impl LineIndex {
    pub fn new(src: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', src.as_bytes()).map(|i| i + 1));
        LineIndex {
            starts,
            blocks: OnceLock::new(),
        }
    }

    pub fn position(&self, src: &str, offset: usize) -> Position {
        let offset = offset.min(src.len());
        let line = self.line_of(offset);
        let start = self.starts[line];
        let column = if offset - start <= BLOCK {
            chars_in(&src.as_bytes()[start..offset])
        } else {
            self.chars_before(src, offset) - self.chars_before(src, start)
        };
        Position {
            line: line + 1,
            column: column + 1,
        }
    }

    /// The 0-based line holding `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset) - 1
    }

    pub fn line_start(&self, line: usize) -> usize {
        self.starts[line.min(self.starts.len() - 1)]
    }

    /// Where the line ends, before its `\n`.
    pub fn line_end(&self, src: &str, line: usize) -> usize {
        self.starts.get(line + 1).map_or(src.len(), |&s| s - 1)
    }

    fn chars_before(&self, src: &str, offset: usize) -> usize {
        let blocks = self.blocks.get_or_init(|| {
            let mut total = 0;
            let mut out = vec![0];
            for chunk in src.as_bytes().chunks(BLOCK) {
                total += chars_in(chunk);
                out.push(total);
            }
            out
        });
        let block = offset / BLOCK;
        blocks[block] + chars_in(&src.as_bytes()[block * BLOCK..offset])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_far_along_a_long_line_count_scalar_values() {
        let src = format!("x\n{}é{}y", "a".repeat(10_000), "ü".repeat(9_000));
        let ix = LineIndex::new(&src);
        let y = src.find('y').unwrap();
        assert_eq!(
            ix.position(&src, y),
            Position {
                line: 2,
                column: 19_002
            }
        );
        let e = src.find('é').unwrap();
        assert_eq!(
            ix.position(&src, e + 2),
            Position {
                line: 2,
                column: 10_002
            }
        );
    }

    #[test]
    fn positions_count_scalar_values() {
        let src = "ab\nçé x\n";
        let ix = LineIndex::new(src);
        assert_eq!(ix.position(src, 0), Position { line: 1, column: 1 });
        assert_eq!(ix.position(src, 3), Position { line: 2, column: 1 });
        let x = src.find('x').unwrap();
        assert_eq!(ix.position(src, x), Position { line: 2, column: 4 });
        assert_eq!(ix.position(src, src.len()), Position { line: 3, column: 1 });
    }
}
