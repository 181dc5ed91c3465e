//! TypeScript / JavaScript front end: tree-sitter-typescript (`typescript` for .ts/.mts/.cts,
//! `tsx` for .tsx and every JavaScript flavour) → FileModel.
//!
//! Same shape as the Python front end: `index` records scopes, bindings, calls and stores in
//! one walk; `Resolver` evaluates expressions over it to Composio clients, sessions, session
//! IDs and loggers, and turns the answers into the model's facts.

mod index;

use rustc_hash::{FxHashMap, FxHashSet};
use std::cell::RefCell;

use tree_sitter::{Language as Grammar, Node, Parser};

use super::common::{
    self, Call, NodeExt, descend, in_field, is_constant_name, is_extra_logger, is_logger_name,
    is_main_name, is_request_param, is_session_method_name, last_name, session_method, shared_use,
    takes_user_id_first,
};
use super::memo::{EvalMemo, Key};
use crate::model::{
    self, CacheStore, FileModel, KeyKind, SessionSite, Sharing, StrLiteral, UserIdArg,
    UserIdBinding,
};
use index::{Bound, ClassId, Index, MODULE, ScopeId, ScopeKind};

thread_local! {
    static PARSERS: RefCell<(Parser, Parser)> = RefCell::new({
        let make = |grammar: Grammar| {
            let mut p = Parser::new();
            p.set_language(&grammar)
                .expect("tree-sitter-typescript grammars are compatible with the linked tree-sitter");
            p
        };
        (
            make(tree_sitter_typescript::LANGUAGE_TYPESCRIPT.into()),
            make(tree_sitter_typescript::LANGUAGE_TSX.into()),
        )
    });
}

/// `tsx` selects the TSX grammar (TSX and all JavaScript); otherwise plain TypeScript, where
/// `<T>expr` casts are legal.
pub fn analyze(src: &str, tsx: bool, extra_loggers: &[String]) -> FileModel {
    let tree = PARSERS.with(|p| {
        let mut p = p.borrow_mut();
        if tsx {
            p.1.parse(src, None)
        } else {
            p.0.parse(src, None)
        }
    });
    let Some(tree) = tree else {
        return FileModel::default();
    };
    let ix = index::build(tree.root_node(), src, tsx);
    let mut model = FileModel {
        syntax_errors: ix.syntax_errors.clone(),
        comments: ix.comments.clone(),
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

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Val {
    /// `import * as sdk from '@composio/core'` / `require('@composio/core')`.
    SdkNamespace,
    ClientClass,
    Client,
    Member(String),
    Session(usize),
    SessionId(usize),
    Logger,
    Instance(ClassId),
    Class(ClassId),
}

const SESSION_ID_PROPS: &[&str] = &["sessionId", "session_id", "id"];
const TS_LOG_METHODS: &[&str] = &[
    "debug", "info", "warn", "warning", "error", "fatal", "trace", "log", "child", "verbose",
    "silly", "http", "notice", "critical",
];
/// Wrappers that only change the static type or unwrap a promise.
const TRANSPARENT: &[&str] = &[
    "await_expression",
    "parenthesized_expression",
    "non_null_expression",
    "as_expression",
    "satisfies_expression",
    "type_assertion",
];

type CallSite<'t> = (Node<'t>, ScopeId);

struct Site<'t> {
    call: Node<'t>,
    scope: ScopeId,
    /// The model's facts about this session, filled in as the resolver learns them.
    facts: SessionSite,
    user_id: Option<Node<'t>>,
    module_names: Vec<(String, bool)>,
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
}

