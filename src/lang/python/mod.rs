//! Python front end: tree-sitter-python source → FileModel.
//!
//! `index` records the file's scopes, bindings, calls and stores in one walk; `Resolver`
//! answers "what can this expression be?" over that index (Composio client, a member of one,
//! a session, a session's ID, a logger, an instance of a same-file class), and the functions
//! below turn the answers into the model's facts.

mod index;

use rustc_hash::{FxHashMap, FxHashSet};
use std::cell::RefCell;

use tree_sitter::{Node, Parser};

use super::common::{
    Call, Grammar, LOG_METHODS, NodeExt, descend, in_field, is_config_read, is_constant_name,
    is_extra_logger, is_logger_name, is_main_name, is_request_param, is_session_method_name,
    last_name, session_method, shared_use, takes_user_id_first,
};
use super::memo::{EvalMemo, Key};
use crate::model::{
    self, CacheStore, FileModel, KeyKind, SessionSite, Sharing, StrLiteral, UserIdArg,
    UserIdBinding,
};
use index::{ClassId, Index, MODULE, ScopeId, ScopeKind};

thread_local! {
    static PARSER: RefCell<Parser> = RefCell::new({
        let mut p = Parser::new();
        p.set_language(&tree_sitter_python::LANGUAGE.into())
            .expect("tree-sitter-python grammar is compatible with the linked tree-sitter");
        p
    });
}

pub fn analyze(src: &str, extra_loggers: &[String]) -> FileModel {
    let pre = super::nesting::scan_python(src);
    if let Some(at) = pre.too_deep {
        return FileModel::not_analyzed(at..at + 1, "indented blocks nested too deeply to parse");
    }
    // Long runs of comment lines are handed to the parser as spaces (same offsets, so every
    // node's text is still read from `src`), and their comments added back for suppressions.
    let blanked;
    let parsed = if pre.comment_runs.is_empty() {
        src
    } else {
        let mut bytes = src.as_bytes().to_vec();
        for comment in &pre.comment_runs {
            bytes[comment.clone()].fill(b' ');
        }
        blanked = String::from_utf8(bytes).expect("whole comments were replaced by ASCII spaces");
        &blanked
    };
    let Some(tree) = PARSER.with(|p| p.borrow_mut().parse(parsed, None)) else {
        return FileModel::default();
    };
    let ix = index::build(tree.root_node(), src);
    let mut comments = ix.comments.clone();
    if !pre.comment_runs.is_empty() {
        comments.extend(pre.comment_runs);
        comments.sort_by_key(|c| c.start);
    }
    let mut model = FileModel {
        syntax_errors: ix.syntax_errors.clone(),
        comments,
        ..Default::default()
    };
    if !ix.touches_composio {
        return model;
    }
    let mut r = Resolver::new(&ix, src, extra_loggers);
    r.find_sessions();
    r.find_user_ids(&mut model);
    r.find_user_id_bindings(&mut model);
    r.find_stores();
    r.find_sharing();
    r.find_logged_ids();
    model.sessions = r.into_sessions();
    model
}

/// What an expression can evaluate to, as far as the rules care.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Val {
    /// The `composio` package itself (`import composio`).
    SdkModule,
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

const SESSION_ID_ATTRS: &[&str] = &["session_id", "sessionId", "id"];

/// A same-file call of a function: (call, caller's scope, parameters not passed explicitly).
type CallSite<'t> = (Node<'t>, ScopeId, usize);

struct Site<'t> {
    call: Node<'t>,
    scope: ScopeId,
    /// The model's facts about this session, filled in as the resolver learns them.
    facts: SessionSite,
    user_id: Option<Node<'t>>,
    /// Where the session value was bound: module-level names, `self` fields.
    module_names: Vec<(String, Option<ScopeId>)>,
    fields: Vec<(ClassId, String, ScopeId)>,
}

struct Resolver<'a, 't> {
    ix: &'a Index<'t>,
    extra_loggers: &'a [String],
    src: &'t str,
    sites: Vec<Site<'t>>,
    site_by_call: FxHashMap<usize, Option<usize>>,
    memo: EvalMemo<'t, Val>,
    calls_to: Option<FxHashMap<ScopeId, Vec<CallSite<'t>>>>,
    /// Functions handed to a router by a call rather than a decorator.
    registered_handlers: FxHashSet<ScopeId>,
}

impl<'a, 't> Resolver<'a, 't> {
    fn new(ix: &'a Index<'t>, src: &'t str, extra_loggers: &'a [String]) -> Self {
        Resolver {
            ix,
            extra_loggers,
            src,
            sites: Vec::new(),
            site_by_call: FxHashMap::default(),
            memo: EvalMemo::new(),
            calls_to: None,
            registered_handlers: FxHashSet::default(),
        }
    }

