//! What both index walks record alike: names bound to the SDK, classes by name, the calls and
//! `a.b` parts, the reads and stores the shared passes look through, comments and syntax errors.

use rustc_hash::{FxHashMap, FxHashSet};
use tree_sitter::Node;

use super::stores::SubscriptStore;
use super::{ClassId, ScopeId};
use crate::lang::common::{Grammar, NodeParts};
use crate::model::Span;

pub struct Tables<'t> {
    pub class_by_name: FxHashMap<String, ClassId>,
    /// Local names bound to the SDK as a module or namespace (`import composio as c`,
    /// `import * as sdk from '@composio/core'`).
    pub sdk_names: FxHashSet<String>,
    /// Local names bound to the SDK's `Composio` class.
    pub client_classes: FxHashSet<String>,
    /// Some import mentions composio (the SDK, or a module or name of the project's own).
    pub touches_composio: bool,
    pub parts: NodeParts<'t>,
    /// Names read inside functions, in source order: where module-level sharing looks for uses.
    /// A flat list, because only a few names are ever looked up.
    pub function_name_uses: Vec<(&'t str, Node<'t>, ScopeId)>,
    pub subscript_stores: Vec<SubscriptStore<'t>>,
    /// Bindings to names and fields, for user-id bindings: (name node, value, scope).
    pub named_assigns: Vec<(Node<'t>, Node<'t>, ScopeId)>,
    pub syntax_errors: Vec<Span>,
    pub comments: Vec<Span>,
}

impl<'t> Tables<'t> {
    /// `member_field` names the part after the dot in the grammar's `a.b`.
    pub fn new(grammar: &Grammar, member_field: &'static str) -> Self {
        Tables {
            class_by_name: FxHashMap::default(),
            sdk_names: FxHashSet::default(),
            client_classes: FxHashSet::default(),
            touches_composio: false,
            parts: NodeParts::new(grammar, member_field),
            function_name_uses: Vec::new(),
            subscript_stores: Vec::new(),
            named_assigns: Vec::new(),
            syntax_errors: Vec::new(),
            comments: Vec::new(),
        }
    }
}
