//! Where TypeScript code puts sessions: module names and `this` fields, static class members,
//! `globalThis` and Express `app.locals`, `Map`-like containers, memoized functions.

use super::*;

impl<'a, 't> StoreHooks<'a, 't> for Resolver<'a, 't> {
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

    fn find_bindings(&mut self) {
        let ix = self.ix;
        let module_values: Vec<(String, Bound<'t>, ScopeId)> = ix.scopes[MODULE]
            .assigns
            .iter()
            .flat_map(|(n, vs)| vs.iter().map(move |(b, s)| (n.clone(), *b, *s)))
            .collect();
        for (name, bound, s) in module_values {
            if let Bound::Expr(value) = bound {
                self.bind_module_name(&name, value, s, s != MODULE);
            }
        }
        for (c, class) in ix.classes.iter().enumerate() {
            for (field, values) in &class.fields {
                for &(bound, s) in values {
                    if let Bound::Expr(value) = bound {
                        self.bind_field(c, field, value, s);
                    }
                }
            }
            for &(target, value, s) in &class.static_stores {
                let target = target.byte_range();
                self.mark_shared(value, s, || Sharing::ClassAttribute {
                    target: target.clone(),
                });
            }
        }
        // Process-wide places: `globalThis.x = session`, Express `app.locals.x = session`.
        for &(target, value, scope) in &ix.attr_stores {
            let text = self.compact(target);
            let root = text.split(['.', '[']).next().unwrap_or("");
            if !(matches!(root, "globalThis" | "global" | "window") || text.contains(".locals.")) {
                continue;
            }
            self.mark_shared(value, scope, || Sharing::Static {
                name: text.clone(),
                target: target.byte_range(),
            });
        }
    }

    /// `cache.set(key, session)`, `cache.put(key, session)`.
    fn container_store(&self, call: &Call<'t>) -> Option<(Node<'t>, Vec<(Node<'t>, Node<'t>)>)> {
        let (container, method) = self.member_parts(call.function?)?;
        if !matches!(method, "set" | "put") {
            return None;
        }
        let args = self.args(call.node);
        if args.len() < 2 {
            return None;
        }
        Some((container, vec![(args[0], args[1])]))
    }

    /// `memoize(async (userId) => composio.create(userId))`, `@Memoize()` methods.
    fn memoized_at(&self, f: ScopeId) -> Option<model::Span> {
        let scope = &self.ix.scopes[f];
        scope
            .decorators
            .iter()
            .find(|d| is_memoizer(last_name(decorator_name(self.text(**d)))))
            .map(|d| d.byte_range())
            .or_else(|| {
                let (call, _) = scope.lang.callback_of?;
                let callee = self.field(call, "function")?;
                is_memoizer(last_name(self.text(callee))).then(|| call.byte_range())
            })
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
