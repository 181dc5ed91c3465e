//! User-id facts: every value arriving at a Composio user-id position, followed back through
//! same-file wrappers to what each caller passes, and every user-id-named binding of a literal.

use rustc_hash::FxHashSet;
use tree_sitter::Node;

use crate::lang::common::NodeExt;

use super::{FrontEnd, ScopeId, Trace};
use crate::model::is_user_id_name;
use crate::model::{FileModel, UserIdArg, UserIdBinding};

/// What only a language can say about user ids.
pub trait UserIdHooks<'a, 't: 'a>: FrontEnd<'a, 't> {
    /// The expressions a call passes at a Composio user-id position (SDK calls and REST
    /// requests to Composio's API).
    fn user_id_exprs(&mut self, call: Node<'t>, scope: ScopeId) -> Vec<Node<'t>>;
    /// Follows an expression back to the literals and email-named values it can be.
    fn trace(&mut self, node: Node<'t>, scope: ScopeId, t: &mut Trace, depth: usize);
    /// Whether a caller's argument can be matched to parameter `param` of `f` (not a rest
    /// parameter, a splat or a destructured property).
    fn takes_one_argument(&self, f: ScopeId, param: usize) -> bool;
    /// The name a user-id binding is known by: the variable, field or destructured property.
    fn binding_name(&self, target: Node<'t>, value: Node<'t>) -> Option<&'t str>;
    /// Assignments to names and fields: (target, value, scope).
    fn named_assigns(&self) -> &'a [(Node<'t>, Node<'t>, ScopeId)];
}

pub trait UserIds<'a, 't: 'a>: UserIdHooks<'a, 't> {
    fn find_user_ids(&mut self, model: &mut FileModel) {
        let parts = self.core().parts;
        for call in &parts.calls {
            let exprs = self.user_id_exprs(call.node, call.scope);
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
        model.user_ids.push(UserIdArg {
            expr: expr.byte_range(),
            call: call.byte_range(),
            callee: callee.to_string(),
            literals: t.literals,
            email_sources: t.emails,
        });
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
        for &(target, value, scope) in self.named_assigns() {
            let Some(name) = self.binding_name(target, value) else {
                continue;
            };
            if !is_user_id_name(name) {
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
}

impl<'a, 't: 'a, T: UserIdHooks<'a, 't>> UserIds<'a, 't> for T {}
