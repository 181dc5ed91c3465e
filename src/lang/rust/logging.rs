//! Whether a session's id reaches a log (CS004): log macros, logger methods, span attributes
//! and same-file helpers that log what they are given.

use rustc_hash::FxHashSet;

use proc_macro2::{TokenStream, TokenTree};
use syn::Expr;

use super::super::common::{is_extra_logger, is_logger_name};
use super::index::FnId;
use super::{Resolver, Val, flatten, path_text, receiver_text};

impl<'i, 'a> Resolver<'i, 'a> {
    pub(super) fn find_logged_ids(&mut self) {
        let ix = self.ix;
        for &(mac, f) in &ix.macros {
            let name = path_text(&mac.path);
            let last = name.rsplit("::").next().unwrap_or("");
            let is_log = LOG_MACROS.contains(&last) || is_extra_logger(&name, self.extra_loggers);
            if is_log {
                self.mark_in_tokens(mac.tokens.clone(), f);
            }
        }
        for &(m, f) in &ix.method_calls {
            let method = m.method.to_string();
            let receiver = receiver_text(&m.receiver, 0);
            let is_log = matches!(method.as_str(), "record" | "set_attribute" | "in_scope")
                || (is_logger_name(receiver.rsplit('.').next().unwrap_or(""))
                    && LOG_MACROS.contains(&method.as_str()))
                || is_extra_logger(&format!("{receiver}.{method}"), self.extra_loggers);
            if is_log {
                let tokens: TokenStream = m.args.iter().map(|a| quote::quote!(#a,)).collect();
                self.mark_in_tokens(tokens, f);
            }
        }
        // `#[instrument(fields(session_id = %...))]` names the id of a parameter.
        for (id, func) in ix.funcs.iter().enumerate() {
            if func.attrs_text.contains("instrument") && func.attrs_text.contains("session_id") {
                let tokens: TokenStream = func.attrs_text.parse().unwrap_or_default();
                self.mark_in_tokens(tokens, id);
            }
        }
        // A same-file helper that logs the id of the session it is given.
        for &(c, f) in &ix.calls {
            let Expr::Path(p) = &*c.func else { continue };
            let name = path_text(&p.path);
            let last = name.rsplit("::").next().unwrap_or("").to_string();
            for helper in ix.func_by_name.get(&last).cloned().unwrap_or_default() {
                if !self.helper_logs(helper) {
                    continue;
                }
                for arg in &c.args {
                    for v in self.eval(arg, f) {
                        if let Val::Session(s) | Val::SessionId(s) = v {
                            self.sites[s].facts.id_logged = true;
                        }
                    }
                }
            }
        }
    }

    /// Whether a same-file function logs something it is given: in a log macro, as a span
    /// attribute (`#[instrument(fields(session_id = %s.session_id()))]`,
    /// `Span::current().record("session_id", …)`).
    fn helper_logs(&self, helper: FnId) -> bool {
        let func = &self.ix.funcs[helper];
        let params: FxHashSet<&str> = func.params.iter().map(|(n, _)| n.as_str()).collect();
        let names_param = |tokens: TokenStream| {
            flatten(tokens).iter().any(
                |t| matches!(t, TokenTree::Ident(i) if params.contains(i.to_string().as_str())),
            )
        };
        if func.attrs_text.contains("instrument")
            && func.attrs_text.contains("session_id")
            && names_param(func.attrs_text.parse().unwrap_or_default())
        {
            return true;
        }
        self.ix.macros.iter().any(|(mac, f)| {
            *f == helper
                && LOG_MACROS.contains(&path_text(&mac.path).rsplit("::").next().unwrap_or(""))
                && names_param(mac.tokens.clone())
        }) || self.ix.method_calls.iter().any(|(m, f)| {
            *f == helper
                && matches!(m.method.to_string().as_str(), "record" | "set_attribute")
                && m.args.iter().any(|a| names_param(quote::quote!(#a)))
        })
    }

    /// Marks sessions whose id is mentioned in a log macro's tokens: `s.session_id()`,
    /// `session_id = %s.session_id()`, a local holding the id, `{sid}` inline format args.
    fn mark_in_tokens(&mut self, tokens: TokenStream, f: FnId) {
        let flat = flatten(tokens);
        let mut candidates: Vec<String> = Vec::new();
        for (i, t) in flat.iter().enumerate() {
            match t {
                TokenTree::Ident(id) if matches!(id.to_string().as_str(), "session_id" | "id") => {
                    // Walk back over `a.b.c.` to the start of the receiver chain.
                    let mut start = i;
                    while start >= 2
                        && matches!(&flat[start - 1], TokenTree::Punct(p) if p.as_char() == '.')
                        && matches!(&flat[start - 2], TokenTree::Ident(_))
                    {
                        start -= 2;
                    }
                    if start < i {
                        let chain: Vec<String> =
                            flat[start..i - 1].iter().map(|t| t.to_string()).collect();
                        candidates.push(format!("{}.{}()", chain.join(""), id));
                    } else {
                        // A local that holds the id: `session_id = %id`.
                        candidates.push(id.to_string());
                    }
                }
                TokenTree::Ident(id) => candidates.push(id.to_string()),
                TokenTree::Literal(l) => {
                    // Inline format arguments: "{sid}", "{sid:?}".
                    let text = l.to_string();
                    for piece in text.split('{').skip(1) {
                        let name: String = piece
                            .chars()
                            .take_while(|c| c.is_alphanumeric() || *c == '_')
                            .collect();
                        if !name.is_empty() {
                            candidates.push(name);
                        }
                    }
                }
                _ => {}
            }
        }
        for c in candidates {
            let Ok(expr) = syn::parse_str::<Expr>(&c) else {
                continue;
            };
            for v in self.eval(&expr, f) {
                if let Val::SessionId(s) = v {
                    self.sites[s].facts.id_logged = true;
                }
            }
        }
    }
}

const LOG_MACROS: &[&str] = &[
    "trace",
    "debug",
    "info",
    "warn",
    "error",
    "event",
    "span",
    "trace_span",
    "debug_span",
    "info_span",
    "warn_span",
    "error_span",
    "println",
    "eprintln",
    "print",
    "eprint",
    "dbg",
    "log",
];
