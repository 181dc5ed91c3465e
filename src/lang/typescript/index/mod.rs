//! One iterative walk over a TypeScript/JavaScript syntax tree recording what name resolution
//! needs: function scopes with parameters and bindings (including destructuring), classes with
//! fields, imports and `require`s of the SDK, calls, stores, comments and syntax errors.

mod bindings;
mod imports;

use bindings::*;
pub use imports::loads_sdk;
use imports::*;
use rustc_hash::{FxHashMap, FxHashSet};

use std::num::NonZeroU16;

use tree_sitter::{Node, TreeCursor};

use crate::lang::common::{Grammar, NodeExt, in_field, mentions_composio, names_composio_host};

pub use crate::lang::core::stores::SubscriptStore;
use crate::lang::core::tables::{self, Tables};
pub use crate::lang::core::{ClassId, MODULE, ScopeId, ScopeKind};

/// What a name is bound to.
#[derive(Clone, Copy)]
pub enum Bound<'t> {
    Expr(Node<'t>),
    /// `const { prop: name = default } = object`.
    Member {
        object: Node<'t>,
        prop: &'t str,
        default: Option<Node<'t>>,
    },
}

pub struct Param<'t> {
    pub name: String,
    pub default: Option<Node<'t>>,
    pub annotation: Option<Node<'t>>,
    /// Positional index, or `None` for rest parameters and destructured properties.
    pub index: Option<usize>,
}

/// A TypeScript scope: assignments keep the scope they are evaluated in (reassignments from
/// inner functions land on the declaring scope).
pub type Scope<'t> = tables::Scope<'t, Param<'t>, (Bound<'t>, ScopeId), Declarations<'t>>;

#[derive(Default)]
pub struct Declarations<'t> {
    pub declared: FxHashSet<String>,
    pub exported: bool,
    /// A function passed as an argument: (the call, argument index).
    pub callback_of: Option<(Node<'t>, usize)>,
}

#[derive(Default)]
pub struct Class<'t> {
    pub fields: FxHashMap<String, Vec<(Bound<'t>, ScopeId)>>,
    /// Constructor parameter properties: `constructor(private composio: Composio)`.
    pub param_fields: FxHashMap<String, (ScopeId, usize)>,
    pub attrs: FxHashMap<String, Vec<(Node<'t>, ScopeId)>>,
    pub methods: FxHashMap<String, ScopeId>,
    pub field_uses: FxHashMap<&'t str, Vec<(Node<'t>, ScopeId)>>,
    pub static_stores: Vec<(Node<'t>, Node<'t>, ScopeId)>,
}

pub struct Index<'t> {
    pub scopes: Vec<Scope<'t>>,
    pub classes: Vec<Class<'t>>,
    pub tables: Tables<'t>,
    /// `obj.prop = value` for objects other than `this`: (target, value, scope).
    pub attr_stores: Vec<(Node<'t>, Node<'t>, ScopeId)>,
}

type Children = tables::Children<Mode>;

/// The modes of the TypeScript walk's own.
#[derive(Clone, Copy)]
enum Mode {
    /// Only the object of `a.b`: the property name is not a variable use.
    Object {
        scope: ScopeId,
        class_body: Option<ClassId>,
    },
    /// Parameters (defaults) in the enclosing scope, the body in the function's own.
    Function { outer: ScopeId, inner: ScopeId },
    /// Only the body, whose members are visited in the class body's scope.
    Class { body: ScopeId, class: ClassId },
    /// The members of a class body.
    Members { scope: ScopeId, class: ClassId },
}

/// What a child of a node in some mode is: visited in a scope, passed through (a class body:
/// not visited itself, its children are), or not visited.
enum Child {
    Visit(ScopeId, Option<ClassId>),
    PassThrough(Children),
    Skip,
}

struct Fields {
    parameters: Option<NonZeroU16>,
    parameter: Option<NonZeroU16>,
    body: Option<NonZeroU16>,
    object: Option<NonZeroU16>,
}

