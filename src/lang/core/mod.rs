//! The shared core of the two tree-sitter front ends (Python and TypeScript/JavaScript).
//!
//! Each front end indexes its file in one walk and evaluates expressions over that index to the
//! abstract values in [`Val`]. What they then do with those answers is the same in both
//! languages: record session sites, push user-id arguments and bindings, rank the uses that
//! share a session, find logging helpers and logged IDs. That is written once here, against
//! [`FrontEnd`]: the questions only a language can answer (what a call's user id is, which
//! function a callee names, whether a scope serves many users) and a table of grammar facts
//! ([`Syntax`]).

pub mod logging;
pub mod mappings;
pub mod sessions;
pub mod sharing;
pub mod stores;
pub mod syntax;
pub mod tables;
pub mod user_ids;

use rustc_hash::{FxHashMap, FxHashSet};
use tree_sitter::Node;

use super::common::{NodeExt, is_logger_name};
use super::memo::{EvalMemo, Key};
use crate::model::{self, FileModel, FunctionName, SessionSite, Sharing, Span, StrLiteral};

pub use logging::Logging;
pub use mappings::Mappings;
pub use sessions::Sessions;
pub use sharing::SharingFacts;
pub use stores::Stores;
pub use syntax::Syntax;
pub use tables::Tables;
pub use user_ids::UserIds;

pub type ScopeId = usize;
pub type ClassId = usize;
pub const MODULE: ScopeId = 0;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum ScopeKind {
    Module,
    Function,
    /// A class body: its names are class attributes, not variables of the methods.
    ClassBody(ClassId),
}

/// What an expression can evaluate to, as far as the rules care.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Val {
    /// The SDK as a module or namespace: `import composio`, `import * as sdk from
    /// '@composio/core'`, `require('@composio/core')`.
    Sdk,
    /// The SDK's `Composio` class.
    ClientClass,
    Client,
    /// A member reached from a client: `tool_router`, `experimental.tool_router`, `tools`, ...
    Member(String),
    Session(usize),
    SessionId(usize),
    Logger,
    Instance(ClassId),
    Class(ClassId),
}

/// What a name says on its own: the usual names of a Composio client and of loggers.
pub fn by_name(name: &str) -> Option<Val> {
    if matches!(
        name,
        "composio" | "composio_client" | "composioClient" | "_composio"
    ) {
        Some(Val::Client)
    } else if is_logger_name(name) {
        Some(Val::Logger)
    } else {
        None
    }
}

/// A string literal's text: its `fragment` children joined, `None` when it has an
/// `interpolation` child (an f-string's `{x}`, a template's `${x}`).
pub fn literal_text(
    node: Node<'_>,
    src: &str,
    fragment: &str,
    interpolation: &str,
) -> Option<String> {
    let mut out = String::new();
    let mut cursor = node.walk();
    for part in node.named_children(&mut cursor) {
        let kind = part.kind_name();
        if kind == fragment {
            out.push_str(&src[part.byte_range()]);
        } else if kind == interpolation {
            return None;
        }
    }
    Some(out)
}

/// A call whose callee's last name says it builds a Composio client (`Composio`,
/// `make_composio`), not one of the SDK's other objects.
pub fn builds_client(callee_last: &str) -> bool {
    let lower = callee_last.to_ascii_lowercase();
    lower.contains("composio")
        && !["session", "tool", "provider", "toolset", "user"]
            .iter()
            .any(|w| lower.contains(w))
}

/// Attribute or property names that hold a session's ID.
pub const SESSION_ID_NAMES: &[&str] = &["session_id", "sessionId", "id"];

/// A same-file call of a function: (call, caller's scope, leading parameters the call does not
/// pass explicitly, such as Python's `self`).
pub type CallSite<'t> = (Node<'t>, ScopeId, usize);

pub struct Site<'t> {
    pub call: Node<'t>,
    pub scope: ScopeId,
    /// The model's facts about this session, filled in as the resolver learns them.
    pub facts: SessionSite,
    pub user_id: Option<Node<'t>>,
    /// Module-level names the session was bound to, and whether through a lazy global (`global`
    /// in Python, a module `let` assigned in a function in TypeScript).
    pub module_names: Vec<(String, bool)>,
    /// Instance fields the session was stored in: (class, field, the storing method's scope).
    pub fields: Vec<(ClassId, String, ScopeId)>,
}

