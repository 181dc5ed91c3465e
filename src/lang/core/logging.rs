//! CS004 facts: which sessions have their ID reach a log call — directly, through a local copy
//! or a message built from it, through a same-file helper that logs its parameter's ID, or, for
//! a reopened session, by logging the ID it was reopened with.

use rustc_hash::{FxHashMap, FxHashSet};
use tree_sitter::Node;

use super::{FrontEnd, SESSION_ID_NAMES, ScopeId, Val};
use crate::lang::common::{
    Grammar, NodeExt, descend, in_field, is_extra_logger, is_logger_name, last_name,
};

/// What only a language can say about logging.
pub trait LoggingHooks<'a, 't: 'a>: FrontEnd<'a, 't> {
    /// A plain function that logs: `print`, `log`.
    fn logs_by_name(&self, callee: Node<'t>) -> bool;
    /// A method that logs on an object of this name, besides a logger's log methods and the
    /// telemetry methods: `sys.stderr.write`, `console.table`.
    fn logs_through(&self, object_name: &str, method: &str) -> bool;
}

pub trait Logging<'a, 't: 'a>: LoggingHooks<'a, 't> {
    /// Logging recognised from the call's shape alone: a logging function, a log method of
    /// something named like a logger, a span attribute or error-report tag, a configured extra
    /// logger.
    fn is_log_call_syntactic(&self, callee: Node<'t>) -> bool {
        if is_extra_logger(self.text(callee), self.core().extra_loggers) {
            return true;
        }
        let Some((obj, method)) = self.member_parts(callee) else {
            return self.logs_by_name(callee);
        };
        let obj_last = last_name(self.text(obj));
        Self::SYNTAX.telemetry_methods.contains(&method)
            || self.logs_through(obj_last, method)
            || (Self::SYNTAX.log_methods.contains(&method) && is_logger_name(obj_last))
    }

    fn find_logged_ids(&mut self) {
        // Logging only ever marks sessions as logged: with none left unmarked, nothing can change.
        if self.core().sites.iter().all(|s| s.facts.id_logged) {
            return;
        }
        let parts = &self.tables().parts;
        let reopened = self.reopen_sites_by_argument();
        let mut helpers = FxHashMap::default();
        for call in &parts.calls {
            let (Some(callee), Some(args)) = (call.function, call.arguments) else {
                continue;
            };
            let scope = call.scope;
            if self.is_log_call(callee, scope) {
                for s in self.ids_mentioned(args, scope) {
                    self.core_mut().sites[s].facts.id_logged = true;
                }
                self.mark_reopened_ids(args, scope, &reopened);
                continue;
            }
            // A same-file helper that logs the ID of the session (or the ID) it is given.
            let Some((f, offset)) = self.resolve_function(callee, scope) else {
                continue;
            };
            // Many calls go to the same few helpers, and each look is a pass over all calls.
            let (logs_id_of, logs) = helpers
                .entry(f)
                .or_insert_with(|| self.helper_logging(f))
                .clone();
            if logs_id_of.is_empty() && logs.is_empty() {
                continue;
            }
            for i in 0..self.params_of(f).len() {
                let Some(arg) = self.argument_for(call.node, f, i, offset) else {
                    continue;
                };
                for v in self.eval(arg, scope) {
                    match v {
                        Val::Session(s) if logs_id_of.contains(&i) => {
                            self.core_mut().sites[s].facts.id_logged = true
                        }
                        Val::SessionId(s) if logs.contains(&i) => {
                            self.core_mut().sites[s].facts.id_logged = true
                        }
                        _ => {}
                    }
                }
            }
        }
    }

    /// Which parameters of a same-file function it logs the ID of, and which it logs as is.
    fn helper_logging(&self, f: ScopeId) -> (FxHashSet<usize>, FxHashSet<usize>) {
        let params = self.params_of(f);
        let syntax = Self::SYNTAX;
        let (mut id_of, mut direct) = (FxHashSet::default(), FxHashSet::default());
        for call in &self.tables().parts.calls {
            if !self.encloses(f, call.scope) {
                continue;
            }
            let Some(callee) = call.function else {
                continue;
            };
            if !self.is_log_call_syntactic(callee) {
                continue;
            }
            let Some(args) = call.arguments else {
                continue;
            };
            descend(args, |n, _| {
                let kind = n.kind_name();
                if kind == syntax.member_kind {
                    if let Some((o, p)) = self.member_parts(n)
                        && SESSION_ID_NAMES.contains(&p)
                        && let Some(i) = params.iter().position(|x| *x == self.text(o))
                    {
                        id_of.insert(i);
                    }
                } else if syntax.name_kinds.contains(&kind)
                    && let Some(i) = params.iter().position(|x| *x == self.text(n))
                {
                    direct.insert(i);
                }
                true
            });
        }
        (id_of, direct)
    }

    fn is_log_call(&mut self, callee: Node<'t>, scope: ScopeId) -> bool {
        if self.is_log_call_syntactic(callee) {
            return true;
        }
        if let Some((obj, method)) = self.member_parts(callee)
            && Self::SYNTAX.log_methods.contains(&method)
        {
            return self.eval(obj, scope).contains(&Val::Logger);
        }
        false
    }

    /// Sessions whose ID appears in an expression: `s.session_id`, a variable holding it, or a
    /// local string built from it.
    fn ids_mentioned(&mut self, root: Node<'t>, scope: ScopeId) -> FxHashSet<usize> {
        let syntax = Self::SYNTAX;
        let property = Grammar::of(root).and_then(|g| g.field_id(syntax.property_field));
        let mut found = FxHashSet::default();
        let mut seen = FxHashSet::default();
        let mut roots = vec![(root, 0usize)];
        while let Some((root, depth)) = roots.pop() {
            descend(root, |n, field| {
                if !n.is_named() || !seen.insert(n.id()) {
                    return false;
                }
                let kind = n.kind_name();
                // The name after the dot is not a variable.
                if kind == syntax.property_name_kind && in_field(field, property) {
                    return false;
                }
                let is_name = syntax.name_kinds.contains(&kind);
                if is_name || kind == syntax.member_kind || kind == syntax.call_kind {
                    let before = found.len();
                    for v in self.eval(n, scope) {
                        if let Val::SessionId(s) = v {
                            found.insert(s);
                        }
                    }
                    if is_name && found.len() == before && depth < 3 {
                        // A local copy, or a message built from the ID.
                        for (v, s) in self.local_values(self.text(n), scope) {
                            if s == scope {
                                roots.push((v, depth + 1));
                            }
                        }
                    }
                }
                true
            });
        }
        found
    }

    /// A reopened session's ID is the argument of `use(...)`: logging that name counts.
    /// Reopening sites by the text of the ID they reopen, so that each log call looks up its
    /// names instead of scanning every session of the file.
    fn reopen_sites_by_argument(&self) -> FxHashMap<&'t str, Vec<usize>> {
        let mut out: FxHashMap<&'t str, Vec<usize>> = FxHashMap::default();
        for (i, site) in self.core().sites.iter().enumerate() {
            if site.facts.reopen
                && let Some(arg) = self.first_argument(site.call)
            {
                out.entry(self.text(arg)).or_default().push(i);
            }
        }
        out
    }

    fn mark_reopened_ids(
        &mut self,
        args: Node<'t>,
        scope: ScopeId,
        reopened: &FxHashMap<&'t str, Vec<usize>>,
    ) {
        if reopened.is_empty() {
            return;
        }
        let mut names = FxHashSet::default();
        descend(args, |n, _| {
            if Self::SYNTAX.name_kinds.contains(&n.kind_name()) {
                names.insert(self.text(n));
            }
            true
        });
        for &i in names.iter().filter_map(|n| reopened.get(n)).flatten() {
            if self.encloses(self.core().sites[i].scope, scope) {
                self.core_mut().sites[i].facts.id_logged = true;
            }
        }
    }
}

impl<'a, 't: 'a, T: LoggingHooks<'a, 't>> Logging<'a, 't> for T {}
