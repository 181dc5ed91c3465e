//! What serves many users in TypeScript: exported functions and route handlers by name,
//! request-shaped parameters, methods, callbacks handed to a router or an event source.

use super::*;

impl<'a, 't> SharingHooks<'a, 't> for Resolver<'a, 't> {
    fn shadows(&self, name: &str, scope: ScopeId) -> bool {
        self.enclosing(scope)
            .any(|s| self.ix.scopes[s].lang.declared.contains(name))
    }

    fn serves_many_users(&self, scope: ScopeId) -> bool {
        let s = &self.ix.scopes[scope];
        if is_main_name(&s.name) {
            return false;
        }
        if s.class.is_some() || s.lang.exported {
            return true;
        }
        let lower = s.name.to_ascii_lowercase();
        if matches!(s.name.as_str(), "GET" | "POST" | "PUT" | "PATCH" | "DELETE")
            || lower.starts_with("handle")
            || (lower.starts_with("on")
                && s.name
                    .chars()
                    .nth(2)
                    .is_some_and(|c| c.is_ascii_uppercase()))
            || [
                "handler",
                "endpoint",
                "webhook",
                "route",
                "middleware",
                "action",
            ]
            .iter()
            .any(|w| lower.contains(w))
        {
            return true;
        }
        if s.params
            .iter()
            .any(|p| is_request_param(&p.name) || p.name == "res" || p.name == "c")
        {
            return true;
        }
        // A callback handed to a router or event source: `app.post('/x', async (req) => ...)`.
        if let Some((call, _)) = s.lang.callback_of
            && let Some(callee) = self.field(call, "function")
            && let Some((_, method)) = self.member_parts(callee)
        {
            return matches!(
                method,
                "get"
                    | "post"
                    | "put"
                    | "patch"
                    | "delete"
                    | "all"
                    | "use"
                    | "route"
                    | "on"
                    | "once"
                    | "command"
                    | "message"
                    | "event"
                    | "action"
                    | "handle"
                    | "process"
                    | "subscribe"
            );
        }
        false
    }

    fn may_serve(&self, scope: ScopeId) -> bool {
        self.ix.scopes[scope].kind == ScopeKind::Function
    }

    fn returns_global(&self, _f: ScopeId, ret: Node<'t>, name: &str) -> bool {
        self.text(ret) == name
    }

    fn fixed_user_id(&self, user_id: Node<'t>, t: &Trace) -> bool {
        t.fixed
            && (!t.literals.is_empty()
                || self.is_config(user_id)
                || is_constant_name(self.text(user_id)))
    }

    fn is_method(&self, scope: ScopeId) -> bool {
        self.ix.scopes[scope].kind == ScopeKind::Function
    }
}
