//! What both index walks record alike: names bound to the SDK, classes by name, the calls and
//! `a.b` parts, the reads and stores the shared passes look through, comments and syntax errors.

use rustc_hash::{FxHashMap, FxHashSet};
use tree_sitter::Node;

use super::stores::SubscriptStore;
use super::{ClassId, ScopeId, ScopeKind};
use crate::lang::common::{Grammar, NodeParts};
use crate::model::Span;

/// A function, a class body or the module, as both index walks record it. `P` is the
/// language's parameter, `V` what an assignment records, `X` what only one language keeps.
pub struct Scope<'t, P, V, X> {
    pub kind: ScopeKind,
    pub parent: Option<ScopeId>,
    pub name: String,
    /// The class this function is a method (or arrow-function field) of.
    pub class: Option<ClassId>,
    pub params: Vec<P>,
    /// name -> the values assigned to it in this scope.
    pub assigns: FxHashMap<String, Vec<V>>,
    pub decorators: Vec<Node<'t>>,
    pub returns: Vec<Node<'t>>,
    /// Functions defined directly in this scope.
    pub defs: FxHashMap<String, ScopeId>,
    pub lang: X,
}

impl<P, V, X: Default> Scope<'_, P, V, X> {
    pub fn new(kind: ScopeKind, parent: Option<ScopeId>, name: String) -> Self {
        Scope {
            kind,
            parent,
            name,
            class: None,
            params: Vec::new(),
            assigns: FxHashMap::default(),
            decorators: Vec::new(),
            returns: Vec::new(),
            defs: FxHashMap::default(),
            lang: X::default(),
        }
    }
}

/// Which children of a node an index walk visits, and in which scope: the modes every grammar
/// has, and the grammar's own (`M`: a function's parameters and body, a class's bases and
/// body, only the object of `a.b`). Every visited node's comment children are still collected
/// (suppressions), unless it is a `Leaf`.
#[derive(Clone, Copy)]
pub enum Children<M> {
    /// None: the node has been read whole (imports, `global`).
    Skip,
    /// Not even comments: the cursor does not step into the node (a string without
    /// interpolations or errors).
    Leaf,
    All {
        scope: ScopeId,
        class_body: Option<ClassId>,
    },
    Grammar(M),
}

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
