//! One iterative walk over a TypeScript/JavaScript syntax tree recording what name resolution
//! needs: function scopes with parameters and bindings (including destructuring), classes with
//! fields, imports and `require`s of the SDK, calls, stores, comments and syntax errors.

use rustc_hash::{FxHashMap, FxHashSet};

use tree_sitter::Node;

use crate::lang::common::{FieldExt, mentions_composio};

use crate::model::Span;

pub type ScopeId = usize;
pub type ClassId = usize;
pub const MODULE: ScopeId = 0;

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

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum ScopeKind {
    Module,
    Function,
    ClassBody(ClassId),
}

pub struct Scope<'t> {
    pub kind: ScopeKind,
    pub parent: Option<ScopeId>,
    pub name: String,
    /// The class this function is a method (or arrow-function field) of.
    pub class: Option<ClassId>,
    pub params: Vec<Param<'t>>,
    pub declared: FxHashSet<String>,
    /// name -> values, each with the scope it is evaluated in (reassignments from inner
    /// functions land on the declaring scope).
    pub assigns: FxHashMap<String, Vec<(Bound<'t>, ScopeId)>>,
    pub decorators: Vec<Node<'t>>,
    pub returns: Vec<Node<'t>>,
    pub defs: FxHashMap<String, ScopeId>,
    pub exported: bool,
    /// A function passed as an argument: (the call, argument index).
    pub callback_of: Option<(Node<'t>, usize)>,
}

pub struct Class<'t> {
    pub fields: FxHashMap<String, Vec<(Bound<'t>, ScopeId)>>,
    /// Constructor parameter properties: `constructor(private composio: Composio)`.
    pub param_fields: FxHashMap<String, (ScopeId, usize)>,
    pub attrs: FxHashMap<String, Vec<(Node<'t>, ScopeId)>>,
    pub methods: FxHashMap<String, ScopeId>,
    pub field_uses: FxHashMap<&'t str, Vec<(Node<'t>, ScopeId)>>,
    pub static_stores: Vec<(Node<'t>, Node<'t>, ScopeId)>,
}

pub struct SubscriptStore<'t> {
    pub statement: Node<'t>,
    pub container: Node<'t>,
    pub key: Node<'t>,
    pub value: Node<'t>,
    pub scope: ScopeId,
}

pub struct Index<'t> {
    pub scopes: Vec<Scope<'t>>,
    pub classes: Vec<Class<'t>>,
    pub class_by_name: FxHashMap<String, ClassId>,
    pub sdk_namespaces: FxHashSet<String>,
    pub client_classes: FxHashSet<String>,
    pub touches_composio: bool,
    pub calls: Vec<(Node<'t>, ScopeId)>,
    pub name_uses: FxHashMap<&'t str, Vec<(Node<'t>, ScopeId)>>,
    pub subscript_stores: Vec<SubscriptStore<'t>>,
    /// `obj.prop = value` for objects other than `this`: (target, value, scope).
    pub attr_stores: Vec<(Node<'t>, Node<'t>, ScopeId)>,
    /// Bindings to names and fields, for user-id bindings: (name node, value, scope).
    pub named_assigns: Vec<(Node<'t>, Node<'t>, ScopeId)>,
    pub syntax_errors: Vec<Span>,
    pub comments: Vec<Span>,
}

/// A node waiting to be indexed, with the two ancestors the index asks about. tree-sitter's
/// `Node::parent` searches down from the root, so asking it would make the walk quadratic in
/// the nesting depth.
struct Frame<'t> {
    node: Node<'t>,
    parent: Option<Node<'t>>,
    grandparent: Option<Node<'t>>,
    /// The parent is an `export` statement, or a declaration directly inside one.
    under_export: bool,
    scope: ScopeId,
    class_body: Option<ClassId>,
}

