//! One iterative walk over a Python syntax tree that records everything name resolution needs:
//! scopes with their parameters and assignments, classes with their attributes and `self`
//! fields, imports, calls, stores into containers and attributes, and syntax errors.

mod bindings;
mod imports;

use bindings::*;
use imports::*;
use rustc_hash::{FxHashMap, FxHashSet};

use std::num::NonZeroU16;

use tree_sitter::{Node, TreeCursor};

use crate::lang::common::{Grammar, NodeExt, in_field, mentions_composio, names_composio_host};

pub use crate::lang::core::stores::SubscriptStore;
use crate::lang::core::tables::{self, Tables};
pub use crate::lang::core::{ClassId, MODULE, ScopeId, ScopeKind};

pub struct Param<'t> {
    pub name: String,
    pub default: Option<Node<'t>>,
    pub annotation: Option<Node<'t>>,
    /// `*args` / `**kwargs`: never bound to one argument.
    pub splat: bool,
}

/// A Python scope: its parameters, and the names it declares `global`.
pub type Scope<'t> = tables::Scope<'t, Param<'t>, Node<'t>, Globals>;

#[derive(Default)]
pub struct Globals {
    pub globals: FxHashSet<String>,
}

#[derive(Default)]
pub struct Class<'t> {
    /// Class-body assignments and `Cls.x = ...` stores, with the scope they are evaluated in.
    pub attrs: FxHashMap<String, Vec<(Node<'t>, ScopeId)>>,
    /// `self.x = value` in methods, with the method's scope.
    pub fields: FxHashMap<String, Vec<(Node<'t>, ScopeId)>>,
    pub methods: FxHashMap<String, ScopeId>,
    /// Reads of `self.x`, with the method's scope.
    pub field_uses: FxHashMap<&'t str, Vec<(Node<'t>, ScopeId)>>,
}

/// An assignment whose target is an attribute other than `self.x` (e.g. `app.state.s = ...`,
/// `Cls.s = ...`) or a class-body name.
pub struct AttrStore<'t> {
    pub target: Node<'t>,
    pub value: Node<'t>,
    pub scope: ScopeId,
}

pub struct Index<'t> {
    pub scopes: Vec<Scope<'t>>,
    pub classes: Vec<Class<'t>>,
    pub tables: Tables<'t>,
    /// Assignments made through `global` declarations: name -> (value, scope).
    pub global_assigns: FxHashMap<String, Vec<(Node<'t>, ScopeId)>>,
    /// Local names other than the usual ones for a logging module or logger object
    /// (`import logging as lg`, `from loguru import logger as lgr`).
    pub logger_aliases: FxHashSet<String>,
    pub attr_stores: Vec<AttrStore<'t>>,
    pub class_attr_stores: Vec<(Node<'t>, Node<'t>, ScopeId)>,
}

type Children = tables::Children<Mode>;

/// The modes of the Python walk's own.
#[derive(Clone, Copy)]
enum Mode {
    /// Only the child in this field: the object of `a.b` (the attribute name is not a variable
    /// use), the value of `key=value`.
    Only {
        field: Option<NonZeroU16>,
        scope: ScopeId,
        class_body: Option<ClassId>,
    },
    /// Parameters (defaults, annotations) in the enclosing scope, the body in the function's.
    Function { outer: ScopeId, inner: ScopeId },
    /// Superclasses in the enclosing scope, the body as the class body.
    Class {
        outer: ScopeId,
        body: ScopeId,
        class: ClassId,
    },
}

struct Fields {
    parameters: Option<NonZeroU16>,
    body: Option<NonZeroU16>,
    superclasses: Option<NonZeroU16>,
    object: Option<NonZeroU16>,
    value: Option<NonZeroU16>,
}

impl Children {
    /// The scope and class body a child is visited in, if it is. `field` (the child's field) is
    /// asked only when the mode depends on it: the cursor finds it by a search.
    fn context(
        self,
        field: impl FnOnce() -> Option<NonZeroU16>,
        f: &Fields,
    ) -> Option<(ScopeId, Option<ClassId>)> {
        match self {
            Children::Skip | Children::Leaf => None,
            Children::All { scope, class_body } => Some((scope, class_body)),
            Children::Grammar(Mode::Only {
                field: only,
                scope,
                class_body,
            }) => in_field(field(), only).then_some((scope, class_body)),
            Children::Grammar(Mode::Function { outer, inner }) => {
                let field = field();
                if in_field(field, f.parameters) {
                    Some((outer, None))
                } else if in_field(field, f.body) {
                    Some((inner, None))
                } else {
                    None
                }
            }
            Children::Grammar(Mode::Class { outer, body, class }) => {
                let field = field();
                if in_field(field, f.superclasses) {
                    Some((outer, None))
                } else if in_field(field, f.body) {
                    Some((body, Some(class)))
                } else {
                    None
                }
            }
        }
    }
}