    fn field(&self, node: Node<'t>, name: &str) -> Option<Node<'t>> {
        self.ix.parts.field(node, name)
    }

    fn text(&self, n: Node<'t>) -> &'t str {
        &self.src[n.byte_range()]
    }

    fn compact(&self, n: Node<'t>) -> String {
        self.text(n).split_whitespace().collect::<Vec<_>>().join("")
    }

    // ---------------------------------------------------------------- evaluation

    fn eval(&mut self, node: Node<'t>, scope: ScopeId) -> Vec<Val> {
        let key = match node.kind_name() {
            "identifier" => Key::Name(scope, self.text(node)),
            _ => Key::Node(node.id()),
        };
        match self.memo.enter(key) {
            Ok(visit) => {
                let out = self.eval_uncached(node, scope);
                self.memo.leave(visit, out)
            }
            Err(known) => known,
        }
    }

    fn eval_uncached(&mut self, node: Node<'t>, scope: ScopeId) -> Vec<Val> {
        match node.kind_name() {
            "identifier" => self.eval_name(node, scope),
            "attribute" => self.eval_attribute(node, scope),
            "call" => self.eval_call(node, scope),
            "await" | "parenthesized_expression" => match node.named_child(0) {
                Some(inner) => self.eval(inner, scope),
                None => Vec::new(),
            },
            "boolean_operator" => {
                let mut out = Vec::new();
                for f in ["left", "right"] {
                    if let Some(side) = node.field(f) {
                        out.extend(self.eval(side, scope));
                    }
                }
                out
            }
            "conditional_expression" => {
                let mut out = Vec::new();
                for i in [0, 2] {
                    if let Some(branch) = node.named_child(i) {
                        out.extend(self.eval(branch, scope));
                    }
                }
                out
            }
            "named_expression" => match node.field("value") {
                Some(v) => self.eval(v, scope),
                None => Vec::new(),
            },
            _ => Vec::new(),
        }
    }

    fn eval_name(&mut self, node: Node<'t>, scope: ScopeId) -> Vec<Val> {
        let name = self.text(node);
        if name == "self"
            && let Some(c) = self.class_of(scope)
        {
            return vec![Val::Instance(c)];
        }
        let mut out = Vec::new();
        match self.lookup(name, scope) {
            Binding::Param(s, i) => {
                let ix = self.ix;
                let p = &ix.scopes[s].params[i];
                if p.annotation.is_some_and(|a| self.is_client_annotation(a)) {
                    out.push(Val::Client);
                }
                if let Some(d) = p.default {
                    out.extend(self.eval(d, s));
                }
            }
            Binding::Values(values) => {
                for (v, s) in values {
                    out.extend(self.eval(v, s));
                }
            }
            Binding::Function(_) => {}
            Binding::Module => {
                if self.ix.client_classes.contains(name) {
                    out.push(Val::ClientClass);
                }
                if self.ix.sdk_modules.contains(name) {
                    out.push(Val::SdkModule);
                }
                if self.ix.logger_aliases.contains(name) {
                    out.push(Val::Logger);
                }
                if let Some(&c) = self.ix.class_by_name.get(name) {
                    out.push(Val::Class(c));
                }
            }
        }
        if out.is_empty() {
            out.extend(self.by_name(name));
        }
        out
    }

    /// Values a name implies when nothing better is known (SPEC: a local, field or parameter
    /// named `composio`/`composio_client` is a client in a file that touches Composio).
    fn by_name(&self, name: &str) -> Option<Val> {
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

    fn is_client_annotation(&self, ann: Node<'t>) -> bool {
        let t = self.text(ann).trim_matches(|c| c == '"' || c == '\'');
        let base = t.split(['|', '[']).next().unwrap_or("").trim();
        let last = base.rsplit('.').next().unwrap_or("");
        last == "Composio" || self.ix.client_classes.contains(last)
    }

    fn eval_attribute(&mut self, node: Node<'t>, scope: ScopeId) -> Vec<Val> {
        let (Some(obj), Some(attr)) = (self.field(node, "object"), self.field(node, "attribute"))
        else {
            return Vec::new();
        };
        let attr = self.text(attr);
        let mut out = Vec::new();
        for v in self.eval(obj, scope) {
            match v {
                Val::SdkModule if attr == "Composio" => out.push(Val::ClientClass),
                Val::Client => out.push(Val::Member(attr.to_string())),
                Val::Member(path) if path.matches('.').count() < 3 => {
                    out.push(Val::Member(format!("{path}.{attr}")))
                }
                Val::Session(s) if SESSION_ID_ATTRS.contains(&attr) => out.push(Val::SessionId(s)),
                Val::Instance(c) => {
                    out.extend(self.eval_class_member(c, attr, true));
                }
                Val::Class(c) => {
                    out.extend(self.eval_class_member(c, attr, false));
                }
                _ => {}
            }
        }
        if out.is_empty() {
            for (value, s) in self.keyword_passed(obj, attr, scope) {
                out.extend(self.eval(value, s));
            }
        }
        if out.is_empty() {
            out.extend(self.by_name(attr));
        }
        out
    }

    /// `deps.session` where `deps = Deps(session=…)`: dataclasses, pydantic models, attrs
    /// classes and `SimpleNamespace` keep a keyword argument as the attribute of that name.
    fn keyword_passed(
        &self,
        obj: Node<'t>,
        attr: &str,
        scope: ScopeId,
    ) -> Vec<(Node<'t>, ScopeId)> {
        let built = match obj.kind_name() {
            "call" => vec![(obj, scope)],
            // A name rebound over and over (`q = q.where(...)`) is a builder, not a record.
            "identifier" => match self.lookup(self.text(obj), scope) {
                Binding::Values(values) if values.len() <= 4 => values,
                _ => Vec::new(),
            },
            _ => Vec::new(),
        };
        built
            .into_iter()
            .filter(|&(v, _)| {
                // A class is called by its capitalised name: `Deps(...)`, `models.Deps(...)`.
                v.kind_name() == "call"
                    && self.field(v, "function").is_some_and(|f| {
                        last_name(self.text(f)).starts_with(|c: char| c.is_ascii_uppercase())
                    })
            })
            .filter_map(|(call, s)| Some((self.keyword_argument(call, attr)?, s)))
            .collect()
    }

    /// The value passed as `name=…` in a call.
    fn keyword_argument(&self, call: Node<'t>, name: &str) -> Option<Node<'t>> {
        let args = self.field(call, "arguments")?;
        let mut cursor = args.walk();
        args.named_children(&mut cursor).find_map(|a| {
            (a.kind_name() == "keyword_argument"
                && a.field("name").is_some_and(|n| self.text(n) == name))
            .then(|| a.field("value"))
            .flatten()
        })
    }

    fn eval_class_member(&mut self, c: ClassId, attr: &str, instance: bool) -> Vec<Val> {
        let ix = self.ix;
        let class = &ix.classes[c];
        let mut out = Vec::new();
        if instance && let Some(fields) = class.fields.get(attr) {
            for &(v, s) in fields {
                out.extend(self.eval(v, s));
            }
        }
        if let Some(values) = class.attrs.get(attr) {
            for &(v, s) in values {
                out.extend(self.eval(v, s));
            }
        }
        out
    }

    fn eval_call(&mut self, node: Node<'t>, scope: ScopeId) -> Vec<Val> {
        if let Some(site) = self.session_site(node, scope) {
            return vec![Val::Session(site)];
        }
        let Some(callee) = self.field(node, "function") else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let callee_vals = self.eval(callee, scope);
        if callee_vals.contains(&Val::ClientClass) {
            out.push(Val::Client);
        }
        if let Some(c) = callee_vals.iter().find_map(|v| match v {
            Val::Class(c) => Some(*c),
            _ => None,
        }) {
            out.push(Val::Instance(c));
        }
        let last = last_name(self.text(callee));
        let lower = last.to_ascii_lowercase();
        if lower.contains("composio")
            && !["session", "tool", "provider", "toolset", "user"]
                .iter()
                .any(|w| lower.contains(w))
        {
            out.push(Val::Client);
        }
        if matches!(
            last,
            "getLogger" | "get_logger" | "getlogger" | "LoggerAdapter"
        ) || (matches!(last, "bind" | "new" | "opt" | "bind_contextvars")
            && callee_vals.is_empty()
            && self
                .field(callee, "object")
                .is_some_and(|o| self.eval(o, scope).contains(&Val::Logger)))
        {
            out.push(Val::Logger);
        }
        if let Some((f, _)) = self.resolve_function(callee, scope) {
            let ix = self.ix;
            for &ret in &ix.scopes[f].returns {
                out.extend(self.eval(ret, f));
            }
        }
        out
    }

    // ---------------------------------------------------------------- scopes and bindings

    fn class_of(&self, mut scope: ScopeId) -> Option<ClassId> {
        loop {
            let s = &self.ix.scopes[scope];
            if let Some(c) = s.class {
                return Some(c);
            }
            scope = s.parent?;
        }
    }

    fn lookup(&self, name: &str, mut scope: ScopeId) -> Binding<'t> {
        let ix = self.ix;
        loop {
            let s = &ix.scopes[scope];
            if scope == MODULE || s.globals.contains(name) {
                let mut values: Vec<(Node<'t>, ScopeId)> = ix.scopes[MODULE]
                    .assigns
                    .get(name)
                    .map(|v| v.iter().map(|&n| (n, MODULE)).collect())
                    .unwrap_or_default();
                if let Some(g) = ix.global_assigns.get(name) {
                    values.extend(g.iter().copied());
                }
                if !values.is_empty() {
                    return Binding::Values(values);
                }
                if let Some(&f) = ix.scopes[MODULE].defs.get(name) {
                    return Binding::Function(f);
                }
                return Binding::Module;
            }
            if let Some(i) = s.params.iter().position(|p| p.name == name) {
                return Binding::Param(scope, i);
            }
            if let Some(values) = s.assigns.get(name) {
                return Binding::Values(values.iter().map(|&n| (n, scope)).collect());
            }
            if let Some(&f) = s.defs.get(name) {
                return Binding::Function(f);
            }
            scope = s.parent.unwrap_or(MODULE);
        }
    }

    /// The same-file function a call's callee names, and how many leading parameters the call
    /// does not pass explicitly (`self` for methods and constructors).
    fn resolve_function(&mut self, callee: Node<'t>, scope: ScopeId) -> Option<(ScopeId, usize)> {
        let ix = self.ix;
        match callee.kind_name() {
            "identifier" => {
                let name = self.text(callee);
                match self.lookup(name, scope) {
                    Binding::Function(f) => Some((f, 0)),
                    Binding::Module => {
                        let c = *ix.class_by_name.get(name)?;
                        ix.classes[c].methods.get("__init__").map(|&f| (f, 1))
                    }
                    _ => None,
                }
            }
            "attribute" => {
                let obj = self.field(callee, "object")?;
                let method = self.text(self.field(callee, "attribute")?);
                for v in self.eval(obj, scope) {
                    match v {
                        Val::Instance(c) => {
                            if let Some(&f) = ix.classes[c].methods.get(method) {
                                let is_static = ix.scopes[f]
                                    .decorators
                                    .iter()
                                    .any(|d| self.text(*d).contains("staticmethod"));
                                return Some((f, usize::from(!is_static)));
                            }
                        }
                        Val::Class(c) => {
                            if let Some(&f) = ix.classes[c].methods.get(method) {
                                let is_class_method = ix.scopes[f]
                                    .decorators
                                    .iter()
                                    .any(|d| self.text(*d).contains("classmethod"));
                                return Some((f, usize::from(is_class_method)));
                            }
                        }
                        _ => {}
                    }
                }
                None
            }
            _ => None,
        }
    }

    /// Every same-file call of each function, with the caller's scope and the parameter offset.
    fn calls_to(&mut self, f: ScopeId) -> Vec<CallSite<'t>> {
        if self.calls_to.is_none() {
            let mut map: FxHashMap<ScopeId, Vec<_>> = FxHashMap::default();
            for &Call {
                node: call,
                scope,
                function,
                ..
            } in &self.ix.parts.calls
            {
                if let Some(callee) = function
                    && let Some((target, offset)) = self.resolve_function(callee, scope)
                {
                    map.entry(target).or_default().push((call, scope, offset));
                }
            }
            self.calls_to = Some(map);
        }
        self.calls_to
            .as_ref()
            .and_then(|m| m.get(&f))
            .cloned()
            .unwrap_or_default()
    }

    /// The argument a call passes for parameter `index` (named `name`) of its target.
    fn argument_for(&self, call: Node<'t>, index: usize, name: &str) -> Option<Node<'t>> {
        let args = self.field(call, "arguments")?;
        let mut cursor = args.walk();
        let mut positional = 0;
        for a in args.named_children(&mut cursor) {
            match a.kind_name() {
                "keyword_argument" => {
                    if a.field("name").is_some_and(|n| self.text(n) == name) {
                        return a.field("value");
                    }
                }
                "list_splat" | "dictionary_splat" | "comment" => {}
                _ => {
                    if positional == index {
                        return Some(a);
                    }
                    positional += 1;
                }
            }
        }
        None
    }

    // ---------------------------------------------------------------- sessions

    /// The session site of a call, creating it the first time the call is classified.
    fn session_site(&mut self, call: Node<'t>, scope: ScopeId) -> Option<usize> {
        if let Some(&known) = self.site_by_call.get(&call.id()) {
            return known;
        }
        let site = self.classify_session_call(call, scope).map(|reopen| {
            let callee = self
                .field(call, "function")
                .map(|c| self.compact(c))
                .unwrap_or_default();
            let user_id = if reopen {
                None
            } else {
                self.user_id_argument(call, true)
            };
            self.sites.push(Site {
                call,
                scope,
                facts: SessionSite::new(call.byte_range(), callee, reopen),
                user_id,
                module_names: Vec::new(),
                fields: Vec::new(),
            });
            self.sites.len() - 1
        });
        self.site_by_call.insert(call.id(), site);
        site
    }

    /// `Some(false)` for a session-creating call, `Some(true)` for a reopening `use(...)`.
    fn classify_session_call(&mut self, call: Node<'t>, scope: ScopeId) -> Option<bool> {
        let callee = self.field(call, "function")?;
        if callee.kind_name() != "attribute" {
            return None;
        }
        let obj = self.field(callee, "object")?;
        let method = self.text(self.field(callee, "attribute")?);
        if !is_session_method_name(method) {
            return None;
        }
        self.eval(obj, scope).into_iter().find_map(|v| match v {
            Val::Client => session_method("", method),
            Val::Member(path) => session_method(&path, method),
            _ => None,
        })
    }

    fn find_sessions(&mut self) {
        let ix = self.ix;
        for call in &ix.parts.calls {
            self.session_site(call.node, call.scope);
        }
    }

    fn into_sessions(self) -> Vec<SessionSite> {
        model::in_source_order(self.sites.into_iter().map(|s| s.facts))
    }

    fn sessions_in(&mut self, value: Node<'t>, scope: ScopeId) -> Vec<usize> {
        let mut out: Vec<usize> = self
            .eval(value, scope)
            .into_iter()
            .filter_map(|v| match v {
                Val::Session(s) => Some(s),
                _ => None,
            })
            .collect();
        // A session wrapped in a tuple, list, dict or record constructor is still stored.
        let wraps = match value.kind_name() {
            "tuple" | "list" | "dictionary" | "expression_list" => true,
            "call" => self
                .field(value, "function")
                .is_some_and(|f| last_name(self.text(f)).starts_with(char::is_uppercase)),
            _ => false,
        };
        if wraps {
            let mut parts = Vec::new();
            collect_wrapped_values(value, &mut parts);
            for p in parts {
                out.extend(self.eval(p, scope).into_iter().filter_map(|v| match v {
                    Val::Session(s) => Some(s),
                    _ => None,
                }));
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    // ---------------------------------------------------------------- user ids

    /// The expression in a call's user-id position: `user_id=`, the first positional argument
    /// where the SDK takes the user id first, or `user_id` inside a `**kwargs` dict.
    fn user_id_argument(&mut self, call: Node<'t>, positional: bool) -> Option<Node<'t>> {
        let args = self.field(call, "arguments")?;
        let mut cursor = args.walk();
        let mut first = None;
        let mut splats = Vec::new();
        for a in args.named_children(&mut cursor) {
            match a.kind_name() {
                "keyword_argument" => {
                    if a.field("name").is_some_and(|n| self.text(n) == "user_id") {
                        return a.field("value");
                    }
                }
                "dictionary_splat" => splats.extend(a.named_child(0)),
                "list_splat" | "comment" => {}
                _ => {
                    if first.is_none() {
                        first = Some(a);
                    }
                }
            }
        }
        if positional && first.is_some() {
            return first;
        }
        let scope = self.scope_of_call(call);
        splats
            .into_iter()
            .find_map(|s| self.dict_entry(s, scope, "user_id", 0))
    }

    fn scope_of_call(&self, call: Node<'t>) -> ScopeId {
        self.ix.parts.call(call).map_or(MODULE, |c| c.scope)
    }

    /// The value under `key` in a dict literal (or `dict(...)` call), following local names.
    fn dict_entry(
        &self,
        node: Node<'t>,
        scope: ScopeId,
        key: &str,
        depth: usize,
    ) -> Option<Node<'t>> {
        if depth > 4 {
            return None;
        }
        match node.kind_name() {
            // The last entry that sets the key wins, an unpacked mapping's included:
            // `{**BASE, "user_id": uid}`, `dict(BASE, user_id=uid)`.
            "dictionary" => {
                let mut cursor = node.walk();
                let items: Vec<Node<'t>> = node.named_children(&mut cursor).collect();
                items
                    .into_iter()
                    .rev()
                    .find_map(|item| match item.kind_name() {
                        "pair" => {
                            let k = item.field("key")?;
                            (string_value(k, self.src).as_deref() == Some(key))
                                .then(|| item.field("value"))
                                .flatten()
                        }
                        "dictionary_splat" => {
                            self.dict_entry(item.named_child(0)?, scope, key, depth + 1)
                        }
                        _ => None,
                    })
            }
            "call"
                if self
                    .field(node, "function")
                    .is_some_and(|f| self.text(f) == "dict") =>
            {
                let args = self.field(node, "arguments")?;
                let mut cursor = args.walk();
                let items: Vec<Node<'t>> = args.named_children(&mut cursor).collect();
                items.into_iter().rev().find_map(|a| match a.kind_name() {
                    "keyword_argument" => a
                        .field("name")
                        .is_some_and(|n| self.text(n) == key)
                        .then(|| a.field("value"))
                        .flatten(),
                    "dictionary_splat" => self.dict_entry(a.named_child(0)?, scope, key, depth + 1),
                    "comment" => None,
                    _ => self.dict_entry(a, scope, key, depth + 1),
                })
            }
            "identifier" => match self.lookup(self.text(node), scope) {
                Binding::Values(values) => values
                    .into_iter()
                    .find_map(|(v, s)| self.dict_entry(v, s, key, depth + 1)),
                _ => None,
            },
            _ => None,
        }
    }

    /// The user-id expressions of an SDK call rooted in a client, if it is one.
    fn composio_user_id_exprs(&mut self, call: Node<'t>, scope: ScopeId) -> Vec<Node<'t>> {
        if let Some(site) = self.session_site(call, scope) {
            return self.sites[site].user_id.into_iter().collect();
        }
        let Some(callee) = self.field(call, "function") else {
            return Vec::new();
        };
        if callee.kind_name() != "attribute" {
            return Vec::new();
        }
        let Some(obj) = self.field(callee, "object") else {
            return Vec::new();
        };
        let method = self
            .field(callee, "attribute")
            .map(|a| self.text(a))
            .unwrap_or("");
        let path = self.eval(obj, scope).into_iter().find_map(|v| match v {
            Val::Member(p) => Some(p),
            Val::Client => Some(String::new()),
            _ => None,
        });
        let Some(path) = path else { return Vec::new() };
        let full = if path.is_empty() {
            method.to_string()
        } else {
            format!("{path}.{method}")
        };
        let positional = takes_user_id_first(&full, true);
        let mut out: Vec<Node<'t>> = self
            .user_id_argument(call, positional)
            .into_iter()
            .collect();
        if let Some(v) = self.keyword_argument(call, "user_ids") {
            if v.kind_name() == "list" || v.kind_name() == "tuple" {
                let mut cursor = v.walk();
                out.extend(v.named_children(&mut cursor));
            } else {
                out.push(v);
            }
        }
        out
    }

    fn find_user_ids(&mut self, model: &mut FileModel) {
        let ix = self.ix;
        for &Call {
            node: call,
            scope,
            function,
            ..
        } in &ix.parts.calls
        {
            let mut exprs = self.composio_user_id_exprs(call, scope);
            exprs.extend(self.rest_user_id(call, scope));
            if exprs.is_empty() {
                continue;
            }
            let callee = function.map(|c| self.compact(c)).unwrap_or_default();
            for expr in exprs {
                let mut visited = FxHashSet::default();
                self.push_user_id(model, expr, scope, call, &callee, &mut visited);
            }
        }
    }

    /// `user_id` in the JSON body of an HTTP request to Composio's REST API:
    /// `httpx.post(f"{COMPOSIO_BASE}/tool_router/session", json={"user_id": ...})`.
    fn rest_user_id(&mut self, call: Node<'t>, scope: ScopeId) -> Option<Node<'t>> {
        let callee = self.field(call, "function")?;
        if callee.kind_name() != "attribute" {
            return None;
        }
        let method = self.text(self.field(callee, "attribute")?);
        let url_index = match method {
            "post" | "put" | "patch" => 0,
            "request" => 1,
            _ => return None,
        };
        let url = self.argument_for(call, url_index, "url");
        let to_composio = url.is_some_and(|u| self.mentions_composio(u, scope, 0))
            || self
                .field(callee, "object")
                .is_some_and(|o| self.mentions_composio(o, scope, 0));
        if !to_composio {
            return None;
        }
        let args = self.field(call, "arguments")?;
        let mut cursor = args.walk();
        let body = args.named_children(&mut cursor).find_map(|a| {
            let name = self.text(a.field("name")?);
            let value = a.field("value")?;
            match name {
                "json" => Some(value),
                "data" | "content" => {
                    let f = self.field(value, "function")?;
                    (last_name(self.text(f)) == "dumps")
                        .then(|| self.field(value, "arguments")?.named_child(0))
                        .flatten()
                }
                _ => None,
            }
        })?;
        self.dict_entry(body, scope, "user_id", 0)
    }

    /// The expression names Composio, directly or through the values of the names in it
    /// (a base-URL constant, an HTTP client built with a Composio `base_url`).
    fn mentions_composio(&mut self, node: Node<'t>, scope: ScopeId, depth: usize) -> bool {
        if super::common::mentions_composio(self.text(node)) {
            return true;
        }
        if depth >= 3 {
            return false;
        }
        let mut stack = vec![node];
        let mut cursor = node.walk();
        while let Some(n) = stack.pop() {
            let values: Vec<(Node<'t>, ScopeId)> = match n.kind_name() {
                "identifier" => match self.lookup(self.text(n), scope) {
                    Binding::Values(v) => v,
                    _ => Vec::new(),
                },
                "attribute" => {
                    let field = self.field(n, "attribute").map(|a| self.text(a));
                    match (self.class_of(scope), field) {
                        (Some(c), Some(f))
                            if self
                                .field(n, "object")
                                .is_some_and(|o| self.text(o) == "self") =>
                        {
                            self.ix.classes[c]
                                .fields
                                .get(f)
                                .cloned()
                                .unwrap_or_default()
                        }
                        _ => Vec::new(),
                    }
                }
                _ => {
                    stack.extend(n.named_children(&mut cursor));
                    continue;
                }
            };
            if values
                .into_iter()
                .any(|(v, s)| self.mentions_composio(v, s, depth + 1))
            {
                return true;
            }
            if n.kind_name() == "attribute" {
                stack.extend(self.field(n, "object"));
            }
        }
        false
    }

    /// Records a user-id expression and, where it is a parameter of a same-file wrapper,
    /// the arguments every caller passes for it.
    fn push_user_id(
        &mut self,
        model: &mut FileModel,
        expr: Node<'t>,
        scope: ScopeId,
        call: Node<'t>,
        callee: &str,
        visited: &mut FxHashSet<(ScopeId, usize)>,
    ) {
        let mut t = Trace::default();
        self.trace(expr, scope, &mut t, 0);
        model.user_ids.push(UserIdArg {
            expr: expr.byte_range(),
            call: call.byte_range(),
            callee: callee.to_string(),
            literals: t.literals,
            email_sources: t.emails,
        });
        for (f, param) in t.params {
            if self.ix.scopes[f].params[param].splat
                || !visited.insert((f, param))
                || visited.len() > 16
            {
                continue;
            }
            let name = self.ix.scopes[f].params[param].name.clone();
            for (site, caller_scope, offset) in self.calls_to(f) {
                if param < offset {
                    continue;
                }
                if let Some(arg) = self.argument_for(site, param - offset, &name) {
                    self.push_user_id(model, arg, caller_scope, call, callee, visited);
                }
            }
        }
    }

    /// Follows a user-id expression back to the literals and email-named values it can be.
    fn trace(&mut self, node: Node<'t>, scope: ScopeId, t: &mut Trace, depth: usize) {
        if depth > 12 || !t.seen.insert(node.id()) {
            return;
        }
        let d = depth + 1;
        match node.kind_name() {
            "string" | "concatenated_string" => {
                if let Some(value) = string_value(node, self.src) {
                    if model::is_email_literal(&value) {
                        t.emails.push(node.byte_range());
                    }
                    t.literals.push(StrLiteral {
                        span: node.byte_range(),
                        value,
                    });
                } else if self.mentions_email(node) {
                    t.emails.push(node.byte_range());
                } else {
                    t.fixed = false;
                }
            }
            "identifier" => {
                let name = self.text(node);
                if model::is_email_name(name) {
                    t.emails.push(node.byte_range());
                    return;
                }
                match self.lookup(name, scope) {
                    Binding::Param(s, i) => {
                        let default = self.ix.scopes[s].params[i].default;
                        if let Some(d0) = default {
                            self.trace(d0, s, t, d);
                        }
                        t.params.push((s, i));
                        t.fixed = false;
                    }
                    Binding::Values(values) => {
                        for (v, s) in values {
                            self.trace(v, s, t, d);
                        }
                    }
                    _ => {
                        if !is_constant_name(name) {
                            t.fixed = false;
                        }
                    }
                }
            }
            "attribute" => {
                let (Some(obj), Some(attr)) =
                    (self.field(node, "object"), self.field(node, "attribute"))
                else {
                    return;
                };
                let attr_name = self.text(attr);
                if model::is_email_name(attr_name) {
                    t.emails.push(node.byte_range());
                    return;
                }
                let mut resolved = false;
                for v in self.eval(obj, scope) {
                    let (c, instance) = match v {
                        Val::Instance(c) => (c, true),
                        Val::Class(c) => (c, false),
                        _ => continue,
                    };
                    let ix = self.ix;
                    let class = &ix.classes[c];
                    if instance && let Some(fields) = class.fields.get(attr_name) {
                        for &(v, s) in fields {
                            resolved = true;
                            self.trace(v, s, t, d);
                        }
                    }
                    if let Some(values) = class.attrs.get(attr_name) {
                        for &(v, s) in values {
                            resolved = true;
                            self.trace(v, s, t, d);
                        }
                    }
                }
                if !resolved && !is_config_read(self.text(obj), attr_name) {
                    t.fixed = false;
                }
            }
            "subscript" => {
                let key = node.field("subscript");
                let key_text = key.and_then(|k| string_value(k, self.src));
                if key_text.as_deref().is_some_and(model::is_email_name) {
                    t.emails.push(node.byte_range());
                    return;
                }
                let obj = node.field("value");
                if let (Some(obj), Some(k)) = (obj, key_text.as_deref())
                    && let Some(v) = self.dict_entry(obj, scope, k, 0)
                {
                    self.trace(v, scope, t, d);
                    return;
                }
                if !obj.is_some_and(|o| is_config_read(self.text(o), "")) {
                    t.fixed = false;
                }
            }
            "call" => self.trace_call(node, scope, t, d),
            "await" | "parenthesized_expression" => {
                if let Some(inner) = node.named_child(0) {
                    self.trace(inner, scope, t, d);
                }
            }
            "boolean_operator" => {
                for f in ["left", "right"] {
                    if let Some(side) = node.field(f) {
                        self.trace(side, scope, t, d);
                    }
                }
            }
            "conditional_expression" => {
                for i in [0, 2] {
                    if let Some(branch) = node.named_child(i) {
                        self.trace(branch, scope, t, d);
                    }
                }
            }
            "named_expression" => {
                if let Some(v) = node.field("value") {
                    self.trace(v, scope, t, d);
                }
            }
            _ => t.fixed = false,
        }
    }

    fn trace_call(&mut self, node: Node<'t>, scope: ScopeId, t: &mut Trace, d: usize) {
        let Some(callee) = self.field(node, "function") else {
            return;
        };
        let callee_text = self.text(callee);
        let last = last_name(callee_text);
        let args: Vec<Node<'t>> = self
            .field(node, "arguments")
            .map(|a| {
                let mut c = a.walk();
                a.named_children(&mut c)
                    .filter(|n| n.kind_name() != "comment")
                    .collect()
            })
            .unwrap_or_default();
        let keyword = |name: &str| {
            args.iter().find_map(|a| {
                (a.kind_name() == "keyword_argument"
                    && a.field("name")
                        .is_some_and(|n| &self.src[n.byte_range()] == name))
                .then(|| a.field("value"))
                .flatten()
            })
        };
        let positional: Vec<Node<'t>> = args
            .iter()
            .copied()
            .filter(|a| a.kind_name() != "keyword_argument")
            .collect();
        match last {
            // Lookups with a fallback: os.getenv("X", "default"), settings.get("K", "default").
            "get" | "getenv" | "get_env" | "getattr" | "pop" => {
                let key_index = usize::from(last == "getattr");
                let key = positional
                    .get(key_index)
                    .and_then(|k| string_value(*k, self.src));
                if key.as_deref().is_some_and(model::is_email_name) {
                    t.emails.push(node.byte_range());
                    return;
                }
                if let Some(fallback) = positional
                    .get(key_index + 1)
                    .copied()
                    .or(keyword("default"))
                {
                    self.trace(fallback, scope, t, d);
                }
                if !is_config_read(callee_text, "") {
                    t.fixed = false;
                }
            }
            "lower" | "upper" | "strip" | "lstrip" | "rstrip" | "casefold" | "title" => {
                if let Some(obj) = self.field(callee, "object") {
                    self.trace(obj, scope, t, d);
                }
            }
            "str" | "Field" | "field" | "Secret" => {
                if let Some(v) = keyword("default").or(positional.first().copied()) {
                    self.trace(v, scope, t, d);
                } else {
                    t.fixed = false;
                }
            }
            _ => {
                if let Some((f, _)) = self.resolve_function(callee, scope) {
                    let ix = self.ix;
                    for &ret in &ix.scopes[f].returns {
                        self.trace(ret, f, t, d);
                    }
                } else {
                    t.fixed = false;
                }
            }
        }
    }

    fn mentions_email(&self, node: Node<'t>) -> bool {
        let mut cursor = node.walk();
        let mut stack = vec![node];
        while let Some(n) = stack.pop() {
            if n.kind_name() == "interpolation" {
                if let Some(e) = n.named_child(0)
                    && model::is_email_name(last_name(self.text(e)))
                {
                    return true;
                }
                continue;
            }
            stack.extend(n.named_children(&mut cursor));
        }
        false
    }

    /// Variables, constants and fields named like a user id whose value is a string literal.
    fn find_user_id_bindings(&mut self, model: &mut FileModel) {
        let ix = self.ix;
        for &(target, value, scope) in &ix.named_assigns {
            let name_node = match target.kind_name() {
                "attribute" => self.field(target, "attribute"),
                _ => Some(target),
            };
            let Some(name_node) = name_node else { continue };
            let name = self.text(name_node);
            if !model::is_user_id_name(name) {
                continue;
            }
            let mut t = Trace::default();
            self.trace(value, scope, &mut t, 0);
            for literal in t.literals {
                model.user_id_bindings.push(UserIdBinding {
                    name: name.to_string(),
                    literal,
                });
            }
        }
    }

    // ---------------------------------------------------------------- where sessions go

    fn find_stores(&mut self) {
        let ix = self.ix;
        // Names bound at module level or through `global`.
        let module_bindings: Vec<(String, Node<'t>, ScopeId, Option<ScopeId>)> = ix.scopes[MODULE]
            .assigns
            .iter()
            .flat_map(|(n, vs)| vs.iter().map(move |v| (n.clone(), *v, MODULE, None)))
            .chain(
                ix.global_assigns
                    .iter()
                    .flat_map(|(n, vs)| vs.iter().map(move |(v, s)| (n.clone(), *v, *s, Some(*s)))),
            )
            .collect();
        for (name, value, scope, via_global) in module_bindings {
            for s in self.sessions_in(value, scope) {
                self.sites[s].module_names.push((name.clone(), via_global));
            }
        }
        // `self.x = session`.
        for (c, class) in ix.classes.iter().enumerate() {
            for (field, values) in &class.fields {
                for &(value, scope) in values {
                    for s in self.sessions_in(value, scope) {
                        self.sites[s].fields.push((c, field.clone(), scope));
                    }
                }
            }
        }
        // Class attributes and attributes of long-lived objects.
        for &(target, value, scope) in &ix.class_attr_stores {
            for s in self.sessions_in(value, scope) {
                self.sites[s].facts.sharing.push(Sharing::ClassAttribute {
                    target: target.byte_range(),
                });
            }
        }
        for store in &ix.attr_stores {
            let obj = self.field(store.target, "object");
            let class_attr = obj.is_some_and(|o| {
                let t = self.text(o);
                t == "cls" || ix.class_by_name.contains_key(t)
            });
            let app_state = obj.is_some_and(|o| {
                o.kind_name() == "attribute"
                    && self
                        .field(o, "attribute")
                        .is_some_and(|a| self.text(a) == "state")
                    && !self.field(o, "object").is_some_and(|b| {
                        let t = self.text(b);
                        t.ends_with("request") || t.ends_with("req")
                    })
            });
            if !(class_attr || app_state) {
                continue;
            }
            for s in self.sessions_in(store.value, store.scope) {
                let target = store.target.byte_range();
                self.sites[s].facts.sharing.push(if class_attr {
                    Sharing::ClassAttribute { target }
                } else {
                    Sharing::AppState { target }
                });
            }
        }
        // Keyed containers: `cache[key] = session`, `cache.setdefault(key, session)`, ...
        for store in &ix.subscript_stores {
            for s in self.sessions_in(store.value, store.scope) {
                let key = self.classify_key(store.key, store.scope, s);
                let container = self.compact(store.container);
                self.sites[s].facts.caches.push(CacheStore {
                    span: store.statement.byte_range(),
                    container,
                    key,
                });
            }
        }
        for &Call {
            node: call,
            scope,
            function,
            ..
        } in &ix.parts.calls
        {
            let Some(callee) = function else {
                continue;
            };
            if callee.kind_name() != "attribute" {
                continue;
            }
            let method = self
                .field(callee, "attribute")
                .map(|a| self.text(a))
                .unwrap_or("");
            if !matches!(
                method,
                "setdefault" | "set" | "put" | "__setitem__" | "update"
            ) {
                continue;
            }
            let Some(container) = self.field(callee, "object") else {
                continue;
            };
            let Some(args) = self.field(call, "arguments") else {
                continue;
            };
            let mut cursor = args.walk();
            let args: Vec<Node<'t>> = args.named_children(&mut cursor).collect();
            let pairs: Vec<(Node<'t>, Node<'t>)> = if method == "update" {
                args.iter()
                    .filter(|a| a.kind_name() == "dictionary")
                    .flat_map(|d| {
                        let mut c = d.walk();
                        d.named_children(&mut c)
                            .filter_map(|p| Some((p.field("key")?, p.field("value")?)))
                            .collect::<Vec<_>>()
                    })
                    .collect()
            } else if args.len() >= 2 && args[0].kind_name() != "keyword_argument" {
                vec![(args[0], args[1])]
            } else {
                Vec::new()
            };
            for (key, value) in pairs {
                for s in self.sessions_in(value, scope) {
                    let key = self.classify_key(key, scope, s);
                    let container_text = self.compact(container);
                    self.sites[s].facts.caches.push(CacheStore {
                        span: call.byte_range(),
                        container: container_text,
                        key,
                    });
                }
            }
        }
        // Memoized functions returning a session.
        for f in 1..ix.scopes.len() {
            let scope = &ix.scopes[f];
            let Some(decorator) = scope
                .decorators
                .iter()
                .copied()
                .find(|d| self.is_memoizer(*d))
            else {
                continue;
            };
            let per_conversation = scope.params.iter().any(|p| {
                model::classify_key_parts(std::slice::from_ref(&p.name), None)
                    == KeyKind::Conversation
            });
            if per_conversation {
                continue;
            }
            let returns = scope.returns.clone();
            for ret in returns {
                for s in self.sessions_in(ret, f) {
                    self.sites[s].facts.caches.push(CacheStore {
                        span: decorator.byte_range(),
                        container: ix.scopes[f].name.clone(),
                        key: KeyKind::Memoized,
                    });
                }
            }
        }
    }

    fn is_memoizer(&self, decorator: Node<'t>) -> bool {
        let Some(expr) = decorator.named_child(0) else {
            return false;
        };
        let callee = if expr.kind_name() == "call" {
            self.field(expr, "function").unwrap_or(expr)
        } else {
            expr
        };
        matches!(
            last_name(self.text(callee)),
            "lru_cache"
                | "cache"
                | "cached"
                | "memoize"
                | "memoized"
                | "alru_cache"
                | "ttl_cache"
                | "lfu_cache"
                | "fifo_cache"
                | "rr_cache"
                | "mru_cache"
                | "cache_resource"
        )
    }

    fn classify_key(&mut self, key: Node<'t>, scope: ScopeId, site: usize) -> KeyKind {
        let mut parts = Vec::new();
        self.key_parts(key, scope, &mut parts, 0);
        let session_user = self.sites[site].user_id.map(|u| self.compact(u));
        model::classify_key_parts(&parts, session_user.as_deref())
    }

    /// The non-literal pieces a key is built from, following local names one step at a time.
    fn key_parts(&self, key: Node<'t>, scope: ScopeId, out: &mut Vec<String>, depth: usize) {
        if depth > 4 {
            out.push(self.compact(key));
            return;
        }
        match key.kind_name() {
            "string" | "concatenated_string" => {
                let mut stack = vec![key];
                let mut cursor = key.walk();
                while let Some(n) = stack.pop() {
                    if n.kind_name() == "interpolation" {
                        if let Some(e) = n.named_child(0) {
                            self.key_parts(e, scope, out, depth + 1);
                        }
                    } else {
                        stack.extend(n.named_children(&mut cursor));
                    }
                }
            }
            "tuple" | "expression_list" | "parenthesized_expression" | "list" => {
                let mut cursor = key.walk();
                for n in key.named_children(&mut cursor) {
                    self.key_parts(n, scope, out, depth + 1);
                }
            }
            "binary_operator" => {
                for f in ["left", "right"] {
                    if let Some(side) = key.field(f) {
                        self.key_parts(side, scope, out, depth + 1);
                    }
                }
            }
            "call" => {
                let callee = self
                    .field(key, "function")
                    .map(|c| self.text(c))
                    .unwrap_or("");
                let joins = matches!(
                    last_name(callee),
                    "format" | "join" | "str" | "hash" | "tuple"
                );
                if joins {
                    if let Some(args) = self.field(key, "arguments") {
                        self.key_parts(args, scope, out, depth + 1);
                    }
                    if let Some(obj) = self
                        .field(key, "function")
                        .and_then(|f| self.field(f, "object"))
                    {
                        self.key_parts(obj, scope, out, depth + 1);
                    }
                } else {
                    out.push(self.compact(key));
                }
            }
            "argument_list" => {
                let mut cursor = key.walk();
                for n in key.named_children(&mut cursor) {
                    self.key_parts(n, scope, out, depth + 1);
                }
            }
            "identifier" => {
                let name = self.text(key);
                match self.lookup(name, scope) {
                    Binding::Values(values) if values.iter().all(|(_, s)| *s == scope) => {
                        for (v, s) in values {
                            self.key_parts(v, s, out, depth + 1);
                        }
                        out.push(name.to_string());
                    }
                    _ => out.push(name.to_string()),
                }
            }
            _ => out.push(self.compact(key)),
        }
    }

    // ---------------------------------------------------------------- sharing

    fn find_sharing(&mut self) {
        if self
            .sites
            .iter()
            .any(|s| !s.module_names.is_empty() || !s.fields.is_empty())
        {
            self.registered_handlers = self.registered_handlers();
        }
        for s in 0..self.sites.len() {
            let names = self.sites[s].module_names.clone();
            for (name, via_global) in names {
                self.module_sharing(s, &name, via_global);
            }
            let fields = self.sites[s].fields.clone();
            for (c, field, creator) in fields {
                self.field_sharing(s, c, &field, creator);
            }
        }
    }

    fn module_sharing(&mut self, site: usize, name: &str, via_global: Option<ScopeId>) {
        let ix = self.ix;
        let creator = self.sites[site].scope;
        if let Some((server, node)) = shared_use(&ix.function_name_uses, name, creator, |scope| {
            if self.shadows(name, scope) {
                None
            } else {
                self.serving_function(scope)
            }
        }) {
            self.sites[site].facts.sharing.push(Sharing::ModuleLevel {
                name: name.to_string(),
                used_in: ix.scopes[server].name.clone(),
                use_span: node.byte_range(),
            });
            return;
        }
        if via_global.is_some() {
            // A lazily created global handed out by a getter is a process-wide singleton.
            for (f, scope) in ix.scopes.iter().enumerate().skip(1) {
                if is_main_name(&scope.name) {
                    continue;
                }
                if let Some(ret) = scope
                    .returns
                    .iter()
                    .find(|r| r.kind_name() == "identifier" && self.text(**r) == name)
                    && !self.shadows(name, f)
                {
                    self.sites[site].facts.sharing.push(Sharing::LazyGlobal {
                        name: name.to_string(),
                        getter: scope.name.clone(),
                        return_span: ret.byte_range(),
                    });
                    return;
                }
            }
        }
    }

    /// A use of `name` in `scope` refers to something other than the module binding.
    fn shadows(&self, name: &str, mut scope: ScopeId) -> bool {
        while scope != MODULE {
            let s = &self.ix.scopes[scope];
            if s.globals.contains(name) {
                return false;
            }
            if s.params.iter().any(|p| p.name == name) || s.assigns.contains_key(name) {
                return true;
            }
            scope = s.parent.unwrap_or(MODULE);
        }
        false
    }

    /// The innermost function around `scope` that serves many users, if any.
    fn serving_function(&self, mut scope: ScopeId) -> Option<ScopeId> {
        while scope != MODULE {
            let s = &self.ix.scopes[scope];
            if self.serves_many_users(scope) {
                return Some(scope);
            }
            if is_main_name(&s.name) {
                return None;
            }
            scope = s.parent.unwrap_or(MODULE);
        }
        None
    }

    fn serves_many_users(&self, scope: ScopeId) -> bool {
        let s = &self.ix.scopes[scope];
        if s.kind != ScopeKind::Function || is_main_name(&s.name) {
            return false;
        }
        if s.class.is_some() || self.registered_handlers.contains(&scope) {
            return true;
        }
        let lower = s.name.to_ascii_lowercase();
        if lower.starts_with("handle")
            || lower.starts_with("on_")
            || ["handler", "endpoint", "webhook", "route"]
                .iter()
                .any(|w| lower.contains(w))
        {
            return true;
        }
        if s.params.iter().any(|p| is_request_param(&p.name)) {
            return true;
        }
        s.decorators.iter().any(|d| self.is_handler_decorator(*d))
    }

    /// Functions and lambdas passed to a call that registers a handler:
    /// `app.add_url_rule("/t", view_func=list_tools)`, `app.add_api_route("/t", list_tools)`,
    /// `Route("/t", list_tools)`, `CommandHandler("start", start)`.
    fn registered_handlers(&self) -> FxHashSet<ScopeId> {
        let ix = self.ix;
        let mut out = FxHashSet::default();
        for call in &ix.parts.calls {
            let (Some(callee), Some(args)) = (call.function, call.arguments) else {
                continue;
            };
            if !registers_handler(last_name(self.text(callee))) {
                continue;
            }
            let mut cursor = args.walk();
            for arg in args.named_children(&mut cursor) {
                let value = match arg.kind_name() {
                    "keyword_argument" => arg.field("value"),
                    _ => Some(arg),
                };
                let Some(value) = value else { continue };
                match value.kind_name() {
                    "identifier" => {
                        if let Binding::Function(f) = self.lookup(self.text(value), call.scope) {
                            out.insert(f);
                        }
                    }
                    "lambda" => {
                        let body = value.field("body");
                        out.extend((0..ix.scopes.len()).filter(|&f| {
                            ix.scopes[f].name == "<lambda>"
                                && ix.scopes[f].returns.first().copied() == body
                        }));
                    }
                    _ => {}
                }
            }
        }
        out
    }

    fn is_handler_decorator(&self, decorator: Node<'t>) -> bool {
        let Some(expr) = decorator.named_child(0) else {
            return false;
        };
        let callee = if expr.kind_name() == "call" {
            self.field(expr, "function").unwrap_or(expr)
        } else {
            expr
        };
        let text = self.text(callee);
        if !text.contains('.') && !matches!(text, "tool" | "task" | "function_tool" | "shared_task")
        {
            return false;
        }
        let last = last_name(text).to_ascii_lowercase();
        matches!(
            last.as_str(),
            "get"
                | "post"
                | "put"
                | "patch"
                | "delete"
                | "route"
                | "api_route"
                | "websocket"
                | "message"
                | "event"
                | "command"
                | "action"
                | "shortcut"
                | "view"
                | "on"
                | "listen"
                | "listener"
                | "message_handler"
                | "callback_query_handler"
                | "task"
                | "shared_task"
                | "tool"
                | "function_tool"
                | "receiver"
                | "subscribe"
                | "middleware"
                | "step"
                | "activity"
        ) || ["route", "handler", "endpoint", "webhook"]
            .iter()
            .any(|w| last.contains(w))
    }

    fn field_sharing(&mut self, site: usize, c: ClassId, field: &str, creator: ScopeId) {
        let Some(user_id) = self.sites[site].user_id else {
            return;
        };
        let site_scope = self.sites[site].scope;
        let mut t = Trace::default();
        self.trace(user_id, site_scope, &mut t, 0);
        if !t.fixed || (t.literals.is_empty() && !t.env) {
            return;
        }
        let ix = self.ix;
        let Some(uses) = ix.classes[c].field_uses.get(field) else {
            return;
        };
        for &(node, scope) in uses {
            if scope == creator || ix.scopes[scope].class.is_none() {
                continue;
            }
            let used_in = ix.scopes[scope].name.clone();
            self.sites[site]
                .facts
                .sharing
                .push(Sharing::FixedUserField {
                    field: field.to_string(),
                    used_in,
                    use_span: node.byte_range(),
                });
            return;
        }
    }

    // ---------------------------------------------------------------- logging

    fn find_logged_ids(&mut self) {
        // Logging only ever marks sessions as logged: with none left unmarked, nothing can change.
        if self.sites.iter().all(|s| s.facts.id_logged) {
            return;
        }
        let ix = self.ix;
        let reopened = self.reopen_sites_by_argument();
        let mut helpers = FxHashMap::default();
        for &Call {
            node: call,
            scope,
            function,
            arguments,
        } in &ix.parts.calls
        {
            let (Some(callee), Some(args)) = (function, arguments) else {
                continue;
            };
            if self.is_log_call(callee, scope) {
                let logged = self.ids_mentioned(args, scope);
                for s in logged {
                    self.sites[s].facts.id_logged = true;
                }
                self.mark_reopened_ids(args, scope, &reopened);
                continue;
            }
            // A same-file helper that logs the ID of the session (or the ID) it is given.
            let Some((f, offset)) = self.resolve_function(callee, scope) else {
                continue;
            };
            // Many calls go to the same few helpers, and each look is a pass over all calls.
            let (logs_id_of, logs) = helpers
                .entry(f)
                .or_insert_with(|| self.helper_logging(f))
                .clone();
            if logs_id_of.is_empty() && logs.is_empty() {
                continue;
            }
            let params: Vec<String> = ix.scopes[f].params.iter().map(|p| p.name.clone()).collect();
            for (i, name) in params.iter().enumerate().skip(offset) {
                let Some(arg) = self.argument_for(call, i - offset, name) else {
                    continue;
                };
                for v in self.eval(arg, scope) {
                    match v {
                        Val::Session(s) if logs_id_of.contains(&i) => {
                            self.sites[s].facts.id_logged = true
                        }
                        Val::SessionId(s) if logs.contains(&i) => {
                            self.sites[s].facts.id_logged = true
                        }
                        _ => {}
                    }
                }
            }
        }
    }

    /// Which parameters of a same-file function it logs the ID of, and which it logs as is.
    fn helper_logging(&self, f: ScopeId) -> (FxHashSet<usize>, FxHashSet<usize>) {
        let ix = self.ix;
        let params = &ix.scopes[f].params;
        let (mut id_of, mut direct) = (FxHashSet::default(), FxHashSet::default());
        for &Call {
            scope,
            function,
            arguments,
            ..
        } in &ix.parts.calls
        {
            if !self.encloses(f, scope) {
                continue;
            }
            let Some(callee) = function else {
                continue;
            };
            if !self.is_log_call_syntactic(callee) {
                continue;
            }
            let Some(args) = arguments else {
                continue;
            };
            descend(args, |n, _| {
                match n.kind_name() {
                    "attribute" => {
                        if let (Some(o), Some(a)) =
                            (self.field(n, "object"), self.field(n, "attribute"))
                            && SESSION_ID_ATTRS.contains(&self.text(a))
                            && let Some(i) = params.iter().position(|p| p.name == self.text(o))
                        {
                            id_of.insert(i);
                        }
                    }
                    "identifier" => {
                        if let Some(i) = params.iter().position(|p| p.name == self.text(n)) {
                            direct.insert(i);
                        }
                    }
                    _ => {}
                }
                true
            });
        }
        (id_of, direct)
    }

    fn encloses(&self, outer: ScopeId, mut inner: ScopeId) -> bool {
        loop {
            if inner == outer {
                return true;
            }
            match self.ix.scopes[inner].parent {
                Some(p) => inner = p,
                None => return false,
            }
        }
    }

    fn is_log_call(&mut self, callee: Node<'t>, scope: ScopeId) -> bool {
        if self.is_log_call_syntactic(callee) {
            return true;
        }
        if callee.kind_name() == "attribute"
            && let Some(obj) = self.field(callee, "object")
            && let Some(m) = self.field(callee, "attribute")
            && LOG_METHODS.contains(&self.text(m))
        {
            return self.eval(obj, scope).contains(&Val::Logger);
        }
        false
    }

    /// Logging recognised from the call's shape alone: `print`, `logging.info`, `logger.info`,
    /// `log.bind`, `span.set_attribute`, `sentry_sdk.set_tag`, `sys.stderr.write`.
    fn is_log_call_syntactic(&self, callee: Node<'t>) -> bool {
        let text = self.text(callee);
        if is_extra_logger(text, self.extra_loggers) {
            return true;
        }
        match callee.kind_name() {
            "identifier" => matches!(
                text,
                "print" | "pprint" | "echo" | "secho" | "bind_contextvars"
            ),
            "attribute" => {
                let Some(obj) = self.field(callee, "object") else {
                    return false;
                };
                let method = self
                    .field(callee, "attribute")
                    .map(|a| self.text(a))
                    .unwrap_or("");
                let obj_last = last_name(self.text(obj));
                if matches!(
                    method,
                    "set_attribute"
                        | "set_attributes"
                        | "set_tag"
                        | "set_tags"
                        | "set_context"
                        | "add_event"
                        | "add_breadcrumb"
                ) {
                    return true;
                }
                if matches!(method, "write" | "print" | "echo" | "secho" | "log")
                    && ["stdout", "stderr", "console", "click", "typer", "rich"]
                        .iter()
                        .any(|o| obj_last.eq_ignore_ascii_case(o))
                {
                    return true;
                }
                if method == "bind_contextvars" {
                    return true;
                }
                LOG_METHODS.contains(&method) && is_logger_name(obj_last)
            }
            _ => false,
        }
    }

    /// Sessions whose ID appears in an expression: `s.session_id`, a variable holding it, or a
    /// local string built from it.
    fn ids_mentioned(&mut self, root: Node<'t>, scope: ScopeId) -> FxHashSet<usize> {
        let attribute = Grammar::python().field_id("attribute");
        let mut found = FxHashSet::default();
        let mut seen = FxHashSet::default();
        let mut roots = vec![(root, 0usize)];
        while let Some((root, depth)) = roots.pop() {
            descend(root, |n, field| {
                if !n.is_named() || !seen.insert(n.id()) {
                    return false;
                }
                match n.kind_name() {
                    // The name after the dot is not a variable.
                    "identifier" if in_field(field, attribute) => return false,
                    "attribute" | "identifier" | "call" => {
                        let before = found.len();
                        for v in self.eval(n, scope) {
                            if let Val::SessionId(s) = v {
                                found.insert(s);
                            }
                        }
                        if n.kind_name() == "identifier" && found.len() == before && depth < 3 {
                            // A local copy or a message string built from the ID.
                            if let Binding::Values(values) = self.lookup(self.text(n), scope) {
                                for (v, s) in values {
                                    if s == scope {
                                        roots.push((v, depth + 1));
                                    }
                                }
                            }
                        }
                    }
                    _ => {}
                }
                true
            });
        }
        found
    }

    /// A reopened session's ID is the argument of `use(...)`: logging that name counts.
    /// Reopening sites by the text of the ID they reopen, so that each log call looks up its
    /// names instead of scanning every session of the file.
    fn reopen_sites_by_argument(&self) -> FxHashMap<&'t str, Vec<usize>> {
        let mut out: FxHashMap<&'t str, Vec<usize>> = FxHashMap::default();
        for (i, site) in self.sites.iter().enumerate() {
            if let Some(arg) = site
                .facts
                .reopen
                .then(|| self.field(site.call, "arguments")?.named_child(0))
                .flatten()
            {
                out.entry(self.text(arg)).or_default().push(i);
            }
        }
        out
    }

    fn mark_reopened_ids(
        &mut self,
        args: Node<'t>,
        scope: ScopeId,
        reopened: &FxHashMap<&'t str, Vec<usize>>,
    ) {
        if reopened.is_empty() {
            return;
        }
        let mut names = FxHashSet::default();
        descend(args, |n, _| {
            if n.kind_name() == "identifier" {
                names.insert(self.text(n));
            }
            true
        });
        for &i in names.iter().filter_map(|n| reopened.get(n)).flatten() {
            if self_encloses(self.ix, self.sites[i].scope, scope) {
                self.sites[i].facts.id_logged = true;
            }
        }
    }
}

/// Calls that hand a function to a router or dispatcher as its handler (Flask, FastAPI and
/// Starlette routes, aiohttp's router, python-telegram-bot's handlers).
fn registers_handler(callee: &str) -> bool {
    matches!(
        callee,
        "add_url_rule"
            | "add_api_route"
            | "add_api_websocket_route"
            | "add_websocket_route"
            | "add_route"
            | "add_get"
            | "add_post"
            | "add_put"
            | "add_patch"
            | "add_delete"
            | "Route"
            | "WebSocketRoute"
            | "APIRoute"
    ) || (callee.ends_with("Handler") && callee.len() > "Handler".len())
}

fn self_encloses(ix: &Index<'_>, outer: ScopeId, mut inner: ScopeId) -> bool {
    loop {
        if inner == outer {
            return true;
        }
        match ix.scopes[inner].parent {
            Some(p) => inner = p,
            None => return false,
        }
    }
}

enum Binding<'t> {
    Param(ScopeId, usize),
    Values(Vec<(Node<'t>, ScopeId)>),
    Function(ScopeId),
    /// Nothing in the file's scopes: an import, a builtin, or a class name.
    Module,
}

struct Trace {
    literals: Vec<StrLiteral>,
    emails: Vec<model::Span>,
    /// Parameters of same-file functions the value comes from: (function scope, index).
    params: Vec<(ScopeId, usize)>,
    /// The value came from environment or configuration lookups (a deployment constant).
    env: bool,
    /// `false` once any part of the value depends on something not fixed at deploy time.
    fixed: bool,
    seen: FxHashSet<usize>,
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

/// The value of a plain string literal (no interpolation), prefixes and quotes removed.
fn string_value(node: Node<'_>, src: &str) -> Option<String> {
    match node.kind_name() {
        "string" => {
            let mut out = String::new();
            let mut cursor = node.walk();
            for c in node.named_children(&mut cursor) {
                match c.kind_name() {
                    "string_content" => out.push_str(&src[c.byte_range()]),
                    "interpolation" => return None,
                    _ => {}
                }
            }
            Some(out)
        }
        "concatenated_string" => {
            let mut out = String::new();
            let mut cursor = node.walk();
            for c in node.named_children(&mut cursor) {
                out.push_str(&string_value(c, src)?);
            }
            Some(out)
        }
        _ => None,
    }
}

fn collect_wrapped_values<'t>(node: Node<'t>, out: &mut Vec<Node<'t>>) {
    let mut cursor = node.walk();
    let inner = match node.kind_name() {
        "call" => node.field("arguments"),
        _ => Some(node),
    };
    let Some(inner) = inner else { return };
    for c in inner.named_children(&mut cursor) {
        match c.kind_name() {
            "pair" => out.extend(c.field("value")),
            "keyword_argument" => out.extend(c.field("value")),
            _ => out.push(c),
        }
    }
}
