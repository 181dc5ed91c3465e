//! Session sites: `create_session` / `get_session` called on a Composio client.

use rustc_hash::FxHashMap;

use syn::visit::{self, Visit};
use syn::{Expr, ExprMethodCall};

use super::index::FnId;
use super::{Resolver, Site, Val, compact, span_of};
use crate::model::SessionSite;

impl<'i, 'a> Resolver<'i, 'a> {
    /// The session site of a method call, if it creates or reopens one.
    fn classify(&mut self, m: &'a ExprMethodCall, f: FnId) -> Option<bool> {
        let method = m.method.to_string();
        if !matches!(method.as_str(), "create_session" | "get_session") {
            return None;
        }
        if !self.eval(&m.receiver, f).contains(&Val::Client) {
            return None;
        }
        Some(method == "get_session")
    }

    pub(super) fn find_sessions(&mut self) {
        let ix = self.ix;
        for &(m, f) in &ix.method_calls {
            if let Some(reopen) = self.classify(m, f) {
                let user_id = (!reopen).then(|| m.args.first()).flatten();
                self.site_of
                    .insert(m as *const _ as usize, self.sites.len());
                let callee = format!("{}.{}", compact(&m.receiver), m.method);
                self.sites.push(Site {
                    facts: SessionSite::new(span_of(m), callee, reopen),
                    user_id: user_id.map(compact),
                });
            }
        }
    }

    pub(super) fn sessions_in(&mut self, e: &Expr, f: FnId) -> Vec<usize> {
        let mut out: Vec<usize> = self
            .eval(e, f)
            .into_iter()
            .filter_map(|v| match v {
                Val::Session(s) | Val::Builder(s) => Some(s),
                _ => None,
            })
            .collect();
        // A closure or async block that creates the session (`get_or_init(|| ...)`).
        let mut nested = SiteFinder {
            sites: &self.site_of,
            found: Vec::new(),
        };
        nested.visit_expr(e);
        out.extend(nested.found);
        out.sort_unstable();
        out.dedup();
        out
    }
}

struct SiteFinder<'s> {
    sites: &'s FxHashMap<usize, usize>,
    found: Vec<usize>,
}

impl<'a> Visit<'a> for SiteFinder<'_> {
    fn visit_expr_method_call(&mut self, m: &'a ExprMethodCall) {
        if let Some(&s) = self.sites.get(&(m as *const _ as usize)) {
            self.found.push(s);
        }
        visit::visit_expr_method_call(self, m);
    }
}
