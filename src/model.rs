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
        used_in: FunctionName,
        use_span: Span,
    },
    /// A lazily initialised module global handed out by a getter.
    LazyGlobal {
        name: String,
        getter: FunctionName,
        return_span: Span,
    },
    /// Stored as a class attribute: one value for every instance.
    ClassAttribute { target: Span },
    /// Stored on an instance with a fixed (not caller-supplied) user id and used by other methods.
    FixedUserField {
        field: String,
        used_in: FunctionName,
        use_span: Span,
    },
    /// Stored on process-wide application state (`app.state.x`, axum `State`, actix `Data`).
    AppState { target: Span },
    /// Held in a process-wide place: a Rust `static` (`OnceLock`, `LazyLock`, `lazy_static!`),
    /// `globalThis.x`, Express `app.locals`.
    Static { name: String, target: Span },
}

/// A function, as a message names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FunctionName {
    Named(String),
    /// A lambda or an anonymous function expression.
    Anonymous,
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
