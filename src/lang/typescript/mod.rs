//! TypeScript / JavaScript front end: tree-sitter-typescript (`typescript` for .ts/.mts/.cts,
//! `tsx` for .tsx and every JavaScript flavour) → FileModel.
//!
//! Same shape as the Python front end: `index` records scopes, bindings, calls and stores in
//! one walk; `Resolver` evaluates expressions over it to Composio clients, sessions, session
//! IDs and loggers, and the shared core (`lang::core`) turns the answers into the model's facts
//! through the hooks each concern's file implements.

mod eval;
mod index;
mod logging;
mod sessions;
mod sharing;
mod stores;
mod user_ids;

use std::cell::RefCell;

use tree_sitter::{Language as Grammar, Node, Parser};

use super::common::{
    Call, NodeExt, is_constant_name, is_main_name, is_request_param, last_name, takes_user_id_first,
};
use super::core;
use super::core::logging::LoggingHooks;
use super::core::mappings::{Entry, MappingHooks};
use super::core::sessions::SessionHooks;
use super::core::sharing::SharingHooks;
use super::core::stores::StoreHooks;
use super::core::user_ids::{UrlSources, UserIdHooks};
use super::core::{
    ClassId, Core, FrontEnd, MODULE, Mappings, SESSION_ID_NAMES, ScopeId, ScopeKind, Sessions,
    Stores, Syntax, Tables, Trace, UserIds, Val, builds_client, by_name, literal_text,
    resolver_basics, syntax,
};
use crate::model::{self, FileModel, Sharing, StrLiteral};
use index::{Bound, Index};

thread_local! {
    static PARSERS: RefCell<(Parser, Parser)> = RefCell::new({
        let make = |grammar: Grammar| {
            let mut p = Parser::new();
            p.set_language(&grammar)
                .expect("tree-sitter-typescript grammars are compatible with the linked tree-sitter");
            p
        };
        (
            make(tree_sitter_typescript::LANGUAGE_TYPESCRIPT.into()),
            make(tree_sitter_typescript::LANGUAGE_TSX.into()),
        )
    });
}

/// `tsx` selects the TSX grammar (TSX and all JavaScript); otherwise plain TypeScript, where
/// `<T>expr` casts are legal.
pub fn analyze(src: &str, tsx: bool, extra_loggers: &[String]) -> FileModel {
    let tree = PARSERS.with(|p| {
        let mut p = p.borrow_mut();
        if tsx {
            p.1.parse(src, None)
        } else {
            p.0.parse(src, None)
        }
    });
    let Some(tree) = tree else {
        return FileModel::default();
    };
    let ix = index::build(tree.root_node(), src, tsx);
    let resolver = ix
        .tables
        .touches_composio
        .then(|| Resolver::new(&ix, src, extra_loggers));
    core::file_model(
        ix.tables.syntax_errors.clone(),
        ix.tables.comments.clone(),
        resolver,
    )
}

/// Wrappers that only change the static type or unwrap a promise.
const TRANSPARENT: &[&str] = &[
    "await_expression",
    "parenthesized_expression",
    "non_null_expression",
    "as_expression",
    "satisfies_expression",
    "type_assertion",
];

struct Resolver<'a, 't> {
    core: Core<'a, 't>,
    ix: &'a Index<'t>,
}

enum Binding<'t> {
    Param(ScopeId, usize),
    Values(Vec<(Bound<'t>, ScopeId)>),
    /// A function declaration: not a value the rules follow.
    Function,
    Module,
}

impl<'a, 't> Resolver<'a, 't> {
    fn new(ix: &'a Index<'t>, src: &'t str, extra_loggers: &'a [String]) -> Self {
        Resolver {
            core: Core::new(src, extra_loggers),
            ix,
        }
    }
}

/// The value of a string or a template literal without substitutions.
fn string_value(node: Node<'_>, src: &str) -> Option<String> {
    match node.kind_name() {
        "string" | "template_string" => {
            literal_text(node, src, "string_fragment", "template_substitution")
        }
        _ => None,
    }
}
