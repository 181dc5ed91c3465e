//! Evaluation: what an expression can be — the SDK namespace, a client or a member of one, a
//! session or its ID, a logger, a same-file class or instance — following names to their
//! bindings, destructuring, parameters and constructor parameter properties.

use super::*;

impl<'a, 't> Resolver<'a, 't> {
    pub(super) fn args(&self, call: Node<'t>) -> Vec<Node<'t>> {
        self.field(call, "arguments")
            .map(|a| {
                let mut c = a.walk();
                a.named_children(&mut c)
                    .filter(|n| n.kind_name() != "comment")
                    .collect()
            })
            .unwrap_or_default()
    }

    pub(super) fn eval_bound(&mut self, bound: Bound<'t>, scope: ScopeId) -> Vec<Val> {
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

    pub(super) fn member_of(&mut self, v: Val, prop: &str) -> Vec<Val> {
        match v {
            Val::Sdk if prop == "Composio" => vec![Val::ClientClass],
            Val::Client => vec![Val::Member(prop.to_string())],
            Val::Member(path) if path.matches('.').count() < 3 => {
                vec![Val::Member(format!("{path}.{prop}"))]
            }
            Val::Session(s) if SESSION_ID_NAMES.contains(&prop) => vec![Val::SessionId(s)],
            Val::Instance(c) => self.class_member(c, prop, true),
            Val::Class(c) => self.class_member(c, prop, false),
            _ => Vec::new(),
        }
    }

    pub(super) fn class_member(&mut self, c: ClassId, prop: &str, instance: bool) -> Vec<Val> {
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

    pub(super) fn eval_name(&mut self, node: Node<'t>, scope: ScopeId) -> Vec<Val> {
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
                self.sdk_binding(name, &mut out);
                if let Some(&c) = self.ix.tables.class_by_name.get(name) {
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

    pub(super) fn eval_param(&mut self, s: ScopeId, i: usize) -> Vec<Val> {
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
            && let Some((call, 0)) = ix.scopes[s].lang.callback_of
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

    pub(super) fn is_client_type(&self, ann: Node<'t>) -> bool {
        let t = self.text(ann).trim_start_matches(':').trim();
        let base = t.split(['|', '<', '&']).next().unwrap_or("").trim();
        let last = base.rsplit('.').next().unwrap_or("");
        last == "Composio" || self.ix.tables.client_classes.contains(last)
    }

    pub(super) fn eval_member(&mut self, node: Node<'t>, scope: ScopeId) -> Vec<Val> {
        let Some((obj, prop)) = self.member_parts(node) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for v in self.eval(obj, scope) {
            out.extend(self.member_of(v, prop));
        }
        // `deps.session` where `deps = { session: … }` in this file.
        if out.is_empty()
            && let Some(entry) = self.mapping_entry(obj, scope, prop, 0)
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

    pub(super) fn eval_new(&mut self, node: Node<'t>, scope: ScopeId) -> Vec<Val> {
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

    /// What a call that opens no session returns.
    pub(super) fn call_value(
        &mut self,
        node: Node<'t>,
        callee: Node<'t>,
        scope: ScopeId,
    ) -> Vec<Val> {
        if self
            .ix
            .tables
            .parts
            .call(node)
            .is_some_and(|call| index::loads_sdk(call.function, call.arguments, self.core.src))
        {
            return vec![Val::Sdk];
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
        if builds_client(last) {
            out.push(Val::Client);
        }
        if matches!(last, "pino" | "createLogger" | "getLogger" | "bunyan") {
            out.push(Val::Logger);
        }
        if let Some(f) = self.called_function(callee, scope) {
            out.extend(self.eval_returns(f));
        }
        out
    }

    pub(super) fn lookup(&self, name: &str, mut scope: ScopeId) -> Binding<'t> {
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
            if s.lang.declared.contains(name) {
                // A class declaration binds its name to the class itself.
                if ix.tables.class_by_name.contains_key(name) {
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
    pub(super) fn function_named(&self, name: &str, mut scope: ScopeId) -> Option<ScopeId> {
        let ix = self.ix;
        loop {
            let s = &ix.scopes[scope];
            if s.params.iter().any(|p| p.name == name) {
                return None;
            }
            if let Some(&f) = s.defs.get(name) {
                return Some(f);
            }
            if s.assigns.contains_key(name) || s.lang.declared.contains(name) {
                return None;
            }
            scope = s.parent?;
        }
    }

    pub(super) fn called_function(&mut self, callee: Node<'t>, scope: ScopeId) -> Option<ScopeId> {
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
}

impl<'a, 't> FrontEnd<'a, 't> for Resolver<'a, 't> {
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
                self.eval_each(["left", "right"].map(|f| node.field(f)), scope)
            }
            "ternary_expression" => {
                self.eval_each(["consequence", "alternative"].map(|f| node.field(f)), scope)
            }
            "assignment_expression" | "augmented_assignment_expression" => node
                .field("right")
                .map(|r| self.eval(r, scope))
                .unwrap_or_default(),
            _ => Vec::new(),
        }
    }

    const SYNTAX: &'static Syntax = &syntax::TYPESCRIPT;

    resolver_basics!();

    /// Fields bound by destructuring (`this.x = { ... }.x`) are not followed.
    fn class_fields(&self, class: ClassId, name: &str) -> Vec<(Node<'t>, ScopeId)> {
        let mut out = Vec::new();
        for &(bound, s) in self.ix.classes[class]
            .fields
            .get(name)
            .into_iter()
            .flatten()
        {
            if let Bound::Expr(v) = bound {
                out.push((v, s));
            }
        }
        out
    }

    fn scope_class(&self, scope: ScopeId) -> Option<ClassId> {
        let s = &self.ix.scopes[scope];
        // Arrow functions see the enclosing `this`; plain functions do too, near enough.
        match s.kind {
            ScopeKind::ClassBody(c) => s.class.or(Some(c)),
            _ => s.class,
        }
    }

    fn local_values(&self, name: &str, scope: ScopeId) -> Vec<(Node<'t>, ScopeId)> {
        let Binding::Values(values) = self.lookup(name, scope) else {
            return Vec::new();
        };
        values
            .into_iter()
            .filter_map(|(bound, s)| match bound {
                Bound::Expr(v) => Some((v, s)),
                Bound::Member { .. } => None,
            })
            .collect()
    }

    fn resolve_function(&mut self, callee: Node<'t>, scope: ScopeId) -> Option<(ScopeId, usize)> {
        self.called_function(callee, scope).map(|f| (f, 0))
    }

    /// Every parameter is passed explicitly: `this` is not one.
    fn argument_for(&self, call: Node<'t>, f: ScopeId, i: usize, _: usize) -> Option<Node<'t>> {
        let position = self.ix.scopes[f].params[i].index?;
        self.args(call).get(position).copied()
    }

    fn first_argument(&self, call: Node<'t>) -> Option<Node<'t>> {
        self.args(call).first().copied()
    }
}
