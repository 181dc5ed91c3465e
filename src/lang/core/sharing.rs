//! CS002 facts: a session held where one request's code hands it to another's — a module-level
//! name read by code serving many users, a lazily created global returned by a getter, an
//! instance field opened for a fixed user id and read by the other methods.

use tree_sitter::Node;

use super::user_ids::UserIdHooks;
use super::{ClassId, ScopeId, Trace};
use crate::lang::common::is_main_name;
use crate::model::Sharing;

/// What only a language can say about sharing.
pub trait SharingHooks<'a, 't: 'a>: UserIdHooks<'a, 't> {
    /// Work that only pays off when some session is bound to a module name or a field.
    fn prepare_sharing(&mut self) {}
    /// A use of `name` in `scope` refers to something other than the module binding.
    fn shadows(&self, name: &str, scope: ScopeId) -> bool;
    fn serves_many_users(&self, scope: ScopeId) -> bool;
    /// Whether the serving-function search looks at `scope` at all.
    fn may_serve(&self, scope: ScopeId) -> bool;
    /// `ret`, returned from `f`, hands out the module-level `name`.
    fn returns_global(&self, f: ScopeId, ret: Node<'t>, name: &str) -> bool;
    /// The session's user id, traced to `t`, is fixed at deploy time (a literal, a constant,
    /// configuration).
    fn fixed_user_id(&self, user_id: Node<'t>, t: &Trace) -> bool;
    /// A method's own scope (where a field read shows another method using the session).
    fn is_method(&self, scope: ScopeId) -> bool;
}

pub trait SharingFacts<'a, 't: 'a>: SharingHooks<'a, 't> {
    fn find_sharing(&mut self) {
        if self
            .core()
            .sites
            .iter()
            .any(|s| !s.module_names.is_empty() || !s.fields.is_empty())
        {
            self.prepare_sharing();
        }
        for s in 0..self.core().sites.len() {
            for (name, lazy) in self.core().sites[s].module_names.clone() {
                self.module_sharing(s, &name, lazy);
            }
            for (c, field, creator) in self.core().sites[s].fields.clone() {
                self.field_sharing(s, c, &field, creator);
            }
        }
    }

    fn module_sharing(&mut self, site: usize, name: &str, lazy: bool) {
        let creator = self.core().sites[site].scope;
        if let Some((server, node)) =
            shared_use(&self.tables().function_name_uses, name, creator, |scope| {
                if self.shadows(name, scope) {
                    None
                } else {
                    self.serving_function(scope)
                }
            })
        {
            let used_in = self.function_name(server);
            self.core_mut().share(
                site,
                Sharing::ModuleLevel {
                    name: name.to_string(),
                    used_in,
                    use_span: node.byte_range(),
                },
            );
            return;
        }
        if lazy {
            // A lazily created global handed out by a getter is a process-wide singleton.
            for f in 1..self.scope_count() {
                if is_main_name(self.scope_name(f)) {
                    continue;
                }
                if let Some(ret) = self
                    .returns_of(f)
                    .iter()
                    .find(|r| self.returns_global(f, **r, name))
                {
                    let getter = self.function_name(f);
                    self.core_mut().share(
                        site,
                        Sharing::LazyGlobal {
                            name: name.to_string(),
                            getter,
                            return_span: ret.byte_range(),
                        },
                    );
                    return;
                }
            }
        }
    }

    /// The innermost function around `scope` that serves many users, if any.
    fn serving_function(&self, scope: ScopeId) -> Option<ScopeId> {
        for s in self.enclosing(scope).filter(|&s| self.may_serve(s)) {
            if self.serves_many_users(s) {
                return Some(s);
            }
            if is_main_name(self.scope_name(s)) {
                return None;
            }
        }
        None
    }

    fn field_sharing(&mut self, site: usize, c: ClassId, field: &str, creator: ScopeId) {
        let Some(user_id) = self.core().sites[site].user_id else {
            return;
        };
        let site_scope = self.core().sites[site].scope;
        let mut t = Trace::default();
        self.trace(user_id, site_scope, &mut t, 0);
        if !self.fixed_user_id(user_id, &t) {
            return;
        }
        let use_in_other_method = self
            .field_uses(c, field)
            .iter()
            .find(|&&(_, scope)| scope != creator && self.is_method(scope));
        if let Some(&(node, scope)) = use_in_other_method {
            let used_in = self.function_name(scope);
            self.core_mut().share(
                site,
                Sharing::FixedUserField {
                    field: field.to_string(),
                    used_in,
                    use_span: node.byte_range(),
                },
            );
        }
    }
}

impl<'a, 't: 'a, T: SharingHooks<'a, 't>> SharingFacts<'a, 't> for T {}

/// Where a module-level session named `name` is shared, from the names read inside functions:
/// the function serving many users that uses it and the use to point at. `serving` gives the
/// serving function around a use's scope, `None` when the name is shadowed there or nothing
/// serves many users. A read in code other than `creator` (the function that created the
/// session) shows the sharing best, then a read in `creator`, then the store itself.
fn shared_use<'t>(
    uses: &[(&'t str, Node<'t>, usize)],
    name: &str,
    creator: usize,
    mut serving: impl FnMut(usize) -> Option<usize>,
) -> Option<(usize, Node<'t>)> {
    let mut best: Option<(u8, usize, Node<'t>)> = None;
    for &(_, node, scope) in uses.iter().filter(|u| u.0 == name) {
        let Some(server) = serving(scope) else {
            continue;
        };
        let rank = if is_assignment_target(node) {
            2
        } else {
            u8::from(server == creator)
        };
        if best.is_none_or(|(r, ..)| rank < r) {
            best = Some((rank, server, node));
        }
        if rank == 0 {
            break;
        }
    }
    best.map(|(_, server, node)| (server, node))
}

/// `x` in `x = …` or `x += …`: it stores a value rather than reading one.
fn is_assignment_target(node: Node<'_>) -> bool {
    node.parent().is_some_and(|p| {
        p.kind().contains("assignment") && p.child_by_field_name("left") == Some(node)
    })
}
