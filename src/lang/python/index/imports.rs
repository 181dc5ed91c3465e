//! Imports: which local names the SDK's module and `Composio` class are bound to, logger
//! aliases, and whether the file touches Composio at all.

use super::*;

pub(super) fn read_import<'t>(node: Node<'t>, src: &'t str, ix: &mut Index<'t>) {
    let text = |n: Node<'t>| &src[n.byte_range()];
    let mut cursor = node.walk();
    if node.kind_name() == "import_statement" {
        for item in node.named_children(&mut cursor) {
            let (module, alias) = match item.kind_name() {
                "aliased_import" => (
                    item.field("name").map(text).unwrap_or(""),
                    item.field("alias").map(text),
                ),
                _ => (text(item), None),
            };
            if mentions_composio(module) {
                ix.tables.touches_composio = true;
            }
            if module == "composio" {
                ix.tables
                    .sdk_names
                    .insert(alias.unwrap_or("composio").to_string());
            }
            // `import logging as lg`: calls on the alias are logging.
            if let Some(alias) = alias
                && matches!(module, "logging" | "structlog" | "loguru")
            {
                ix.logger_aliases.insert(alias.to_string());
            }
        }
        return;
    }
    let module = node.field("module_name").map(text).unwrap_or("");
    if mentions_composio(module) {
        ix.tables.touches_composio = true;
    }
    let from_sdk = module == "composio" || module.starts_with("composio.");
    for item in node.children_by_field_name("name", &mut cursor) {
        let (name, alias) = match item.kind_name() {
            "aliased_import" => (
                item.field("name").map(text).unwrap_or(""),
                item.field("alias").map(text),
            ),
            _ => (text(item), None),
        };
        if mentions_composio(name) {
            ix.tables.touches_composio = true;
        }
        if from_sdk && name == "Composio" {
            ix.tables
                .client_classes
                .insert(alias.unwrap_or(name).to_string());
        }
        // `from loguru import logger as lg`.
        if let Some(alias) = alias
            && matches!(module, "logging" | "structlog" | "loguru")
            && name == "logger"
        {
            ix.logger_aliases.insert(alias.to_string());
        }
    }
}
