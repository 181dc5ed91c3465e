//! Reading a key out of a mapping literal — a Python dict or `dict(...)` call, a JavaScript
//! object — through local names and spreads, the last entry that sets the key winning:
//! `{**BASE, "user_id": uid}`, `{ ...base, userId }`.

use tree_sitter::Node;

use super::{FrontEnd, ScopeId};
use crate::lang::common::NodeExt;

/// What one item of a mapping literal does for a key.
pub enum Entry<'t> {
    /// Sets the key to this value.
    Value(Node<'t>),
    /// Unpacks another mapping here.
    Spread(Node<'t>),
    Skip,
}

pub trait MappingHooks<'a, 't: 'a>: FrontEnd<'a, 't> {
    /// The items of a mapping literal, in source order; `None` when `node` is not one.
    fn mapping_items(&self, node: Node<'t>) -> Option<Vec<Node<'t>>>;
    fn mapping_item(&self, item: Node<'t>, key: &str) -> Entry<'t>;
    /// The expression inside a wrapper that changes nothing about the value (`await`, a cast).
    fn unwrapped(&self, node: Node<'t>) -> Option<Node<'t>>;
}

pub trait Mappings<'a, 't: 'a>: MappingHooks<'a, 't> {
    /// The value under `key` in a mapping literal, following local names.
    fn mapping_entry(
        &self,
        node: Node<'t>,
        scope: ScopeId,
        key: &str,
        depth: usize,
    ) -> Option<Node<'t>> {
        if depth > 4 {
            return None;
        }
        if let Some(items) = self.mapping_items(node) {
            return items
                .into_iter()
                .rev()
                .find_map(|item| match self.mapping_item(item, key) {
                    Entry::Value(v) => Some(v),
                    Entry::Spread(inner) => self.mapping_entry(inner, scope, key, depth + 1),
                    Entry::Skip => None,
                });
        }
        if node.kind_name() == "identifier" {
            return self
                .local_values(self.text(node), scope)
                .into_iter()
                .find_map(|(v, s)| self.mapping_entry(v, s, key, depth + 1));
        }
        let inner = self.unwrapped(node)?;
        self.mapping_entry(inner, scope, key, depth + 1)
    }
}

impl<'a, 't: 'a, T: MappingHooks<'a, 't>> Mappings<'a, 't> for T {}
