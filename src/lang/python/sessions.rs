//! Which calls create or reopen a session.

use super::*;

impl<'a, 't> SessionHooks<'a, 't> for Resolver<'a, 't> {
    /// `Some(false)` for a session-creating call, `Some(true)` for a reopening `use(...)`.
    fn classify_session_call(&mut self, call: Node<'t>, scope: ScopeId) -> Option<bool> {
        let callee = self.field(call, "function")?;
        if callee.kind_name() != "attribute" {
            return None;
        }
        let obj = self.field(callee, "object")?;
        let method = self.text(self.field(callee, "attribute")?);
        if !is_session_method_name(method) {
            return None;
        }
        self.eval(obj, scope).into_iter().find_map(|v| match v {
            Val::Client => session_method("", method),
            Val::Member(path) => session_method(&path, method),
            _ => None,
        })
    }

    fn session_user_id(&mut self, call: Node<'t>, _scope: ScopeId) -> Option<Node<'t>> {
        self.user_id_argument(call, true)
    }
}
