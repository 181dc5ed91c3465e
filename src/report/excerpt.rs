//! The slice of a file that a report shows.

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

use crate::finding::LineIndex;
use crate::model::Span;

/// Lines up to this many bytes are shown whole; longer ones (minified bundles, generated
/// data) are cut to a window of `WINDOW` bytes that starts `LEAD` bytes before the primary
/// label, or the first label on the line.
const MAX_LINE: usize = 240;
const WINDOW: usize = 160;
const LEAD: usize = 40;
const ELLIPSIS: &str = "…";
/// Snippets (a label's lines and one line of context) up to this many lines apart are drawn as
/// one.
const MERGE_GAP: usize = 4;
/// How far from a label a line may be drawn: its context line plus the gap a merge fills in.
const NEAR: usize = 1 + MERGE_GAP + 1;

/// The part of a file a report shows: the lines its labels touch, one line of context either
/// side, long lines cropped, and lines between distant labels left empty. miette would otherwise copy the file for every finding, scan it
/// from the top for each span, and print whole lines, megabytes long on a minified bundle.
#[derive(Debug, Clone)]
pub struct Excerpt {
    name: String,
    text: String,
    /// 0-based line number of the excerpt's first line in the file.
    first_line: usize,
    /// The primary label's place in the file, for the `[path:line:column]` header.
    primary: (Span, usize, usize),
    /// The labels' spans within `text`; `None` for a label cropped out of view.
    spans: Vec<Option<Span>>,
    pieces: Vec<Piece>,
}

/// One excerpt line: where it came from in the file and where it went in the excerpt.
#[derive(Debug, Clone)]
struct Piece {
    line: usize,
    from: usize,
    to: usize,
    at: usize,
}

impl Excerpt {
    /// `spans` are the labels', primary first; `lines` indexes `src`.
    pub fn new(
        name: String,
        src: &str,
        lines: &LineIndex,
        spans: impl IntoIterator<Item = Span>,
    ) -> Excerpt {
        let clamp = |o: usize| floor_boundary(src, o.min(src.len()));
        let points: Vec<(usize, usize)> = spans
            .into_iter()
            .map(|s| (clamp(s.start), clamp(s.end.max(s.start))))
            .collect();
        let lo = points.iter().map(|p| p.0).min().unwrap_or(0);
        let hi = points.iter().map(|p| p.1).max().unwrap_or(0);
        let first_line = lines.line_of(lo).saturating_sub(1);
        let last_line = (lines.line_of(hi) + 1).min(lines.line_of(src.len()));
        let start = lines.line_start(first_line);
        let end = lines.line_end(src, last_line);
        let line_end = |o: usize| lines.line_end(src, lines.line_of(o));
        let primary = lines.position(src, points.first().map_or(0, |p| p.0));

        // The lines each label covers; lines far from all of them are never drawn, so they are
        // kept empty (which keeps the line numbering) instead of copied.
        let covered: Vec<(usize, usize)> = points
            .iter()
            .map(|&(a, b)| (lines.line_of(a), lines.line_of(b)))
            .collect();
        let near = |n: usize| covered.iter().any(|&(a, b)| n + NEAR >= a && n <= b + NEAR);
        let primary_start = points.first().map(|p| p.0);

        let mut text = String::new();
        let mut pieces = Vec::new();
        let mut line = start;
        let mut number = first_line;
        loop {
            let stop = line_end(line);
            // The window shows the primary label when it is on this line, else the first label.
            let anchor = primary_start
                .filter(|&o| o >= line && o <= stop)
                .or_else(|| {
                    points
                        .iter()
                        .flat_map(|&(a, b)| [a, b])
                        .filter(|&o| o >= line && o <= stop)
                        .min()
                });
            let (from, to) = if !near(number) {
                (line, line)
            } else if stop - line <= MAX_LINE {
                (line, stop)
            } else {
                let from =
                    floor_boundary(src, anchor.unwrap_or(line).saturating_sub(LEAD).max(line));
                (from, floor_boundary(src, (from + WINDOW).min(stop)))
            };
            if from > line {
                text.push_str(ELLIPSIS);
            }
            pieces.push(Piece {
                line,
                from,
                to,
                at: text.len(),
            });
            text.push_str(&src[from..to]);
            if to < stop && near(number) {
                text.push_str(ELLIPSIS);
            }
            if stop < src.len() {
                text.push('\n');
            }
            if stop >= end {
                break;
            }
            line = stop + 1;
            number += 1;
        }

        let place = |o: usize| -> Option<usize> {
            let i = pieces.partition_point(|p| p.from <= o).checked_sub(1)?;
            let p = &pieces[i];
            (o <= p.to).then(|| p.at + (o - p.from))
        };
        let spans = points
            .iter()
            .map(|&(a, b)| {
                let a = place(a)?;
                // A label running past the window ends at the window's edge.
                let b = place(b).unwrap_or_else(|| {
                    let i = pieces.partition_point(|p| p.at <= a) - 1;
                    pieces[i].at + (pieces[i].to - pieces[i].from)
                });
                Some(a..b.max(a))
            })
            .collect::<Vec<_>>();
        let primary_span = spans.first().cloned().flatten().unwrap_or(0..0);
        Excerpt {
            name,
            text,
            first_line,
            primary: (primary_span, primary.line - 1, primary.column - 1),
            spans,
            pieces,
        }
    }
}

