//! Rust front end: syn → FileModel, for agents on the `composio-sdk` crate
//! (`client.create_session(user_id)...send().await`, `client.get_session(id).await`) and for
//! direct calls to Composio's REST API (`json!({"user_id": ...})` bodies).
//!
//! Parsing and analysis run on a thread with a large stack (syn and the visitor recurse once
//! per nesting level), after a byte scan that refuses absurd nesting depths.
//!
//! One index of the file (`index`), then passes of one resolver over it, each in its own file:
//! `sessions` first (every later pass refers to its sites), then `user_ids`, `stores` (with
//! `sharing`) and `logging`.

mod comments;
mod eval;
mod index;
mod logging;
mod sessions;
mod sharing;
mod stores;
mod user_ids;

use rustc_hash::{FxHashMap, FxHashSet};

use proc_macro2::{TokenStream, TokenTree};
use syn::spanned::Spanned;
use syn::visit::Visit;
use syn::{Expr, Type};

use super::nesting;
use crate::model::{self, FileModel, SessionSite, Span as ByteSpan};
use comments::comment_spans;
use index::{FnId, Index, lazy_statics};

const STACK_SIZE: usize = 256 << 20;

pub fn analyze(src: &str, extra_loggers: &[String]) -> FileModel {
    if let Some(at) = nesting::rust_too_deep(src.as_bytes()) {
        return FileModel::not_analyzed(at..at + 1, "nested too deeply to analyze safely");
    }
    let run = || {
        #[cfg(test)]
        if src.contains(super::tests::PANIC_ON_RUST_THREAD) {
            panic!("a Rust front-end bug, simulated");
        }
        let model = analyze_on_this_thread(src, extra_loggers);
        // Span locations are kept per thread; drop this file's before the thread ends.
        proc_macro2::extra::invalidate_current_thread_spans();
        model
    };
    std::thread::scope(|s| {
        match std::thread::Builder::new()
            .stack_size(STACK_SIZE)
            .spawn_scoped(s, run)
        {
            // A panic on the analysis thread goes on to `lang::analyze`'s boundary.
            Ok(h) => h
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            Err(_) => FileModel::not_analyzed(0..0, super::FAILED),
        }
    })
}

fn analyze_on_this_thread(src: &str, extra_loggers: &[String]) -> FileModel {
    let file = match syn::parse_file(src) {
        Ok(f) => f,
        Err(e) => {
            let at = e.span().byte_range().start.min(src.len());
            return FileModel {
                syntax_errors: std::iter::once(at..(at + 1).min(src.len().max(1))).collect(),
                ..Default::default()
            };
        }
    };
    let lazies = lazy_statics(&file);
    let mut ix = Index::default();
    ix.visit_file(&file);
    for lazy in &lazies {
        ix.statics
            .insert(lazy.name.clone(), (lazy.ty.clone(), Some(&lazy.init)));
        ix.static_order.push((lazy.name.clone(), lazy.span.clone()));
        ix.visit_expr(&lazy.init);
    }
    let mut model = FileModel {
        comments: comment_spans(src),
        ..Default::default()
    };
    if !ix.touches_composio {
        return model;
    }
    let mut r = Resolver {
        ix: &ix,
        extra_loggers,
        sites: Vec::new(),
        site_of: FxHashMap::default(),
        depth: 0,
        visiting: FxHashSet::default(),
    };
    r.find_sessions();
    r.find_user_ids(&mut model);
    r.find_bindings(&mut model);
    r.find_stores();
    r.find_logged_ids();
    model.sessions = model::in_source_order(r.sites.into_iter().map(|s| s.facts));
    model
}

fn span_of<T: Spanned>(node: &T) -> ByteSpan {
    node.span().byte_range()
}

#[derive(Clone, Debug, PartialEq)]
enum Val {
    Client,
    /// `create_session(..)` before `.send()`.
    Builder(usize),
    Session(usize),
    SessionId(usize),
}

struct Site {
    facts: SessionSite,
    /// The user id argument, re-parsed text (for key matching).
    user_id: Option<String>,
}

struct Resolver<'i, 'a> {
    ix: &'i Index<'a>,
    extra_loggers: &'i [String],
    sites: Vec<Site>,
    site_of: FxHashMap<usize, usize>,
    depth: usize,
    /// Names being evaluated: a binding that refers to itself (`let s = s.trim()`) is expanded
    /// once per path, not once per level of the depth limit.
    visiting: FxHashSet<(FnId, String)>,
}

fn type_text(t: &Type) -> String {
    quote::quote!(#t).to_string().replace(' ', "")
}

fn path_text(p: &syn::Path) -> String {
    p.segments
        .iter()
        .map(|s| s.ident.to_string())
        .collect::<Vec<_>>()
        .join("::")
}

fn flatten(tokens: TokenStream) -> Vec<TokenTree> {
    let mut out = Vec::new();
    for t in tokens {
        match t {
            TokenTree::Group(g) => {
                out.push(TokenTree::Punct(proc_macro2::Punct::new(
                    ',',
                    proc_macro2::Spacing::Alone,
                )));
                out.extend(flatten(g.stream()));
                out.push(TokenTree::Punct(proc_macro2::Punct::new(
                    ',',
                    proc_macro2::Spacing::Alone,
                )));
            }
            other => out.push(other),
        }
    }
    out
}

/// A method call's receiver as far as logger names need it (`self.audit`, `Span::current()`),
/// without arguments. Only a few levels are printed: printing every receiver of a long method
/// chain in full would cost the square of its length.
fn receiver_text(e: &Expr, depth: usize) -> String {
    if depth > 4 {
        return String::new();
    }
    match e {
        Expr::Path(p) => path_text(&p.path),
        Expr::Field(f) => {
            let member = match &f.member {
                syn::Member::Named(n) => n.to_string(),
                syn::Member::Unnamed(i) => i.index.to_string(),
            };
            format!("{}.{member}", receiver_text(&f.base, depth + 1))
        }
        Expr::MethodCall(m) => format!("{}.{}()", receiver_text(&m.receiver, depth + 1), m.method),
        Expr::Call(c) => format!("{}()", receiver_text(&c.func, depth + 1)),
        Expr::Paren(p) => receiver_text(&p.expr, depth + 1),
        Expr::Reference(r) => receiver_text(&r.expr, depth + 1),
        _ => String::new(),
    }
}

fn compact<T: quote::ToTokens>(node: &T) -> String {
    node.to_token_stream().to_string().replace(' ', "")
}
