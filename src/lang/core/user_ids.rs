//! User-id facts: every value arriving at a Composio user-id position, followed back through
//! same-file wrappers to what each caller passes, and every user-id-named binding of a literal.

use rustc_hash::FxHashSet;
use tree_sitter::Node;

use crate::lang::common::NodeExt;

use super::sessions::{SessionHooks, Sessions};
use super::{ScopeId, Trace, Val};
use crate::lang::common;
use crate::lang::facts;
use crate::lang::names::is_email_name;
use crate::model::FileModel;

/// The values a name or field read may hold, and the node to look at after them.
pub type UrlSources<'t> = (Vec<(Node<'t>, ScopeId)>, Option<Node<'t>>);

/// What only a language can say about user ids.
pub trait UserIdHooks<'a, 't: 'a>: SessionHooks<'a, 't> {
    /// The expressions a call of client method `path` (`create`, `tools.execute`) passes at a
    /// user-id position.
    fn user_ids_of_call(&mut self, call: Node<'t>, scope: ScopeId, path: &str) -> Vec<Node<'t>>;
    /// `user_id` in the JSON body of an HTTP request to Composio's REST API.
    fn rest_user_id(&mut self, call: Node<'t>, scope: ScopeId) -> Option<Node<'t>>;
    /// Where a name or a field read gets its value, for following a URL back to Composio's
    /// host; `None` for other nodes, whose children are looked at instead. The second part is
    /// what to look at after the values (the object of `self.x`).
    fn url_sources(&self, node: Node<'t>, scope: ScopeId) -> Option<UrlSources<'t>>;
    /// Follows an expression back to the literals and email-named values it can be.
    fn trace(&mut self, node: Node<'t>, scope: ScopeId, t: &mut Trace, depth: usize);
    /// Whether a caller's argument can be matched to parameter `param` of `f` (not a rest
    /// parameter, a splat or a destructured property).
    fn takes_one_argument(&self, f: ScopeId, param: usize) -> bool;
    /// The name a user-id binding is known by: the variable, field or destructured property.
    fn binding_name(&self, target: Node<'t>, value: Node<'t>) -> Option<&'t str>;
}

pub trait UserIds<'a, 't: 'a>: UserIdHooks<'a, 't> {
    /// The user ids a call passes to the SDK: a session's own, or those of another client
    /// method.
    fn composio_user_id_exprs(&mut self, call: Node<'t>, scope: ScopeId) -> Vec<Node<'t>> {
        if let Some(site) = self.session_site(call, scope) {
            return self.core().sites[site].user_id.into_iter().collect();
        }
        match self.client_method_path(call, scope) {
            Some(path) => self.user_ids_of_call(call, scope, &path),
            None => Vec::new(),
        }
    }

    /// A read named like an email (`email`, `user.email`) is where an email comes from.
    fn traced_email(&self, read: Node<'t>, name: &str, t: &mut Trace) -> bool {
        let email = is_email_name(name);
        if email {
            t.emails.push(read.byte_range());
        }
        email
    }

    /// The variable a name reads, unless the name says it holds an email.
    fn traced_name(&self, node: Node<'t>, t: &mut Trace) -> Option<&'t str> {
        let name = self.text(node);
        (!self.traced_email(node, name, t)).then_some(name)
    }

    /// A parameter of a same-file function: its default, and what each caller passes (followed
    /// up by `push_user_id`); not fixed at deploy time.
    fn trace_param(&mut self, f: ScopeId, i: usize, t: &mut Trace, depth: usize) {
        if let Some(default) = self.param_default(f, i) {
            self.trace(default, f, t, depth);
        }
        t.params.push((f, i));
        t.fixed = false;
    }

    /// A same-file function's return values; a call of anything else is not fixed.
    fn trace_call_of(&mut self, function: Option<ScopeId>, t: &mut Trace, depth: usize) {
        let Some(f) = function else {
            t.fixed = false;
            return;
        };
        for &ret in self.returns_of(f) {
            self.trace(ret, f, t, depth);
        }
    }

    /// Traces `obj.name` through same-file classes and instances; whether any of them held it.
    fn trace_class_member(
        &mut self,
        obj: Node<'t>,
        name: &str,
        scope: ScopeId,
        t: &mut Trace,
        depth: usize,
    ) -> bool {
        let mut resolved = false;
        for v in self.eval(obj, scope) {
            let (class, instance) = match v {
                Val::Instance(c) => (c, true),
                Val::Class(c) => (c, false),
                _ => continue,
            };
            for (value, s) in self.class_member_values(class, name, instance) {
                resolved = true;
                self.trace(value, s, t, depth);
            }
        }
        resolved
    }

    /// Whether an expression names Composio, itself or through the values of the names in it.
    fn mentions_composio(&self, node: Node<'t>, scope: ScopeId, depth: usize) -> bool {
        if common::mentions_composio(self.text(node)) {
            return true;
        }
        if depth >= 3 {
            return false;
        }
        let mut stack = vec![node];
        let mut cursor = node.walk();
        while let Some(n) = stack.pop() {
            let Some((values, then)) = self.url_sources(n, scope) else {
                stack.extend(n.named_children(&mut cursor));
                continue;
            };
            if values
                .into_iter()
                .any(|(v, s)| self.mentions_composio(v, s, depth + 1))
            {
                return true;
            }
            stack.extend(then);
        }
        false
    }

    fn find_user_ids(&mut self, model: &mut FileModel) {
        let parts = &self.tables().parts;
        for call in &parts.calls {
            let mut exprs = self.composio_user_id_exprs(call.node, call.scope);
            exprs.extend(self.rest_user_id(call.node, call.scope));
            if exprs.is_empty() {
                continue;
            }
            // `new` expressions have a constructor, not a function.
            let callee = call
                .function
                .or_else(|| call.node.field("constructor"))
                .map(|c| self.compact(c))
                .unwrap_or_default();
            for expr in exprs {
                let mut visited = FxHashSet::default();
                self.push_user_id(model, expr, call.scope, call.node, &callee, &mut visited);
            }
        }
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
        let (expr_span, call_span) = (expr.byte_range(), call.byte_range());
        facts::user_id_arg(model, expr_span, call_span, callee, t.literals, t.emails);
        for (f, param) in t.params {
            if !self.takes_one_argument(f, param)
                || !visited.insert((f, param))
                || visited.len() > 16
            {
                continue;
            }
            for (site, caller_scope, offset) in self.calls_to(f) {
                if let Some(arg) = self.argument_for(site, f, param, offset) {
                    self.push_user_id(model, arg, caller_scope, call, callee, visited);
                }
            }
        }
    }

    /// Variables, constants and fields named like a user id whose value is a string literal.
    fn find_user_id_bindings(&mut self, model: &mut FileModel) {
        for &(target, value, scope) in &self.tables().named_assigns {
            let Some(name) = self.binding_name(target, value) else {
                continue;
            };
            facts::user_id_binding(model, name, || {
                let mut t = Trace::default();
                self.trace(value, scope, &mut t, 0);
                t.literals
            });
        }
    }
}

impl<'a, 't: 'a, T: UserIdHooks<'a, 't>> UserIds<'a, 't> for T {}
