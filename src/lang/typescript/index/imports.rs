//! Imports and `require`s: which local names the SDK's namespace and `Composio` class are
//! bound to, and whether the file touches Composio at all.

use super::*;

pub(super) fn read_import<'t>(node: Node<'t>, src: &'t str, ix: &mut Index<'t>) {
    let text = |n: Node<'t>| &src[n.byte_range()];
    let source = node.field("source").map(text).unwrap_or("");
    let from_composio = mentions_composio(source);
    if from_composio {
        ix.tables.touches_composio = true;
    }
    let mut stack = vec![node];
    let mut cursor = node.walk();
    while let Some(n) = stack.pop() {
        match n.kind_name() {
            "import_specifier" => {
                let name = n.field("name").map(text).unwrap_or("");
                let local = n.field("alias").map(text).unwrap_or(name);
                if mentions_composio(name) {
                    ix.tables.touches_composio = true;
                }
                if from_composio && name == "Composio" {
                    ix.tables.client_classes.insert(local.to_string());
                }
            }
            "namespace_import" => {
                if let Some(id) = n.named_child(0)
                    && from_composio
                {
                    ix.tables.sdk_names.insert(text(id).to_string());
                }
            }
            "import_clause" => {
                for c in n.named_children(&mut cursor) {
                    if c.kind_name() == "identifier" && mentions_composio(text(c)) {
                        ix.tables.touches_composio = true;
                    }
                }
                stack.extend(n.named_children(&mut cursor));
            }
            _ => stack.extend(n.named_children(&mut cursor)),
        }
    }
}

/// `require('@composio/core')` or `import('@composio/core')`: a value holding the SDK's exports.
pub fn loads_sdk(function: Option<Node<'_>>, arguments: Option<Node<'_>>, src: &str) -> bool {
    function.is_some_and(|f| matches!(&src[f.byte_range()], "require" | "import"))
        && arguments
            .and_then(|a| a.named_child(0))
            .is_some_and(|m| m.kind_name() == "string" && mentions_composio(&src[m.byte_range()]))
}

/// `const { Composio } = require('@composio/core')`, `const sdk = require('@composio/core')`.
pub(super) fn read_require<'t>(
    name: Node<'t>,
    value: Option<Node<'t>>,
    src: &'t str,
    ix: &mut Index<'t>,
) {
    // The walk reaches the declarator before its value: the call's parts are not recorded yet.
    let Some(value) = value.filter(|v| v.kind_name() == "call_expression") else {
        return;
    };
    if !loads_sdk(value.field("function"), value.field("arguments"), src) {
        return;
    }
    ix.tables.touches_composio = true;
    match name.kind_name() {
        "identifier" => {
            ix.tables
                .sdk_names
                .insert(src[name.byte_range()].to_string());
        }
        "object_pattern" => {
            for (local, prop, _) in destructure(name, src) {
                if prop == "Composio" {
                    ix.tables.client_classes.insert(local.to_string());
                }
            }
        }
        _ => {}
    }
}
