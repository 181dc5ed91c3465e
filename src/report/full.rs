//! The human format: a miette graphical report per finding — code and rule name, message,
//! the source lines with each label under its own span, a `help:` saying what to write
//! instead, and one `docs:` line pointing at `composio-lint rule CSxxx` and the Composio page
//! for the finding's language. The rule's documentation itself is what `rule` prints.

use std::fmt;
use std::io::Write;

use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, SourceCode};

use crate::finding::{Finding, Severity};
use crate::model::Span;
use crate::rules;

struct Report<'a> {
    finding: &'a Finding,
    message: String,
    help: String,
    /// The labels' spans in the excerpt, untangled so none sits inside another on a line.
    spans: Vec<Option<Span>>,
}

impl fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Report<'_> {}

impl Diagnostic for Report<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(format!(
            "{}({})",
            self.finding.code, self.finding.rule
        )))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.finding.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        (!self.help.is_empty()).then(|| Box::new(&self.help) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.finding.snippet.as_ref().map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let labels = self.finding.labels.iter().enumerate().filter_map(|(i, l)| {
            let span = self.spans.get(i)?.clone()?;
            let at = (span.start, span.end - span.start);
            Some(if i == 0 {
                LabeledSpan::new_primary_with_span(Some(l.text.clone()), at)
            } else {
                LabeledSpan::new_with_span(Some(l.text.clone()), at)
            })
        });
        Some(Box::new(labels))
    }
}

/// The width reports are laid out for when the terminal does not say.
pub const DEFAULT_WIDTH: usize = 100;

pub fn render(
    findings: &[Finding],
    color: bool,
    width: usize,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    // Text is wrapped here, where code spans are known; miette would cut through them.
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_links(false)
        .with_wrap_lines(false)
        .with_width(width);
    let width = width.max(40);
    for f in findings {
        let spans = match &f.snippet {
            Some(snippet) => {
                let placed: Vec<Option<Span>> =
                    (0..f.labels.len()).map(|i| snippet.span(i)).collect();
                untangle(snippet.text(), &placed)
            }
            None => Vec::new(),
        };
        let report = Report {
            finding: f,
            // "  × " and "  help: " come before the text.
            message: wrap(&f.message, width.saturating_sub(4), 0),
            help: wrap(&f.help, width.saturating_sub(8), 0),
            spans,
        };
        let mut rendered = String::new();
        handler
            .render_report(&mut rendered, &report)
            .map_err(|e| std::io::Error::other(e.to_string()))?;
        if f.snippet.is_none() {
            // Nothing to show from the source: say where it is.
            writeln!(out, "{}:", f.path)?;
        }
        write!(out, "{rendered}")?;
        if let Some(docs) = docs_line(f) {
            writeln!(out, "  docs: {}", wrap(&docs, width.saturating_sub(8), 8))?;
        }
        writeln!(out)?;
    }
    Ok(())
}

/// `composio-lint rule CSxxx` and the Composio page, for rules that have them.
fn docs_line(f: &Finding) -> Option<String> {
    let has_doc = rules::find(f.code).is_some();
    match (has_doc, f.url.is_empty()) {
        (false, true) => None,
        (true, true) => Some(format!("`composio-lint rule {}`", f.code)),
        (false, false) => Some(f.url.to_string()),
        (true, false) => Some(format!("`composio-lint rule {}`, {}", f.code, f.url)),
    }
}

