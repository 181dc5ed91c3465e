//! The rule registry. A rule reads the FileModel and reports spans, messages and labels; its
//! help and reference URL per language are data in its `Rule`, and the linter stamps them,
//! with the code and the configured severity, on every finding.

mod cached_session;
mod default_user_id;
mod email_user_id;
mod missing_session_id_log;
mod shared_session;

use crate::finding::{Label, Severity};
use crate::model::{FileModel, Language, Span};

pub struct Rule {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    /// One line: what the rule finds.
    pub short: &'static str,
    /// The rule's Markdown documentation (rules/CSxxx-name.md).
    pub doc: &'static str,
    /// What to write instead, in the finding's language; stamped on every finding.
    pub help: PerLanguage,
    /// The upstream Composio page the rule comes from, for the finding's language.
    pub url: PerLanguage,
    /// The language-neutral Composio page, for formats with one URL per rule (SARIF).
    pub reference: &'static str,
    pub check: fn(&Context<'_>, &mut Vec<Diagnostic>),
}

/// A text that depends on the finding's language; JavaScript shares TypeScript's.
pub struct PerLanguage {
    pub python: &'static str,
    pub typescript: &'static str,
    pub rust: &'static str,
}

impl PerLanguage {
    /// The same text for every language.
    pub const fn all(text: &'static str) -> Self {
        PerLanguage {
            python: text,
            typescript: text,
            rust: text,
        }
    }

    pub fn get(&self, language: Language) -> &'static str {
        match language {
            Language::Python => self.python,
            Language::TypeScript | Language::Tsx | Language::JavaScript => self.typescript,
            Language::Rust => self.rust,
        }
    }

    pub fn each(&self) -> [&'static str; 3] {
        [self.python, self.typescript, self.rust]
    }
}

/// What a rule may read: the model, and the source and language for wording messages.
pub struct Context<'a> {
    pub model: &'a FileModel,
    pub src: &'a str,
    pub language: Language,
    /// More user ids that count as shared placeholders, from the config.
    pub extra_default_user_ids: &'a [String],
}

impl Context<'_> {
    pub fn text(&self, span: &Span) -> &str {
        self.src.get(span.clone()).unwrap_or("")
    }
}

/// What a rule reports; code, severity, help and URL are added centrally.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub span: Span,
    pub message: String,
    /// The primary span's label first, then secondary labels.
    pub labels: Vec<Label>,
}

impl Diagnostic {
    pub fn new(span: Span, message: String, primary_label: &str) -> Self {
        Diagnostic {
            labels: vec![Label {
                span: span.clone(),
                text: primary_label.to_string(),
            }],
            span,
            message,
        }
    }

    pub fn with_label(mut self, span: Span, text: impl Into<String>) -> Self {
        if span != self.span && !self.labels.iter().any(|l| l.span == span) {
            self.labels.push(Label {
                span,
                text: text.into(),
            });
        }
        self
    }
}

pub const RULES: &[Rule] = &[
    default_user_id::RULE,
    shared_session::RULE,
    cached_session::RULE,
    missing_session_id_log::RULE,
    email_user_id::RULE,
];

/// The pseudo-rule for files that cannot be read or parsed.
pub const PARSE_ERROR: (&str, &str) = ("CS900", "parse-error");
/// The pseudo-rule for suppression directives that suppress nothing.
pub const UNUSED_SUPPRESSION: (&str, &str) = ("CS901", "unused-suppression");

/// CS900 and CS901: reported by the linter itself, not by a check over the model, but listed,
/// documented and configured like the other rules.
pub const PSEUDO_RULES: &[Rule] = &[
    Rule {
        code: PARSE_ERROR.0,
        name: PARSE_ERROR.1,
        severity: Severity::Error,
        short: "A file could not be read, decoded or safely parsed, or has a syntax error.",
        doc: include_str!("../../rules/CS900-parse-error.md"),
        help: PerLanguage::all(
            "fix the file so it can be read and parsed; the other files were still linted",
        ),
        url: PerLanguage::all(""),
        reference: "",
        check: no_check,
    },
    Rule {
        code: UNUSED_SUPPRESSION.0,
        name: UNUSED_SUPPRESSION.1,
        severity: Severity::Warning,
        short: "A suppression comment suppresses nothing or names an unknown rule.",
        doc: include_str!("../../rules/CS901-unused-suppression.md"),
        help: PerLanguage::all("remove the directive, or fix the rule code it names"),
        url: PerLanguage::all(""),
        reference: "",
        check: no_check,
    },
];

