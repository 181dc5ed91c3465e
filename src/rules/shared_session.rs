//! CS002: one session object is reachable from many users or requests.

use super::{Context, Diagnostic, PerLanguage, Rule};
use crate::finding::Severity;
use crate::model::{FunctionName, Language, Sharing};

pub const RULE: Rule = Rule {
    code: "CS002",
    name: "shared-session",
    severity: Severity::Error,
    short: "One session object is reachable from many users or requests.",
    doc: include_str!("../../rules/CS002-shared-session.md"),
    help: PerLanguage {
        python: "create the session inside the code that serves the request, from the caller's id: `session = composio.create(user_id=user.id)`; keep only the Composio client long-lived",
        typescript: "create the session inside the code that serves the request, from the caller's id: `const session = await composio.create(userId)`; keep only the Composio client long-lived",
        rust: "create the session inside the handler from the caller's id: `let session = state.composio.create_session(&user.id).send().await?`; keep only the client in shared state",
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
    for site in &cx.model.sessions {
        let Some(evidence) = site.sharing.first() else {
            continue;
        };
        let (message, secondary) = match evidence {
            Sharing::ModuleLevel {
                name,
                used_in,
                use_span,
            } => (
                format!(
                    "session `{name}` is created once at module scope and used by {}, which serves many users",
                    function_label(used_in)
                ),
                (
                    use_span.clone(),
                    "every caller gets the same session here".to_string(),
                ),
            ),
            Sharing::LazyGlobal {
                name,
                getter,
                return_span,
            } => (
                format!(
                    "session kept in the global `{name}` is handed out by {} to every caller",
                    function_label(getter)
                ),
                (
                    return_span.clone(),
                    "the same session for every caller".to_string(),
                ),
            ),
            Sharing::ClassAttribute { target } => (
                format!(
                    "session stored in class attribute `{}` is shared by every instance",
                    cx.text(target)
                ),
                (target.clone(), "one value for the whole class".to_string()),
            ),
            Sharing::FixedUserField {
                field,
                used_in,
                use_span,
            } => (
                format!(
                    "session created with a fixed user id is stored on `{}.{field}` and used by {} for every caller",
                    receiver(cx.language),
                    function_label(used_in)
                ),
                (use_span.clone(), "used here for whoever calls".to_string()),
            ),
            Sharing::Static { name, target } => (
                format!(
                    "session held in `{name}`, which lives as long as the process, is shared by every request"
                ),
                (
                    target.clone(),
                    "one value for the whole process".to_string(),
                ),
            ),
            Sharing::AppState { target } => (
                format!(
                    "session stored on application state `{}` is shared by every request",
                    cx.text(target)
                ),
                (target.clone(), "process-wide state".to_string()),
            ),
        };
        out.push(
            Diagnostic::new(
                site.call.clone(),
                message,
                "created once, outlives one user's request",
            )
            .with_label(secondary.0, secondary.1),
        );
    }
}

fn function_label(name: &FunctionName) -> String {
    match name {
        FunctionName::Named(name) => format!("`{name}`"),
        FunctionName::Anonymous => "an anonymous function".to_string(),
    }
}

fn receiver(language: Language) -> &'static str {
    match language {
        Language::Python | Language::Rust => "self",
        Language::TypeScript | Language::Tsx | Language::JavaScript => "this",
    }
}
