//! CS005: an email address is used as a Composio user id.

use std::collections::BTreeSet;

use super::{Context, Diagnostic, PerLanguage, Rule};
use crate::finding::Severity;

pub const RULE: Rule = Rule {
    code: "CS005",
    name: "email-user-id",
    severity: Severity::Warning,
    short: "An email address is used as a Composio user id.",
    doc: include_str!("../../rules/CS005-email-user-id.md"),
    help: PerLanguage {
        python: "use a stable id instead, such as `user_id=user.id` (your database key or your auth provider's subject)",
        typescript: "use a stable id instead, such as `user.id` (your database key or your auth provider's subject)",
        rust: "use a stable id instead, such as `user.id` (your database key or your auth provider's subject)",
    },
    url: PerLanguage::all("https://docs.composio.dev/docs/how-composio-works#users"),
    reference: "https://docs.composio.dev/docs/how-composio-works#users",
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
            )
            .with_label(source.clone(), "the email comes from here")
            .with_label(arg.call.clone(), "Composio call"),
        );
    }
}