fn no_check(_: &Context<'_>, _: &mut Vec<Diagnostic>) {}

/// The rules that check code, then CS900 and CS901.
pub fn every_rule() -> impl Iterator<Item = &'static Rule> {
    RULES.iter().chain(PSEUDO_RULES)
}

/// Source text quoted in a message the way Markdown quotes code: a template literal, which has
/// backticks of its own, gets double backticks and spaces (`` `default` ``).
pub fn quote_code(text: &str) -> String {
    if text.contains('`') {
        format!("`` {text} ``")
    } else {
        format!("`{text}`")
    }
}

/// The code a user wrote in a directive or flag (code or name, any case), if it exists.
pub fn resolve_code(code_or_name: &str) -> Option<&'static str> {
    find(code_or_name).map(|r| r.code)
}

/// A rule (CS900 and CS901 included) by code or name.
pub fn find(code_or_name: &str) -> Option<&'static Rule> {
    every_rule().find(|r| r.code.eq_ignore_ascii_case(code_or_name) || r.name == code_or_name)
}

/// The first paragraph under "## What it does" in a rule doc.
pub fn summary(rule: &Rule) -> &'static str {
    let doc = rule.doc;
    let Some(start) = doc.find("## What it does") else {
        return "";
    };
    let body = doc[start..].split_once('\n').map(|(_, b)| b).unwrap_or("");
    let body = body.trim_start_matches('\n');
    let end = body.find("\n\n").unwrap_or(body.len());
    body[..end].trim()
}

pub struct Checked {
    pub rule: &'static Rule,
    pub diagnostic: Diagnostic,
}

/// Runs the selected rules over one file's model, dropping anything inside a syntax error.
pub fn check_file(
    model: &FileModel,
    src: &str,
    language: Language,
    extra_default_user_ids: &[String],
    selected: &dyn Fn(&Rule) -> bool,
) -> Vec<Checked> {
    let cx = Context {
        model,
        src,
        language,
        extra_default_user_ids,
    };
    let mut out = Vec::new();
    for rule in RULES.iter().filter(|r| selected(r)) {
        let mut diagnostics = Vec::new();
        (rule.check)(&cx, &mut diagnostics);
        out.extend(
            diagnostics
                .into_iter()
                .filter(|d| !model.in_syntax_error(&d.span))
                .map(|diagnostic| Checked { rule, diagnostic }),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_and_names_are_unique_and_documented() {
        let codes: HashSet<_> = RULES.iter().map(|r| r.code).collect();
        let names: HashSet<_> = RULES.iter().map(|r| r.name).collect();
        assert_eq!(codes.len(), RULES.len());
        assert_eq!(names.len(), RULES.len());
        for rule in every_rule() {
            assert!(
                rule.doc
                    .starts_with(&format!("# {} ({})", rule.name, rule.code))
            );
            for section in [
                "## What it does",
                "## Why is this bad?",
                "## Example",
                "## Use instead",
                "## References",
            ] {
                assert!(rule.doc.contains(section), "{} lacks {section}", rule.code);
            }
            assert!(!summary(rule).is_empty());
            let pseudo = PSEUDO_RULES.iter().any(|p| p.code == rule.code);
            for url in rule.url.each().into_iter().filter(|_| !pseudo) {
                assert!(url.starts_with("https://docs.composio.dev/"));
                assert!(
                    rule.doc.contains(url),
                    "{} doc does not cite {url}",
                    rule.code,
                );
            }
            assert!(pseudo || rule.doc.contains(rule.reference), "{}", rule.code);
            for help in rule.help.each() {
                assert!(!help.is_empty() && !help.contains('\n'), "{}", rule.code);
            }
        }
    }
}
