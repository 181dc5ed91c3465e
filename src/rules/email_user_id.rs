//! CS005: an email address is used as a Composio user id.

use std::collections::BTreeSet;

use super::{Context, Diagnostic, Rule};
use crate::finding::Severity;
use crate::model::Language;

pub const RULE: Rule = Rule {
    code: "CS005",
    name: "email-user-id",
    severity: Severity::Warning,
    short: "An email address is used as a Composio user id.",
    doc: include_str!("../../rules/CS005-email-user-id.md"),
    url: "https://docs.composio.dev/sdk/typescript/core-concepts#user-ids",
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let mut seen = BTreeSet::new();
    for arg in &cx.model.user_ids {
        let Some(source) = arg.email_sources.first() else {
            continue;
        };
        if !seen.insert(arg.expr.start) {
            continue;
        }
        out.push(
            Diagnostic::new(
                arg.expr.clone(),
                format!(
                    "an email address is used as the user id of `{}`",
                    arg.callee
                ),
                "emails change; a user id must not",
                help(cx.language),
            )
            .with_label(source.clone(), "the email comes from here")
            .with_label(arg.call.clone(), "Composio call"),
        );
    }
}

fn help(language: Language) -> String {
    let text = match language {
        Language::Python => {
            "use a stable id instead, such as `user_id=user.id` (your database key or your auth provider's subject)"
        }
        Language::Rust => {
            "use a stable id instead, such as `user.id` (your database key or your auth provider's subject)"
        }
        Language::TypeScript | Language::Tsx | Language::JavaScript => {
            "use a stable id instead, such as `user.id` (your database key or your auth provider's subject)"
        }
    };
    text.to_string()
}