/// A depth-first walk with one tree cursor: each node is reached once, by a cursor step, instead
/// of materialising every node's child list.
pub fn build<'t>(root: Node<'t>, src: &'t str) -> Index<'t> {
    let grammar = Grammar::python();
    let fields = Fields {
        parameters: grammar.field_id("parameters"),
        body: grammar.field_id("body"),
        superclasses: grammar.field_id("superclasses"),
        object: grammar.field_id("object"),
        value: grammar.field_id("value"),
    };
    let mut walker = Walker {
        ix: Index {
            scopes: vec![Scope::new(ScopeKind::Module, None, "<module>".into())],
            classes: Vec::new(),
            tables: Tables::new(grammar, "attribute"),
            global_assigns: FxHashMap::default(),
            logger_aliases: FxHashSet::default(),
            attr_stores: Vec::new(),
            class_attr_stores: Vec::new(),
        },
        src,
        grammar,
        fields,
        decorators: FxHashMap::default(),
        aux: root.walk(),
    };
    let mut cursor = root.walk();
    // The mode of each node on the path from the root to the cursor's parent.
    let mut modes = vec![walker.visit(root, MODULE, None)];
    if cursor.goto_first_child() {
        'walk: loop {
            let node = cursor.node();
            if node.is_named() || node.is_missing() {
                let parent_mode = *modes.last().expect("the cursor is below the root");
                if grammar.kind(node) == "comment" {
                    walker.ix.tables.comments.push(node.byte_range());
                } else if let Some((scope, class_body)) =
                    parent_mode.context(|| cursor.field_id(), &walker.fields)
                {
                    let mode = walker.visit(node, scope, class_body);
                    if !matches!(mode, Children::Leaf) && cursor.goto_first_child() {
                        modes.push(mode);
                        continue;
                    }
                }
            }
            // The next sibling, or that of the nearest ancestor that has one.
            while !cursor.goto_next_sibling() {
                modes.pop();
                if modes.is_empty() || !cursor.goto_parent() {
                    break 'walk;
                }
            }
        }
    }
    let mut ix = walker.ix;

    // `global x` inside a function makes its assignments to `x` module-level bindings.
    for sid in 1..ix.scopes.len() {
        let globals: Vec<String> = ix.scopes[sid].lang.globals.iter().cloned().collect();
        for g in globals {
            if let Some(values) = ix.scopes[sid].assigns.remove(&g) {
                let entry = ix.global_assigns.entry(g).or_default();
                entry.extend(values.into_iter().map(|v| (v, sid)));
            }
        }
    }
    ix
}

struct Walker<'t> {
    ix: Index<'t>,
    src: &'t str,
    grammar: &'static Grammar,
    fields: Fields,
    /// Decorators of a definition, from its `decorated_definition` (visited first).
    decorators: FxHashMap<usize, Vec<Node<'t>>>,
    /// For reading a node's children while the walk's own cursor stands on it.
    aux: TreeCursor<'t>,
}

