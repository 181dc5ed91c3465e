//! The one source of truth for a reported problem; every output format renders this.

use std::sync::Arc;

use crate::model::Span;
use crate::rules::{Label, Severity};

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
    /// The file's text, shared by all findings in it, for rendering source snippets.
    pub source: Arc<str>,
}

/// 1-based line and column; columns count Unicode scalar values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(src: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', src.as_bytes()).map(|i| i + 1));
        LineIndex { starts }
    }

    pub fn position(&self, src: &str, offset: usize) -> Position {
        let offset = offset.min(src.len());
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let column = src
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count())
            + 1;
        Position {
            line: line + 1,
            column,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
