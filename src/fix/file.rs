//! Fixing one file's text: apply the allowed fixes, lint again, repeat until nothing changes
//! (a fix can make room for another), or add suppressions for what is left. A pass that would
//! add a syntax error is not taken; the text is only ever written whole, by the caller.

use super::add_ignore::{self, Strategy};
use super::{FixMode, apply};
use crate::decode;
use crate::finding::Finding;
use crate::lint::{Settings, lint_bytes};
use crate::model::Language;
use crate::rules;

/// What to do to a file.
#[derive(Debug, Clone)]
pub enum Action {
    Fix(FixMode),
    /// `--add-ignore`, with the reason to write.
    AddIgnore(String),
}

/// What fixing one file gave.
#[derive(Debug, Default)]
pub struct Fixed {
    /// The findings left in the new text (or in the file, when nothing changed).
    pub findings: Vec<Finding>,
    /// Fixes applied, or suppressions added.
    pub count: usize,
    /// The decoded text before and after, when it changed.
    pub change: Option<(String, String)>,
    /// The new file contents, stored as the file was (BOM, encoding, line endings).
    pub bytes: Option<Vec<u8>>,
    /// Why the file was left as it was, when a change was wanted but could not be made.
    pub problem: Option<String>,
}

/// Passes after which fixing stops, even if fixes keep coming (they should not).
const MAX_PASSES: usize = 10;

fn parse_errors(findings: &[Finding]) -> usize {
    findings
        .iter()
        .filter(|f| f.code == rules::PARSE_ERROR.0)
        .count()
}

fn fixable(findings: &[Finding], mode: FixMode) -> usize {
    findings
        .iter()
        .filter_map(|f| f.fix.as_ref())
        .filter(|fix| mode.allows(fix.applicability))
        .count()
}

pub fn fix_bytes(
    shown: &str,
    bytes: &[u8],
    language: Language,
    settings: &Settings,
    action: &Action,
) -> Fixed {
    let decoded = match decode::decode(bytes, language) {
        Ok(d) => d,
        Err(_) => {
            return Fixed {
                findings: lint_bytes(shown, bytes, language, settings),
                ..Fixed::default()
            };
        }
    };
    let original: &str = &decoded.text;
    let lint = |text: &str| lint_bytes(shown, text.as_bytes(), language, settings);
    let mut findings = lint(original);
    let mut text = original.to_string();
    let mut count = 0;
    let mut problem = None;
    match action {
        Action::Fix(mode) => {
            for _ in 0..MAX_PASSES {
                let fixes: Vec<_> = findings
                    .iter()
                    .filter_map(|f| f.fix.as_ref())
                    .filter(|fix| mode.allows(fix.applicability))
                    .collect();
                if fixes.is_empty() {
                    break;
                }
                let (new, n) = apply(&text, &fixes);
                if n == 0 || new == text {
                    break;
                }
                let after = lint(&new);
                if parse_errors(&after) > parse_errors(&findings) {
                    problem = Some("a fix would have broken the syntax; it was not applied".into());
                    break;
                }
                // A fix whose finding is still there (the parser could not read the code it
                // added, say) would be applied again on every pass.
                if fixable(&after, *mode) >= fixes.len() {
                    problem = Some("a fix did not resolve its finding; it was not applied".into());
                    break;
                }
                text = new;
                findings = after;
                count += n;
            }
        }
        Action::AddIgnore(reason) => {
            for strategy in [Strategy::Lines, Strategy::File] {
                let edits = add_ignore::edits(&text, language, &findings, reason, strategy);
                if edits.is_empty() {
                    break;
                }
                let fix = super::Fix::new("suppress", super::Applicability::Safe, edits);
                let (new, _) = apply(&text, &[&fix]);
                let after = lint(&new);
                let left = after
                    .iter()
                    .filter(|f| {
                        f.code != rules::PARSE_ERROR.0 && f.code != rules::UNUSED_SUPPRESSION.0
                    })
                    .count();
                let unused = |fs: &[Finding]| {
                    fs.iter()
                        .filter(|f| f.code == rules::UNUSED_SUPPRESSION.0)
                        .count()
                };
                if left == 0
                    && parse_errors(&after) <= parse_errors(&findings)
                    && unused(&after) <= unused(&findings)
                {
                    count = findings.len() - parse_errors(&findings) - unused(&findings);
                    text = new;
                    findings = after;
                    problem = None;
                    break;
                }
                problem = Some(
                    "the suppressions would have broken the file or left findings behind; it was left as it was"
                        .into(),
                );
            }
        }
    }
    if text == original {
        return Fixed {
            findings,
            problem,
            ..Fixed::default()
        };
    }
    let Some(bytes) = decoded.encode(&text) else {
        return Fixed {
            findings: lint(original),
            problem: Some(
                "the fixed text cannot be stored the way the file is (its declared encoding, or lone CR line endings mixed with others); not written".into(),
            ),
            ..Fixed::default()
        };
    };
    Fixed {
        findings,
        count,
        change: Some((original.to_string(), text)),
        bytes: Some(bytes),
        problem,
    }
}
