//! Python front end: tree-sitter-python source → FileModel.
//!
//! `index` records the file's scopes, bindings, calls and stores in one walk; `Resolver`
//! answers "what can this expression be?" over that index (Composio client, a member of one,
//! a session, a session's ID, a logger, an instance of a same-file class). The shared core
//! (`lang::core`) turns the answers into the model's facts, asking this front end the questions
//! only Python can answer: one file per concern, each implementing its part of the hooks.

mod eval;
mod index;
mod logging;
mod sessions;
mod sharing;
mod stores;
mod user_ids;

use rustc_hash::FxHashSet;
use std::cell::RefCell;

use tree_sitter::{Node, Parser};

use super::common::{
    Call, NodeExt, is_config_read, is_constant_name, is_main_name, is_request_param, last_name,
    takes_user_id_first,
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
use index::Index;

thread_local! {
    static PARSER: RefCell<Parser> = RefCell::new({
        let mut p = Parser::new();
        p.set_language(&tree_sitter_python::LANGUAGE.into())
            .expect("tree-sitter-python grammar is compatible with the linked tree-sitter");
        p
    });
}

pub fn analyze(src: &str, extra_loggers: &[String]) -> FileModel {
    let pre = super::nesting::scan_python(src);
    if let Some(at) = pre.too_deep {
        return FileModel::not_analyzed(at..at + 1, "indented blocks nested too deeply to parse");
    }
    // Long runs of comment lines are handed to the parser as spaces (same offsets, so every
    // node's text is still read from `src`), and their comments added back for suppressions.
    let blanked;
    let parsed = if pre.comment_runs.is_empty() {
        src
    } else {
        let mut bytes = src.as_bytes().to_vec();
        for comment in &pre.comment_runs {
            bytes[comment.clone()].fill(b' ');
        }
        blanked = String::from_utf8(bytes).expect("whole comments were replaced by ASCII spaces");
        &blanked
    };
    let Some(tree) = PARSER.with(|p| p.borrow_mut().parse(parsed, None)) else {
        return FileModel::default();
    };
    let ix = index::build(tree.root_node(), src);
    let mut comments = ix.tables.comments.clone();
    if !pre.comment_runs.is_empty() {
        comments.extend(pre.comment_runs);
        comments.sort_by_key(|c| c.start);
    }
    let resolver = ix
        .tables
        .touches_composio
        .then(|| Resolver::new(&ix, src, extra_loggers));
    core::file_model(ix.tables.syntax_errors.clone(), comments, resolver)
}

struct Resolver<'a, 't> {
    core: Core<'a, 't>,
    ix: &'a Index<'t>,
    /// Functions handed to a router by a call rather than a decorator.
    registered_handlers: FxHashSet<ScopeId>,
}

impl<'a, 't> Resolver<'a, 't> {
    fn new(ix: &'a Index<'t>, src: &'t str, extra_loggers: &'a [String]) -> Self {
        Resolver {
            core: Core::new(src, extra_loggers),
            ix,
            registered_handlers: FxHashSet::default(),
        }
    }
}

enum Binding<'t> {
    Param(ScopeId, usize),
    Values(Vec<(Node<'t>, ScopeId)>),
    Function(ScopeId),
    /// Nothing in the file's scopes: an import, a builtin, or a class name.
    Module,
}

/// The value of a plain string literal (no interpolation), prefixes and quotes removed.
fn string_value(node: Node<'_>, src: &str) -> Option<String> {
    match node.kind_name() {
        "string" => literal_text(node, src, "string_content", "interpolation"),
        "concatenated_string" => {
            let mut out = String::new();
            let mut cursor = node.walk();
            for c in node.named_children(&mut cursor) {
                out.push_str(&string_value(c, src)?);
            }
            Some(out)
        }
        _ => None,
    }
}

fn collect_wrapped_values<'t>(node: Node<'t>, out: &mut Vec<Node<'t>>) {
    let mut cursor = node.walk();
    let inner = match node.kind_name() {
        "call" => node.field("arguments"),
        _ => Some(node),
    };
    let Some(inner) = inner else { return };
    for c in inner.named_children(&mut cursor) {
        match c.kind_name() {
            "pair" => out.extend(c.field("value")),
            "keyword_argument" => out.extend(c.field("value")),
            _ => out.push(c),
        }
    }
}
