//! The FileModel: what one file does with Composio, in terms that do not depend on the
//! source language. Front ends resolve names and build it; rules read nothing else.

use std::ops::Range;

/// A byte range in the file's source text.
pub type Span = Range<usize>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    Python,
    /// `.ts`, `.mts`, `.cts`: `<T>expr` casts are legal, JSX is not.
    TypeScript,
    Tsx,
    JavaScript,
    Rust,
}

impl Language {
    pub fn from_path(path: &std::path::Path) -> Option<Language> {
        match path.extension()?.to_str()? {
            "py" | "pyi" => Some(Language::Python),
            "ts" | "mts" | "cts" => Some(Language::TypeScript),
            "tsx" => Some(Language::Tsx),
            "js" | "jsx" | "mjs" | "cjs" => Some(Language::JavaScript),
            "rs" => Some(Language::Rust),
            _ => None,
        }
    }

    pub fn is_python(self) -> bool {
        self == Language::Python
    }
}

#[derive(Debug, Default)]
pub struct FileModel {
    pub sessions: Vec<SessionSite>,
    pub user_ids: Vec<UserIdArg>,
    /// Variables, constants and fields named like a user id whose value is a string literal.
    pub user_id_bindings: Vec<UserIdBinding>,
    /// Where the parser gave up; findings are never reported from inside these.
    pub syntax_errors: Vec<Span>,
    /// Real comment tokens (never string contents), for inline suppressions.
    pub comments: Vec<Span>,
    /// Set when the front end would not or could not analyze the file: where, and why (nesting
    /// deeper than the parser can take safely, an internal failure). Nothing else is reported.
    pub not_analyzed: Option<(Span, &'static str)>,
}

/// A session created (`create`, `tool_router.create`, ...) or reopened (`use`).
#[derive(Debug)]
pub struct SessionSite {
    /// The session-creating call.
    pub call: Span,
    /// The call as written up to its argument list, for messages (`composio.tool_router.create`).
    pub callee: String,
    pub reopen: bool,
    /// The session's ID reaches a log call (directly, via a copy, or via a same-file helper).
    pub id_logged: bool,
    /// Evidence that one session object outlives a single user's request.
    pub sharing: Vec<Sharing>,
    /// Places the session is stored into a keyed container or returned from a memoized function.
    pub caches: Vec<CacheStore>,
}

impl SessionSite {
    pub fn new(call: Span, callee: String, reopen: bool) -> Self {
        SessionSite {
            call,
            callee,
            reopen,
            id_logged: false,
            sharing: Vec::new(),
            caches: Vec::new(),
        }
    }
}

/// Sessions in source order, as the model lists them.
pub fn in_source_order(sites: impl IntoIterator<Item = SessionSite>) -> Vec<SessionSite> {
    let mut out: Vec<SessionSite> = sites.into_iter().collect();
    out.sort_by_key(|s| s.call.start);
    out
}

#[derive(Debug)]
pub enum Sharing {
    /// Held at module scope (directly or through `global`) and used by code serving many users.
    ModuleLevel {
        name: String,
        used_in: String,
        use_span: Span,
    },
    /// A lazily initialised module global handed out by a getter.
    LazyGlobal {
        name: String,
        getter: String,
        return_span: Span,
    },
    /// Stored as a class attribute: one value for every instance.
    ClassAttribute { target: Span },
    /// Stored on an instance with a fixed (not caller-supplied) user id and used by other methods.
    FixedUserField {
        field: String,
        used_in: String,
        use_span: Span,
    },
    /// Stored on process-wide application state (`app.state.x`, axum `State`, actix `Data`).
    AppState { target: Span },
    /// Held in a process-wide place: a Rust `static` (`OnceLock`, `LazyLock`, `lazy_static!`),
    /// `globalThis.x`, Express `app.locals`.
    Static { name: String, target: Span },
}

#[derive(Debug)]
pub struct CacheStore {
    /// The store: the assignment, the `.set(...)`-style call, or the memoizing decorator.
    pub span: Span,
    pub container: String,
    pub key: KeyKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyKind {
    /// The session's own user id, a key built from it alone, or a key named like a user id.
    User,
    /// A conversation, thread or chat key, alone or combined with the user id.
    Conversation,
    /// Anything else: not evidence of per-user caching.
    Other,
    /// The return value of a memoized function.
    Memoized,
}

/// A value arriving at a Composio user-id position.
#[derive(Debug)]
pub struct UserIdArg {
    /// The expression supplying the user id: at the Composio call, or at the call site of a
    /// same-file wrapper that passes it on.
    pub expr: Span,
    /// The Composio call that receives it.
    pub call: Span,
    pub callee: String,
    /// String literals that can flow into the user id.
    pub literals: Vec<StrLiteral>,
    /// Email-shaped literals or email-named reads that flow into the user id.
    pub email_sources: Vec<Span>,
}

#[derive(Debug, Clone)]
pub struct StrLiteral {
    pub span: Span,
    pub value: String,
}

#[derive(Debug)]
pub struct UserIdBinding {
    pub name: String,
    pub literal: StrLiteral,
}

impl FileModel {
    pub fn not_analyzed(at: Span, why: &'static str) -> FileModel {
        FileModel {
            not_analyzed: Some((at, why)),
            ..Default::default()
        }
    }

