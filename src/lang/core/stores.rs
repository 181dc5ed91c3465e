//! Where sessions go: module-level names and instance fields (read later for CS002), places
//! that outlive a request (CS002), keyed containers and memoized functions (CS003).

use tree_sitter::Node;

use super::sessions::SessionHooks;
use super::{ClassId, ScopeId};
use crate::lang::common::Call;
use crate::lang::names::classify_key_parts;
use crate::model::{CacheStore, KeyKind, Sharing, Span};

/// `container[key] = value`.
pub struct SubscriptStore<'t> {
    pub statement: Node<'t>,
    pub container: Node<'t>,
    pub key: Node<'t>,
    pub value: Node<'t>,
    pub scope: ScopeId,
}

impl<'t> SubscriptStore<'t> {
    pub fn new(
        statement: Node<'t>,
        container: Node<'t>,
        key: Node<'t>,
        value: Node<'t>,
        scope: ScopeId,
    ) -> Self {
        SubscriptStore {
            statement,
            container,
            key,
            value,
            scope,
        }
    }
}

/// What only a language can say about where sessions go.
pub trait StoreHooks<'a, 't: 'a>: SessionHooks<'a, 't> {
    /// The sessions a value holds, also inside a tuple, list, object or record it builds.
    fn sessions_in(&mut self, value: Node<'t>, scope: ScopeId) -> Vec<usize>;
    /// Binds sessions to module-level names and fields, and records the long-lived places
    /// (class attributes, application state, process-wide globals) they are stored in.
    fn find_bindings(&mut self);
    /// A call that stores into a keyed container (`cache.set(key, session)`): the container and
    /// the (key, value) pairs it stores.
    fn container_store(&self, call: &Call<'t>) -> Option<(Node<'t>, Vec<(Node<'t>, Node<'t>)>)>;
    /// Where function `f` is memoized: its memoizing decorator or wrapping call.
    fn memoized_at(&self, f: ScopeId) -> Option<Span>;
    /// The non-literal pieces a cache key is built from.
    fn key_parts(&self, key: Node<'t>, scope: ScopeId, out: &mut Vec<String>, depth: usize);
}

pub trait Stores<'a, 't: 'a>: StoreHooks<'a, 't> {
    fn find_stores(&mut self) {
        self.find_bindings();
        for store in &self.tables().subscript_stores {
            let span = store.statement.byte_range();
            self.record_cache(span, store.container, store.key, store.value, store.scope);
        }
        let parts = &self.tables().parts;
        for call in &parts.calls {
            if let Some((container, pairs)) = self.container_store(call) {
                for (key, value) in pairs {
                    self.record_cache(call.node.byte_range(), container, key, value, call.scope);
                }
            }
        }
        // A memoized function that returns a session caches it for whatever its parameters
        // are, unless a parameter names a conversation.
        for f in 1..self.scope_count() {
            let Some(span) = self.memoized_at(f) else {
                continue;
            };
            let per_conversation = self
                .params_of(f)
                .into_iter()
                .any(|p| classify_key_parts(&[p.to_string()], None) == KeyKind::Conversation);
            if per_conversation {
                continue;
            }
            let container = self.scope_name(f);
            for &ret in self.returns_of(f) {
                for s in self.sessions_in(ret, f) {
                    self.core_mut().sites[s].facts.caches.push(CacheStore {
                        span: span.clone(),
                        container: container.to_string(),
                        key: KeyKind::Memoized,
                    });
                }
            }
        }
    }

    fn record_cache(
        &mut self,
        span: Span,
        container: Node<'t>,
        key: Node<'t>,
        value: Node<'t>,
        scope: ScopeId,
    ) {
        for s in self.sessions_in(value, scope) {
            let key = self.classify_key(key, scope, s);
            let container = self.compact(container);
            self.core_mut().sites[s].facts.caches.push(CacheStore {
                span: span.clone(),
                container,
                key,
            });
        }
    }

    /// The key a session of `site` is stored under, by what it identifies.
    fn classify_key(&mut self, key: Node<'t>, scope: ScopeId, site: usize) -> KeyKind {
        let mut parts = Vec::new();
        self.key_parts(key, scope, &mut parts, 0);
        let session_user = self.core().sites[site].user_id.map(|u| self.compact(u));
        classify_key_parts(&parts, session_user.as_deref())
    }

    /// `name = value` at module level; `lazy` when assigned inside a function.
    fn bind_module_name(&mut self, name: &str, value: Node<'t>, scope: ScopeId, lazy: bool) {
        for s in self.sessions_in(value, scope) {
            let names = &mut self.core_mut().sites[s].module_names;
            names.push((name.to_string(), lazy));
        }
    }

    /// `self.field = value` / `this.field = value` in a method of `class`.
    fn bind_field(&mut self, class: ClassId, field: &str, value: Node<'t>, scope: ScopeId) {
        for s in self.sessions_in(value, scope) {
            let fields = &mut self.core_mut().sites[s].fields;
            fields.push((class, field.to_string(), scope));
        }
    }

    /// A value stored in a place that outlives one request.
    fn mark_shared(&mut self, value: Node<'t>, scope: ScopeId, sharing: impl Fn() -> Sharing) {
        for s in self.sessions_in(value, scope) {
            self.core_mut().share(s, sharing());
        }
    }
}

impl<'a, 't: 'a, T: StoreHooks<'a, 't>> Stores<'a, 't> for T {}
