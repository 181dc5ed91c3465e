//! Bindings: parameters, assignments to names, `self` fields, class attributes and
//! containers, and the class a method belongs to.

use super::*;

/// The class a nested function inside a method belongs to, for `self` captured by closures.
pub(super) fn method_class(ix: &Index<'_>, mut scope: ScopeId) -> Option<ClassId> {
    while let Some(parent) = ix.scopes[scope].parent {
        if let Some(c) = ix.scopes[scope].class {
            return Some(c);
        }
        scope = parent;
    }
    None
}

pub(super) fn read_params<'t>(params: Node<'t>, src: &'t str) -> Vec<Param<'t>> {
    let mut out = Vec::new();
    let mut cursor = params.walk();
    for p in params.named_children(&mut cursor) {
        let text = |n: Node<'t>| src[n.byte_range()].to_string();
        let param = match p.kind_name() {
            "identifier" => Param {
                name: text(p),
                default: None,
                annotation: None,
                splat: false,
            },
            "typed_parameter" => {
                let name_node = p.named_child(0);
                let splat = name_node.is_some_and(|n| n.kind_name() != "identifier");
                let name = name_node
                    .map(|n| text(n).trim_start_matches('*').to_string())
                    .unwrap_or_default();
                Param {
                    name,
                    default: None,
                    annotation: p.field("type"),
                    splat,
                }
            }
            "default_parameter" | "typed_default_parameter" => Param {
                name: p.field("name").map(text).unwrap_or_default(),
                default: p.field("value"),
                annotation: p.field("type"),
                splat: false,
            },
            "list_splat_pattern" | "dictionary_splat_pattern" => Param {
                name: text(p).trim_start_matches('*').to_string(),
                default: None,
                annotation: None,
                splat: true,
            },
            _ => continue,
        };
        out.push(param);
    }
    out
}

pub(super) fn record_assignment<'t>(
    node: Node<'t>,
    scope: ScopeId,
    class_body: Option<ClassId>,
    src: &'t str,
    ix: &mut Index<'t>,
) {
    // `a = b = value`: every target gets the innermost value.
    let mut value = node.field("right");
    while let Some(v) = value {
        if v.kind_name() != "assignment" {
            break;
        }
        value = v.field("right");
    }
    let Some(value) = value else { return };
    let Some(left) = node.field("left") else {
        return;
    };
    match left.kind_name() {
        "identifier" | "attribute" => bind(ix, scope, class_body, left, value, src),
        "subscript" => {
            if let (Some(container), Some(key)) = (left.field("value"), left.field("subscript")) {
                ix.tables
                    .subscript_stores
                    .push(SubscriptStore::new(node, container, key, value, scope));
            }
        }
        "pattern_list" | "tuple_pattern"
            if matches!(value.kind_name(), "expression_list" | "tuple")
                && value.named_child_count() == left.named_child_count() =>
        {
            let mut lc = left.walk();
            let mut vc = value.walk();
            let pairs: Vec<_> = left
                .named_children(&mut lc)
                .zip(value.named_children(&mut vc))
                .collect();
            for (target, v) in pairs {
                if matches!(target.kind_name(), "identifier" | "attribute") {
                    bind(ix, scope, class_body, target, v, src);
                }
            }
        }
        _ => {}
    }
}

pub(super) fn bind<'t>(
    ix: &mut Index<'t>,
    scope: ScopeId,
    class_body: Option<ClassId>,
    target: Node<'t>,
    value: Node<'t>,
    src: &'t str,
) {
    let text = |n: Node<'t>| src[n.byte_range()].to_string();
    if target.kind_name() == "identifier" {
        let name = text(target);
        if let Some(c) = class_body {
            ix.classes[c]
                .attrs
                .entry(name.clone())
                .or_default()
                .push((value, scope));
            ix.class_attr_stores.push((target, value, scope));
        }
        ix.scopes[scope]
            .assigns
            .entry(name)
            .or_default()
            .push(value);
        ix.tables.named_assigns.push((target, value, scope));
        return;
    }
    let (Some(obj), Some(attr)) = (target.field("object"), target.field("attribute")) else {
        return;
    };
    if obj.kind_name() == "identifier"
        && text(obj) == "self"
        && let Some(c) = ix.scopes[scope].class.or_else(|| method_class(ix, scope))
    {
        ix.classes[c]
            .fields
            .entry(text(attr))
            .or_default()
            .push((value, scope));
        ix.tables.named_assigns.push((target, value, scope));
        return;
    }
    // `Cls.x = value` / `cls.x = value` set a class attribute.
    let owner = match text(obj).as_str() {
        "cls" => ix.scopes[scope].class.or_else(|| method_class(ix, scope)),
        name => ix.tables.class_by_name.get(name).copied(),
    };
    if let Some(c) = owner {
        ix.classes[c]
            .attrs
            .entry(text(attr))
            .or_default()
            .push((value, scope));
    }
    ix.attr_stores.push(AttrStore {
        target,
        value,
        scope,
    });
}
