//! Evaluation: what an expression can be — the SDK, a client or a member of one, a session or
//! its ID, a logger, a same-file class or instance — following names to their bindings.

use super::*;

impl<'a, 't> Resolver<'a, 't> {
    pub(super) fn lookup(&self, name: &str, mut scope: ScopeId) -> Binding<'t> {
        let ix = self.ix;
        loop {
            let s = &ix.scopes[scope];
            if scope == MODULE || s.lang.globals.contains(name) {
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

    pub(super) fn eval_name(&mut self, node: Node<'t>, scope: ScopeId) -> Vec<Val> {
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
                self.sdk_binding(name, &mut out);
                if self.ix.logger_aliases.contains(name) {
                    out.push(Val::Logger);
                }
                if let Some(&c) = self.ix.tables.class_by_name.get(name) {
                    out.push(Val::Class(c));
                }
            }
        }
        if out.is_empty() {
            out.extend(by_name(name));
        }
        out
    }

    pub(super) fn is_client_annotation(&self, ann: Node<'t>) -> bool {
        let t = self.text(ann).trim_matches(|c| c == '"' || c == '\'');
        let base = t.split(['|', '[']).next().unwrap_or("").trim();
        let last = base.rsplit('.').next().unwrap_or("");
        last == "Composio" || self.ix.tables.client_classes.contains(last)
    }

    pub(super) fn eval_attribute(&mut self, node: Node<'t>, scope: ScopeId) -> Vec<Val> {
        let (Some(obj), Some(attr)) = (self.field(node, "object"), self.field(node, "attribute"))
        else {
            return Vec::new();
        };
        let attr = self.text(attr);
        let mut out = Vec::new();
        for v in self.eval(obj, scope) {
            match v {
                Val::Sdk if attr == "Composio" => out.push(Val::ClientClass),
                Val::Client => out.push(Val::Member(attr.to_string())),
                Val::Member(path) if path.matches('.').count() < 3 => {
                    out.push(Val::Member(format!("{path}.{attr}")))
                }
                Val::Session(s) if SESSION_ID_NAMES.contains(&attr) => out.push(Val::SessionId(s)),
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
            out.extend(by_name(attr));
        }
        out
    }

    /// `deps.session` where `deps = Deps(session=…)`: dataclasses, pydantic models, attrs
    /// classes and `SimpleNamespace` keep a keyword argument as the attribute of that name.
    pub(super) fn keyword_passed(
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
    pub(super) fn keyword_argument(&self, call: Node<'t>, name: &str) -> Option<Node<'t>> {
        let args = self.field(call, "arguments")?;
        let mut cursor = args.walk();
        args.named_children(&mut cursor).find_map(|a| {
            (a.kind_name() == "keyword_argument"
                && a.field("name").is_some_and(|n| self.text(n) == name))
            .then(|| a.field("value"))
            .flatten()
        })
    }

    pub(super) fn eval_class_member(&mut self, c: ClassId, attr: &str, instance: bool) -> Vec<Val> {
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

    /// What a decorator names: `cache` in `@cache`, `app.get` in `@app.get("/x")`.
    pub(super) fn decorator_callee(&self, decorator: Node<'t>) -> Option<Node<'t>> {
        let expr = decorator.named_child(0)?;
        if expr.kind_name() == "call" {
            return Some(self.field(expr, "function").unwrap_or(expr));
        }
        Some(expr)
    }

    /// What a call that opens no session returns.
    pub(super) fn call_value(&mut self, callee: Node<'t>, scope: ScopeId) -> Vec<Val> {
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
        if builds_client(last) {
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
            out.extend(self.eval_returns(f));
        }
        out
    }

    /// The argument a call passes for parameter `index` (named `name`) of its target.
    pub(super) fn argument_at(&self, call: Node<'t>, index: usize, name: &str) -> Option<Node<'t>> {
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
}

impl<'a, 't> FrontEnd<'a, 't> for Resolver<'a, 't> {
    fn eval_uncached(&mut self, node: Node<'t>, scope: ScopeId) -> Vec<Val> {
        match node.kind_name() {
            "identifier" => self.eval_name(node, scope),
            "attribute" => self.eval_attribute(node, scope),
            "call" => self.eval_call(node, scope),
            "await" | "parenthesized_expression" => match node.named_child(0) {
                Some(inner) => self.eval(inner, scope),
                None => Vec::new(),
            },
            "boolean_operator" => self.eval_each(["left", "right"].map(|f| node.field(f)), scope),
            "conditional_expression" => self.eval_each([0, 2].map(|i| node.named_child(i)), scope),
            "named_expression" => match node.field("value") {
                Some(v) => self.eval(v, scope),
                None => Vec::new(),
            },
            _ => Vec::new(),
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
                        let c = *ix.tables.class_by_name.get(name)?;
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

    const SYNTAX: &'static Syntax = &syntax::PYTHON;

    resolver_basics!();

    fn class_fields(&self, class: ClassId, name: &str) -> Vec<(Node<'t>, ScopeId)> {
        let fields = self.ix.classes[class].fields.get(name);
        fields.cloned().unwrap_or_default()
    }

    fn scope_class(&self, scope: ScopeId) -> Option<ClassId> {
        self.ix.scopes[scope].class
    }

    fn local_values(&self, name: &str, scope: ScopeId) -> Vec<(Node<'t>, ScopeId)> {
        match self.lookup(name, scope) {
            Binding::Values(values) => values,
            _ => Vec::new(),
        }
    }

    fn argument_for(&self, call: Node<'t>, f: ScopeId, i: usize, skip: usize) -> Option<Node<'t>> {
        let name = &self.ix.scopes[f].params[i].name;
        i.checked_sub(skip)
            .and_then(|n| self.argument_at(call, n, name))
    }

    fn first_argument(&self, call: Node<'t>) -> Option<Node<'t>> {
        self.field(call, "arguments")?.named_child(0)
    }
}