/// What a user-id expression was followed back to.
pub struct Trace {
    pub literals: Vec<StrLiteral>,
    pub emails: Vec<model::Span>,
    /// Parameters of same-file functions the value comes from: (function scope, index).
    pub params: Vec<(ScopeId, usize)>,
    /// The value came from environment or configuration lookups (a deployment constant).
    pub env: bool,
    /// `false` once any part of the value depends on something not fixed at deploy time.
    pub fixed: bool,
    pub seen: FxHashSet<usize>,
}

impl Default for Trace {
    fn default() -> Self {
        Trace {
            literals: Vec::new(),
            emails: Vec::new(),
            params: Vec::new(),
            env: false,
            fixed: true,
            seen: FxHashSet::default(),
        }
    }
}

/// The state every resolver carries, whatever its language.
pub struct Core<'a, 't> {
    pub src: &'t str,
    pub extra_loggers: &'a [String],
    pub sites: Vec<Site<'t>>,
    pub site_by_call: FxHashMap<usize, Option<usize>>,
    pub memo: EvalMemo<'t, Val>,
    pub calls_to: Option<FxHashMap<ScopeId, Vec<CallSite<'t>>>>,
}

impl<'a, 't> Core<'a, 't> {
    /// Records evidence that the session of `site` outlives one user's request.
    pub fn share(&mut self, site: usize, sharing: Sharing) {
        self.sites[site].facts.sharing.push(sharing);
    }

    pub fn new(src: &'t str, extra_loggers: &'a [String]) -> Self {
        Core {
            src,
            extra_loggers,
            sites: Vec::new(),
            site_by_call: FxHashMap::default(),
            memo: EvalMemo::new(),
            calls_to: None,
        }
    }
}

/// The `FrontEnd` items every resolver states alike, from its `core` and `ix` fields and its
/// index's `scopes` (each with a `parent`, a `name`, `params` and `returns`).
macro_rules! resolver_basics {
    () => {
        fn core(&self) -> &Core<'a, 't> {
            &self.core
        }

        fn core_mut(&mut self) -> &mut Core<'a, 't> {
            &mut self.core
        }

        fn parent(&self, scope: ScopeId) -> Option<ScopeId> {
            self.ix.scopes[scope].parent
        }

        fn scope_name(&self, scope: ScopeId) -> &'a str {
            &self.ix.scopes[scope].name
        }

        fn scope_count(&self) -> usize {
            self.ix.scopes.len()
        }

        fn params_of(&self, f: ScopeId) -> Vec<&'a str> {
            self.ix.scopes[f]
                .params
                .iter()
                .map(|p| p.name.as_str())
                .collect()
        }

        fn returns_of(&self, f: ScopeId) -> &'a [Node<'t>] {
            &self.ix.scopes[f].returns
        }

        fn field_uses(&self, class: ClassId, field: &str) -> &'a [(Node<'t>, ScopeId)] {
            self.ix.classes[class]
                .field_uses
                .get(field)
                .map_or(&[], Vec::as_slice)
        }

        fn class_attrs(&self, class: ClassId, name: &str) -> &'a [(Node<'t>, ScopeId)] {
            self.ix.classes[class]
                .attrs
                .get(name)
                .map_or(&[], Vec::as_slice)
        }

        fn param_default(&self, f: ScopeId, i: usize) -> Option<Node<'t>> {
            self.ix.scopes[f].params[i].default
        }

        fn tables(&self) -> &'a Tables<'t> {
            &self.ix.tables
        }
    };
}
pub(crate) use resolver_basics;

