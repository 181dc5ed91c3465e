//! Name heuristics shared by the front ends: what looks like a logger, a request handler's
//! parameter, a deployment constant.

use std::num::NonZeroU16;
use std::sync::LazyLock;

use rustc_hash::FxHashMap;
use tree_sitter::{Language, Node};

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

pub fn is_logger_name(name: &str) -> bool {
    let ends_with = |suffix: &str| {
        name.len() >= suffix.len()
            && name.as_bytes()[name.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
    };
    ["log", "_log", "structlog", "loguru", "logging"]
        .iter()
        .any(|n| name.eq_ignore_ascii_case(n))
        || ends_with("logger")
        || ends_with("_log")
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

/// Every method name `session_method` accepts on some object. Checking it first saves resolving
/// the object of every other method call.
pub fn is_session_method_name(method: &str) -> bool {
    matches!(
        method,
        "create" | "create_session" | "createSession" | "use"
    )
}

/// Whether calling `method` on a Composio client (`path` empty) or on one of its members
/// (`tool_router`, `experimental.toolRouter`, ...) creates a session (`Some(false)`) or reopens
/// one (`Some(true)`). Covers the Python and TypeScript spellings.
pub fn session_method(path: &str, method: &str) -> Option<bool> {
    if !is_session_method_name(method) {
        return None;
    }
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

/// A grammar's node kind names and field ids, read once. tree-sitter's `Node::kind` measures and
/// validates a C string on every call and `child_by_field_name` compares the name with every
/// field of the grammar; the front ends ask both for nearly every node.
pub struct Grammar {
    kinds: Vec<Box<str>>,
    fields: FxHashMap<Box<str>, NonZeroU16>,
}

static GRAMMARS: LazyLock<[Grammar; 3]> = LazyLock::new(|| {
    [
        Grammar::new(&tree_sitter_python::LANGUAGE.into()),
        Grammar::new(&tree_sitter_typescript::LANGUAGE_TYPESCRIPT.into()),
        Grammar::new(&tree_sitter_typescript::LANGUAGE_TSX.into()),
    ]
});

impl Grammar {
    fn new(language: &Language) -> Grammar {
        let kinds = (0..language.node_kind_count())
            .map(|id| language.node_kind_for_id(id as u16).unwrap_or("").into())
            .collect();
        let fields = (1..=language.field_count() as u16)
            .filter_map(|id| Some((language.field_name_for_id(id)?.into(), NonZeroU16::new(id)?)))
            .collect();
        Grammar { kinds, fields }
    }

    pub fn python() -> &'static Grammar {
        &GRAMMARS[0]
    }

    pub fn typescript(tsx: bool) -> &'static Grammar {
        &GRAMMARS[if tsx { 2 } else { 1 }]
    }

    pub fn field_id(&self, name: &str) -> Option<NonZeroU16> {
        self.fields.get(name).copied()
    }

    /// The tables of the grammar that parsed `node`. The three grammars differ in their number
    /// of node kinds, which tells them apart without comparing names.
    pub fn of(node: Node<'_>) -> Option<&'static Grammar> {
        let count = node.language().node_kind_count();
        GRAMMARS.iter().find(|g| g.kinds.len() == count)
    }

    /// The same name as `node.kind()`. Error nodes have an id past the table.
    pub fn kind<'t>(&'static self, node: Node<'t>) -> &'t str {
        match self.kinds.get(usize::from(node.kind_id())) {
            Some(name) => name,
            None => node.kind(),
        }
    }

    pub fn field<'t>(&self, node: Node<'t>, name: &str) -> Option<Node<'t>> {
        node.child_by_field_id(self.fields.get(name)?.get())
    }
}

/// Visits `root` and every node under it in source order, anonymous tokens included, each with
/// its field in its parent (`None` for the root). `visit` says whether to go into the node's
/// children. One cursor serves the whole walk: listing each node's children afresh
/// (`named_children`) costs a cursor per node and twice the steps.
pub fn descend<'t>(root: Node<'t>, mut visit: impl FnMut(Node<'t>, Option<NonZeroU16>) -> bool) {
    let mut cursor = root.walk();
    let mut enter = visit(root, None);
    loop {
        if enter && cursor.goto_first_child() {
            enter = visit(cursor.node(), cursor.field_id());
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                enter = visit(cursor.node(), cursor.field_id());
                break;
            }
            // A cursor made from `root` cannot leave it.
            if !cursor.goto_parent() {
                return;
            }
        }
    }
}

/// A call with its callee and argument list, looked up once: every pass over the calls needs
/// them, and a field lookup searches the node's children.
pub struct Call<'t> {
    pub node: Node<'t>,
    pub scope: usize,
    pub function: Option<Node<'t>>,
    pub arguments: Option<Node<'t>>,
}

