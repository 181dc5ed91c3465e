//! Where Python code puts sessions: module names, `global`s and `self` fields, class attributes
//! and `app.state`, dict-like containers, functions memoized with `lru_cache` and friends.

use super::*;

impl<'a, 't> Resolver<'a, 't> {
    pub(super) fn is_memoizer(&self, decorator: Node<'t>) -> bool {
        let Some(callee) = self.decorator_callee(decorator) else {
            return false;
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
}

impl<'a, 't> StoreHooks<'a, 't> for Resolver<'a, 't> {
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

    fn find_bindings(&mut self) {
        let ix = self.ix;
        // Names bound at module level or through `global`.
        let module_bindings: Vec<(String, Node<'t>, ScopeId, bool)> = ix.scopes[MODULE]
            .assigns
            .iter()
            .flat_map(|(n, vs)| vs.iter().map(move |v| (n.clone(), *v, MODULE, false)))
            .chain(
                ix.global_assigns
                    .iter()
                    .flat_map(|(n, vs)| vs.iter().map(move |(v, s)| (n.clone(), *v, *s, true))),
            )
            .collect();
        for (name, value, scope, via_global) in module_bindings {
            self.bind_module_name(&name, value, scope, via_global);
        }
        // `self.x = session`.
        for (c, class) in ix.classes.iter().enumerate() {
            for (field, values) in &class.fields {
                for &(value, scope) in values {
                    self.bind_field(c, field, value, scope);
                }
            }
        }
        // Class attributes and attributes of long-lived objects.
        for &(target, value, scope) in &ix.class_attr_stores {
            let target = target.byte_range();
            self.mark_shared(value, scope, || Sharing::ClassAttribute {
                target: target.clone(),
            });
        }
        for store in &ix.attr_stores {
            let obj = self.field(store.target, "object");
            let class_attr = obj.is_some_and(|o| {
                let t = self.text(o);
                t == "cls" || ix.tables.class_by_name.contains_key(t)
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
            let target = store.target.byte_range();
            self.mark_shared(store.value, store.scope, || {
                let target = target.clone();
                if class_attr {
                    Sharing::ClassAttribute { target }
                } else {
                    Sharing::AppState { target }
                }
            });
        }
    }

    /// `cache.setdefault(key, session)`, `cache.set(key, session)`, `cache.update({key: session})`.
    fn container_store(&self, call: &Call<'t>) -> Option<(Node<'t>, Vec<(Node<'t>, Node<'t>)>)> {
        let callee = call.function?;
        if callee.kind_name() != "attribute" {
            return None;
        }
        let method = self
            .field(callee, "attribute")
            .map(|a| self.text(a))
            .unwrap_or("");
        if !matches!(
            method,
            "setdefault" | "set" | "put" | "__setitem__" | "update"
        ) {
            return None;
        }
        let container = self.field(callee, "object")?;
        let args = self.field(call.node, "arguments")?;
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
        Some((container, pairs))
    }

    fn memoized_at(&self, f: ScopeId) -> Option<model::Span> {
        self.ix.scopes[f]
            .decorators
            .iter()
            .find(|d| self.is_memoizer(**d))
            .map(|d| d.byte_range())
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
}