/// A tree-sitter front end's resolver, as the shared core sees it.
pub trait FrontEnd<'a, 't: 'a>: Sized {
    const SYNTAX: &'static Syntax;

    fn core(&self) -> &Core<'a, 't>;
    fn core_mut(&mut self) -> &mut Core<'a, 't>;

    // ------------------------------------------------------------ scopes

    fn parent(&self, scope: ScopeId) -> Option<ScopeId>;
    fn scope_name(&self, scope: ScopeId) -> &'a str;
    fn scope_count(&self) -> usize;
    /// The class whose `self` / `this` the scope sees without looking further out.
    fn scope_class(&self, scope: ScopeId) -> Option<ClassId>;
    fn params_of(&self, f: ScopeId) -> Vec<&'a str>;
    fn returns_of(&self, f: ScopeId) -> &'a [Node<'t>];
    fn tables(&self) -> &'a Tables<'t>;
    fn param_default(&self, f: ScopeId, i: usize) -> Option<Node<'t>>;
    /// Reads of `self.field` / `this.field` in the class's code, with their scopes.
    fn field_uses(&self, class: ClassId, field: &str) -> &'a [(Node<'t>, ScopeId)];
    /// Class attributes (class-body assignments, static members) named `name`.
    fn class_attrs(&self, class: ClassId, name: &str) -> &'a [(Node<'t>, ScopeId)];
    /// Instance fields (`self.x = ...`, `this.x = ...`) named `name`, with the method's scope.
    fn class_fields(&self, class: ClassId, name: &str) -> Vec<(Node<'t>, ScopeId)>;

    // ------------------------------------------------------------ evaluation

    fn eval_uncached(&mut self, node: Node<'t>, scope: ScopeId) -> Vec<Val>;
    /// The values bound to a local name in `scope`'s own assignments and outer ones, each with
    /// the scope it is evaluated in.
    fn local_values(&self, name: &str, scope: ScopeId) -> Vec<(Node<'t>, ScopeId)>;
    /// The same-file function a callee names, and how many leading parameters a call to it
    /// does not pass explicitly.
    fn resolve_function(&mut self, callee: Node<'t>, scope: ScopeId) -> Option<(ScopeId, usize)>;
    /// The argument `call` passes for parameter `i` of `f`, when the call does not pass the
    /// first `skip` parameters explicitly.
    fn argument_for(&self, call: Node<'t>, f: ScopeId, i: usize, skip: usize) -> Option<Node<'t>>;
    fn first_argument(&self, call: Node<'t>) -> Option<Node<'t>>;

    // ------------------------------------------------------------ provided

    fn text(&self, n: Node<'t>) -> &'t str {
        &self.core().src[n.byte_range()]
    }

    fn compact(&self, n: Node<'t>) -> String {
        self.text(n).split_whitespace().collect::<Vec<_>>().join("")
    }

    /// A field of a node, from the index's tables when the walk recorded the node.
    fn field(&self, node: Node<'t>, name: &str) -> Option<Node<'t>> {
        self.tables().parts.field(node, name)
    }

    /// `a.b` as (`a`, the text of `b`).
    fn member_parts(&self, node: Node<'t>) -> Option<(Node<'t>, &'t str)> {
        if let Some((object, property)) = self.tables().parts.member(node) {
            return Some((object, self.text(property)));
        }
        if node.kind_name() != Self::SYNTAX.member_kind {
            return None;
        }
        Some((
            node.field("object")?,
            self.text(node.field(Self::SYNTAX.property_field)?),
        ))
    }

    fn eval(&mut self, node: Node<'t>, scope: ScopeId) -> Vec<Val> {
        let key = if Self::SYNTAX.name_kinds.contains(&node.kind_name()) {
            Key::Name(scope, self.text(node))
        } else {
            Key::Node(node.id())
        };
        match self.core_mut().memo.enter(key) {
            Ok(visit) => {
                let out = self.eval_uncached(node, scope);
                self.core_mut().memo.leave(visit, out)
            }
            Err(known) => known,
        }
    }

    /// What an SDK import binds `name` to: the `Composio` class, the SDK module or namespace.
    fn sdk_binding(&self, name: &str, out: &mut Vec<Val>) {
        let tables = self.tables();
        if tables.client_classes.contains(name) {
            out.push(Val::ClientClass);
        }
        if tables.sdk_names.contains(name) {
            out.push(Val::Sdk);
        }
    }

    /// The method a call invokes on a Composio client or on a member of one, with the member's
    /// path: `create` for `composio.create(...)`, `tool_router.session.create`.
    fn client_method_path(&mut self, call: Node<'t>, scope: ScopeId) -> Option<String> {
        if call.kind_name() != Self::SYNTAX.call_kind {
            return None;
        }
        let (obj, method) = self.member_parts(self.field(call, "function")?)?;
        let path = self.eval(obj, scope).into_iter().find_map(|v| match v {
            Val::Member(p) => Some(p),
            Val::Client => Some(String::new()),
            _ => None,
        })?;
        Some(if path.is_empty() {
            method.to_string()
        } else {
            format!("{path}.{method}")
        })
    }

    /// A scope's name for messages. The index names functions that have none `<lambda>` or
    /// `<anonymous>`.
    fn function_name(&self, scope: ScopeId) -> FunctionName {
        match self.scope_name(scope) {
            name if name.starts_with('<') => FunctionName::Anonymous,
            name => FunctionName::Named(name.to_string()),
        }
    }

    /// What a same-file function can return.
    fn eval_returns(&mut self, f: ScopeId) -> Vec<Val> {
        let mut out = Vec::new();
        for &ret in self.returns_of(f) {
            out.extend(self.eval(ret, f));
        }
        out
    }

    /// What a same-file class member may hold: its attributes, and the instance's fields when
    /// read from an instance.
    fn class_member_values(
        &self,
        class: ClassId,
        name: &str,
        instance: bool,
    ) -> Vec<(Node<'t>, ScopeId)> {
        let mut out = if instance {
            self.class_fields(class, name)
        } else {
            Vec::new()
        };
        out.extend_from_slice(self.class_attrs(class, name));
        out
    }

    /// Everything any of `parts` can be: the sides of `a or b`, the branches of a conditional.
    fn eval_each(
        &mut self,
        parts: impl IntoIterator<Item = Option<Node<'t>>>,
        scope: ScopeId,
    ) -> Vec<Val> {
        let mut out = Vec::new();
        for part in parts.into_iter().flatten() {
            out.extend(self.eval(part, scope));
        }
        out
    }

    /// `scope` and the functions and class bodies around it, innermost first, short of the
    /// module.
    fn enclosing(&self, scope: ScopeId) -> impl Iterator<Item = ScopeId> {
        std::iter::successors(Some(scope), |&s| self.parent(s)).take_while(|&s| s != MODULE)
    }

    /// The items of a list or tuple literal, or the expression itself: `user_ids=[a, b]`,
    /// `userIds: ids`.
    fn items_or_self(&self, node: Node<'t>) -> Vec<Node<'t>> {
        if !Self::SYNTAX.sequence_kinds.contains(&node.kind_name()) {
            return vec![node];
        }
        let mut cursor = node.walk();
        node.named_children(&mut cursor).collect()
    }

    fn encloses(&self, outer: ScopeId, mut inner: ScopeId) -> bool {
        loop {
            if inner == outer {
                return true;
            }
            match self.parent(inner) {
                Some(p) => inner = p,
                None => return false,
            }
        }
    }

    fn class_of(&self, mut scope: ScopeId) -> Option<ClassId> {
        loop {
            if let Some(c) = self.scope_class(scope) {
                return Some(c);
            }
            scope = self.parent(scope)?;
        }
    }

    /// Every same-file call of `f`, with the caller's scope and the parameter offset.
    fn calls_to(&mut self, f: ScopeId) -> Vec<CallSite<'t>> {
        if self.core().calls_to.is_none() {
            let mut map: FxHashMap<ScopeId, Vec<CallSite<'t>>> = FxHashMap::default();
            let parts = &self.tables().parts;
            for call in &parts.calls {
                if let Some(callee) = call.function
                    && let Some((target, offset)) = self.resolve_function(callee, call.scope)
                {
                    map.entry(target)
                        .or_default()
                        .push((call.node, call.scope, offset));
                }
            }
            self.core_mut().calls_to = Some(map);
        }
        self.core()
            .calls_to
            .as_ref()
            .and_then(|m| m.get(&f))
            .cloned()
            .unwrap_or_default()
    }
}

/// The model of a file its front end has indexed: the syntax errors and comments of every file,
/// and, when the file touches Composio, the facts the resolver finds, each pass after the ones
/// it reads from.
pub fn file_model<'a, 't: 'a, R>(
    syntax_errors: Vec<Span>,
    comments: Vec<Span>,
    resolver: Option<R>,
) -> FileModel
where
    R: sessions::SessionHooks<'a, 't>
        + user_ids::UserIdHooks<'a, 't>
        + stores::StoreHooks<'a, 't>
        + sharing::SharingHooks<'a, 't>
        + logging::LoggingHooks<'a, 't>,
{
    let mut model = FileModel {
        syntax_errors,
        comments,
        ..Default::default()
    };
    if let Some(mut r) = resolver {
        r.find_sessions();
        r.find_user_ids(&mut model);
        r.find_user_id_bindings(&mut model);
        r.find_stores();
        r.find_sharing();
        r.find_logged_ids();
        let sites = std::mem::take(&mut r.core_mut().sites);
        model.sessions = model::in_source_order(sites.into_iter().map(|s| s.facts));
    }
    model
}