impl Children {
    /// `field` (the child's field) is asked only when the mode depends on it: the cursor finds
    /// it by a search.
    fn child(self, field: impl FnOnce() -> Option<NonZeroU16>, f: &Fields) -> Child {
        match self {
            Children::Skip | Children::Leaf => Child::Skip,
            Children::All { scope, class_body } => Child::Visit(scope, class_body),
            Children::Grammar(Mode::Members { scope, class }) => Child::Visit(scope, Some(class)),
            Children::Grammar(Mode::Object { scope, class_body }) => {
                match in_field(field(), f.object) {
                    true => Child::Visit(scope, class_body),
                    false => Child::Skip,
                }
            }
            Children::Grammar(Mode::Function { outer, inner }) => {
                let field = field();
                if in_field(field, f.parameters) || in_field(field, f.parameter) {
                    Child::Visit(outer, None)
                } else if in_field(field, f.body) {
                    Child::Visit(inner, None)
                } else {
                    Child::Skip
                }
            }
            Children::Grammar(Mode::Class { body, class }) => match in_field(field(), f.body) {
                true => Child::PassThrough(Children::Grammar(Mode::Members { scope: body, class })),
                false => Child::Skip,
            },
        }
    }
}

/// A node on the path from the root to the walk's cursor. `Node::parent` searches down from the
/// root, so asking it would make the walk quadratic in the nesting depth.
struct Level<'t> {
    node: Node<'t>,
    kind: &'t str,
    /// The node is an `export` statement's declaration, or a declarator inside one.
    under_export: bool,
    mode: Children,
}

impl Level<'_> {
    /// Whether a child of this node is exported.
    fn exports_child(&self) -> bool {
        self.kind == "export_statement"
            || (self.under_export
                && matches!(
                    self.kind,
                    "variable_declarator" | "lexical_declaration" | "variable_declaration"
                ))
    }
}

const FUNCTION_KINDS: &[&str] = &[
    "function_declaration",
    "generator_function_declaration",
    "function_expression",
    "function",
    "generator_function",
    "arrow_function",
    "method_definition",
];

/// A depth-first walk with one tree cursor: each node is reached once, by a cursor step, instead
/// of materialising every node's child list.
pub fn build<'t>(root: Node<'t>, src: &'t str, tsx: bool) -> Index<'t> {
    let grammar = Grammar::typescript(tsx);
    let fields = Fields {
        parameters: grammar.field_id("parameters"),
        parameter: grammar.field_id("parameter"),
        body: grammar.field_id("body"),
        object: grammar.field_id("object"),
    };
    let ix = Index {
        scopes: vec![Scope::new(ScopeKind::Module, None, "<module>".into())],
        classes: Vec::new(),
        tables: Tables::new(grammar, "property"),
        attr_stores: Vec::new(),
    };
    let mut walker = Walker {
        ix,
        src,
        decorators: FxHashMap::default(),
        reassigns: Vec::new(),
        aux: root.walk(),
    };
    let root_kind = grammar.kind(root);
    let mut levels = vec![Level {
        node: root,
        kind: root_kind,
        under_export: false,
        mode: walker.visit(root, root_kind, [None, None], false, MODULE, None),
    }];
    let mut cursor = root.walk();
    if cursor.goto_first_child() {
        'walk: loop {
            let node = cursor.node();
            if node.is_named() || node.is_missing() {
                let parent = levels.last().expect("the cursor is below the root");
                let under_export = parent.exports_child();
                let kind = grammar.kind(node);
                let mode = match parent.mode.child(|| cursor.field_id(), &fields) {
                    Child::Visit(scope, class_body) => {
                        let grandparent = levels.len().checked_sub(2).map(|i| levels[i].node);
                        let lineage = [Some(parent.node), grandparent];
                        Some(walker.visit(node, kind, lineage, under_export, scope, class_body))
                    }
                    Child::PassThrough(mode) => Some(mode),
                    Child::Skip => None,
                };
                if let Some(mode) = mode
                    && !matches!(mode, Children::Leaf)
                    && cursor.goto_first_child()
                {
                    levels.push(Level {
                        node,
                        kind,
                        under_export,
                        mode,
                    });
                    continue;
                }
            }
            // The next sibling, or that of the nearest ancestor that has one.
            while !cursor.goto_next_sibling() {
                levels.pop();
                if levels.is_empty() || !cursor.goto_parent() {
                    break 'walk;
                }
            }
        }
    }
    let Walker {
        mut ix, reassigns, ..
    } = walker;

    // `x = value` lands on the scope that declares `x` (a module `let` assigned in a function).
    for (name, value, scope) in reassigns {
        let mut s = scope;
        let target = loop {
            if ix.scopes[s].lang.declared.contains(name)
                || ix.scopes[s].params.iter().any(|p| p.name == name)
            {
                break s;
            }
            match ix.scopes[s].parent {
                Some(p) => s = p,
                None => break MODULE,
            }
        };
        ix.scopes[target]
            .assigns
            .entry(name.to_string())
            .or_default()
            .push((Bound::Expr(value), scope));
    }
    ix
}

