//! CS004: a session is created or reopened but its ID is never logged.

use super::{Context, Diagnostic, PerLanguage, Rule};
use crate::finding::Severity;

pub const RULE: Rule = Rule {
    code: "CS004",
    name: "missing-session-id-log",
    severity: Severity::Warning,
    short: "A session is created or reopened but its ID is never logged.",
    doc: include_str!("../../rules/CS004-missing-session-id-log.md"),
    help: PerLanguage {
        python: "log the ID where the session starts, so every tool run can be traced: `logger.info(\"composio session %s\", session.session_id)`",
        typescript: "log the ID where the session starts, so every tool run can be traced: `logger.info({ sessionId: session.sessionId }, 'composio session')`",
        rust: "log the ID where the session starts, so every tool run can be traced: `tracing::info!(session_id = %session.session_id(), \"composio session\")`",
    },
    url: PerLanguage {
        python: "https://docs.composio.dev/reference/sdk-reference/python/session",
        typescript: "https://docs.composio.dev/reference/sdk-reference/typescript/session",
        // Composio publishes no Rust SDK reference: the language-neutral page.
        rust: "https://docs.composio.dev/docs/how-composio-works",
    },
    reference: "https://docs.composio.dev/docs/how-composio-works",
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for site in cx.model.sessions.iter().filter(|s| !s.id_logged) {
        let (message, label) = if site.reopen {
            (
                format!(
                    "the ID of the session reopened by `{}` is never logged",
                    site.callee
                ),
                "session reopened here",
            )
        } else {
            (
                format!(
                    "the ID of the session created by `{}` is never logged",
                    site.callee
                ),
                "session created here",
            )
        };
        out.push(Diagnostic::new(site.call.clone(), message, label));
    }
}
