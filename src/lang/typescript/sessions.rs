//! Which calls create or reopen a session.

use super::*;

impl<'a, 't> SessionHooks<'a, 't> for Resolver<'a, 't> {
    fn eval_callee(&mut self, call: Node<'t>, callee: Node<'t>, scope: ScopeId) -> Vec<Val> {
        self.call_value(call, callee, scope)
    }

    fn session_user_id(&mut self, call: Node<'t>, scope: ScopeId) -> Option<Node<'t>> {
        self.create_user_id(call, scope)
    }
}