/// The parts of the calls and of the `a.b` the index walk reached, by node id. The resolvers ask
/// for them again and again, and each field lookup searches the node's children.
pub struct NodeParts<'t> {
    pub calls: Vec<Call<'t>>,
    call_at: FxHashMap<usize, usize>,
    members: FxHashMap<usize, (Node<'t>, Node<'t>)>,
    /// The grammar's field for the name after the dot.
    member_field: &'static str,
    ids: PartFields,
}

/// The field ids NodeParts reads, looked up once instead of by name for every node.
struct PartFields {
    function: Option<NonZeroU16>,
    arguments: Option<NonZeroU16>,
    object: Option<NonZeroU16>,
    member: Option<NonZeroU16>,
}

impl<'t> NodeParts<'t> {
    /// `member_field` names the part after the dot: `attribute` in Python, `property` in
    /// TypeScript.
    pub fn new(grammar: &Grammar, member_field: &'static str) -> Self {
        NodeParts {
            calls: Vec::new(),
            call_at: FxHashMap::default(),
            members: FxHashMap::default(),
            member_field,
            ids: PartFields {
                function: grammar.field_id("function"),
                arguments: grammar.field_id("arguments"),
                object: grammar.field_id("object"),
                member: grammar.field_id(member_field),
            },
        }
    }

    pub fn record_call(&mut self, node: Node<'t>, scope: usize) {
        self.call_at.insert(node.id(), self.calls.len());
        self.calls.push(Call {
            node,
            scope,
            function: child_in(node, self.ids.function),
            arguments: child_in(node, self.ids.arguments),
        });
    }

    /// Records `a.b` and returns its object and the name after the dot.
    pub fn record_member(&mut self, node: Node<'t>) -> Option<(Node<'t>, Node<'t>)> {
        let parts = (
            child_in(node, self.ids.object)?,
            child_in(node, self.ids.member)?,
        );
        self.members.insert(node.id(), parts);
        Some(parts)
    }

    /// A call the walk reached.
    pub fn call(&self, node: Node<'t>) -> Option<&Call<'t>> {
        self.call_at.get(&node.id()).map(|&i| &self.calls[i])
    }

    /// The object and the name after the dot of an `a.b` the walk reached.
    pub fn member(&self, node: Node<'t>) -> Option<(Node<'t>, Node<'t>)> {
        self.members.get(&node.id()).copied()
    }

    /// `node.field(name)`, read from the tables where they have the answer.
    pub fn field(&self, node: Node<'t>, name: &str) -> Option<Node<'t>> {
        match name {
            "function" | "arguments" => {
                if let Some(call) = self.call(node) {
                    return if name == "function" {
                        call.function
                    } else {
                        call.arguments
                    };
                }
            }
            "object" => {
                if let Some((object, _)) = self.member(node) {
                    return Some(object);
                }
            }
            _ if name == self.member_field => {
                if let Some((_, member)) = self.member(node) {
                    return Some(member);
                }
            }
            _ => {}
        }
        node.field(name)
    }
}

fn child_in<'t>(node: Node<'t>, field: Option<NonZeroU16>) -> Option<Node<'t>> {
    node.child_by_field_id(field?.get())
}

/// Whether a cursor's field (`TreeCursor::field_id`) is the wanted one. A field the grammar
/// lacks is `None` on both sides, which must not count as a match.
pub fn in_field(field: Option<NonZeroU16>, wanted: Option<NonZeroU16>) -> bool {
    field.is_some() && field == wanted
}

pub trait NodeExt<'t> {
    fn field(&self, name: &str) -> Option<Node<'t>>;
    /// `kind()` without the C string conversion.
    fn kind_name(&self) -> &'t str;
}

impl<'t> NodeExt<'t> for Node<'t> {
    fn field(&self, name: &str) -> Option<Node<'t>> {
        match Grammar::of(*self) {
            Some(g) => g.field(*self, name),
            None => self.child_by_field_name(name),
        }
    }

    fn kind_name(&self) -> &'t str {
        match Grammar::of(*self) {
            Some(g) => g.kind(*self),
            None => self.kind(),
        }
    }
}

/// Whether the text names Composio's API host in any letter case, without allocating: it runs
/// on every string literal.
pub fn names_composio_host(text: &str) -> bool {
    text.as_bytes()
        .windows(b"composio.dev".len())
        .any(|w| w.eq_ignore_ascii_case(b"composio.dev"))
}

/// Whether the text names Composio in any letter case, without allocating: it runs on whole
/// expressions, some of them megabytes long.
pub fn mentions_composio(text: &str) -> bool {
    text.as_bytes()
        .windows(b"composio".len())
        .any(|w| w.eq_ignore_ascii_case(b"composio"))
}

#[cfg(test)]
mod tests;
