//! Bindings: function names, parameters (with destructuring), declarations and their patterns,
//! `this` and object member stores, and the class a method belongs to.

use super::*;

pub(super) fn function_name<'t>(
    node: Node<'t>,
    parent: Option<Node<'t>>,
    class_body: Option<ClassId>,
    src: &'t str,
) -> (String, Option<ClassId>) {
    let text = |n: Node<'t>| src[n.byte_range()].to_string();
    if let Some(name) = node.field("name") {
        let is_method = node.kind_name() == "method_definition";
        return (text(name), class_body.filter(|_| is_method));
    }
    match parent {
        Some(p) if p.kind_name() == "variable_declarator" => {
            (p.field("name").map(text).unwrap_or_default(), None)
        }
        // `handle = async (req) => {...}` as a class field is a method.
        Some(p)
            if matches!(
                p.kind_name(),
                "public_field_definition" | "field_definition"
            ) =>
        {
            (p.field("name").map(text).unwrap_or_default(), class_body)
        }
        Some(p) if p.kind_name() == "pair" => (p.field("key").map(text).unwrap_or_default(), None),
        _ => ("<anonymous>".into(), None),
    }
}

pub(super) fn has_token(node: Node<'_>, token: &str) -> bool {
    let mut c = node.walk();
    node.children(&mut c).any(|ch| ch.kind_name() == token)
}

/// The class a (possibly nested) function belongs to, for `this`.
pub(super) fn method_class(ix: &Index<'_>, mut scope: ScopeId) -> Option<ClassId> {
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

pub(super) fn read_params<'t>(params: Node<'t>, scope: ScopeId, src: &'t str, ix: &mut Index<'t>) {
    let text = |n: Node<'t>| src[n.byte_range()].to_string();
    if params.kind_name() == "identifier" {
        let name = text(params);
        ix.scopes[scope].lang.declared.insert(name.clone());
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
        .filter(|p| p.kind_name() != "comment")
        .enumerate()
    {
        let (pattern, default, annotation) = match p.kind_name() {
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
        match pattern.kind_name() {
            "identifier" => {
                let name = text(pattern);
                ix.scopes[scope].lang.declared.insert(name.clone());
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
                    ix.scopes[scope].lang.declared.insert(name.clone());
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
                    ix.scopes[scope].lang.declared.insert(name.clone());
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
pub(super) fn pattern_names<'t>(
    pattern: Node<'t>,
    src: &'t str,
) -> Vec<(String, Option<Node<'t>>)> {
    destructure(pattern, src)
        .into_iter()
        .map(|(name, _, default)| (name.to_string(), default))
        .collect()
}

/// (local name, property, default) for each binding of an object pattern.
pub(super) fn destructure<'t>(
    pattern: Node<'t>,
    src: &'t str,
) -> Vec<(&'t str, &'t str, Option<Node<'t>>)> {
    let text = |n: Node<'t>| &src[n.byte_range()];
    let mut out = Vec::new();
    let mut cursor = pattern.walk();
    for item in pattern.named_children(&mut cursor) {
        match item.kind_name() {
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
                match value.kind_name() {
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

pub(super) fn declare_pattern<'t>(
    name: Node<'t>,
    value: Option<Node<'t>>,
    scope: ScopeId,
    src: &'t str,
    ix: &mut Index<'t>,
) {
    match name.kind_name() {
        "identifier" => {
            let n = src[name.byte_range()].to_string();
            ix.scopes[scope].lang.declared.insert(n.clone());
            if let Some(v) = value {
                ix.scopes[scope]
                    .assigns
                    .entry(n)
                    .or_default()
                    .push((Bound::Expr(v), scope));
                ix.tables.named_assigns.push((name, v, scope));
            }
        }
        "object_pattern" => {
            for (local, prop, default) in destructure(name, src) {
                ix.scopes[scope].lang.declared.insert(local.to_string());
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
                    ix.tables.named_assigns.push((name, d, scope));
                }
            }
        }
        _ => {}
    }
}

pub(super) fn member_store<'t>(
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
    if obj.kind_name() == "this" {
        if let Some(c) = method_class(ix, scope) {
            ix.classes[c]
                .fields
                .entry(prop_text)
                .or_default()
                .push((Bound::Expr(value), scope));
            ix.tables.named_assigns.push((prop, value, scope));
        }
        return;
    }
    if let Some(&c) = ix.tables.class_by_name.get(&src[obj.byte_range()]) {
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