impl<'t> Frame<'t> {
    fn child(&self, node: Node<'t>, scope: ScopeId, class_body: Option<ClassId>) -> Frame<'t> {
        let kind = self.node.kind();
        Frame {
            node,
            parent: Some(self.node),
            grandparent: self.parent,
            under_export: kind == "export_statement"
                || (self.under_export
                    && matches!(
                        kind,
                        "variable_declarator" | "lexical_declaration" | "variable_declaration"
                    )),
            scope,
            class_body,
        }
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

fn new_scope<'t>(kind: ScopeKind, parent: Option<ScopeId>, name: String) -> Scope<'t> {
    Scope {
        kind,
        parent,
        name,
        class: None,
        params: Vec::new(),
        declared: FxHashSet::default(),
        assigns: FxHashMap::default(),
        decorators: Vec::new(),
        returns: Vec::new(),
        defs: FxHashMap::default(),
        exported: false,
        callback_of: None,
    }
}

pub fn build<'t>(root: Node<'t>, src: &'t str) -> Index<'t> {
    let mut ix = Index {
        scopes: vec![new_scope(ScopeKind::Module, None, "<module>".into())],
        classes: Vec::new(),
        class_by_name: FxHashMap::default(),
        sdk_namespaces: FxHashSet::default(),
        client_classes: FxHashSet::default(),
        touches_composio: false,
        calls: Vec::new(),
        name_uses: FxHashMap::default(),
        subscript_stores: Vec::new(),
        attr_stores: Vec::new(),
        named_assigns: Vec::new(),
        syntax_errors: Vec::new(),
        comments: Vec::new(),
    };
    let text = |n: Node<'t>| -> &'t str { &src[n.byte_range()] };
    let mut decorators: FxHashMap<usize, Vec<Node<'t>>> = FxHashMap::default();
    let mut reassigns: Vec<(&'t str, Node<'t>, ScopeId)> = Vec::new();
    let mut stack = vec![Frame {
        node: root,
        parent: None,
        grandparent: None,
        under_export: false,
        scope: MODULE,
        class_body: None,
    }];
    let mut cursor = root.walk();

    while let Some(frame) = stack.pop() {
        let (node, scope, class_body) = (frame.node, frame.scope, frame.class_body);
        let kind = node.kind();
        if kind == "comment" {
            ix.comments.push(node.byte_range());
            continue;
        }
        if kind == "ERROR" || node.is_missing() {
            ix.syntax_errors.push(node.byte_range());
        }
        if FUNCTION_KINDS.contains(&kind) {
            let id = ix.scopes.len();
            let parent = frame.parent;
            let (name, class) = function_name(node, parent, class_body, src);
            let mut s = new_scope(ScopeKind::Function, Some(scope), name.clone());
            if let Some(c) = class_body.filter(|_| class.is_some()) {
                // Methods do not see the class body's names.
                s.parent = ix.scopes[scope].parent;
                s.class = Some(c);
            } else {
                s.class = method_class(&ix, scope);
            }
            s.decorators = decorators.remove(&node.id()).unwrap_or_default();
            s.exported = frame.under_export;
            if let Some(p) = parent
                && p.kind() == "arguments"
                && let Some(call) = frame.grandparent
            {
                let mut c2 = p.walk();
                let index = p.named_children(&mut c2).position(|a| a.id() == node.id());
                s.callback_of = index.map(|i| (call, i));
            }
            ix.scopes.push(s);
            if let Some(params) = node.field("parameters").or_else(|| node.field("parameter")) {
                read_params(params, id, src, &mut ix);
                stack.push(frame.child(params, scope, None));
            }
            if let Some(c) = class.filter(|_| class_body.is_some()) {
                ix.classes[c].methods.insert(name.clone(), id);
            } else if matches!(
                kind,
                "function_declaration" | "generator_function_declaration"
            ) || parent.is_some_and(|p| p.kind() == "variable_declarator")
            {
                ix.scopes[scope].defs.insert(name.clone(), id);
                ix.scopes[scope].declared.insert(name);
            }
            if let Some(body) = node.field("body") {
                if body.kind() != "statement_block" {
                    ix.scopes[id].returns.push(body);
                }
                stack.push(frame.child(body, id, None));
            }
            continue;
        }
        match kind {
            "class_declaration" | "class" | "abstract_class_declaration" => {
                let name = node.field("name").map(text).unwrap_or("").to_string();
                let id = ix.classes.len();
                ix.classes.push(Class {
                    fields: FxHashMap::default(),
                    param_fields: FxHashMap::default(),
                    attrs: FxHashMap::default(),
                    methods: FxHashMap::default(),
                    field_uses: FxHashMap::default(),
                    static_stores: Vec::new(),
                });
                let body_scope = ix.scopes.len();
                ix.scopes.push(new_scope(
                    ScopeKind::ClassBody(id),
                    Some(scope),
                    name.clone(),
                ));
                if !name.is_empty() {
                    ix.class_by_name.insert(name.clone(), id);
                    ix.scopes[scope].declared.insert(name);
                }
                if let Some(body) = node.field("body") {
                    let mut pending = Vec::new();
                    for member in body.named_children(&mut cursor) {
                        if member.kind() == "decorator" {
                            pending.push(member);
                        } else if !pending.is_empty() {
                            decorators.insert(member.id(), std::mem::take(&mut pending));
                        }
                    }
                    let body_frame = frame.child(body, scope, class_body);
                    let members: Vec<Node<'t>> = body.named_children(&mut cursor).collect();
                    for m in members.into_iter().rev() {
                        stack.push(body_frame.child(m, body_scope, Some(id)));
                    }
                }
                continue;
            }
            "public_field_definition" | "field_definition" => {
                if let (Some(c), Some(name)) = (class_body, node.field("name")) {
                    let name_text = text(name).to_string();
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
                        ix.named_assigns.push((name, value, scope));
                    }
                }
            }
            "import_statement" => {
                read_import(node, src, &mut ix);
                continue;
            }
            "variable_declarator" => {
                if let Some(name) = node.field("name") {
                    let value = node.field("value");
                    read_require(name, value, src, &mut ix);
                    declare_pattern(name, value, scope, src, &mut ix);
                }
            }
            // `x ??= value` / `x ||= value` initialise lazily: they store like `=`.
            "augmented_assignment_expression"
                if !node
                    .field("operator")
                    .is_some_and(|o| matches!(text(o), "??=" | "||=")) => {}
            "assignment_expression" | "augmented_assignment_expression" => {
                if let (Some(left), Some(value)) = (node.field("left"), node.field("right")) {
                    match left.kind() {
                        "identifier" => {
                            reassigns.push((text(left), value, scope));
                            ix.named_assigns.push((left, value, scope));
                        }
                        "member_expression" => member_store(left, value, scope, src, &mut ix),
                        "subscript_expression" => {
                            if let (Some(container), Some(key)) =
                                (left.field("object"), left.field("index"))
                            {
                                ix.subscript_stores.push(SubscriptStore {
                                    statement: node,
                                    container,
                                    key,
                                    value,
                                    scope,
                                });
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
            "call_expression" | "new_expression" => ix.calls.push((node, scope)),
            "member_expression" => {
                if let (Some(obj), Some(prop)) = (node.field("object"), node.field("property"))
                    && obj.kind() == "this"
                    && let Some(c) = method_class(&ix, scope)
                {
                    ix.classes[c]
                        .field_uses
                        .entry(text(prop))
                        .or_default()
                        .push((node, scope));
                }
                if let Some(obj) = node.field("object") {
                    stack.push(frame.child(obj, scope, class_body));
                }
                continue;
            }
            "identifier" | "shorthand_property_identifier" => {
                ix.name_uses
                    .entry(text(node))
                    .or_default()
                    .push((node, scope));
            }
            "string" | "template_string"
                if !ix.touches_composio
                    && text(node).to_ascii_lowercase().contains("composio.dev") =>
            {
                ix.touches_composio = true;
            }
            _ => {}
        }
        // Pushed in source order, then flipped so the first child is visited first. Anonymous
        // tokens (punctuation, keywords) index nothing, unless the parser made them up.
        let first = stack.len();
        stack.extend(
            node.children(&mut cursor)
                .filter(|c| c.is_named() || c.is_missing())
                .map(|child| frame.child(child, scope, class_body)),
        );
        stack[first..].reverse();
    }

    // `x = value` lands on the scope that declares `x` (a module `let` assigned in a function).
    for (name, value, scope) in reassigns {
        let mut s = scope;
        let target = loop {
            if ix.scopes[s].declared.contains(name)
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

fn function_name<'t>(
    node: Node<'t>,
    parent: Option<Node<'t>>,
    class_body: Option<ClassId>,
    src: &'t str,
) -> (String, Option<ClassId>) {
    let text = |n: Node<'t>| src[n.byte_range()].to_string();
    if let Some(name) = node.field("name") {
        let is_method = node.kind() == "method_definition";
        return (text(name), class_body.filter(|_| is_method));
    }
    match parent {
        Some(p) if p.kind() == "variable_declarator" => {
            (p.field("name").map(text).unwrap_or_default(), None)
        }
        // `handle = async (req) => {...}` as a class field is a method.
        Some(p) if matches!(p.kind(), "public_field_definition" | "field_definition") => {
            (p.field("name").map(text).unwrap_or_default(), class_body)
        }
        Some(p) if p.kind() == "pair" => (p.field("key").map(text).unwrap_or_default(), None),
        _ => ("<anonymous>".into(), None),
    }
}

fn has_token(node: Node<'_>, token: &str) -> bool {
    let mut c = node.walk();
    node.children(&mut c).any(|ch| ch.kind() == token)
}

/// The class a (possibly nested) function belongs to, for `this`.
fn method_class(ix: &Index<'_>, mut scope: ScopeId) -> Option<ClassId> {
    loop {
        let s = &ix.scopes[scope];
        if let Some(c) = s.class {
            return Some(c);
        }
        if let ScopeKind::ClassBody(c) = s.kind {
            return Some(c);
        }
        scope = s.parent?;
    }
}

fn read_params<'t>(params: Node<'t>, scope: ScopeId, src: &'t str, ix: &mut Index<'t>) {
    let text = |n: Node<'t>| src[n.byte_range()].to_string();
    if params.kind() == "identifier" {
        let name = text(params);
        ix.scopes[scope].declared.insert(name.clone());
        ix.scopes[scope].params.push(Param {
            name,
            default: None,
            annotation: None,
            index: Some(0),
        });
        return;
    }
    let mut cursor = params.walk();
    let list: Vec<Node<'t>> = params.named_children(&mut cursor).collect();
    for (index, p) in list
        .into_iter()
        .filter(|p| p.kind() != "comment")
        .enumerate()
    {
        let (pattern, default, annotation) = match p.kind() {
            "required_parameter" | "optional_parameter" => {
                (p.field("pattern"), p.field("value"), p.field("type"))
            }
            "identifier" | "object_pattern" | "rest_pattern" | "array_pattern" => {
                (Some(p), None, None)
            }
            "assignment_pattern" => (p.field("left"), p.field("right"), None),
            _ => continue,
        };
        let Some(pattern) = pattern else { continue };
        match pattern.kind() {
            "identifier" => {
                let name = text(pattern);
                ix.scopes[scope].declared.insert(name.clone());
                // `constructor(private composio: Composio)` also declares a field.
                let property = has_token(p, "accessibility_modifier") || has_token(p, "readonly");
                if property && let Some(c) = method_class(ix, scope) {
                    ix.classes[c]
                        .param_fields
                        .insert(name.clone(), (scope, ix.scopes[scope].params.len()));
                }
                ix.scopes[scope].params.push(Param {
                    name,
                    default,
                    annotation,
                    index: Some(index),
                });
            }
            "object_pattern" => {
                for (name, default) in pattern_names(pattern, src) {
                    ix.scopes[scope].declared.insert(name.clone());
                    ix.scopes[scope].params.push(Param {
                        name,
                        default,
                        annotation: None,
                        index: None,
                    });
                }
            }
            "rest_pattern" => {
                if let Some(n) = pattern.named_child(0) {
                    let name = text(n);
                    ix.scopes[scope].declared.insert(name.clone());
                    ix.scopes[scope].params.push(Param {
                        name,
                        default: None,
                        annotation,
                        index: None,
                    });
                }
            }
            _ => {}
        }
    }
}

/// Names bound by an object pattern, with their default values.
fn pattern_names<'t>(pattern: Node<'t>, src: &'t str) -> Vec<(String, Option<Node<'t>>)> {
    destructure(pattern, src)
        .into_iter()
        .map(|(name, _, default)| (name.to_string(), default))
        .collect()
}

/// (local name, property, default) for each binding of an object pattern.
fn destructure<'t>(pattern: Node<'t>, src: &'t str) -> Vec<(&'t str, &'t str, Option<Node<'t>>)> {
    let text = |n: Node<'t>| &src[n.byte_range()];
    let mut out = Vec::new();
    let mut cursor = pattern.walk();
    for item in pattern.named_children(&mut cursor) {
        match item.kind() {
            "shorthand_property_identifier_pattern" => out.push((text(item), text(item), None)),
            "object_assignment_pattern" => {
                if let Some(left) = item.field("left") {
                    out.push((text(left), text(left), item.field("right")));
                }
            }
            "pair_pattern" => {
                let (Some(key), Some(value)) = (item.field("key"), item.field("value")) else {
                    continue;
                };
                let prop = text(key).trim_matches(|c| c == '"' || c == '\'');
                match value.kind() {
                    "identifier" => out.push((text(value), prop, None)),
                    "assignment_pattern" => {
                        if let Some(left) = value.field("left") {
                            out.push((text(left), prop, value.field("right")));
                        }
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }
    out
}

fn declare_pattern<'t>(
    name: Node<'t>,
    value: Option<Node<'t>>,
    scope: ScopeId,
    src: &'t str,
    ix: &mut Index<'t>,
) {
    match name.kind() {
        "identifier" => {
            let n = src[name.byte_range()].to_string();
            ix.scopes[scope].declared.insert(n.clone());
            if let Some(v) = value {
                ix.scopes[scope]
                    .assigns
                    .entry(n)
                    .or_default()
                    .push((Bound::Expr(v), scope));
                ix.named_assigns.push((name, v, scope));
            }
        }
        "object_pattern" => {
            for (local, prop, default) in destructure(name, src) {
                ix.scopes[scope].declared.insert(local.to_string());
                if let Some(object) = value {
                    ix.scopes[scope]
                        .assigns
                        .entry(local.to_string())
                        .or_default()
                        .push((
                            Bound::Member {
                                object,
                                prop,
                                default,
                            },
                            scope,
                        ));
                } else if let Some(d) = default {
                    ix.scopes[scope]
                        .assigns
                        .entry(local.to_string())
                        .or_default()
                        .push((Bound::Expr(d), scope));
                }
                if let Some(d) = default {
                    ix.named_assigns.push((name, d, scope));
                }
            }
        }
        _ => {}
    }
}

fn member_store<'t>(
    target: Node<'t>,
    value: Node<'t>,
    scope: ScopeId,
    src: &'t str,
    ix: &mut Index<'t>,
) {
    let (Some(obj), Some(prop)) = (target.field("object"), target.field("property")) else {
        return;
    };
    let prop_text = src[prop.byte_range()].to_string();
    if obj.kind() == "this" {
        if let Some(c) = method_class(ix, scope) {
            ix.classes[c]
                .fields
                .entry(prop_text)
                .or_default()
                .push((Bound::Expr(value), scope));
            ix.named_assigns.push((prop, value, scope));
        }
        return;
    }
    if let Some(&c) = ix.class_by_name.get(&src[obj.byte_range()]) {
        ix.classes[c]
            .attrs
            .entry(prop_text)
            .or_default()
            .push((value, scope));
        ix.classes[c].static_stores.push((target, value, scope));
        return;
    }
    ix.attr_stores.push((target, value, scope));
}

fn read_import<'t>(node: Node<'t>, src: &'t str, ix: &mut Index<'t>) {
    let text = |n: Node<'t>| &src[n.byte_range()];
    let source = node.field("source").map(text).unwrap_or("");
    let from_composio = mentions_composio(source);
    if from_composio {
        ix.touches_composio = true;
    }
    let mut stack = vec![node];
    let mut cursor = node.walk();
    while let Some(n) = stack.pop() {
        match n.kind() {
            "import_specifier" => {
                let name = n.field("name").map(text).unwrap_or("");
                let local = n.field("alias").map(text).unwrap_or(name);
                if mentions_composio(name) {
                    ix.touches_composio = true;
                }
                if from_composio && name == "Composio" {
                    ix.client_classes.insert(local.to_string());
                }
            }
            "namespace_import" => {
                if let Some(id) = n.named_child(0)
                    && from_composio
                {
                    ix.sdk_namespaces.insert(text(id).to_string());
                }
            }
            "import_clause" => {
                for c in n.named_children(&mut cursor) {
                    if c.kind() == "identifier" && mentions_composio(text(c)) {
                        ix.touches_composio = true;
                    }
                }
                stack.extend(n.named_children(&mut cursor));
            }
            _ => stack.extend(n.named_children(&mut cursor)),
        }
    }
}

/// `const { Composio } = require('@composio/core')`, `const sdk = require('@composio/core')`.
fn read_require<'t>(name: Node<'t>, value: Option<Node<'t>>, src: &'t str, ix: &mut Index<'t>) {
    let Some(call) = value else { return };
    if call.kind() != "call_expression"
        || call
            .field("function")
            .is_none_or(|f| &src[f.byte_range()] != "require")
    {
        return;
    }
    let module = call
        .field("arguments")
        .and_then(|a| a.named_child(0))
        .map(|m| &src[m.byte_range()])
        .unwrap_or("");
    if !mentions_composio(module) {
        return;
    }
    ix.touches_composio = true;
    match name.kind() {
        "identifier" => {
            ix.sdk_namespaces.insert(src[name.byte_range()].to_string());
        }
        "object_pattern" => {
            for (local, prop, _) in destructure(name, src) {
                if prop == "Composio" {
                    ix.client_classes.insert(local.to_string());
                }
            }
        }
        _ => {}
    }
}