impl SourceCode for Excerpt {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner = self.text.read_span(span, before, after)?;
        let (primary, line, column) = &self.primary;
        let (line, column) = if before == 0 && after == 0 && span.offset() == primary.start {
            (*line, *column)
        } else {
            (
                inner.line() + self.first_line,
                self.column(span.offset(), inner.column()),
            )
        };
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            line,
            column,
            // miette only uses this to decide whether two labels' snippets are drawn as one.
            // Counted from the top of the text, as it does, every label of a file would be
            // drawn in one snippet with all the lines between them; counted from here, labels
            // a few lines apart get one snippet and distant ones get their own.
            memchr::memchr_iter(b'\n', inner.data()).count() + MERGE_GAP,
        )))
    }
}

impl Excerpt {
    /// The excerpt's text: the lines shown, with far lines left empty.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Where the `i`th label is in the excerpt; `None` when it was cropped out of view.
    pub fn span(&self, i: usize) -> Option<Span> {
        self.spans.get(i).cloned().flatten()
    }

    /// The 0-based column in the file of a place in the excerpt: characters on a line shown
    /// whole, bytes on a cropped one (counting its characters would mean reading the line).
    fn column(&self, offset: usize, excerpt_column: usize) -> usize {
        let Some(piece) = self
            .pieces
            .partition_point(|p| p.at <= offset)
            .checked_sub(1)
            .map(|i| &self.pieces[i])
        else {
            return excerpt_column;
        };
        if piece.from > piece.line {
            return piece.from - piece.line + offset.saturating_sub(piece.at);
        }
        self.text
            .get(piece.at..offset)
            .map_or(excerpt_column, |t| t.chars().count())
    }
}

fn floor_boundary(s: &str, mut o: usize) -> usize {
    while !s.is_char_boundary(o) {
        o -= 1;
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_lines_are_kept_whole_with_one_line_of_context() {
        let src = "a\nb\nlet x = 1;\nc\nd\n";
        let start = src.find("x").unwrap();
        let e = Excerpt::new(
            "f".into(),
            src,
            &LineIndex::new(src),
            std::iter::once(start..start + 1),
        );
        assert_eq!(e.text, "b\nlet x = 1;\nc\n");
        assert_eq!(e.first_line, 1);
        assert_eq!(&e.text[e.span(0).unwrap()], "x");
    }

    #[test]
    fn long_lines_are_cropped_around_the_label() {
        let src = format!("{}TARGET{}\nnext\n", "é".repeat(50_000), "z".repeat(50_000));
        let start = src.find("TARGET").unwrap();
        let e = Excerpt::new(
            "f".into(),
            &src,
            &LineIndex::new(&src),
            std::iter::once(start..start + 6),
        );
        assert!(e.text.len() < 2 * WINDOW, "{}", e.text.len());
        assert!(e.text.starts_with(ELLIPSIS) && e.text.contains("…\nnext"));
        assert_eq!(&e.text[e.span(0).unwrap()], "TARGET");
        assert_eq!(e.column(e.span(0).unwrap().start, 0), start);
    }

    #[test]
    fn labels_outside_a_cropped_window_are_dropped_and_long_ones_cut() {
        let src = format!("{}A{}B\n", "x".repeat(1_000), "y".repeat(10_000));
        let a = src.find('A').unwrap();
        let b = src.find('B').unwrap();
        let e = Excerpt::new(
            "f".into(),
            &src,
            &LineIndex::new(&src),
            [a..a + 1, b..b + 1, a..b],
        );
        assert_eq!(&e.text[e.span(0).unwrap()], "A");
        assert_eq!(e.span(1), None);
        let cut = e.span(2).unwrap();
        assert!(e.text[cut].starts_with('A'));
    }

    #[test]
    fn a_cropped_line_shows_the_primary_label() {
        // The call starts long before its user id; the user id is the finding.
        let src = format!(
            "s = composio.create(toolkits=[{}], user_id=\"default\")\n",
            "'x', ".repeat(60)
        );
        let call = src.find("composio").unwrap();
        let id = src.find("\"default\"").unwrap();
        let e = Excerpt::new(
            "f".into(),
            &src,
            &LineIndex::new(&src),
            [id..id + 9, call..src.len() - 1],
        );
        assert_eq!(&e.text[e.span(0).unwrap()], "\"default\"");
    }

    #[test]
    fn lines_far_from_every_label_are_left_empty() {
        let src = format!("top\n{}bottom\n", "filler line\n".repeat(1_000));
        let bottom = src.find("bottom").unwrap();
        let e = Excerpt::new(
            "f".into(),
            &src,
            &LineIndex::new(&src),
            [0..3, bottom..bottom + 6],
        );
        assert_eq!(e.text.lines().count(), 1_002);
        assert!(e.text.len() < 1_200, "{} bytes", e.text.len());
        assert_eq!(&e.text[e.span(1).unwrap()], "bottom");
    }

    #[test]
    fn labels_on_distant_lines_keep_the_lines_between() {
        let src = "one\ntwo\nthree\nfour\r\nfive\n";
        let e = Excerpt::new("f".into(), src, &LineIndex::new(src), [0..3, 20..24]);
        assert_eq!(e.text, src);
        assert_eq!(&e.text[e.span(1).unwrap()], "five");
    }
}
