//! The session table: one site per session-creating or -reopening call, filled in by the other
//! passes, and the key a session is cached under.

use tree_sitter::Node;

use super::{FrontEnd, ScopeId, Site, Val};
use crate::lang::common::{NodeExt, is_session_method_name, session_method};
use crate::model::SessionSite;

/// What only a language can say about sessions.
pub trait SessionHooks<'a, 't: 'a>: FrontEnd<'a, 't> {
    /// The user id a session-creating call passes.
    fn session_user_id(&mut self, call: Node<'t>, scope: ScopeId) -> Option<Node<'t>>;
    /// What a call that opens no session returns, by what its callee is.
    fn eval_callee(&mut self, call: Node<'t>, callee: Node<'t>, scope: ScopeId) -> Vec<Val>;
}

pub trait Sessions<'a, 't: 'a>: SessionHooks<'a, 't> {
    /// `Some(false)` for a session-creating call, `Some(true)` for a reopening `use(...)`.
    fn classify_session_call(&mut self, call: Node<'t>, scope: ScopeId) -> Option<bool> {
        if call.kind_name() != Self::SYNTAX.call_kind {
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

    /// The session site of a call, creating it the first time the call is classified.
    fn session_site(&mut self, call: Node<'t>, scope: ScopeId) -> Option<usize> {
        if let Some(&known) = self.core().site_by_call.get(&call.id()) {
            return known;
        }
        let site = self.classify_session_call(call, scope).map(|reopen| {
            let callee = self
                .field(call, "function")
                .map(|c| self.compact(c))
                .unwrap_or_default();
            let user_id = if reopen {
                None
            } else {
                self.session_user_id(call, scope)
            };
            let sites = &mut self.core_mut().sites;
            sites.push(Site {
                call,
                scope,
                facts: SessionSite::new(call.byte_range(), callee, reopen),
                user_id,
                module_names: Vec::new(),
                fields: Vec::new(),
            });
            sites.len() - 1
        });
        self.core_mut().site_by_call.insert(call.id(), site);
        site
    }

    /// What a call returns: the session it opens, or what its callee makes of it.
    fn eval_call(&mut self, call: Node<'t>, scope: ScopeId) -> Vec<Val> {
        if let Some(site) = self.session_site(call, scope) {
            return vec![Val::Session(site)];
        }
        match self.field(call, "function") {
            Some(callee) => self.eval_callee(call, callee, scope),
            None => Vec::new(),
        }
    }

    fn find_sessions(&mut self) {
        let parts = &self.tables().parts;
        for call in &parts.calls {
            self.session_site(call.node, call.scope);
        }
    }
}

impl<'a, 't: 'a, T: SessionHooks<'a, 't>> Sessions<'a, 't> for T {}
