//! CS003: sessions cached per user and reused across messages.

use std::collections::BTreeSet;

use super::{Context, Diagnostic, PerLanguage, Rule};
use crate::finding::Severity;
use crate::model::KeyKind;

pub const RULE: Rule = Rule {
    code: "CS003",
    name: "cached-session",
    severity: Severity::Error,
    short: "Sessions are cached per user and reused across messages.",
    doc: include_str!("../../rules/CS003-cached-session.md"),
    help: PerLanguage {
        python: "create a fresh session per message or conversation; to continue a thread, store `session.session_id` and reopen it with `composio.use(session_id)`",
        typescript: "create a fresh session per message or conversation; to continue a thread, store `session.sessionId` and reopen it with `composio.use(sessionId)`",
        rust: "create a fresh session per message or conversation; to continue a thread, store `session.session_id()` and reopen it with `client.get_session(id)`",
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
    let mut seen = BTreeSet::new();
    for site in &cx.model.sessions {
        for store in &site.caches {
            let message = match store.key {
                KeyKind::User => format!(
                    "session cached per user in `{}` is reused across messages",
                    store.container
                ),
                KeyKind::Memoized => format!(
                    "`{}` is memoized, so the session it returns is reused across messages",
                    store.container
                ),
                KeyKind::Conversation | KeyKind::Other => continue,
            };
            if !seen.insert(store.span.start) {
                continue;
            }
            out.push(
                Diagnostic::new(store.span.clone(), message, "cached here")
                    .with_label(site.call.clone(), "session created here"),
            );
        }
    }
}
