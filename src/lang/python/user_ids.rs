//! User ids: the expression at each Composio user-id position (keyword, positional, `**kwargs`,
//! a REST request's JSON body), traced back to the literals and email-named values it can be.

use super::*;
use crate::lang::names::{is_email_literal, is_email_name};

impl<'a, 't> Resolver<'a, 't> {
    /// The expression in a call's user-id position: `user_id=`, the first positional argument
    /// where the SDK takes the user id first, or `user_id` inside a `**kwargs` dict.
    pub(super) fn user_id_argument(
        &mut self,
        call: Node<'t>,
        positional: bool,
    ) -> Option<Node<'t>> {
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
            .find_map(|s| self.mapping_entry(s, scope, "user_id", 0))
    }

    pub(super) fn scope_of_call(&self, call: Node<'t>) -> ScopeId {
        self.ix.tables.parts.call(call).map_or(MODULE, |c| c.scope)
    }

    pub(super) fn trace_call(&mut self, node: Node<'t>, scope: ScopeId, t: &mut Trace, d: usize) {
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
                        .is_some_and(|n| &self.core.src[n.byte_range()] == name))
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
                    .and_then(|k| string_value(*k, self.core.src));
                if key.as_deref().is_some_and(is_email_name) {
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
                let function = self.resolve_function(callee, scope).map(|(f, _)| f);
                self.trace_call_of(function, t, d);
            }
        }
    }

    pub(super) fn mentions_email(&self, node: Node<'t>) -> bool {
        let mut cursor = node.walk();
        let mut stack = vec![node];
        while let Some(n) = stack.pop() {
            if n.kind_name() == "interpolation" {
                if let Some(e) = n.named_child(0)
                    && is_email_name(last_name(self.text(e)))
                {
                    return true;
                }
                continue;
            }
            stack.extend(n.named_children(&mut cursor));
        }
        false
    }
}

impl<'a, 't> UserIdHooks<'a, 't> for Resolver<'a, 't> {
    /// `user_id=`, the first positional argument where the SDK takes the user id first, and
    /// `user_ids=[...]`.
    fn user_ids_of_call(&mut self, call: Node<'t>, _: ScopeId, full: &str) -> Vec<Node<'t>> {
        let positional = takes_user_id_first(full, true);
        let mut out: Vec<Node<'t>> = self
            .user_id_argument(call, positional)
            .into_iter()
            .collect();
        if let Some(v) = self.keyword_argument(call, "user_ids") {
            out.extend(self.items_or_self(v));
        }
        out
    }

    /// A name's values; `self.x`'s values in this class, then `self` itself.
    fn url_sources(&self, node: Node<'t>, scope: ScopeId) -> Option<UrlSources<'t>> {
        match node.kind_name() {
            "identifier" => Some((self.local_values(self.text(node), scope), None)),
            "attribute" => {
                let field = self.field(node, "attribute").map(|a| self.text(a));
                let object = self.field(node, "object");
                let values = match (self.class_of(scope), field) {
                    (Some(c), Some(f)) if object.is_some_and(|o| self.text(o) == "self") => {
                        self.ix.classes[c]
                            .fields
                            .get(f)
                            .cloned()
                            .unwrap_or_default()
                    }
                    _ => Vec::new(),
                };
                Some((values, object))
            }
            _ => None,
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
        let url = self.argument_at(call, url_index, "url");
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
        self.mapping_entry(body, scope, "user_id", 0)
    }

    /// Follows a user-id expression back to the literals and email-named values it can be.
    fn trace(&mut self, node: Node<'t>, scope: ScopeId, t: &mut Trace, depth: usize) {
        if depth > 12 || !t.seen.insert(node.id()) {
            return;
        }
        let d = depth + 1;
        match node.kind_name() {
            "string" | "concatenated_string" => {
                if let Some(value) = string_value(node, self.core.src) {
                    if is_email_literal(&value) {
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
                let Some(name) = self.traced_name(node, t) else {
                    return;
                };
                match self.lookup(name, scope) {
                    Binding::Param(s, i) => self.trace_param(s, i, t, d),
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
                if self.traced_email(node, attr_name, t) {
                    return;
                }
                let resolved = self.trace_class_member(obj, attr_name, scope, t, d);
                if !resolved && !is_config_read(self.text(obj), attr_name) {
                    t.fixed = false;
                }
            }
            "subscript" => {
                let key = node.field("subscript");
                let key_text = key.and_then(|k| string_value(k, self.core.src));
                if key_text.as_deref().is_some_and(is_email_name) {
                    t.emails.push(node.byte_range());
                    return;
                }
                let obj = node.field("value");
                if let (Some(obj), Some(k)) = (obj, key_text.as_deref())
                    && let Some(v) = self.mapping_entry(obj, scope, k, 0)
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

    fn takes_one_argument(&self, f: ScopeId, param: usize) -> bool {
        !self.ix.scopes[f].params[param].splat
    }

    fn binding_name(&self, target: Node<'t>, _value: Node<'t>) -> Option<&'t str> {
        let name_node = match target.kind_name() {
            "attribute" => self.field(target, "attribute")?,
            _ => target,
        };
        Some(self.text(name_node))
    }
}

impl<'a, 't> MappingHooks<'a, 't> for Resolver<'a, 't> {
    /// A dict literal's items, or a `dict(...)` call's arguments.
    fn mapping_items(&self, node: Node<'t>) -> Option<Vec<Node<'t>>> {
        let items = match node.kind_name() {
            "dictionary" => node,
            "call"
                if self
                    .field(node, "function")
                    .is_some_and(|f| self.text(f) == "dict") =>
            {
                self.field(node, "arguments")?
            }
            _ => return None,
        };
        let mut cursor = items.walk();
        Some(items.named_children(&mut cursor).collect())
    }

    fn mapping_item(&self, item: Node<'t>, key: &str) -> Entry<'t> {
        let value = match item.kind_name() {
            "pair" => item.field("key").and_then(|k| {
                (string_value(k, self.core.src).as_deref() == Some(key))
                    .then(|| item.field("value"))
                    .flatten()
            }),
            "keyword_argument" => item
                .field("name")
                .is_some_and(|n| self.text(n) == key)
                .then(|| item.field("value"))
                .flatten(),
            "dictionary_splat" => return item.named_child(0).map_or(Entry::Skip, Entry::Spread),
            "comment" => None,
            // `dict(BASE, user_id=uid)`: a positional argument is a mapping to start from.
            _ if item
                .parent()
                .is_some_and(|p| p.kind_name() == "argument_list") =>
            {
                return Entry::Spread(item);
            }
            _ => None,
        };
        value.map_or(Entry::Skip, Entry::Value)
    }

    fn unwrapped(&self, _node: Node<'t>) -> Option<Node<'t>> {
        None
    }
}
