//! Which calls create or reopen a session.

use super::*;

impl<'a, 't> SessionHooks<'a, 't> for Resolver<'a, 't> {
    fn eval_callee(&mut self, _: Node<'t>, callee: Node<'t>, scope: ScopeId) -> Vec<Val> {
        self.call_value(callee, scope)
    }

    fn session_user_id(&mut self, call: Node<'t>, _scope: ScopeId) -> Option<Node<'t>> {
        self.user_id_argument(call, true)
    }
}