    pub fn in_syntax_error(&self, span: &Span) -> bool {
        self.syntax_errors
            .iter()
            .any(|e| span.start < e.end && e.start < span.end.max(span.start + 1))
    }
}

/// The key of a cache, split into the parts it is built from (f-string pieces, tuple items,
/// concatenated operands), each given as source text.
pub fn classify_key_parts(parts: &[String], session_user_id: Option<&str>) -> KeyKind {
    let mut user = false;
    for part in parts {
        let head = key_head(part);
        if is_conversation_like(&head) {
            return KeyKind::Conversation;
        }
        if Some(part.as_str()) == session_user_id
            || session_user_id.is_some_and(|u| u.trim_start_matches('&') == part)
            || is_user_like(&head)
        {
            user = true;
        }
    }
    if user { KeyKind::User } else { KeyKind::Other }
}

/// The segment of a key expression that says what it identifies: `job.user_id` → `user_id`,
/// `thread.id` → `thread`, `req.user.id` → `user`, `message.chat.id` → `chat`.
fn key_head(part: &str) -> String {
    const GENERIC: &[&str] = &[
        "id",
        "key",
        "uuid",
        "pk",
        "value",
        "clone",
        "to_string",
        "to_owned",
        "as_str",
        "str",
        "self",
        "this",
    ];
    let lower = part.to_ascii_lowercase();
    let segments: Vec<&str> = lower
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|s| !s.is_empty())
        .collect();
    segments
        .iter()
        .rev()
        .find(|s| !GENERIC.contains(s))
        .map(|s| s.to_string())
        .unwrap_or(lower)
}

fn is_conversation_like(head: &str) -> bool {
    const WORDS: &[&str] = &[
        "conversation",
        "convo",
        "conv",
        "thread",
        "chat",
        "dialog",
        "room",
        "channel",
        "ticket",
        "session",
        "task",
        "job",
        "workflow",
        "run",
        "request",
    ];
    WORDS.iter().any(|w| head.contains(w))
}

fn is_user_like(head: &str) -> bool {
    head.contains("user")
        || head == "uid"
        || head.ends_with("_uid")
        || head == "sub"
        || head == "email"
}

/// `user_id`, `USER_ID`, `userId`, `composio_user_id`, `uid`.
pub fn is_user_id_name(name: &str) -> bool {
    let norm: String = name
        .chars()
        .filter(|c| *c != '_' && *c != '-')
        .flat_map(char::to_lowercase)
        .collect();
    norm.ends_with("userid") || norm == "uid"
}

/// An email address: `local@domain.tld` with no spaces.
pub fn is_email_literal(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !s
            .chars()
            .any(|c| c.is_whitespace() || matches!(c, '{' | '}' | '/' | ':'))
}

pub fn is_email_name(name: &str) -> bool {
    name.to_ascii_lowercase().contains("email")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(p: &[&str]) -> Vec<String> {
        p.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn keys() {
        assert_eq!(
            classify_key_parts(&parts(&["user_id"]), None),
            KeyKind::User
        );
        assert_eq!(
            classify_key_parts(&parts(&["req.user.id"]), None),
            KeyKind::User
        );
        assert_eq!(classify_key_parts(&parts(&["uid"]), None), KeyKind::User);
        assert_eq!(
            classify_key_parts(&parts(&["who"]), Some("who")),
            KeyKind::User
        );
        assert_eq!(
            classify_key_parts(&parts(&["user_id", "thread_id"]), None),
            KeyKind::Conversation
        );
        assert_eq!(
            classify_key_parts(&parts(&["conversation_id"]), None),
            KeyKind::Conversation
        );
        assert_eq!(classify_key_parts(&parts(&["name"]), None), KeyKind::Other);
        assert_eq!(
            classify_key_parts(&parts(&["job.user_id"]), None),
            KeyKind::User
        );
        assert_eq!(
            classify_key_parts(&parts(&["thread.id"]), None),
            KeyKind::Conversation
        );
        assert_eq!(
            classify_key_parts(&parts(&["message.chat.id"]), None),
            KeyKind::Conversation
        );
        assert_eq!(
            classify_key_parts(&parts(&["user_id.clone()"]), None),
            KeyKind::User
        );
        assert_eq!(
            classify_key_parts(&parts(&["principal"]), Some("&principal")),
            KeyKind::User
        );
    }

    #[test]
    fn names() {
        assert!(is_user_id_name("user_id"));
        assert!(is_user_id_name("USER_ID"));
        assert!(is_user_id_name("userId"));
        assert!(is_user_id_name("COMPOSIO_USER_ID"));
        assert!(!is_user_id_name("user"));
        assert!(!is_user_id_name("user_ids_seen"));
        assert!(is_email_literal("alice@example.com"));
        assert!(!is_email_literal("@decorator"));
        assert!(!is_email_literal("a@b"));
        assert!(!is_email_literal("user {x}@example.com"));
    }
}
