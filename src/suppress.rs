//! Inline suppressions, read from real comment tokens (SPEC §4):
//! `composio-lint: ignore[CS004] -- reason` on the flagged line or the line above it,
//! `composio-lint: file-ignore[CS004]` anywhere, and ruff's `# noqa: CS004` on the flagged line.
//! A directive that suppresses nothing, or names an unknown rule, is reported as CS901.

use crate::finding::{Finding, LineIndex};
use crate::finding::{Label, Severity};
use crate::model::Span;
use crate::rules;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reach {
    /// `composio-lint: ignore[...]`: the comment's line and the next one.
    LineAndNext,
    /// `# noqa: CSxxx`: the comment's line only.
    Line,
    File,
}

#[derive(Debug)]
struct Directive {
    span: Span,
    line: usize,
    reach: Reach,
    /// Rule codes as written; empty means every rule.
    codes: Vec<String>,
}

impl Directive {
    fn covers(&self, f: &Finding, code: Option<&str>) -> bool {
        let on_line = match self.reach {
            Reach::File => true,
            Reach::Line => f.start.line == self.line,
            Reach::LineAndNext => f.start.line == self.line || f.start.line == self.line + 1,
        };
        on_line
            && match code {
                Some(c) => rules::resolve_code(c) == Some(f.code),
                None => self.codes.is_empty(),
            }
    }
}

fn parse(text: &str) -> Option<(Reach, Vec<String>)> {
    if let Some(at) = text.find("composio-lint:") {
        let rest = text[at + "composio-lint:".len()..].trim_start();
        let (reach, rest) = if let Some(r) = rest.strip_prefix("file-ignore") {
            (Reach::File, r)
        } else if let Some(r) = rest.strip_prefix("ignore") {
            (Reach::LineAndNext, r)
        } else {
            return None;
        };
        let codes = match rest.strip_prefix('[') {
            Some(r) => r
                .split(']')
                .next()
                .unwrap_or("")
                .split(',')
                .map(|c| c.trim().to_string())
                .filter(|c| !c.is_empty())
                .collect(),
            None if rest.is_empty() || rest.starts_with(char::is_whitespace) => Vec::new(),
            None => return None,
        };
        return Some((reach, codes));
    }
    // Ruff's habit: only codes of ours count; a bare `# noqa` is left to other tools.
    let at = text.find("noqa:")?;
    let codes: Vec<String> = text[at + "noqa:".len()..]
        .split([',', ' ', '\t'])
        .map(str::trim)
        .take_while(|c| c.is_empty() || c.chars().all(|ch| ch.is_ascii_alphanumeric()))
        .filter(|c| c.len() == 5 && c.starts_with("CS"))
        .map(str::to_string)
        .collect();
    (!codes.is_empty()).then_some((Reach::Line, codes))
}

/// Drops suppressed findings; when every rule ran, reports directives that did nothing.
pub fn apply(
    findings: &mut Vec<Finding>,
    path: &str,
    src: &str,
    comments: &[Span],
    index: &LineIndex,
    report_unused: bool,
) {
    let directives: Vec<Directive> = comments
        .iter()
        .filter_map(|span| {
            // A line comment on a CRLF line may end with the `\r`: not part of the words.
            let text = src.get(span.clone())?;
            let span = span.start..span.start + text.trim_end_matches('\r').len();
            let (reach, codes) = parse(&src[span.clone()])?;
            let line = index.position(src, span.start).line;
            Some(Directive {
                span,
                line,
                reach,
                codes,
            })
        })
        .collect();
    if directives.is_empty() {
        return;
    }
    let mut used: Vec<Vec<bool>> = directives
        .iter()
        .map(|d| vec![false; d.codes.len().max(1)])
        .collect();
    findings.retain(|f| {
        if f.code == rules::PARSE_ERROR.0 {
            return true;
        }
        let mut keep = true;
        for (d, used) in directives.iter().zip(used.iter_mut()) {
            if d.codes.is_empty() {
                if d.covers(f, None) {
                    used[0] = true;
                    keep = false;
                }
                continue;
            }
            for (i, code) in d.codes.iter().enumerate() {
                if d.covers(f, Some(code)) {
                    used[i] = true;
                    keep = false;
                }
            }
        }
        keep
    });
    if !report_unused {
        return;
    }
    for (d, used) in directives.iter().zip(&used) {
        let problems: Vec<String> = if d.codes.is_empty() {
            if used[0] {
                Vec::new()
            } else {
                vec!["suppresses nothing".to_string()]
            }
        } else {
            d.codes
                .iter()
                .zip(used)
                .filter(|(_, used)| !**used)
                .map(|(code, _)| match rules::resolve_code(code) {
                    Some(_) => format!("`{code}` suppresses nothing"),
                    None => format!("`{code}` is not a composio-lint rule"),
                })
                .collect()
        };
        if problems.is_empty() {
            continue;
        }
        let unused_codes: Vec<String> = d
            .codes
            .iter()
            .zip(used)
            .filter(|(_, used)| !**used)
            .map(|(code, _)| code.clone())
            .collect();
        let fix = crate::fix::unused::remove_unused(
            src,
            d.span.clone(),
            (!d.codes.is_empty()).then_some(unused_codes.as_slice()),
        );
        findings.push(Finding {
            code: rules::UNUSED_SUPPRESSION.0,
            rule: rules::UNUSED_SUPPRESSION.1,
            severity: Severity::Warning,
            path: path.to_string(),
            span: d.span.clone(),
            start: index.position(src, d.span.start),
            end: index.position(src, d.span.end),
            message: format!("unused suppression: {}", problems.join(", ")),
            labels: vec![Label {
                span: d.span.clone(),
                text: "nothing to suppress here".into(),
            }],
            help: "remove the directive, or fix the rule code it names".into(),
            url: "",
            label_positions: Vec::new(),
            snippet: None,
            fix,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directives() {
        assert_eq!(
            parse("# composio-lint: ignore[CS004] -- logged by the caller"),
            Some((Reach::LineAndNext, vec!["CS004".to_string()]))
        );
        assert_eq!(
            parse("# composio-lint: ignore[CS001, default-user-id]"),
            Some((
                Reach::LineAndNext,
                vec!["CS001".to_string(), "default-user-id".to_string()]
            ))
        );
        assert_eq!(
            parse("# composio-lint: ignore -- demo"),
            Some((Reach::LineAndNext, vec![]))
        );
        assert_eq!(
            parse("# composio-lint: file-ignore[CS002]"),
            Some((Reach::File, vec!["CS002".to_string()]))
        );
        assert_eq!(
            parse("# noqa: E501, CS004"),
            Some((Reach::Line, vec!["CS004".to_string()]))
        );
        assert_eq!(parse("# noqa"), None);
        assert_eq!(parse("# noqa: E501"), None);
        assert_eq!(parse("# composio-lint: ignored"), None);
        assert_eq!(parse("# see composio-lint docs"), None);
    }
}
