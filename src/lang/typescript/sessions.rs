//! Which calls create or reopen a session.

use super::*;

impl<'a, 't> SessionHooks<'a, 't> for Resolver<'a, 't> {
    fn classify_session_call(&mut self, call: Node<'t>, scope: ScopeId) -> Option<bool> {
        if call.kind_name() != "call_expression" {
            return None;
        }
        let (obj, method) = self.member_parts(self.field(call, "function")?)?;
        if !is_session_method_name(method) {
            return None;
        }
        self.eval(obj, scope).into_iter().find_map(|v| match v {
            Val::Client => session_method("", method),
            Val::Member(path) => session_method(&path, method),
            _ => None,
        })
    }

    fn session_user_id(&mut self, call: Node<'t>, scope: ScopeId) -> Option<Node<'t>> {
        self.create_user_id(call, scope)
    }
}