enum Binding<'t> {
    Param(ScopeId, usize),
    Values(Vec<(Bound<'t>, ScopeId)>),
    /// A function declaration: not a value the rules follow.
    Function,
    Module,
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

    fn args(&self, call: Node<'t>) -> Vec<Node<'t>> {
        self.field(call, "arguments")
            .map(|a| {
                let mut c = a.walk();
                a.named_children(&mut c)
                    .filter(|n| n.kind_name() != "comment")
                    .collect()
            })
            .unwrap_or_default()
    }

    fn member_parts(&self, node: Node<'t>) -> Option<(Node<'t>, &'t str)> {
        if let Some((object, property)) = self.ix.parts.member(node) {
            return Some((object, self.text(property)));
        }
        if node.kind_name() != "member_expression" {
            return None;
        }
        Some((node.field("object")?, self.text(node.field("property")?)))
    }

    // ---------------------------------------------------------------- evaluation

    fn eval(&mut self, node: Node<'t>, scope: ScopeId) -> Vec<Val> {
        let key = match node.kind_name() {
            "identifier" | "shorthand_property_identifier" => Key::Name(scope, self.text(node)),
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
        let kind = node.kind_name();
        if TRANSPARENT.contains(&kind) {
            return node
                .named_child(0)
                .map(|n| self.eval(n, scope))
                .unwrap_or_default();
        }
        match kind {
            "identifier" | "shorthand_property_identifier" => self.eval_name(node, scope),
            "this" => self
                .class_of(scope)
                .map(|c| vec![Val::Instance(c)])
                .unwrap_or_default(),
            "member_expression" => self.eval_member(node, scope),
            "call_expression" => self.eval_call(node, scope),
            "new_expression" => self.eval_new(node, scope),
            "binary_expression" => {
                let op = node.field("operator").map(|o| self.text(o)).unwrap_or("");
                if !matches!(op, "??" | "||" | "&&") {
                    return Vec::new();
                }
                let mut out = Vec::new();
                for f in ["left", "right"] {
                    if let Some(side) = node.field(f) {
                        out.extend(self.eval(side, scope));
                    }
                }
                out
            }
            "ternary_expression" => {
                let mut out = Vec::new();
                for f in ["consequence", "alternative"] {
                    if let Some(side) = node.field(f) {
                        out.extend(self.eval(side, scope));
                    }
                }
                out
            }
            "assignment_expression" | "augmented_assignment_expression" => node
                .field("right")
                .map(|r| self.eval(r, scope))
                .unwrap_or_default(),
            _ => Vec::new(),
        }
    }

    fn eval_bound(&mut self, bound: Bound<'t>, scope: ScopeId) -> Vec<Val> {
        match bound {
            Bound::Expr(v) => self.eval(v, scope),
            Bound::Member {
                object,
                prop,
                default,
            } => {
                let mut out = Vec::new();
                for v in self.eval(object, scope) {
                    out.extend(self.member_of(v, prop));
                }
                if let Some(d) = default {
                    out.extend(self.eval(d, scope));
                }
                if out.is_empty()
                    && let Some(v) = by_name(prop)
                {
                    out.push(v);
                }
                out
            }
        }
    }

    fn member_of(&mut self, v: Val, prop: &str) -> Vec<Val> {
        match v {
            Val::SdkNamespace if prop == "Composio" => vec![Val::ClientClass],
            Val::Client => vec![Val::Member(prop.to_string())],
            Val::Member(path) if path.matches('.').count() < 3 => {
                vec![Val::Member(format!("{path}.{prop}"))]
            }
            Val::Session(s) if SESSION_ID_PROPS.contains(&prop) => vec![Val::SessionId(s)],
            Val::Instance(c) => self.class_member(c, prop, true),
            Val::Class(c) => self.class_member(c, prop, false),
            _ => Vec::new(),
        }
    }

    fn class_member(&mut self, c: ClassId, prop: &str, instance: bool) -> Vec<Val> {
        let ix = self.ix;
        let class = &ix.classes[c];
        let mut out = Vec::new();
        if instance {
            for &(b, s) in class.fields.get(prop).map(Vec::as_slice).unwrap_or(&[]) {
                out.extend(self.eval_bound(b, s));
            }
            if let Some(&(s, i)) = class.param_fields.get(prop) {
                out.extend(self.eval_param(s, i));
            }
        }
        for &(v, s) in class.attrs.get(prop).map(Vec::as_slice).unwrap_or(&[]) {
            out.extend(self.eval(v, s));
        }
        out
    }

    fn eval_name(&mut self, node: Node<'t>, scope: ScopeId) -> Vec<Val> {
        let name = self.text(node);
        let mut out = Vec::new();
        match self.lookup(name, scope) {
            Binding::Param(s, i) => out.extend(self.eval_param(s, i)),
            Binding::Values(values) => {
                for (b, s) in values {
                    out.extend(self.eval_bound(b, s));
                }
            }
            Binding::Function => {}
            Binding::Module => {
                if self.ix.client_classes.contains(name) {
                    out.push(Val::ClientClass);
                }
                if self.ix.sdk_namespaces.contains(name) {
                    out.push(Val::SdkNamespace);
                }
                if let Some(&c) = self.ix.class_by_name.get(name) {
                    out.push(Val::Class(c));
                }
                if name == "console" {
                    out.push(Val::Logger);
                }
            }
        }
        if out.is_empty()
            && let Some(v) = by_name(name)
        {
            out.push(v);
        }
        out
    }

    fn eval_param(&mut self, s: ScopeId, i: usize) -> Vec<Val> {
        let ix = self.ix;
        let p = &ix.scopes[s].params[i];
        let mut out = Vec::new();
        if p.annotation.is_some_and(|a| self.is_client_type(a)) {
            out.push(Val::Client);
        }
        if let Some(d) = p.default {
            out.extend(self.eval(d, s));
        }
        // `composio.create(uid).then((session) => ...)`: the callback receives the session.
        if p.index == Some(0)
            && let Some((call, 0)) = ix.scopes[s].callback_of
            && let Some(callee) = self.field(call, "function")
            && let Some((obj, "then")) = self.member_parts(callee)
        {
            out.extend(
                self.eval(obj, s)
                    .into_iter()
                    .filter(|v| matches!(v, Val::Session(_))),
            );
        }
        out
    }

    fn is_client_type(&self, ann: Node<'t>) -> bool {
        let t = self.text(ann).trim_start_matches(':').trim();
        let base = t.split(['|', '<', '&']).next().unwrap_or("").trim();
        let last = base.rsplit('.').next().unwrap_or("");
        last == "Composio" || self.ix.client_classes.contains(last)
    }

    fn eval_member(&mut self, node: Node<'t>, scope: ScopeId) -> Vec<Val> {
        let Some((obj, prop)) = self.member_parts(node) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for v in self.eval(obj, scope) {
            out.extend(self.member_of(v, prop));
        }
        // `deps.session` where `deps = { session: … }` in this file.
        if out.is_empty()
            && let Some(entry) = self.object_entry(obj, scope, prop, 0)
        {
            out.extend(self.eval(entry, scope));
        }
        if out.is_empty()
            && let Some(v) = by_name(prop)
        {
            out.push(v);
        }
        out
    }

    fn eval_new(&mut self, node: Node<'t>, scope: ScopeId) -> Vec<Val> {
        let Some(ctor) = node.field("constructor") else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for v in self.eval(ctor, scope) {
            match v {
                Val::ClientClass => out.push(Val::Client),
                Val::Class(c) => out.push(Val::Instance(c)),
                _ => {}
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
        if self
            .ix
            .parts
            .call(node)
            .is_some_and(|call| index::loads_sdk(call.function, call.arguments, self.src))
        {
            return vec![Val::SdkNamespace];
        }
        let mut out = Vec::new();
        let last = last_name(self.text(callee));
        if let Some((obj, prop)) = self.member_parts(callee) {
            let obj_vals = self.eval(obj, scope);
            // `composio.createSession({ headers })` returns a configured client, not a session.
            if prop == "createSession" && obj_vals.contains(&Val::Client) {
                out.push(Val::Client);
            }
            // A promise of a session is the session, for caches of promises and `.then` chains.
            if matches!(prop, "then" | "catch" | "finally") {
                out.extend(
                    obj_vals
                        .iter()
                        .filter(|v| matches!(v, Val::Session(_)))
                        .cloned(),
                );
            }
            if obj_vals.contains(&Val::Logger) && matches!(prop, "child" | "bind") {
                out.push(Val::Logger);
            }
        }
        let lower = last.to_ascii_lowercase();
        if lower.contains("composio")
            && !["session", "tool", "provider", "toolset", "user"]
                .iter()
                .any(|w| lower.contains(w))
        {
            out.push(Val::Client);
        }
        if matches!(last, "pino" | "createLogger" | "getLogger" | "bunyan") {
            out.push(Val::Logger);
        }
        if let Some(f) = self.resolve_function(callee, scope) {
            let ix = self.ix;
            for &ret in &ix.scopes[f].returns {
                out.extend(self.eval(ret, f));
            }
        }
        out
    }

    // ---------------------------------------------------------------- scopes

    fn class_of(&self, mut scope: ScopeId) -> Option<ClassId> {
        loop {
            let s = &self.ix.scopes[scope];
            if let Some(c) = s.class {
                return Some(c);
            }
            if let ScopeKind::ClassBody(c) = s.kind {
                return Some(c);
            }
            // Arrow functions see the enclosing `this`; plain functions do too, near enough.
            scope = s.parent?;
        }
    }

    fn lookup(&self, name: &str, mut scope: ScopeId) -> Binding<'t> {
        let ix = self.ix;
        loop {
            let s = &ix.scopes[scope];
            if let Some(i) = s.params.iter().position(|p| p.name == name) {
                return Binding::Param(scope, i);
            }
            if let Some(values) = s.assigns.get(name) {
                return Binding::Values(values.clone());
            }
            if s.defs.contains_key(name) {
                return Binding::Function;
            }
            if s.declared.contains(name) {
                // A class declaration binds its name to the class itself.
                if ix.class_by_name.contains_key(name) {
                    return Binding::Module;
                }
                return Binding::Values(Vec::new());
            }
            match s.parent {
                Some(p) => scope = p,
                None => return Binding::Module,
            }
        }
    }

    /// The function a name calls. Unlike `lookup`, a scope's definitions come before its
    /// assignments: `const log = (s) => …` is both, and calling it runs the arrow function.
    fn function_named(&self, name: &str, mut scope: ScopeId) -> Option<ScopeId> {
        let ix = self.ix;
        loop {
            let s = &ix.scopes[scope];
            if s.params.iter().any(|p| p.name == name) {
                return None;
            }
            if let Some(&f) = s.defs.get(name) {
                return Some(f);
            }
            if s.assigns.contains_key(name) || s.declared.contains(name) {
                return None;
            }
            scope = s.parent?;
        }
    }

    fn resolve_function(&mut self, callee: Node<'t>, scope: ScopeId) -> Option<ScopeId> {
        match callee.kind_name() {
            "identifier" => self.function_named(self.text(callee), scope),
            "member_expression" => {
                let (obj, prop) = self.member_parts(callee)?;
                let ix = self.ix;
                for v in self.eval(obj, scope) {
                    if let Val::Instance(c) | Val::Class(c) = v
                        && let Some(&f) = ix.classes[c].methods.get(prop)
                    {
                        return Some(f);
                    }
                }
                None
            }
            _ => None,
        }
    }

    fn calls_to(&mut self, f: ScopeId) -> Vec<CallSite<'t>> {
        if self.calls_to.is_none() {
            let mut map: FxHashMap<ScopeId, Vec<CallSite<'t>>> = FxHashMap::default();
            for &Call {
                node: call,
                scope,
                function,
                ..
            } in &self.ix.parts.calls
            {
                if let Some(callee) = function
                    && let Some(target) = self.resolve_function(callee, scope)
                {
                    map.entry(target).or_default().push((call, scope));
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

    // ---------------------------------------------------------------- sessions

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
                self.create_user_id(call, scope)
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

    fn classify_session_call(&mut self, call: Node<'t>, scope: ScopeId) -> Option<bool> {
        if call.kind_name() != "call_expression" {
            return None;
        }
        let (obj, method) = self.member_parts(self.field(call, "function")?)?;
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
        let mut nodes = vec![value];
        if matches!(value.kind_name(), "object" | "array") {
            let mut c = value.walk();
            for item in value.named_children(&mut c) {
                match item.kind_name() {
                    "pair" => nodes.extend(item.field("value")),
                    _ => nodes.push(item),
                }
            }
        }
        let mut out = Vec::new();
        for n in nodes {
            for v in self.eval(n, scope) {
                if let Val::Session(s) = v {
                    out.push(s);
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    // ---------------------------------------------------------------- user ids

    /// The value under `key` in an object literal, following local names.
    fn object_entry(
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
            "object" => {
                let mut c = node.walk();
                let items: Vec<Node<'t>> = node.named_children(&mut c).collect();
                // The last entry that sets the key wins, a spread object's included.
                items
                    .into_iter()
                    .rev()
                    .find_map(|item| match item.kind_name() {
                        "pair" => {
                            let k = item.field("key")?;
                            (self.text(k).trim_matches(|c| c == '"' || c == '\'') == key)
                                .then(|| item.field("value"))
                                .flatten()
                        }
                        "shorthand_property_identifier" => (self.text(item) == key).then_some(item),
                        "spread_element" => {
                            self.object_entry(item.named_child(0)?, scope, key, depth + 1)
                        }
                        _ => None,
                    })
            }
            "identifier" => match self.lookup(self.text(node), scope) {
                Binding::Values(values) => values.into_iter().find_map(|(b, s)| match b {
                    Bound::Expr(v) => self.object_entry(v, s, key, depth + 1),
                    Bound::Member { .. } => None,
                }),
                _ => None,
            },
            _ if TRANSPARENT.contains(&node.kind_name()) => node
                .named_child(0)
                .and_then(|n| self.object_entry(n, scope, key, depth + 1)),
            _ => None,
        }
    }

    /// The user id of `create(userId, opts)`: the first argument, or `userId` in an options
    /// object passed first.
    fn create_user_id(&self, call: Node<'t>, scope: ScopeId) -> Option<Node<'t>> {
        let first = *self.args(call).first()?;
        if first.kind_name() == "object" {
            return self.object_entry(first, scope, "userId", 0);
        }
        Some(first)
    }

    fn composio_user_id_exprs(&mut self, call: Node<'t>, scope: ScopeId) -> Vec<Node<'t>> {
        if let Some(site) = self.session_site(call, scope) {
            return self.sites[site].user_id.into_iter().collect();
        }
        if call.kind_name() != "call_expression" {
            return Vec::new();
        }
        let Some(callee) = self.field(call, "function") else {
            return Vec::new();
        };
        let Some((obj, method)) = self.member_parts(callee) else {
            return Vec::new();
        };
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
        let args = self.args(call);
        let mut out = Vec::new();
        let positional = takes_user_id_first(&full, false);
        if positional && let Some(first) = args.first().filter(|a| a.kind_name() != "object") {
            out.push(*first);
        }
        for a in &args {
            if let Some(v) = self.object_entry(*a, scope, "userId", 0) {
                out.push(v);
            }
            if let Some(list) = self.object_entry(*a, scope, "userIds", 0) {
                if list.kind_name() == "array" {
                    let mut c = list.walk();
                    out.extend(list.named_children(&mut c));
                } else {
                    out.push(list);
                }
            }
        }
        out
    }

    /// `user_id` in the JSON body of a request to Composio's REST API:
    /// `fetch(url, { body: JSON.stringify({ user_id }) })`, `axios.post(url, { user_id })`.
    fn rest_user_id(&mut self, call: Node<'t>, scope: ScopeId) -> Option<Node<'t>> {
        if call.kind_name() != "call_expression" {
            return None;
        }
        let callee = self.field(call, "function")?;
        let name = last_name(self.text(callee));
        if !matches!(name, "fetch" | "post" | "put" | "patch") {
            return None;
        }
        let args = self.args(call);
        let url = *args.first()?;
        if !self.mentions_composio(url, scope, 0) {
            return None;
        }
        let body = match name {
            "fetch" => {
                let init = *args.get(1)?;
                let body = self.object_entry(init, scope, "body", 0)?;
                let stringify = self.field(body, "function")?;
                if self.text(stringify) != "JSON.stringify" {
                    return None;
                }
                *self.args(body).first()?
            }
            "post" | "put" | "patch" => *args.get(1)?,
            _ => return None,
        };
        self.object_entry(body, scope, "user_id", 0)
    }

    fn mentions_composio(&self, node: Node<'t>, scope: ScopeId, depth: usize) -> bool {
        if super::common::mentions_composio(self.text(node)) {
            return true;
        }
        if depth >= 3 {
            return false;
        }
        let mut stack = vec![node];
        let mut cursor = node.walk();
        while let Some(n) = stack.pop() {
            if n.kind_name() == "identifier"
                && let Binding::Values(values) = self.lookup(self.text(n), scope)
                && values.into_iter().any(|(b, s)| match b {
                    Bound::Expr(v) => self.mentions_composio(v, s, depth + 1),
                    Bound::Member { .. } => false,
                })
            {
                return true;
            }
            stack.extend(n.named_children(&mut cursor));
        }
        false
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
            let callee = function
                .or_else(|| call.field("constructor"))
                .map(|c| self.compact(c))
                .unwrap_or_default();
            for expr in exprs {
                let mut visited = FxHashSet::default();
                self.push_user_id(model, expr, scope, call, &callee, &mut visited);
            }
        }
    }

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
            let Some(index) = self.ix.scopes[f].params[param].index else {
                continue;
            };
            if !visited.insert((f, param)) || visited.len() > 16 {
                continue;
            }
            for (site, caller_scope) in self.calls_to(f) {
                if let Some(arg) = self.args(site).get(index).copied() {
                    self.push_user_id(model, arg, caller_scope, call, callee, visited);
                }
            }
        }
    }

    fn trace(&mut self, node: Node<'t>, scope: ScopeId, t: &mut Trace, depth: usize) {
        if depth > 12 || !t.seen.insert(node.id()) {
            return;
        }
        let d = depth + 1;
        let kind = node.kind_name();
        if TRANSPARENT.contains(&kind) {
            if let Some(inner) = node.named_child(0) {
                self.trace(inner, scope, t, d);
            }
            return;
        }
        match kind {
            "string" | "template_string" => match string_value(node, self.src) {
                Some(value) => {
                    if model::is_email_literal(&value) {
                        t.emails.push(node.byte_range());
                    }
                    t.literals.push(StrLiteral {
                        span: node.byte_range(),
                        value,
                    });
                }
                None => {
                    let mut c = node.walk();
                    let email = node.named_children(&mut c).any(|s| {
                        s.kind_name() == "template_substitution"
                            && s.named_child(0)
                                .is_some_and(|e| model::is_email_name(last_name(self.text(e))))
                    });
                    if email {
                        t.emails.push(node.byte_range());
                    }
                    t.fixed = false;
                }
            },
            "identifier" | "shorthand_property_identifier" => {
                let name = self.text(node);
                if model::is_email_name(name) {
                    t.emails.push(node.byte_range());
                    return;
                }
                match self.lookup(name, scope) {
                    Binding::Param(s, i) => {
                        if let Some(def) = self.ix.scopes[s].params[i].default {
                            self.trace(def, s, t, d);
                        }
                        t.params.push((s, i));
                        t.fixed = false;
                    }
                    Binding::Values(values) => {
                        if values.is_empty() {
                            t.fixed = false;
                        }
                        for (b, s) in values {
                            match b {
                                Bound::Expr(v) => self.trace(v, s, t, d),
                                Bound::Member {
                                    object,
                                    prop,
                                    default,
                                } => {
                                    if model::is_email_name(prop) {
                                        t.emails.push(node.byte_range());
                                    }
                                    if let Some(def) = default {
                                        self.trace(def, s, t, d);
                                    }
                                    if !self.is_config(object) {
                                        t.fixed = false;
                                    }
                                }
                            }
                        }
                    }
                    _ => {
                        if !is_constant_name(name) {
                            t.fixed = false;
                        }
                    }
                }
            }
            "member_expression" => {
                let Some((obj, prop)) = self.member_parts(node) else {
                    return;
                };
                if model::is_email_name(prop) {
                    t.emails.push(node.byte_range());
                    return;
                }
                // `config.userId` where `config` is a same-file object literal.
                if let Some(value) = self.object_entry(obj, scope, prop, 0) {
                    self.trace(value, scope, t, d);
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
                    if instance {
                        for &(b, s) in ix.classes[c]
                            .fields
                            .get(prop)
                            .map(Vec::as_slice)
                            .unwrap_or(&[])
                        {
                            if let Bound::Expr(v) = b {
                                resolved = true;
                                self.trace(v, s, t, d);
                            }
                        }
                    }
                    for &(v, s) in ix.classes[c]
                        .attrs
                        .get(prop)
                        .map(Vec::as_slice)
                        .unwrap_or(&[])
                    {
                        resolved = true;
                        self.trace(v, s, t, d);
                    }
                }
                if !resolved && !self.is_config(node) {
                    t.fixed = false;
                }
            }
            "subscript_expression" => {
                let key = node.field("index").and_then(|k| string_value(k, self.src));
                if key.as_deref().is_some_and(model::is_email_name) {
                    t.emails.push(node.byte_range());
                    return;
                }
                if !self.is_config(node) {
                    t.fixed = false;
                }
            }
            "binary_expression" => {
                let op = node.field("operator").map(|o| self.text(o)).unwrap_or("");
                if matches!(op, "??" | "||") {
                    for f in ["left", "right"] {
                        if let Some(side) = node.field(f) {
                            self.trace(side, scope, t, d);
                        }
                    }
                } else {
                    t.fixed = false;
                }
            }
            "ternary_expression" => {
                for f in ["consequence", "alternative"] {
                    if let Some(side) = node.field(f) {
                        self.trace(side, scope, t, d);
                    }
                }
            }
            "call_expression" => self.trace_call(node, scope, t, d),
            _ => t.fixed = false,
        }
    }

    fn trace_call(&mut self, node: Node<'t>, scope: ScopeId, t: &mut Trace, d: usize) {
        let Some(callee) = self.field(node, "function") else {
            return;
        };
        let args = self.args(node);
        if let Some((obj, method)) = self.member_parts(callee) {
            match method {
                "toLowerCase" | "toUpperCase" | "trim" | "toString" | "normalize" => {
                    self.trace(obj, scope, t, d);
                    return;
                }
                // `formData.get('email')`, `searchParams.get('user') ?? 'default'`.
                "get" => {
                    let key = args.first().and_then(|k| string_value(*k, self.src));
                    if key.as_deref().is_some_and(model::is_email_name) {
                        t.emails.push(node.byte_range());
                        return;
                    }
                    if let Some(fallback) = args.get(1) {
                        self.trace(*fallback, scope, t, d);
                    }
                    if !self.is_config(obj) {
                        t.fixed = false;
                    }
                    return;
                }
                _ => {}
            }
        }
        if self.text(callee) == "String"
            && let Some(a) = args.first()
        {
            self.trace(*a, scope, t, d);
            return;
        }
        if let Some(f) = self.resolve_function(callee, scope) {
            let ix = self.ix;
            for &ret in &ix.scopes[f].returns {
                self.trace(ret, f, t, d);
            }
        } else {
            t.fixed = false;
        }
    }

    /// A read from deployment configuration: `process.env.X`, `config.userId`, `env.X`.
    fn is_config(&self, node: Node<'t>) -> bool {
        let text = self.text(node).to_ascii_lowercase();
        [
            "process.env",
            "config",
            "settings",
            "env.",
            "import.meta.env",
        ]
        .iter()
        .any(|w| text.contains(w))
    }

    fn find_user_id_bindings(&mut self, model: &mut FileModel) {
        let ix = self.ix;
        for &(target, value, scope) in &ix.named_assigns {
            let name = match target.kind_name() {
                "object_pattern" => {
                    // `const { userId = 'default' } = ...`: the default belongs to one property.
                    let found = index_pattern_name(target, value, self.src);
                    match found {
                        Some(n) => n,
                        None => continue,
                    }
                }
                _ => self.text(target),
            };
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

    // ---------------------------------------------------------------- stores

    fn find_stores(&mut self) {
        let ix = self.ix;
        let module_values: Vec<(String, Bound<'t>, ScopeId)> = ix.scopes[MODULE]
            .assigns
            .iter()
            .flat_map(|(n, vs)| vs.iter().map(move |(b, s)| (n.clone(), *b, *s)))
            .collect();
        for (name, bound, s) in module_values {
            let Bound::Expr(value) = bound else { continue };
            for site in self.sessions_in(value, s) {
                self.sites[site]
                    .module_names
                    .push((name.clone(), s != MODULE));
            }
        }
        for (c, class) in ix.classes.iter().enumerate() {
            for (field, values) in &class.fields {
                for &(b, s) in values {
                    let Bound::Expr(value) = b else { continue };
                    for site in self.sessions_in(value, s) {
                        self.sites[site].fields.push((c, field.clone(), s));
                    }
                }
            }
            for &(target, value, s) in &class.static_stores {
                for site in self.sessions_in(value, s) {
                    self.sites[site]
                        .facts
                        .sharing
                        .push(Sharing::ClassAttribute {
                            target: target.byte_range(),
                        });
                }
            }
        }
        // Process-wide places: `globalThis.x = session`, Express `app.locals.x = session`.
        for &(target, value, scope) in &ix.attr_stores {
            let text = self.compact(target);
            let root = text.split(['.', '[']).next().unwrap_or("");
            if !(matches!(root, "globalThis" | "global" | "window") || text.contains(".locals.")) {
                continue;
            }
            for site in self.sessions_in(value, scope) {
                self.sites[site].facts.sharing.push(Sharing::Static {
                    name: text.clone(),
                    target: target.byte_range(),
                });
            }
        }
        for store in &ix.subscript_stores {
            for site in self.sessions_in(store.value, store.scope) {
                let key = self.classify_key(store.key, store.scope, site);
                let container = self.compact(store.container);
                self.sites[site].facts.caches.push(CacheStore {
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
            let Some((container, method)) = self.member_parts(callee) else {
                continue;
            };
            if !matches!(method, "set" | "put") {
                continue;
            }
            let args = self.args(call);
            if args.len() < 2 {
                continue;
            }
            for site in self.sessions_in(args[1], scope) {
                let key = self.classify_key(args[0], scope, site);
                let container = self.compact(container);
                self.sites[site].facts.caches.push(CacheStore {
                    span: call.byte_range(),
                    container,
                    key,
                });
            }
        }
        // `memoize(async (userId) => composio.create(userId))`, `@Memoize()` methods.
        for f in 1..ix.scopes.len() {
            let scope = &ix.scopes[f];
            let memo_span = scope
                .decorators
                .iter()
                .find(|d| is_memoizer(last_name(decorator_name(self.text(**d)))))
                .map(|d| d.byte_range())
                .or_else(|| {
                    let (call, _) = scope.callback_of?;
                    let callee = self.field(call, "function")?;
                    is_memoizer(last_name(self.text(callee))).then(|| call.byte_range())
                });
            let Some(memo_span) = memo_span else { continue };
            if scope.params.iter().any(|p| {
                model::classify_key_parts(std::slice::from_ref(&p.name), None)
                    == KeyKind::Conversation
            }) {
                continue;
            }
            let returns = scope.returns.clone();
            for ret in returns {
                for site in self.sessions_in(ret, f) {
                    self.sites[site].facts.caches.push(CacheStore {
                        span: memo_span.clone(),
                        container: ix.scopes[f].name.clone(),
                        key: KeyKind::Memoized,
                    });
                }
            }
        }
    }

    fn classify_key(&mut self, key: Node<'t>, scope: ScopeId, site: usize) -> KeyKind {
        let mut parts = Vec::new();
        self.key_parts(key, scope, &mut parts, 0);
        let session_user = self.sites[site].user_id.map(|u| self.compact(u));
        model::classify_key_parts(&parts, session_user.as_deref())
    }

    fn key_parts(&self, key: Node<'t>, scope: ScopeId, out: &mut Vec<String>, depth: usize) {
        if depth > 4 {
            out.push(self.compact(key));
            return;
        }
        match key.kind_name() {
            "string" => {}
            "template_string" => {
                let mut c = key.walk();
                for s in key.named_children(&mut c) {
                    if s.kind_name() == "template_substitution"
                        && let Some(e) = s.named_child(0)
                    {
                        self.key_parts(e, scope, out, depth + 1);
                    }
                }
            }
            "binary_expression" => {
                for f in ["left", "right"] {
                    if let Some(side) = key.field(f) {
                        self.key_parts(side, scope, out, depth + 1);
                    }
                }
            }
            "array" | "arguments" => {
                let mut c = key.walk();
                for n in key.named_children(&mut c) {
                    self.key_parts(n, scope, out, depth + 1);
                }
            }
            "call_expression" => {
                // `[userId, threadId].join(':')`, `String(userId)`, `JSON.stringify([...])`.
                let callee = self.field(key, "function");
                let name = callee.map(|c| last_name(self.text(c))).unwrap_or("");
                if matches!(
                    name,
                    "join" | "String" | "stringify" | "toString" | "concat"
                ) {
                    if let Some(args) = self.field(key, "arguments") {
                        self.key_parts(args, scope, out, depth + 1);
                    }
                    if let Some((obj, _)) = callee.and_then(|c| self.member_parts(c)) {
                        self.key_parts(obj, scope, out, depth + 1);
                    }
                } else {
                    out.push(self.compact(key));
                }
            }
            "identifier" => {
                let name = self.text(key);
                if let Binding::Values(values) = self.lookup(name, scope) {
                    for (b, s) in values {
                        if let Bound::Expr(v) = b
                            && s == scope
                        {
                            self.key_parts(v, s, out, depth + 1);
                        }
                    }
                }
                out.push(name.to_string());
            }
            kind if TRANSPARENT.contains(&kind) => {
                if let Some(inner) = key.named_child(0) {
                    self.key_parts(inner, scope, out, depth + 1);
                }
            }
            _ => out.push(self.compact(key)),
        }
    }

    // ---------------------------------------------------------------- sharing

    fn find_sharing(&mut self) {
        for s in 0..self.sites.len() {
            for (name, lazy) in self.sites[s].module_names.clone() {
                self.module_sharing(s, &name, lazy);
            }
            for (c, field, creator) in self.sites[s].fields.clone() {
                self.field_sharing(s, c, &field, creator);
            }
        }
    }

    fn module_sharing(&mut self, site: usize, name: &str, lazy: bool) {
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
        if lazy {
            for scope in ix.scopes.iter().skip(1) {
                if is_main_name(&scope.name) {
                    continue;
                }
                if let Some(ret) = scope.returns.iter().find(|r| self.text(**r) == name) {
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

    fn shadows(&self, name: &str, mut scope: ScopeId) -> bool {
        while scope != MODULE {
            let s = &self.ix.scopes[scope];
            if s.declared.contains(name) {
                return true;
            }
            scope = s.parent.unwrap_or(MODULE);
        }
        false
    }

    fn serving_function(&self, mut scope: ScopeId) -> Option<ScopeId> {
        while scope != MODULE {
            let s = &self.ix.scopes[scope];
            if s.kind == ScopeKind::Function {
                if self.serves_many_users(scope) {
                    return Some(scope);
                }
                if is_main_name(&s.name) {
                    return None;
                }
            }
            scope = s.parent.unwrap_or(MODULE);
        }
        None
    }

    fn serves_many_users(&self, scope: ScopeId) -> bool {
        let s = &self.ix.scopes[scope];
        if is_main_name(&s.name) {
            return false;
        }
        if s.class.is_some() || s.exported {
            return true;
        }
        let lower = s.name.to_ascii_lowercase();
        if matches!(s.name.as_str(), "GET" | "POST" | "PUT" | "PATCH" | "DELETE")
            || lower.starts_with("handle")
            || (lower.starts_with("on")
                && s.name
                    .chars()
                    .nth(2)
                    .is_some_and(|c| c.is_ascii_uppercase()))
            || [
                "handler",
                "endpoint",
                "webhook",
                "route",
                "middleware",
                "action",
            ]
            .iter()
            .any(|w| lower.contains(w))
        {
            return true;
        }
        if s.params
            .iter()
            .any(|p| is_request_param(&p.name) || p.name == "res" || p.name == "c")
        {
            return true;
        }
        // A callback handed to a router or event source: `app.post('/x', async (req) => ...)`.
        if let Some((call, _)) = s.callback_of
            && let Some(callee) = self.field(call, "function")
            && let Some((_, method)) = self.member_parts(callee)
        {
            return matches!(
                method,
                "get"
                    | "post"
                    | "put"
                    | "patch"
                    | "delete"
                    | "all"
                    | "use"
                    | "route"
                    | "on"
                    | "once"
                    | "command"
                    | "message"
                    | "event"
                    | "action"
                    | "handle"
                    | "process"
                    | "subscribe"
            );
        }
        false
    }

    fn field_sharing(&mut self, site: usize, c: ClassId, field: &str, creator: ScopeId) {
        let Some(user_id) = self.sites[site].user_id else {
            return;
        };
        let site_scope = self.sites[site].scope;
        let mut t = Trace::default();
        self.trace(user_id, site_scope, &mut t, 0);
        if !t.fixed
            || (t.literals.is_empty()
                && !self.is_config(user_id)
                && !is_constant_name(self.text(user_id)))
        {
            return;
        }
        let ix = self.ix;
        let Some(uses) = ix.classes[c].field_uses.get(field) else {
            return;
        };
        for &(node, scope) in uses {
            if scope == creator || ix.scopes[scope].kind != ScopeKind::Function {
                continue;
            }
            self.sites[site]
                .facts
                .sharing
                .push(Sharing::FixedUserField {
                    field: field.to_string(),
                    used_in: ix.scopes[scope].name.clone(),
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
            // `new` expressions have a constructor, not a function.
            let (Some(callee), Some(args)) = (function, arguments) else {
                continue;
            };
            if self.is_log_call(callee, scope) {
                for s in self.ids_mentioned(args, scope) {
                    self.sites[s].facts.id_logged = true;
                }
                self.mark_reopened_ids(args, scope, &reopened);
                continue;
            }
            let Some(f) = self.resolve_function(callee, scope) else {
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
            let params: Vec<Option<usize>> = ix.scopes[f].params.iter().map(|p| p.index).collect();
            let call_args = self.args(call);
            for (i, index) in params.into_iter().enumerate() {
                let Some(arg) = index.and_then(|x| call_args.get(x).copied()) else {
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
                    "member_expression" => {
                        if let Some((o, p)) = self.member_parts(n)
                            && SESSION_ID_PROPS.contains(&p)
                            && let Some(i) = params.iter().position(|x| x.name == self.text(o))
                        {
                            id_of.insert(i);
                        }
                    }
                    "identifier" | "shorthand_property_identifier" => {
                        if let Some(i) = params.iter().position(|x| x.name == self.text(n)) {
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
        if let Some((obj, method)) = self.member_parts(callee)
            && TS_LOG_METHODS.contains(&method)
        {
            return self.eval(obj, scope).contains(&Val::Logger);
        }
        false
    }

    /// `console.*`, `logger.info`, `req.log.info`, `span.setAttribute`, `Sentry.setTag`.
    fn is_log_call_syntactic(&self, callee: Node<'t>) -> bool {
        if is_extra_logger(self.text(callee), self.extra_loggers) {
            return true;
        }
        let Some((obj, method)) = self.member_parts(callee) else {
            return matches!(self.text(callee), "log" | "debug");
        };
        let obj_last = last_name(self.text(obj));
        if matches!(
            method,
            "setAttribute"
                | "setAttributes"
                | "setTag"
                | "setTags"
                | "setContext"
                | "setExtra"
                | "addEvent"
                | "addBreadcrumb"
        ) {
            return true;
        }
        if obj_last.eq_ignore_ascii_case("console") {
            return true;
        }
        TS_LOG_METHODS.contains(&method) && is_logger_name(obj_last)
    }

    fn ids_mentioned(&mut self, root: Node<'t>, scope: ScopeId) -> FxHashSet<usize> {
        let property = common::Grammar::of(root).and_then(|g| g.field_id("property"));
        let mut found = FxHashSet::default();
        let mut seen = FxHashSet::default();
        let mut roots = vec![(root, 0usize)];
        while let Some((root, depth)) = roots.pop() {
            descend(root, |n, field| {
                if !n.is_named() || !seen.insert(n.id()) {
                    return false;
                }
                let kind = n.kind_name();
                match kind {
                    // The name after the dot is not a variable.
                    "property_identifier" if in_field(field, property) => return false,
                    "member_expression"
                    | "identifier"
                    | "shorthand_property_identifier"
                    | "call_expression" => {
                        let before = found.len();
                        for v in self.eval(n, scope) {
                            if let Val::SessionId(s) = v {
                                found.insert(s);
                            }
                        }
                        if kind != "member_expression"
                            && kind != "call_expression"
                            && found.len() == before
                            && depth < 3
                        {
                            // A local copy, or a message built from the ID.
                            if let Binding::Values(values) = self.lookup(self.text(n), scope) {
                                for (b, s) in values {
                                    if let Bound::Expr(v) = b
                                        && s == scope
                                    {
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

    /// Reopening sites by the text of the ID they reopen, so that each log call looks up its
    /// names instead of scanning every session of the file.
    fn reopen_sites_by_argument(&self) -> FxHashMap<&'t str, Vec<usize>> {
        let mut out: FxHashMap<&'t str, Vec<usize>> = FxHashMap::default();
        for (i, site) in self.sites.iter().enumerate() {
            if site.facts.reopen
                && let Some(arg) = self.args(site.call).first()
            {
                out.entry(self.text(*arg)).or_default().push(i);
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
            if matches!(
                n.kind_name(),
                "identifier" | "shorthand_property_identifier"
            ) {
                names.insert(self.text(n));
            }
            true
        });
        for &i in names.iter().filter_map(|n| reopened.get(n)).flatten() {
            if self.encloses(self.sites[i].scope, scope) {
                self.sites[i].facts.id_logged = true;
            }
        }
    }
}

/// The name of the destructured property that `default` is the default of.
fn index_pattern_name<'t>(pattern: Node<'t>, default: Node<'t>, src: &'t str) -> Option<&'t str> {
    let mut c = pattern.walk();
    for item in pattern.named_children(&mut c) {
        let (left, right) = match item.kind_name() {
            "object_assignment_pattern" => (item.field("left"), item.field("right")),
            "pair_pattern" => {
                let value = item.field("value");
                match value {
                    Some(v) if v.kind_name() == "assignment_pattern" => {
                        (v.field("left"), v.field("right"))
                    }
                    _ => continue,
                }
            }
            _ => continue,
        };
        if right.is_some_and(|r| r.id() == default.id()) {
            return left.map(|l| &src[l.byte_range()]);
        }
    }
    None
}

fn by_name(name: &str) -> Option<Val> {
    if matches!(
        name,
        "composio" | "composioClient" | "composio_client" | "_composio"
    ) {
        Some(Val::Client)
    } else if is_logger_name(name) {
        Some(Val::Logger)
    } else {
        None
    }
}

fn decorator_name(text: &str) -> &str {
    text.trim_start_matches('@')
        .split('(')
        .next()
        .unwrap_or("")
        .trim()
}

fn is_memoizer(name: &str) -> bool {
    matches!(
        name,
        "memoize"
            | "Memoize"
            | "memoizee"
            | "pMemoize"
            | "moize"
            | "memoizeOne"
            | "unstable_cache"
            | "Cacheable"
            | "cached"
            | "lruMemoize"
    )
}

/// The value of a string or a template literal without substitutions.
fn string_value(node: Node<'_>, src: &str) -> Option<String> {
    match node.kind_name() {
        "string" | "template_string" => {
            let mut c = node.walk();
            let mut out = String::new();
            for part in node.named_children(&mut c) {
                match part.kind_name() {
                    "string_fragment" => out.push_str(&src[part.byte_range()]),
                    "template_substitution" => return None,
                    _ => {}
                }
            }
            Some(out)
        }
        _ => None,
    }
}

struct Trace {
    literals: Vec<StrLiteral>,
    emails: Vec<model::Span>,
    params: Vec<(ScopeId, usize)>,
    fixed: bool,
    seen: FxHashSet<usize>,
}

impl Default for Trace {
    fn default() -> Self {
        Trace {
            literals: Vec::new(),
            emails: Vec::new(),
            params: Vec::new(),
            fixed: true,
            seen: FxHashSet::default(),
        }
    }
}
