//! User ids: the expression at each Composio user-id position (positional, an options object's
//! `userId`, a REST request's JSON body), traced back to the literals and email-named values
//! it can be.

use super::*;
use crate::lang::names::{is_email_literal, is_email_name};

impl<'a, 't> Resolver<'a, 't> {
    /// The user id of `create(userId, opts)`: the first argument, or `userId` in an options
    /// object passed first.
    pub(super) fn create_user_id(&self, call: Node<'t>, scope: ScopeId) -> Option<Node<'t>> {
        let first = *self.args(call).first()?;
        if first.kind_name() == "object" {
            return self.mapping_entry(first, scope, "userId", 0);
        }
        Some(first)
    }

    pub(super) fn trace_call(&mut self, node: Node<'t>, scope: ScopeId, t: &mut Trace, d: usize) {
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
                    let key = args.first().and_then(|k| string_value(*k, self.core.src));
                    if key.as_deref().is_some_and(is_email_name) {
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
        let function = self.called_function(callee, scope);
        self.trace_call_of(function, t, d);
    }

    /// A read from deployment configuration: `process.env.X`, `config.userId`, `env.X`.
    pub(super) fn is_config(&self, node: Node<'t>) -> bool {
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
}

impl<'a, 't> UserIdHooks<'a, 't> for Resolver<'a, 't> {
    /// A leading user-id argument where the SDK takes one, and `userId` / `userIds` in an
    /// options object.
    fn user_ids_of_call(&mut self, call: Node<'t>, scope: ScopeId, full: &str) -> Vec<Node<'t>> {
        let args = self.args(call);
        let mut out = Vec::new();
        let positional = takes_user_id_first(full, false);
        if positional && let Some(first) = args.first().filter(|a| a.kind_name() != "object") {
            out.push(*first);
        }
        for a in &args {
            if let Some(v) = self.mapping_entry(*a, scope, "userId", 0) {
                out.push(v);
            }
            if let Some(list) = self.mapping_entry(*a, scope, "userIds", 0) {
                out.extend(self.items_or_self(list));
            }
        }
        out
    }

    fn url_sources(&self, node: Node<'t>, scope: ScopeId) -> Option<UrlSources<'t>> {
        (node.kind_name() == "identifier")
            .then(|| (self.local_values(self.text(node), scope), None))
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
                let body = self.mapping_entry(init, scope, "body", 0)?;
                let stringify = self.field(body, "function")?;
                if self.text(stringify) != "JSON.stringify" {
                    return None;
                }
                *self.args(body).first()?
            }
            "post" | "put" | "patch" => *args.get(1)?,
            _ => return None,
        };
        self.mapping_entry(body, scope, "user_id", 0)
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
            "string" | "template_string" => match string_value(node, self.core.src) {
                Some(value) => {
                    if is_email_literal(&value) {
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
                                .is_some_and(|e| is_email_name(last_name(self.text(e))))
                    });
                    if email {
                        t.emails.push(node.byte_range());
                    }
                    t.fixed = false;
                }
            },
            "identifier" | "shorthand_property_identifier" => {
                let Some(name) = self.traced_name(node, t) else {
                    return;
                };
                match self.lookup(name, scope) {
                    Binding::Param(s, i) => self.trace_param(s, i, t, d),
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
                                    if is_email_name(prop) {
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
                if is_email_name(prop) {
                    t.emails.push(node.byte_range());
                    return;
                }
                // `config.userId` where `config` is a same-file object literal.
                if let Some(value) = self.mapping_entry(obj, scope, prop, 0) {
                    self.trace(value, scope, t, d);
                    return;
                }
                let resolved = self.trace_class_member(obj, prop, scope, t, d);
                if !resolved && !self.is_config(node) {
                    t.fixed = false;
                }
            }
            "subscript_expression" => {
                let key = node
                    .field("index")
                    .and_then(|k| string_value(k, self.core.src));
                if key.as_deref().is_some_and(is_email_name) {
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

    fn takes_one_argument(&self, f: ScopeId, param: usize) -> bool {
        self.ix.scopes[f].params[param].index.is_some()
    }

    fn binding_name(&self, target: Node<'t>, value: Node<'t>) -> Option<&'t str> {
        match target.kind_name() {
            // `const { userId = 'default' } = ...`: the default belongs to one property.
            "object_pattern" => index_pattern_name(target, value, self.core.src),
            _ => Some(self.text(target)),
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

impl<'a, 't> MappingHooks<'a, 't> for Resolver<'a, 't> {
    fn mapping_items(&self, node: Node<'t>) -> Option<Vec<Node<'t>>> {
        if node.kind_name() != "object" {
            return None;
        }
        let mut c = node.walk();
        Some(node.named_children(&mut c).collect())
    }

    fn mapping_item(&self, item: Node<'t>, key: &str) -> Entry<'t> {
        let value = match item.kind_name() {
            "pair" => item.field("key").and_then(|k| {
                (self.text(k).trim_matches(|c| c == '"' || c == '\'') == key)
                    .then(|| item.field("value"))
                    .flatten()
            }),
            "shorthand_property_identifier" => (self.text(item) == key).then_some(item),
            "spread_element" => return item.named_child(0).map_or(Entry::Skip, Entry::Spread),
            _ => None,
        };
        value.map_or(Entry::Skip, Entry::Value)
    }

    fn unwrapped(&self, node: Node<'t>) -> Option<Node<'t>> {
        TRANSPARENT
            .contains(&node.kind_name())
            .then(|| node.named_child(0))
            .flatten()
    }
}
