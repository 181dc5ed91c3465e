//! Name heuristics shared by the front ends: what looks like a logger, a request handler's
//! parameter, a deployment constant.

pub const LOG_METHODS: &[&str] = &[
    "debug",
    "info",
    "warning",
    "warn",
    "error",
    "exception",
    "critical",
    "fatal",
    "log",
    "trace",
    "success",
    "msg",
    "bind",
    "new",
    "contextualize",
    "opt",
];

pub fn is_logger_name(lower_or_name: &str) -> bool {
    let n = lower_or_name.to_ascii_lowercase();
    n == "log"
        || n == "_log"
        || n.ends_with("logger")
        || n.ends_with("_log")
        || n == "structlog"
        || n == "loguru"
        || n == "logging"
}

pub fn is_main_name(name: &str) -> bool {
    matches!(
        name,
        "main" | "_main" | "amain" | "async_main" | "cli" | "run_main" | "<module>"
    )
}

pub fn is_request_param(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    n.contains("user")
        || matches!(
            n.as_str(),
            "uid"
                | "request"
                | "req"
                | "event"
                | "message"
                | "msg"
                | "payload"
                | "body"
                | "update"
                | "websocket"
                | "ws"
                | "interaction"
                | "tenant_id"
                | "account_id"
                | "customer_id"
                | "org_id"
                | "organization_id"
                | "team_id"
                | "workspace_id"
                | "chat_id"
                | "thread_id"
                | "conversation_id"
                | "email"
                | "ctx"
                | "context"
                | "say"
                | "ack"
                | "command"
        )
}

pub fn is_constant_name(name: &str) -> bool {
    name.chars().any(|c| c.is_ascii_uppercase()) && !name.chars().any(|c| c.is_ascii_lowercase())
}

/// A read from deployment configuration: `settings.X`, `config["X"]`, `os.environ[...]`.
pub fn is_config_read(object: &str, attr: &str) -> bool {
    let o = object.to_ascii_lowercase();
    [
        "settings", "config", "conf", "cfg", "environ", "env", "getenv", "secrets",
    ]
    .iter()
    .any(|w| o.contains(w))
        || (!attr.is_empty() && is_constant_name(attr))
}

pub fn last_name(text: &str) -> &str {
    text.rsplit('.').next().unwrap_or(text).trim()
}

/// A call the config's `extra-loggers` names: the whole callee (`audit.record`), its final
/// name (`record_event`), or the object it is called on (`audit`).
pub fn is_extra_logger(callee: &str, extra: &[String]) -> bool {
    if extra.is_empty() {
        return false;
    }
    let compact: String = callee.split_whitespace().collect();
    let object = compact.rsplit_once('.').map(|(o, _)| o).unwrap_or("");
    let object_last = object.rsplit('.').next().unwrap_or("");
    extra.iter().any(|e| {
        *e == compact
            || *e == last_name(&compact)
            || (!object.is_empty() && (*e == object || *e == object_last))
    })
}

/// Whether calling `method` on a Composio client (`path` empty) or on one of its members
/// (`tool_router`, `experimental.toolRouter`, ...) creates a session (`Some(false)`) or reopens
/// one (`Some(true)`). Covers the Python and TypeScript spellings.
pub fn session_method(path: &str, method: &str) -> Option<bool> {
    const ROUTER: &[&str] = &[
        "tool_router",
        "toolRouter",
        "experimental.tool_router",
        "experimental.toolRouter",
    ];
    let router = ROUTER.contains(&path);
    match method {
        "create" if path.is_empty() || path == "sessions" || router => Some(false),
        // Older SDKs; a client's own `createSession({ headers })` returns a configured client.
        "create_session" | "createSession" if router => Some(false),
        "use"
            if path.is_empty()
                || path == "sessions"
                || path == "tool_router"
                || path == "toolRouter" =>
        {
            Some(true)
        }
        _ => None,
    }
}

/// SDK calls whose first positional argument is the user id (`tools.get(user_id, ...)`).
/// Python's `triggers.create` and `provider.handle_tool_calls` take it by keyword only.
pub fn takes_user_id_first(call: &str, python: bool) -> bool {
    match call {
        "tools.get" | "toolkits.authorize" => true,
        "connected_accounts.initiate" | "connected_accounts.link" => python,
        "connectedAccounts.initiate"
        | "connectedAccounts.link"
        | "triggers.create"
        | "provider.handleToolCalls" => !python,
        _ => false,
    }
}

/// `child_by_field_name` compares the name with every field name of the grammar on each call;
/// the front ends look fields up constantly, so the ids are resolved once per grammar.
pub trait FieldExt<'t> {
    fn field(&self, name: &'static str) -> Option<tree_sitter::Node<'t>>;
}

impl<'t> FieldExt<'t> for tree_sitter::Node<'t> {
    fn field(&self, name: &'static str) -> Option<tree_sitter::Node<'t>> {
        use rustc_hash::FxHashMap;
        use std::cell::RefCell;
        use std::num::NonZeroU16;
        thread_local! {
            static IDS: RefCell<FxHashMap<(usize, usize, usize), Option<NonZeroU16>>> =
                RefCell::new(FxHashMap::default());
        }
        let language = self.language();
        // The grammars differ in their symbol and field counts, which tells them apart.
        let key = (
            name.as_ptr() as usize,
            language.node_kind_count(),
            language.field_count(),
        );
        let id = IDS.with(|ids| {
            *ids.borrow_mut()
                .entry(key)
                .or_insert_with(|| language.field_id_for_name(name))
        })?;
        self.child_by_field_id(id.get())
    }
}

/// Whether the text names Composio in any letter case, without allocating: it runs on whole
/// expressions, some of them megabytes long.
pub fn mentions_composio(text: &str) -> bool {
    text.as_bytes()
        .windows(b"composio".len())
        .any(|w| w.eq_ignore_ascii_case(b"composio"))
}
