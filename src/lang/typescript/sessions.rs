//! Which calls create or reopen a session.

use super::*;

impl<'a, 't> SessionHooks<'a, 't> for Resolver<'a, 't> {
    fn session_user_id(&mut self, call: Node<'t>, scope: ScopeId) -> Option<Node<'t>> {
        self.create_user_id(call, scope)
    }
}