struct Walker<'t> {
    ix: Index<'t>,
    src: &'t str,
    /// Decorators of a class member, found when its class is visited.
    decorators: FxHashMap<usize, Vec<Node<'t>>>,
    /// `x = value` without a declaration: resolved to the declaring scope after the walk.
    reassigns: Vec<(&'t str, Node<'t>, ScopeId)>,
    /// For reading a node's children while the walk's own cursor stands on it.
    aux: TreeCursor<'t>,
}

impl<'t> Walker<'t> {
    /// Records what `node` tells name resolution and says which of its children to visit.
    /// `lineage` is its parent and grandparent.
    fn visit(
        &mut self,
        node: Node<'t>,
        kind: &str,
        lineage: [Option<Node<'t>>; 2],
        under_export: bool,
        scope: ScopeId,
        class_body: Option<ClassId>,
    ) -> Children {
        let src = self.src;
        let [parent, grandparent] = lineage;
        if kind == "comment" {
            self.ix.tables.comments.push(node.byte_range());
            return Children::Skip;
        }
        if kind == "ERROR" || node.is_missing() {
            self.ix.tables.syntax_errors.push(node.byte_range());
        }
        if FUNCTION_KINDS.contains(&kind) {
            let ix = &mut self.ix;
            let id = ix.scopes.len();
            let (name, class) = function_name(node, parent, class_body, src);
            let mut s = Scope::new(ScopeKind::Function, Some(scope), name.clone());
            if let Some(c) = class_body.filter(|_| class.is_some()) {
                // Methods do not see the class body's names.
                s.parent = ix.scopes[scope].parent;
                s.class = Some(c);
            } else {
                s.class = method_class(ix, scope);
            }
            s.decorators = self.decorators.remove(&node.id()).unwrap_or_default();
            s.lang.exported = under_export;
            if let Some(p) = parent
                && p.kind_name() == "arguments"
                && let Some(call) = grandparent
            {
                let index = p
                    .named_children(&mut self.aux)
                    .position(|a| a.id() == node.id());
                s.lang.callback_of = index.map(|i| (call, i));
            }
            ix.scopes.push(s);
            if let Some(params) = node.field("parameters").or_else(|| node.field("parameter")) {
                read_params(params, id, src, ix);
            }
            if let Some(c) = class.filter(|_| class_body.is_some()) {
                ix.classes[c].methods.insert(name.clone(), id);
            } else if matches!(
                kind,
                "function_declaration" | "generator_function_declaration"
            ) || parent.is_some_and(|p| p.kind_name() == "variable_declarator")
            {
                ix.scopes[scope].defs.insert(name.clone(), id);
                ix.scopes[scope].lang.declared.insert(name);
            }
            if let Some(body) = node.field("body")
                && body.kind_name() != "statement_block"
            {
                ix.scopes[id].returns.push(body);
            }
            return Children::Grammar(Mode::Function {
                outer: scope,
                inner: id,
            });
        }
        let ix = &mut self.ix;
        match kind {
            "class_declaration" | "class" | "abstract_class_declaration" => {
                let name = node.field("name").map_or("", |n| &src[n.byte_range()]);
                let name = name.to_string();
                let id = ix.classes.len();
                ix.classes.push(Class::default());
                let body_scope = ix.scopes.len();
                ix.scopes.push(Scope::new(
                    ScopeKind::ClassBody(id),
                    Some(scope),
                    name.clone(),
                ));
                if !name.is_empty() {
                    ix.tables.class_by_name.insert(name.clone(), id);
                    ix.scopes[scope].lang.declared.insert(name);
                }
                if let Some(body) = node.field("body") {
                    let mut pending = Vec::new();
                    for member in body.named_children(&mut self.aux) {
                        if member.kind_name() == "decorator" {
                            pending.push(member);
                        } else if !pending.is_empty() {
                            self.decorators
                                .insert(member.id(), std::mem::take(&mut pending));
                        }
                    }
                }
                return Children::Grammar(Mode::Class {
                    body: body_scope,
                    class: id,
                });
            }
            "public_field_definition" | "field_definition" => {
                if let (Some(c), Some(name)) = (class_body, node.field("name")) {
                    let name_text = src[name.byte_range()].to_string();
                    let is_static = has_token(node, "static");
                    if let Some(value) = node.field("value") {
                        let class = &mut ix.classes[c];
                        if is_static {
                            class
                                .attrs
                                .entry(name_text)
                                .or_default()
                                .push((value, scope));
                            class.static_stores.push((name, value, scope));
                        } else {
                            class
                                .fields
                                .entry(name_text)
                                .or_default()
                                .push((Bound::Expr(value), scope));
                        }
                        ix.tables.named_assigns.push((name, value, scope));
                    }
                }
            }
            "import_statement" => {
                read_import(node, src, ix);
                return Children::Skip;
            }
            "variable_declarator" => {
                if let Some(name) = node.field("name") {
                    let value = node.field("value");
                    read_require(name, value, src, ix);
                    declare_pattern(name, value, scope, src, ix);
                }
            }
            // `x ??= value` / `x ||= value` initialise lazily: they store like `=`.
            "augmented_assignment_expression"
                if !node
                    .field("operator")
                    .is_some_and(|o| matches!(&src[o.byte_range()], "??=" | "||=")) => {}
            "assignment_expression" | "augmented_assignment_expression" => {
                if let (Some(left), Some(value)) = (node.field("left"), node.field("right")) {
                    match left.kind_name() {
                        "identifier" => {
                            self.reassigns.push((&src[left.byte_range()], value, scope));
                            ix.tables.named_assigns.push((left, value, scope));
                        }
                        "member_expression" => member_store(left, value, scope, src, ix),
                        "subscript_expression" => {
                            if let (Some(container), Some(key)) =
                                (left.field("object"), left.field("index"))
                            {
                                ix.tables
                                    .subscript_stores
                                    .push(SubscriptStore::new(node, container, key, value, scope));
                            }
                        }
                        _ => {}
                    }
                }
            }
            "return_statement" => {
                if let Some(v) = node.named_child(0) {
                    ix.scopes[scope].returns.push(v);
                }
            }
            "call_expression" | "new_expression" => {
                ix.tables.parts.record_call(node, scope);
                if kind == "call_expression"
                    && !ix.tables.touches_composio
                    && let Some(call) = ix.tables.parts.call(node)
                    && loads_sdk(call.function, call.arguments, src)
                {
                    ix.tables.touches_composio = true;
                }
            }
            "member_expression" => {
                if let Some((obj, prop)) = ix.tables.parts.record_member(node)
                    && obj.kind_name() == "this"
                    && let Some(c) = method_class(ix, scope)
                {
                    ix.classes[c]
                        .field_uses
                        .entry(&src[prop.byte_range()])
                        .or_default()
                        .push((node, scope));
                }
                return Children::Grammar(Mode::Object { scope, class_body });
            }
            "identifier" | "shorthand_property_identifier"
                if ix.scopes[scope].kind == ScopeKind::Function =>
            {
                ix.tables
                    .function_name_uses
                    .push((&src[node.byte_range()], node, scope));
            }
            // Types are not run, so no name in them is a use of a value. A comment in one still
            // counts for suppressions: a type with a `/` in it is walked.
            "type_annotation"
            | "opting_type_annotation"
            | "omitting_type_annotation"
            | "asserts_annotation"
            | "type_arguments"
            | "type_parameters"
            | "interface_declaration"
            | "type_alias_declaration"
                if !node.has_error() && !src[node.byte_range()].contains('/') =>
            {
                return Children::Leaf;
            }
            "string" | "template_string" => {
                // Code that calls Composio's REST API directly names its host.
                if !ix.tables.touches_composio && names_composio_host(&src[node.byte_range()]) {
                    ix.tables.touches_composio = true;
                }
                // Only template strings hold expressions.
                if kind == "string" && !node.has_error() {
                    return Children::Leaf;
                }
            }
            _ => {}
        }
        Children::All { scope, class_body }
    }
}