/// Wraps `text` to `width` columns at spaces outside `code spans`, which are never split (a
/// code span longer than a line gets a line of its own). Lines after the first are indented
/// by `indent` spaces.
pub fn wrap(text: &str, width: usize, indent: usize) -> String {
    let mut words: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut in_code = false;
    for c in text.chars() {
        if c == '`' {
            in_code = !in_code;
        }
        if c == ' ' && !in_code {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
        } else {
            current.push(c);
        }
    }
    if !current.is_empty() {
        words.push(current);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut column = 0;
    for word in words {
        let w = word.chars().count();
        if column > 0 && column + 1 + w > width {
            out.push('\n');
            out.extend(std::iter::repeat_n(' ', indent));
            column = 0;
        } else if column > 0 {
            out.push(' ');
            column += 1;
        }
        out.push_str(&word);
        column += w;
    }
    out
}

/// miette draws the labels of one line left to right and cannot draw one inside another: a
/// call's label around its `"default"` argument pushed the argument's label past the call.
/// So, before drawing:
/// - a label over several lines whose last line holds another label is cut to its first line
///   (miette would draw the end of the long one through every label row of that line);
/// - a label that contains or overlaps a later one on its line is cut short before it — to the
///   callee when it is a call (`composio.create`), else without trailing punctuation — or
///   starts after it; when neither leaves a word, the inner label is dropped if the outer one
///   is the primary label (it already points there).
pub fn untangle(text: &str, spans: &[Option<Span>]) -> Vec<Option<Span>> {
    let line_of = |o: usize| memchr::memchr_iter(b'\n', &text.as_bytes()[..o]).count();
    let mut out: Vec<Option<Span>> = spans.to_vec();
    let one_line = |s: &Span| line_of(s.start) == line_of(s.end);
    for i in 0..out.len() {
        let Some(long) = out[i].clone().filter(|s| !one_line(s)) else {
            continue;
        };
        let last = line_of(long.end);
        let shared = out.iter().enumerate().any(|(j, s)| {
            j != i
                && s.as_ref()
                    .is_some_and(|s| one_line(s) && line_of(s.start) == last)
        });
        if shared {
            let first_end = text[long.start..]
                .find('\n')
                .map_or(text.len(), |n| long.start + n);
            let head = trim_punct_end(&text[long.start..first_end]);
            if !head.is_empty() {
                out[i] = Some(long.start..long.start + head.len());
            }
        }
    }
    let words = |s: &str| s.chars().any(char::is_alphanumeric);
    for i in 0..out.len() {
        let Some(outer) = out[i].clone() else {
            continue;
        };
        if outer.is_empty() || !one_line(&outer) {
            continue;
        }
        let inner = out
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != i)
            .filter_map(|(j, s)| s.clone().map(|s| (j, s)))
            .filter(|(_, s)| one_line(s) && line_of(s.start) == line_of(outer.start))
            .filter(|(_, s)| s.start >= outer.start && s.start < outer.end && *s != outer)
            .filter(|(_, s)| s.start > outer.start || s.end < outer.end)
            .min_by_key(|(_, s)| (s.start, s.end));
        let Some((j, inner)) = inner else {
            continue;
        };
        let head = &text[outer.start..inner.start];
        let cut = match head.find('(') {
            Some(paren) if paren > 0 => outer.start + paren,
            _ => outer.start + trim_punct_end(head).len(),
        };
        if words(&text[outer.start..cut]) {
            out[i] = Some(outer.start..cut);
            continue;
        }
        if inner.end < outer.end {
            let tail = &text[inner.end..outer.end];
            let from = inner.end + (tail.len() - trim_punct_start(tail).len());
            if words(&text[from..outer.end]) {
                out[i] = Some(from..outer.end);
                continue;
            }
        }
        if i == 0 {
            out[j] = None;
        }
    }
    out
}

fn trim_punct_end(s: &str) -> &str {
    s.trim_end_matches(|c: char| c.is_whitespace() || "=:,([{".contains(c))
}

fn trim_punct_start(s: &str) -> &str {
    s.trim_start_matches(|c: char| c.is_whitespace() || ",)]};".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_never_splits_a_code_span() {
        let text = "pass the id, e.g. `user_id=current_user.id`; or suppress it with `# composio-lint: ignore[CS001] -- single-user script`";
        let wrapped = wrap(text, 40, 2);
        for line in wrapped.lines() {
            assert_eq!(line.matches('`').count() % 2, 0, "{line}");
        }
        assert!(wrapped.contains("`# composio-lint: ignore[CS001] -- single-user script`"));
    }

    #[test]
    fn a_call_around_its_argument_is_cut_to_the_callee() {
        let text = "s = composio.create(user_id=\"default\")";
        let call = text.find("composio").unwrap()..text.len();
        let lit = text.find('"').unwrap()..text.len() - 1;
        let out = untangle(text, &[Some(lit.clone()), Some(call)]);
        assert_eq!(out[0], Some(lit));
        assert_eq!(&text[out[1].clone().unwrap()], "composio.create");
        // A store around the call it stores: the key part.
        let text = "cache[uid] = composio.create(uid)";
        let store = 0..text.len();
        let call = text.find("composio").unwrap()..text.len();
        let out = untangle(text, &[Some(store), Some(call.clone())]);
        assert_eq!(&text[out[0].clone().unwrap()], "cache[uid]");
        assert_eq!(out[1], Some(call));
        // `&user.email` around `user.email`: the primary label says it all.
        let text = "c.create_session(&user.email)";
        let expr = text.find('&').unwrap()..text.len() - 1;
        let read = expr.start + 1..expr.end;
        assert_eq!(
            untangle(text, &[Some(expr.clone()), Some(read)]),
            [Some(expr), None]
        );
    }

    #[test]
    fn a_long_label_ending_where_another_sits_keeps_its_first_line() {
        let text = "let s = client\n    .create_session(&user.email)\n";
        let call = text.find("client").unwrap()..text.find(')').unwrap() + 1;
        let expr = text.find('&').unwrap()..text.find(')').unwrap();
        let out = untangle(text, &[Some(expr.clone()), Some(call)]);
        assert_eq!(out[0], Some(expr));
        assert_eq!(&text[out[1].clone().unwrap()], "client");
    }
}