impl<'t> Walker<'t> {
    fn text(&self, n: Node<'t>) -> &'t str {
        &self.src[n.byte_range()]
    }

    /// Records what `node` tells name resolution and says which of its children to visit.
    fn visit(&mut self, node: Node<'t>, scope: ScopeId, class_body: Option<ClassId>) -> Children {
        let all = Children::All { scope, class_body };
        let kind = self.grammar.kind(node);
        let ix = &mut self.ix;
        match kind {
            "ERROR" => ix.tables.syntax_errors.push(node.byte_range()),
            _ if node.is_missing() => ix.tables.syntax_errors.push(node.byte_range()),
            "decorated_definition" => {
                if let Some(def) = node.field("definition") {
                    let decs = node
                        .named_children(&mut self.aux)
                        .filter(|c| c.kind_name() == "decorator")
                        .collect();
                    self.decorators.insert(def.id(), decs);
                }
            }
            "function_definition" | "lambda" => {
                let name = node
                    .field("name")
                    .map(|n| self.text(n).to_string())
                    .unwrap_or_else(|| "<lambda>".into());
                let ix = &mut self.ix;
                let id = ix.scopes.len();
                let params = node
                    .field("parameters")
                    .map(|p| read_params(p, self.src))
                    .unwrap_or_default();
                let mut returns = Vec::new();
                if kind == "lambda"
                    && let Some(body) = node.field("body")
                {
                    returns.push(body);
                }
                // Python methods do not see the class body's names.
                let parent = match class_body {
                    Some(_) => ix.scopes[scope].parent,
                    None => Some(scope),
                };
                ix.scopes.push(Scope {
                    class: class_body,
                    params,
                    decorators: self.decorators.remove(&node.id()).unwrap_or_default(),
                    returns,
                    ..Scope::new(ScopeKind::Function, parent, name.clone())
                });
                if kind == "function_definition" {
                    match class_body {
                        Some(c) => {
                            ix.classes[c].methods.insert(name, id);
                        }
                        None => {
                            ix.scopes[scope].defs.insert(name, id);
                        }
                    }
                }
                // Defaults and decorators belong to the enclosing scope.
                return Children::Grammar(Mode::Function {
                    outer: scope,
                    inner: id,
                });
            }
            "class_definition" => {
                let name = node
                    .field("name")
                    .map(|n| self.text(n).to_string())
                    .unwrap_or_default();
                let ix = &mut self.ix;
                let id = ix.classes.len();
                let body_scope = ix.scopes.len();
                ix.classes.push(Class::default());
                ix.scopes.push(Scope {
                    decorators: self.decorators.remove(&node.id()).unwrap_or_default(),
                    ..Scope::new(ScopeKind::ClassBody(id), Some(scope), name.clone())
                });
                ix.tables.class_by_name.insert(name, id);
                return Children::Grammar(Mode::Class {
                    outer: scope,
                    body: body_scope,
                    class: id,
                });
            }
            "import_statement" | "import_from_statement" => {
                read_import(node, self.src, ix);
                return Children::Skip;
            }
            "global_statement" => {
                for n in node.named_children(&mut self.aux) {
                    if n.kind_name() == "identifier" {
                        ix.scopes[scope]
                            .lang
                            .globals
                            .insert(self.src[n.byte_range()].to_string());
                    }
                }
                return Children::Skip;
            }
            "return_statement" => {
                if let Some(v) = node.named_child(0) {
                    ix.scopes[scope].returns.push(v);
                }
            }
            "assignment" => {
                record_assignment(node, scope, class_body, self.src, ix);
            }
            "named_expression" => {
                if let (Some(n), Some(v)) = (node.field("name"), node.field("value")) {
                    bind(ix, scope, class_body, n, v, self.src);
                }
            }
            "with_item" => {
                if let Some(v) = node.field("value")
                    && v.kind_name() == "as_pattern"
                    && let (Some(value), Some(alias)) = (v.named_child(0), v.field("alias"))
                    && let Some(target) = alias.named_child(0)
                    && target.kind_name() == "identifier"
                {
                    bind(ix, scope, class_body, target, value, self.src);
                }
            }
            "call" => ix.tables.parts.record_call(node, scope),
            "attribute" => {
                if let Some((obj, attr)) = ix.tables.parts.record_member(node)
                    && obj.kind_name() == "identifier"
                    && &self.src[obj.byte_range()] == "self"
                    && let Some(c) = ix.scopes[scope].class.or_else(|| method_class(ix, scope))
                {
                    ix.classes[c]
                        .field_uses
                        .entry(&self.src[attr.byte_range()])
                        .or_default()
                        .push((node, scope));
                }
                return Children::Grammar(Mode::Only {
                    field: self.fields.object,
                    scope,
                    class_body,
                });
            }
            "keyword_argument" => {
                return Children::Grammar(Mode::Only {
                    field: self.fields.value,
                    scope,
                    class_body,
                });
            }
            "identifier" if ix.scopes[scope].kind == ScopeKind::Function => {
                ix.tables
                    .function_name_uses
                    .push((&self.src[node.byte_range()], node, scope));
            }
            "string" => {
                let text = &self.src[node.byte_range()];
                // Code that calls Composio's REST API directly names its host.
                if !ix.tables.touches_composio && names_composio_host(text) {
                    ix.tables.touches_composio = true;
                }
                // Only f-strings and t-strings (PEP 750) hold expressions; the prefix is what
                // precedes the quote.
                let prefix = &text[..text.find(['"', '\'']).unwrap_or(0)];
                if !prefix.contains(['f', 'F', 't', 'T']) && !node.has_error() {
                    return Children::Leaf;
                }
            }
            _ => {}
        }
        all
    }
}
