//! Rust front end: syn → FileModel, for agents on the `composio-sdk` crate
//! (`client.create_session(user_id)...send().await`, `client.get_session(id).await`) and for
//! direct calls to Composio's REST API (`json!({"user_id": ...})` bodies).
//!
//! Parsing and analysis run on a thread with a large stack (syn and the visitor recurse once
//! per nesting level), after a byte scan that refuses absurd nesting depths.

use rustc_hash::{FxHashMap, FxHashSet};

use proc_macro2::{Delimiter, TokenStream, TokenTree};
use syn::spanned::Spanned;
use syn::visit::{self, Visit};
use syn::{Expr, ExprMethodCall, FnArg, ImplItem, Item, Pat, Stmt, Type};

use super::common::{is_extra_logger, is_logger_name, mentions_composio};
use super::prescan;
use crate::model::{
    self, CacheStore, FileModel, SessionSite, Sharing, Span as ByteSpan, StrLiteral, UserIdArg,
    UserIdBinding,
};

const STACK_SIZE: usize = 256 << 20;

pub fn analyze(src: &str, extra_loggers: &[String]) -> FileModel {
    if let Some(at) = prescan::rust_too_deep(src.as_bytes()) {
        return FileModel::not_analyzed(at..at + 1, "nested too deeply to analyze safely");
    }
    let run = || {
        let model = analyze_on_this_thread(src, extra_loggers);
        // Span locations are kept per thread; drop this file's before the thread ends.
        proc_macro2::extra::invalidate_current_thread_spans();
        model
    };
    std::thread::scope(|s| {
        std::thread::Builder::new()
            .stack_size(STACK_SIZE)
            .spawn_scoped(s, run)
            .ok()
            .and_then(|h| h.join().ok())
            .unwrap_or_else(|| FileModel::not_analyzed(0..0, "the Rust analysis failed"))
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

/// Comment tokens are not in syn's tree: find `//` and `/* */` outside strings and chars.
fn comment_spans(src: &str) -> Vec<ByteSpan> {
    let b = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'/' if b.get(i + 1) == Some(&b'/') => {
                let end = memchr::memchr(b'\n', &b[i..]).map_or(b.len(), |n| i + n);
                out.push(i..end);
                i = end;
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                let end =
                    memchr::memmem::find(&b[i + 2..], b"*/").map_or(b.len(), |n| i + 2 + n + 2);
                out.push(i..end);
                i = end;
            }
            b'"' => {
                // A raw string `r#"..."#` ends at the matching quote-and-hashes.
                let mut hashes = 0;
                let mut k = i;
                while k > 0 && b[k - 1] == b'#' {
                    hashes += 1;
                    k -= 1;
                }
                let raw = k > 0 && b[k - 1] == b'r';
                i += 1;
                while i < b.len() {
                    if !raw && b[i] == b'\\' {
                        i += 2;
                        continue;
                    }
                    if b[i] == b'"'
                        && b[i + 1..]
                            .iter()
                            .take(hashes)
                            .filter(|c| **c == b'#')
                            .count()
                            == hashes
                    {
                        i += 1 + hashes;
                        break;
                    }
                    i += 1;
                }
            }
            b'\'' => {
                // A char literal ('x', '\n', '\u{1F600}'); a lifetime has no closing quote nearby.
                let close = b[i + 1..].iter().take(12).position(|c| *c == b'\'');
                match close {
                    Some(n) if n > 0 && (b[i + 1] == b'\\' || n <= 4) => i += n + 2,
                    _ => i += 1,
                }
            }
            _ => i += 1,
        }
    }
    out
}

// -------------------------------------------------------------------- index

type FnId = usize;

#[derive(Default)]
struct Func<'a> {
    name: String,
    /// Parameter names with their declared types.
    params: Vec<(String, Option<&'a Type>)>,
    lets: FxHashMap<String, Vec<&'a Expr>>,
    returns: Vec<&'a Expr>,
    attrs_text: String,
    has_self: bool,
    /// The type of the `impl` block a method is in, for `Self { .. }`.
    impl_type: Option<String>,
}

#[derive(Default)]
struct Index<'a> {
    touches_composio: bool,
    client_types: FxHashSet<String>,
    funcs: Vec<Func<'a>>,
    func_by_name: FxHashMap<String, Vec<FnId>>,
    /// `static` / `const` items (and `lazy_static!` entries): name → (type text, init).
    statics: FxHashMap<String, (String, Option<&'a Expr>)>,
    static_order: Vec<(String, ByteSpan)>,
    struct_fields: FxHashMap<String, String>,
    /// Types used as long-lived shared state: `State<T>`, `Data<T>`, `Extension<T>`.
    state_types: FxHashSet<String>,
    method_calls: Vec<(&'a ExprMethodCall, FnId)>,
    calls: Vec<(&'a syn::ExprCall, FnId)>,
    macros: Vec<(&'a syn::Macro, FnId)>,
    struct_lits: Vec<(&'a syn::ExprStruct, FnId)>,
    /// Assignments (`*STATIC.write().await = Some(session)`).
    assigns: Vec<(&'a syn::ExprAssign, FnId)>,
    /// Struct fields named like a user id with `#[serde(default = "fn")]`: (field, fn name).
    serde_defaults: Vec<(String, String)>,
    /// String defaults declared in field attributes (`#[arg(default_value = "x")]`,
    /// `#[serde(default = ...)]` aside): field name → literals, for `args.user` reads.
    field_defaults: FxHashMap<String, Vec<StrLiteral>>,
    /// The function being indexed; 0 is the pseudo-function for items outside any fn.
    current: FnId,
    current_impl: Option<String>,
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

impl<'a> Index<'a> {
    fn push_fn(
        &mut self,
        name: String,
        sig: &'a syn::Signature,
        attrs: &[syn::Attribute],
        block: &'a syn::Block,
    ) {
        let id = self.funcs.len();
        let mut f = Func {
            name: name.clone(),
            attrs_text: attrs
                .iter()
                .map(|a| quote::quote!(#a).to_string())
                .collect::<Vec<_>>()
                .join(" "),
            impl_type: self.current_impl.clone(),
            ..Default::default()
        };
        for input in &sig.inputs {
            match input {
                FnArg::Receiver(_) => f.has_self = true,
                FnArg::Typed(pt) => {
                    let ty = &*pt.ty;
                    let text = type_text(ty);
                    for wrapper in ["State<", "Data<", "Extension<"] {
                        if let Some(rest) = text.split(wrapper).nth(1) {
                            let inner = rest
                                .trim_start_matches("Arc<")
                                .split(['>', ','])
                                .next()
                                .unwrap_or("");
                            self.state_types
                                .insert(inner.rsplit("::").next().unwrap_or(inner).to_string());
                        }
                    }
                    for name in pat_names(&pt.pat) {
                        f.params.push((name, Some(ty)));
                    }
                }
            }
        }
        if let Some(tail) = block.stmts.last().and_then(|s| match s {
            Stmt::Expr(e, None) => Some(e),
            _ => None,
        }) {
            f.returns.push(tail);
        }
        self.funcs.push(f);
        self.func_by_name.entry(name).or_default().push(id);
        let outer = std::mem::replace(&mut self.current, id);
        visit::visit_block(self, block);
        self.current = outer;
    }
}

fn pat_names(p: &Pat) -> Vec<String> {
    match p {
        Pat::Ident(i) => vec![i.ident.to_string()],
        Pat::Type(t) => pat_names(&t.pat),
        Pat::Reference(r) => pat_names(&r.pat),
        Pat::TupleStruct(ts) => ts.elems.iter().flat_map(pat_names).collect(),
        Pat::Tuple(t) => t.elems.iter().flat_map(pat_names).collect(),
        _ => Vec::new(),
    }
}

impl<'a> Visit<'a> for Index<'a> {
    fn visit_file(&mut self, f: &'a syn::File) {
        self.funcs.push(Func {
            name: "<items>".into(),
            ..Default::default()
        });
        visit::visit_file(self, f);
    }

    fn visit_item_use(&mut self, u: &'a syn::ItemUse) {
        let text = quote::quote!(#u).to_string().replace(' ', "");
        if mentions_composio(&text) {
            self.touches_composio = true;
        }
        // `use composio_sdk::client::ComposioClient as Cx;` → the local name of the client type.
        fn walk(tree: &syn::UseTree, out: &mut FxHashSet<String>) {
            match tree {
                syn::UseTree::Path(p) => walk(&p.tree, out),
                syn::UseTree::Name(n) if n.ident == "ComposioClient" => {
                    out.insert(n.ident.to_string());
                }
                syn::UseTree::Rename(r) if r.ident == "ComposioClient" => {
                    out.insert(r.rename.to_string());
                }
                syn::UseTree::Group(g) => g.items.iter().for_each(|t| walk(t, out)),
                _ => {}
            }
        }
        walk(&u.tree, &mut self.client_types);
    }

    fn visit_item_fn(&mut self, f: &'a syn::ItemFn) {
        self.push_fn(f.sig.ident.to_string(), &f.sig, &f.attrs, &f.block);
    }

    fn visit_impl_item_fn(&mut self, f: &'a syn::ImplItemFn) {
        self.push_fn(f.sig.ident.to_string(), &f.sig, &f.attrs, &f.block);
    }

    fn visit_item_impl(&mut self, i: &'a syn::ItemImpl) {
        let ty = type_text(&i.self_ty);
        let outer = self
            .current_impl
            .replace(ty.split('<').next().unwrap_or(&ty).to_string());
        for item in &i.items {
            if let ImplItem::Fn(f) = item {
                self.visit_impl_item_fn(f);
            } else {
                visit::visit_impl_item(self, item);
            }
        }
        self.current_impl = outer;
    }

    fn visit_expr_assign(&mut self, a: &'a syn::ExprAssign) {
        self.assigns.push((a, self.current));
        visit::visit_expr_assign(self, a);
    }

    fn visit_lit_str(&mut self, l: &'a syn::LitStr) {
        // Code that calls Composio's REST API directly names its host.
        if !self.touches_composio && l.value().to_ascii_lowercase().contains("composio.dev") {
            self.touches_composio = true;
        }
    }

    fn visit_item_static(&mut self, s: &'a syn::ItemStatic) {
        self.statics
            .insert(s.ident.to_string(), (type_text(&s.ty), Some(&*s.expr)));
        self.static_order
            .push((s.ident.to_string(), span_of(&s.ident)));
        visit::visit_item_static(self, s);
    }

    fn visit_item_const(&mut self, c: &'a syn::ItemConst) {
        self.statics
            .insert(c.ident.to_string(), (type_text(&c.ty), Some(&*c.expr)));
        self.static_order
            .push((c.ident.to_string(), span_of(&c.ident)));
        visit::visit_item_const(self, c);
    }

    fn visit_item_struct(&mut self, s: &'a syn::ItemStruct) {
        for field in &s.fields {
            let Some(name) = &field.ident else { continue };
            let name = name.to_string();
            self.struct_fields
                .insert(name.clone(), type_text(&field.ty));
            for attr in &field.attrs {
                let tokens = flatten(quote::quote!(#attr));
                for w in tokens.windows(3) {
                    if let [
                        TokenTree::Ident(key),
                        TokenTree::Punct(eq),
                        TokenTree::Literal(lit),
                    ] = w
                        && matches!(
                            key.to_string().as_str(),
                            "default_value" | "default_value_t"
                        )
                        && eq.as_char() == '='
                        && let Ok(text) =
                            syn::parse2::<syn::LitStr>(TokenTree::Literal(lit.clone()).into())
                    {
                        self.field_defaults
                            .entry(name.clone())
                            .or_default()
                            .push(StrLiteral {
                                span: lit.span().byte_range(),
                                value: text.value(),
                            });
                    }
                }
            }
            // `#[serde(default = "default_user_id")]` on a field named like a user id.
            if !model::is_user_id_name(&name) {
                continue;
            }
            for attr in &field.attrs {
                let text = quote::quote!(#attr).to_string();
                if let Some(rest) = text.split("default = \"").nth(1) {
                    let func = rest.split('"').next().unwrap_or("");
                    let func = func.rsplit("::").next().unwrap_or(func).to_string();
                    self.serde_defaults.push((name.clone(), func));
                }
            }
        }
        visit::visit_item_struct(self, s);
    }

    fn visit_expr_let(&mut self, l: &'a syn::ExprLet) {
        for name in pat_names(&l.pat) {
            self.funcs[self.current]
                .lets
                .entry(name)
                .or_default()
                .push(&l.expr);
        }
        visit::visit_expr_let(self, l);
    }

    fn visit_local(&mut self, l: &'a syn::Local) {
        if let Some(init) = &l.init {
            for name in pat_names(&l.pat) {
                self.funcs[self.current]
                    .lets
                    .entry(name)
                    .or_default()
                    .push(&init.expr);
            }
        }
        visit::visit_local(self, l);
    }

    fn visit_expr_return(&mut self, r: &'a syn::ExprReturn) {
        if let Some(e) = &r.expr {
            self.funcs[self.current].returns.push(e);
        }
        visit::visit_expr_return(self, r);
    }

    fn visit_expr_method_call(&mut self, m: &'a ExprMethodCall) {
        self.method_calls.push((m, self.current));
        visit::visit_expr_method_call(self, m);
    }

    fn visit_expr_call(&mut self, c: &'a syn::ExprCall) {
        self.calls.push((c, self.current));
        visit::visit_expr_call(self, c);
    }

    fn visit_expr_struct(&mut self, s: &'a syn::ExprStruct) {
        self.struct_lits.push((s, self.current));
        visit::visit_expr_struct(self, s);
    }

    fn visit_macro(&mut self, m: &'a syn::Macro) {
        self.macros.push((m, self.current));
        visit::visit_macro(self, m);
    }
}

/// One `static ref NAME: Type = init;` entry of a `lazy_static!` block.
struct LazyStatic {
    name: String,
    ty: String,
    init: Expr,
    span: ByteSpan,
}

/// `lazy_static!` bodies are token streams to syn: parse their entries so the index can see
/// the sessions they create.
fn lazy_statics(file: &syn::File) -> Vec<LazyStatic> {
    let mut out = Vec::new();
    for item in &file.items {
        let Item::Macro(m) = item else { continue };
        if !path_text(&m.mac.path).ends_with("lazy_static") {
            continue;
        }
        let tokens: Vec<TokenTree> = m.mac.tokens.clone().into_iter().collect();
        for entry in tokens.split(|t| matches!(t, TokenTree::Punct(p) if p.as_char() == ';')) {
            let Some(r) = entry
                .iter()
                .position(|t| matches!(t, TokenTree::Ident(i) if i == "ref"))
            else {
                continue;
            };
            let Some(TokenTree::Ident(name)) = entry.get(r + 1) else {
                continue;
            };
            let Some(eq) = entry
                .iter()
                .position(|t| matches!(t, TokenTree::Punct(p) if p.as_char() == '='))
            else {
                continue;
            };
            let ty: TokenStream = entry[r + 2..eq].iter().skip(1).cloned().collect();
            let init: TokenStream = entry[eq + 1..].iter().cloned().collect();
            if let Ok(init) = syn::parse2::<Expr>(init) {
                out.push(LazyStatic {
                    name: name.to_string(),
                    ty: ty.to_string().replace(' ', ""),
                    init,
                    span: span_of(name),
                });
            }
        }
    }
    out
}

// -------------------------------------------------------------------- resolution

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

/// Methods that hand the same value on: futures, results, clones, smart pointers.
const PASS_THROUGH: &[&str] = &[
    "unwrap",
    "expect",
    "clone",
    "to_owned",
    "context",
    "with_context",
    "map_err",
    "into",
    "unwrap_or_else",
];

impl<'i, 'a> Resolver<'i, 'a> {
    fn eval(&mut self, e: &Expr, f: FnId) -> Vec<Val> {
        if self.depth > 40 {
            return Vec::new();
        }
        self.depth += 1;
        let out = self.eval_inner(e, f);
        self.depth -= 1;
        out
    }

    fn eval_inner(&mut self, e: &Expr, f: FnId) -> Vec<Val> {
        match e {
            Expr::Await(a) => self.eval(&a.base, f),
            Expr::Try(t) => self.eval(&t.expr, f),
            Expr::Paren(p) => self.eval(&p.expr, f),
            Expr::Group(g) => self.eval(&g.expr, f),
            Expr::Reference(r) => self.eval(&r.expr, f),
            Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => self.eval(&u.expr, f),
            Expr::Path(p) => {
                let name = path_text(&p.path);
                self.eval_name(&name, f)
            }
            Expr::Field(fe) => {
                let field = match &fe.member {
                    syn::Member::Named(n) => n.to_string(),
                    syn::Member::Unnamed(_) => return Vec::new(),
                };
                let ty = self
                    .ix
                    .struct_fields
                    .get(&field)
                    .cloned()
                    .unwrap_or_default();
                if self.is_client_type(&ty) || is_client_name(&field) {
                    vec![Val::Client]
                } else {
                    Vec::new()
                }
            }
            Expr::MethodCall(m) => self.eval_method(m, f),
            Expr::Call(c) => {
                let callee = match &*c.func {
                    Expr::Path(p) => path_text(&p.path),
                    _ => return Vec::new(),
                };
                let last = callee.rsplit("::").next().unwrap_or("");
                // Arc::new(x), Some(x), Box::new(x), Mutex::new(x), Ok(x).
                if matches!(last, "new" | "Some" | "Ok" | "from")
                    && !callee.contains("ComposioClient")
                    && let Some(arg) = c.args.first()
                {
                    return self.eval(arg, f);
                }
                let lower = callee.to_ascii_lowercase();
                if lower.contains("composio") && !lower.contains("session") {
                    return vec![Val::Client];
                }
                let mut out = Vec::new();
                for id in self.ix.func_by_name.get(last).cloned().unwrap_or_default() {
                    for ret in self.ix.funcs[id].returns.clone() {
                        out.extend(self.eval(ret, id));
                    }
                }
                out
            }
            Expr::Block(b) => match b.block.stmts.last() {
                Some(Stmt::Expr(e, None)) => self.eval(e, f),
                _ => Vec::new(),
            },
            Expr::Async(b) => match b.block.stmts.last() {
                Some(Stmt::Expr(e, None)) => self.eval(e, f),
                _ => Vec::new(),
            },
            Expr::Closure(c) => self.eval(&c.body, f),
            // `match create(..).await { Ok(s) => s, Err(e) => return .. }`: the scrutinee's value
            // flows into the arm that binds it.
            Expr::Match(m) => {
                let mut out = self.eval(&m.expr, f);
                for arm in &m.arms {
                    out.extend(self.eval(&arm.body, f));
                }
                out
            }
            _ => Vec::new(),
        }
    }

    fn is_client_type(&self, ty: &str) -> bool {
        ty.contains("ComposioClient")
            || self.ix.client_types.iter().any(|c| ty.contains(c.as_str()))
    }

    fn eval_name(&mut self, name: &str, f: FnId) -> Vec<Val> {
        let key = (f, name.to_string());
        if !self.visiting.insert(key.clone()) {
            return Vec::new();
        }
        let out = self.eval_binding(name, f);
        self.visiting.remove(&key);
        out
    }

    fn eval_binding(&mut self, name: &str, f: FnId) -> Vec<Val> {
        let ix = self.ix;
        let func = &ix.funcs[f];
        if let Some((_, ty)) = func.params.iter().find(|(n, _)| n == name) {
            let text = ty.map(type_text).unwrap_or_default();
            return if self.is_client_type(&text) || is_client_name(name) {
                vec![Val::Client]
            } else {
                Vec::new()
            };
        }
        if let Some(values) = func.lets.get(name) {
            let mut out = Vec::new();
            for v in values.clone() {
                out.extend(self.eval(v, f));
            }
            if out.is_empty() && is_client_name(name) {
                out.push(Val::Client);
            }
            return out;
        }
        if let Some(&(ref ty, Some(init))) = ix.statics.get(name) {
            if self.is_client_type(ty) {
                return vec![Val::Client];
            }
            return self.eval(init, 0);
        }
        if is_client_name(name) {
            vec![Val::Client]
        } else {
            Vec::new()
        }
    }

    fn eval_method(&mut self, m: &ExprMethodCall, f: FnId) -> Vec<Val> {
        let method = m.method.to_string();
        if let Some(&site) = self.site_of.get(&(m as *const _ as usize)) {
            return vec![if self.sites[site].facts.reopen {
                Val::Session(site)
            } else {
                Val::Builder(site)
            }];
        }
        // `ComposioClient::builder().api_key(..).build()?`.
        if method == "build" && compact(&*m.receiver).contains("ComposioClient") {
            return vec![Val::Client];
        }
        let recv = self.eval(&m.receiver, f);
        let mut out = Vec::new();
        for v in recv {
            match (v, method.as_str()) {
                (Val::Builder(s), "send") => out.push(Val::Session(s)),
                (Val::Builder(s), _) => out.push(Val::Builder(s)),
                (Val::Session(s), "session_id" | "id") => out.push(Val::SessionId(s)),
                (v @ (Val::Session(_) | Val::Client), m) if PASS_THROUGH.contains(&m) => {
                    out.push(v)
                }
                (Val::SessionId(s), "to_string" | "clone" | "to_owned" | "as_str" | "into") => {
                    out.push(Val::SessionId(s))
                }
                _ => {}
            }
        }
        out
    }

    /// The session site of a method call, if it creates or reopens one.
    fn classify(&mut self, m: &'a ExprMethodCall, f: FnId) -> Option<bool> {
        let method = m.method.to_string();
        if !matches!(method.as_str(), "create_session" | "get_session") {
            return None;
        }
        if !self.eval(&m.receiver, f).contains(&Val::Client) {
            return None;
        }
        Some(method == "get_session")
    }

    fn find_sessions(&mut self) {
        let ix = self.ix;
        for &(m, f) in &ix.method_calls {
            if let Some(reopen) = self.classify(m, f) {
                let user_id = (!reopen).then(|| m.args.first()).flatten();
                self.site_of
                    .insert(m as *const _ as usize, self.sites.len());
                let callee = format!("{}.{}", compact(&m.receiver), m.method);
                self.sites.push(Site {
                    facts: SessionSite::new(span_of(m), callee, reopen),
                    user_id: user_id.map(compact),
                });
            }
        }
    }

    fn sessions_in(&mut self, e: &Expr, f: FnId) -> Vec<usize> {
        let mut out: Vec<usize> = self
            .eval(e, f)
            .into_iter()
            .filter_map(|v| match v {
                Val::Session(s) | Val::Builder(s) => Some(s),
                _ => None,
            })
            .collect();
        // A closure or async block that creates the session (`get_or_init(|| ...)`).
        let mut nested = SiteFinder {
            sites: &self.site_of,
            found: Vec::new(),
        };
        nested.visit_expr(e);
        out.extend(nested.found);
        out.sort_unstable();
        out.dedup();
        out
    }

    // ------------------------------------------------------------- user ids

    fn find_user_ids(&mut self, model: &mut FileModel) {
        let ix = self.ix;
        for &(m, f) in &ix.method_calls {
            if let Some(&site) = self.site_of.get(&(m as *const _ as usize)) {
                if self.sites[site].facts.reopen {
                    continue;
                }
                if let Some(arg) = m.args.first() {
                    let callee = self.sites[site].facts.callee.clone();
                    self.push_user_id(
                        model,
                        arg,
                        f,
                        span_of(m),
                        &callee,
                        &mut FxHashSet::default(),
                    );
                }
                continue;
            }
            // REST: `.json(&json!({"user_id": ...}))` / `.json(&Body { user_id, .. })` on a
            // request to a Composio URL.
            if matches!(m.method.to_string().as_str(), "json" | "body")
                && let Some(body) = m.args.first()
                && self.request_to_composio(&m.receiver, f, 0)
                && let Some(user_id) = self.json_user_id(body, f)
            {
                self.push_user_id(
                    model,
                    &user_id,
                    f,
                    span_of(m),
                    "composio REST API",
                    &mut FxHashSet::default(),
                );
            }
        }
    }

    /// The request is built on a URL naming Composio: directly, or through locals and
    /// constants (`format!("{BASE}/...")`, `base.join("tool_router/session")`).
    fn request_to_composio(&self, expr: &Expr, f: FnId, depth: usize) -> bool {
        let text = quote::quote!(#expr).to_string();
        if mentions_composio(&text) || text.contains("tool_router") {
            return true;
        }
        if depth >= 3 {
            return false;
        }
        token_names(quote::quote!(#expr)).iter().any(|n| {
            self.ix.funcs[f]
                .lets
                .get(n)
                .is_some_and(|vs| vs.iter().any(|v| self.request_to_composio(v, f, depth + 1)))
                || self.ix.statics.get(n).is_some_and(|(_, init)| {
                    init.is_some_and(|i| self.request_to_composio(i, 0, depth + 1))
                })
        })
    }

    /// The `user_id` value of a `json!` body or a struct literal, following a local name.
    fn json_user_id(&self, body: &Expr, f: FnId) -> Option<Expr> {
        match body {
            Expr::Reference(r) => self.json_user_id(&r.expr, f),
            Expr::Try(t) => self.json_user_id(&t.expr, f),
            // `serde_json::to_string(&payload)?`, `to_vec`.
            Expr::Call(c)
                if matches!(
                    path_text(match &*c.func {
                        Expr::Path(p) => &p.path,
                        _ => return None,
                    })
                    .rsplit("::")
                    .next(),
                    Some("to_string" | "to_vec" | "to_string_pretty")
                ) =>
            {
                self.json_user_id(c.args.first()?, f)
            }
            Expr::Macro(m) if path_text(&m.mac.path).ends_with("json") => {
                json_field(&m.mac.tokens, "user_id")
            }
            Expr::Struct(s) => s.fields.iter().find_map(|fv| match &fv.member {
                syn::Member::Named(n) if n == "user_id" => Some(fv.expr.clone()),
                _ => None,
            }),
            Expr::Path(p) => {
                let name = path_text(&p.path);
                self.ix.funcs[f]
                    .lets
                    .get(&name)?
                    .iter()
                    .find_map(|v| self.json_user_id(v, f))
            }
            _ => None,
        }
    }

    fn push_user_id(
        &mut self,
        model: &mut FileModel,
        expr: &Expr,
        f: FnId,
        call: ByteSpan,
        callee: &str,
        visited: &mut FxHashSet<(FnId, usize)>,
    ) {
        let mut t = Trace::default();
        self.trace(expr, f, &mut t, 0);
        model.user_ids.push(UserIdArg {
            expr: span_of(expr),
            call: call.clone(),
            callee: callee.to_string(),
            literals: t.literals,
            email_sources: t.emails,
        });
        // A parameter of a same-file wrapper: follow what its callers pass.
        for (func, index) in t.params {
            if !visited.insert((func, index)) || visited.len() > 16 {
                continue;
            }
            let ix = self.ix;
            let name = ix.funcs[func].name.clone();
            let offset = usize::from(ix.funcs[func].has_self);
            for &(c, caller) in &ix.calls {
                let Expr::Path(p) = &*c.func else { continue };
                if path_text(&p.path).rsplit("::").next() == Some(name.as_str())
                    && let Some(arg) = c.args.iter().nth(index)
                {
                    self.push_user_id(model, arg, caller, call.clone(), callee, visited);
                }
            }
            for &(m, caller) in &ix.method_calls {
                if m.method == name
                    && index >= offset
                    && let Some(arg) = m.args.iter().nth(index - offset)
                {
                    self.push_user_id(model, arg, caller, call.clone(), callee, visited);
                }
            }
        }
    }

    /// What `base.field` holds when `base` is a local set to a same-file struct literal, or to
    /// the result of a same-file function that returns one: `let cfg = Config { owner: … }`,
    /// `let cfg = load_config()`.
    fn struct_field_values(&self, base: &Expr, field: &str, f: FnId) -> Vec<(&'a Expr, FnId)> {
        let ix = self.ix;
        let Expr::Path(p) = base else {
            return Vec::new();
        };
        let Some(values) = ix.funcs[f].lets.get(&path_text(&p.path)) else {
            return Vec::new();
        };
        let mut built: Vec<(&'a Expr, FnId)> = Vec::new();
        for &v in values {
            let mut v = v;
            loop {
                v = match v {
                    Expr::Await(a) => &a.base,
                    Expr::Try(x) => &x.expr,
                    _ => break,
                };
            }
            match v {
                Expr::Struct(_) => built.push((v, f)),
                Expr::Call(c) => {
                    if let Expr::Path(callee) = &*c.func {
                        let name = path_text(&callee.path);
                        let last = name.rsplit("::").next().unwrap_or("");
                        for &g in ix.func_by_name.get(last).map(Vec::as_slice).unwrap_or(&[]) {
                            built.extend(ix.funcs[g].returns.iter().map(|&r| (r, g)));
                        }
                    }
                }
                _ => {}
            }
        }
        built
            .into_iter()
            .filter_map(|(v, g)| {
                let Expr::Struct(lit) = v else { return None };
                lit.fields.iter().find_map(|fv| match &fv.member {
                    syn::Member::Named(n) if n == field => Some((&fv.expr, g)),
                    _ => None,
                })
            })
            .collect()
    }

    fn trace(&mut self, e: &Expr, f: FnId, t: &mut Trace, depth: usize) {
        if depth > 12 {
            return;
        }
        let d = depth + 1;
        match e {
            Expr::Lit(l) => {
                if let syn::Lit::Str(s) = &l.lit {
                    let value = s.value();
                    if model::is_email_literal(&value) {
                        t.emails.push(span_of(e));
                    }
                    t.literals.push(StrLiteral {
                        span: span_of(e),
                        value,
                    });
                }
            }
            Expr::Reference(r) => self.trace(&r.expr, f, t, d),
            Expr::Paren(p) => self.trace(&p.expr, f, t, d),
            Expr::Group(g) => self.trace(&g.expr, f, t, d),
            Expr::Await(a) => self.trace(&a.base, f, t, d),
            Expr::Try(x) => self.trace(&x.expr, f, t, d),
            Expr::Field(fe) => {
                if let syn::Member::Named(n) = &fe.member {
                    let name = n.to_string();
                    if model::is_email_name(&name) {
                        t.emails.push(span_of(e));
                    }
                    // `args.user` where the field is `#[arg(default_value = "...")]`.
                    if let Some(defaults) = self.ix.field_defaults.get(&name) {
                        t.literals.extend(defaults.iter().cloned());
                    }
                    for (value, g) in self.struct_field_values(&fe.base, &name, f) {
                        self.trace(value, g, t, d);
                    }
                }
            }
            Expr::Path(p) => {
                let name = path_text(&p.path);
                if model::is_email_name(&name) {
                    t.emails.push(span_of(e));
                    return;
                }
                let ix = self.ix;
                let func = &ix.funcs[f];
                if let Some(i) = func.params.iter().position(|(n, _)| *n == name) {
                    t.params.push((f, i + usize::from(func.has_self)));
                } else if let Some(values) = func.lets.get(&name) {
                    if t.followed.insert((f, name.clone())) {
                        for v in values.clone() {
                            self.trace(v, f, t, d);
                        }
                    }
                } else if let Some(&(_, Some(init))) = ix.statics.get(&name) {
                    self.trace(init, 0, t, d);
                }
            }
            Expr::MethodCall(m) => {
                let method = m.method.to_string();
                match method.as_str() {
                    "to_string" | "into" | "to_owned" | "clone" | "as_str" | "as_ref"
                    | "to_lowercase" | "trim" | "unwrap" | "expect" | "as_deref" => {
                        self.trace(&m.receiver, f, t, d)
                    }
                    // env::var("X").unwrap_or("default".into()), .unwrap_or_else(|_| "default".into())
                    "unwrap_or" | "unwrap_or_else" => {
                        self.trace(&m.receiver, f, t, d);
                        if let Some(arg) = m.args.first() {
                            match arg {
                                Expr::Closure(c) => self.trace(&c.body, f, t, d),
                                other => self.trace(other, f, t, d),
                            }
                        }
                    }
                    _ => {}
                }
            }
            Expr::Call(c) => {
                let callee = match &*c.func {
                    Expr::Path(p) => path_text(&p.path),
                    _ => String::new(),
                };
                let last = callee.rsplit("::").next().unwrap_or("");
                if matches!(last, "from" | "new" | "Some") && callee != "ComposioClient::new" {
                    if let Some(a) = c.args.first() {
                        self.trace(a, f, t, d);
                    }
                } else {
                    for id in self.ix.func_by_name.get(last).cloned().unwrap_or_default() {
                        for ret in self.ix.funcs[id].returns.clone() {
                            self.trace(ret, id, t, d);
                        }
                    }
                }
            }
            Expr::Macro(m) if path_text(&m.mac.path).ends_with("format") => {
                let text = m.mac.tokens.to_string();
                if model::is_email_name(&text) {
                    t.emails.push(span_of(e));
                }
            }
            Expr::Block(b) => {
                if let Some(Stmt::Expr(inner, None)) = b.block.stmts.last() {
                    self.trace(inner, f, t, d);
                }
            }
            Expr::If(i) => {
                if let Some(Stmt::Expr(inner, None)) = i.then_branch.stmts.last() {
                    self.trace(inner, f, t, d);
                }
                if let Some((_, els)) = &i.else_branch {
                    self.trace(els, f, t, d);
                }
            }
            _ => {}
        }
    }

    /// Consts, statics and `let`s named like a user id whose value is a literal.
    fn find_bindings(&mut self, model: &mut FileModel) {
        let ix = self.ix;
        let mut named: Vec<(&str, &Expr, FnId)> = ix
            .statics
            .iter()
            .filter_map(|(n, (_, init))| Some((n.as_str(), (*init)?, 0)))
            .collect();
        for (id, func) in ix.funcs.iter().enumerate() {
            for (n, values) in &func.lets {
                named.extend(values.iter().map(|v| (n.as_str(), *v, id)));
            }
        }
        for &(lit, f) in &ix.struct_lits {
            for field in &lit.fields {
                if let syn::Member::Named(n) = &field.member
                    && let Some(key) = ix.struct_fields.keys().find(|k| n == k.as_str())
                {
                    named.push((key.as_str(), &field.expr, f));
                }
            }
        }
        for (field, func) in &ix.serde_defaults {
            for &id in ix.func_by_name.get(func).map(Vec::as_slice).unwrap_or(&[]) {
                named.extend(
                    ix.funcs[id]
                        .returns
                        .iter()
                        .map(|r| (field.as_str(), *r, id)),
                );
            }
        }
        for (name, literals) in &ix.field_defaults {
            if model::is_user_id_name(name) {
                for literal in literals {
                    model.user_id_bindings.push(UserIdBinding {
                        name: name.clone(),
                        literal: literal.clone(),
                    });
                }
            }
        }
        for (name, value, f) in named {
            if !model::is_user_id_name(name) {
                continue;
            }
            let mut t = Trace::default();
            self.trace(value, f, &mut t, 0);
            for literal in t.literals {
                model.user_id_bindings.push(UserIdBinding {
                    name: name.to_string(),
                    literal,
                });
            }
        }
    }

    // ------------------------------------------------------------- stores

    fn find_stores(&mut self) {
        let ix = self.ix;
        // Statics initialised by creating a session, or filled with one.
        for (name, (_, init)) in &ix.statics {
            if let Some(init) = *init {
                for s in self.sessions_in(init, 0) {
                    let target = ix
                        .static_order
                        .iter()
                        .find(|(n, _)| n == name)
                        .map(|(_, sp)| sp.clone());
                    self.sites[s].facts.sharing.push(Sharing::Static {
                        name: name.clone(),
                        target: target.unwrap_or(0..0),
                    });
                }
            }
        }
        for &(m, f) in &ix.method_calls {
            let method = m.method.to_string();
            let receiver_name = match &*m.receiver {
                Expr::Path(p) => Some(path_text(&p.path)),
                _ => None,
            };
            let on_static = receiver_name
                .as_ref()
                .is_some_and(|n| ix.statics.contains_key(n));
            match method.as_str() {
                "set" | "get_or_init" | "get_or_try_init" | "call_once" | "get_or_insert_with"
                    if on_static =>
                {
                    let target = span_of(&*m.receiver);
                    for arg in &m.args {
                        for s in self.sessions_in(arg, f) {
                            let name = receiver_name.clone().unwrap_or_default();
                            self.sites[s].facts.sharing.push(Sharing::Static {
                                name,
                                target: target.clone(),
                            });
                        }
                    }
                }
                // Shared application state: `.with_state(session)`, `.app_data(Data::new(session))`.
                "with_state" | "app_data" | "layer" | "manage" => {
                    for arg in &m.args {
                        for s in self.sessions_in(arg, f) {
                            self.sites[s]
                                .facts
                                .sharing
                                .push(Sharing::AppState { target: span_of(m) });
                        }
                    }
                }
                "insert" | "put" | "push" if m.args.len() >= 2 => {
                    let (key, value) = (&m.args[0], &m.args[1]);
                    for s in self.sessions_in(value, f) {
                        self.cache(s, key, f, span_of(m), &m.receiver);
                    }
                }
                "or_insert_with" | "or_insert" | "or_insert_with_key" => {
                    let Expr::MethodCall(entry) = &*m.receiver else {
                        continue;
                    };
                    if entry.method != "entry" {
                        continue;
                    }
                    let Some(key) = entry.args.first() else {
                        continue;
                    };
                    for arg in &m.args {
                        for s in self.sessions_in(arg, f) {
                            self.cache(s, key, f, span_of(m), &entry.receiver);
                        }
                    }
                }
                "get_with" | "try_get_with" | "get_or_insert_with" | "get_or_insert"
                    if !m.args.is_empty() =>
                {
                    let key = &m.args[0];
                    for arg in m.args.iter().skip(1) {
                        for s in self.sessions_in(arg, f) {
                            self.cache(s, key, f, span_of(m), &m.receiver);
                        }
                    }
                }
                _ => {}
            }
        }
        // `*STATIC.write().await = Some(session)`, `STATIC.lock().unwrap().replace(..)`.
        for &(a, f) in &ix.assigns {
            let Some(mut root) = root_name(&a.left) else {
                continue;
            };
            // `if let Ok(mut slot) = WARM.lock() { *slot = Some(session) }`.
            if !ix.statics.contains_key(&root)
                && let Some(guard) = ix.funcs[f]
                    .lets
                    .get(&root)
                    .and_then(|vs| vs.iter().find_map(|v| root_name(v)))
            {
                root = guard;
            }
            if !ix.statics.contains_key(&root) {
                continue;
            }
            for s in self.sessions_in(&a.right, f) {
                self.sites[s].facts.sharing.push(Sharing::Static {
                    name: root.clone(),
                    target: span_of(&*a.left),
                });
            }
        }
        // A session put into a state struct handlers share (`State<AppState>`, `Data<AppState>`).
        for &(lit, f) in &ix.struct_lits {
            let name = path_text(&lit.path);
            let mut name = name.rsplit("::").next().unwrap_or(&name).to_string();
            if name == "Self" {
                name = ix.funcs[f].impl_type.clone().unwrap_or_default();
            }
            if !ix.state_types.contains(&name) {
                continue;
            }
            for field in &lit.fields {
                for s in self.sessions_in(&field.expr, f) {
                    self.sites[s].facts.sharing.push(Sharing::AppState {
                        target: span_of(lit),
                    });
                }
            }
        }
        self.fixed_user_fields();
    }

    /// A constructor that stores a session opened for a fixed user (a literal or a constant) in
    /// a field of its own type, and a method of that type that uses the field: every caller of
    /// the method acts as that one user.
    fn fixed_user_fields(&mut self) {
        let ix = self.ix;
        for &(lit, f) in &ix.struct_lits {
            let Some(owner) = ix.funcs[f].impl_type.as_deref() else {
                continue;
            };
            let name = path_text(&lit.path);
            let last = name.rsplit("::").next().unwrap_or(&name);
            if last != "Self" && last != owner {
                continue;
            }
            for field in &lit.fields {
                let syn::Member::Named(member) = &field.member else {
                    continue;
                };
                let used = format!("self.{member}");
                let Some((call, g)) = ix.method_calls.iter().find(|&&(m, g)| {
                    g != f
                        && ix.funcs[g].has_self
                        && ix.funcs[g].impl_type.as_deref() == Some(owner)
                        && receiver_text(&m.receiver, 0) == used
                }) else {
                    continue;
                };
                for s in self.sessions_in(&field.expr, f) {
                    if !self.opened_for_fixed_user(s) {
                        continue;
                    }
                    self.sites[s].facts.sharing.push(Sharing::FixedUserField {
                        field: member.to_string(),
                        used_in: ix.funcs[*g].name.clone(),
                        use_span: span_of(&call.receiver),
                    });
                }
            }
        }
    }

    fn opened_for_fixed_user(&self, site: usize) -> bool {
        let Some(user_id) = self.sites[site].user_id.as_deref() else {
            return false;
        };
        let user_id = user_id.trim_start_matches('&');
        user_id.starts_with('"') || self.ix.statics.contains_key(user_id)
    }

    fn cache(&mut self, site: usize, key: &Expr, f: FnId, span: ByteSpan, container: &Expr) {
        let mut parts = Vec::new();
        key_parts(key, &mut parts, self.ix, f, 0);
        let kind = model::classify_key_parts(&parts, self.sites[site].user_id.as_deref());
        self.sites[site].facts.caches.push(CacheStore {
            span,
            container: compact(container),
            key: kind,
        });
    }

    // ------------------------------------------------------------- logging

    fn find_logged_ids(&mut self) {
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

/// `json!({"user_id": expr, ...})`: the expression for `key`, parsed from the macro's tokens.
fn json_field(tokens: &TokenStream, key: &str) -> Option<Expr> {
    let inner = tokens.clone().into_iter().find_map(|t| match t {
        TokenTree::Group(g) if g.delimiter() == Delimiter::Brace => Some(g.stream()),
        _ => None,
    })?;
    let items: Vec<TokenTree> = inner.into_iter().collect();
    let mut i = 0;
    while i < items.len() {
        if let TokenTree::Literal(l) = &items[i]
            && l.to_string().trim_matches('"') == key
            && matches!(items.get(i + 1), Some(TokenTree::Punct(p)) if p.as_char() == ':')
        {
            let value: TokenStream = items[i + 2..]
                .iter()
                .take_while(|t| !matches!(t, TokenTree::Punct(p) if p.as_char() == ','))
                .cloned()
                .collect();
            return syn::parse2::<Expr>(value).ok();
        }
        i += 1;
    }
    None
}

fn key_parts(key: &Expr, out: &mut Vec<String>, ix: &Index<'_>, f: FnId, depth: usize) {
    if depth > 4 {
        return;
    }
    match key {
        Expr::Lit(_) => {}
        Expr::Reference(r) => key_parts(&r.expr, out, ix, f, depth + 1),
        Expr::Paren(p) => key_parts(&p.expr, out, ix, f, depth + 1),
        Expr::Tuple(t) => t
            .elems
            .iter()
            .for_each(|e| key_parts(e, out, ix, f, depth + 1)),
        Expr::MethodCall(m)
            if matches!(
                m.method.to_string().as_str(),
                "clone" | "to_string" | "to_owned" | "into"
            ) =>
        {
            key_parts(&m.receiver, out, ix, f, depth + 1)
        }
        Expr::Macro(m) if path_text(&m.mac.path).ends_with("format") => {
            let text = m.mac.tokens.to_string();
            let mut parts = text.splitn(2, ',');
            let fmt = parts.next().unwrap_or("");
            for piece in fmt.split('{').skip(1) {
                let name: String = piece
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '.')
                    .collect();
                if !name.is_empty() {
                    out.push(name);
                }
            }
            if let Some(args) = parts.next() {
                out.extend(
                    args.split(',')
                        .map(|a| a.replace(' ', ""))
                        .filter(|a| !a.is_empty()),
                );
            }
        }
        Expr::Path(p) => {
            let name = path_text(&p.path);
            if let Some(values) = ix.funcs[f].lets.get(&name) {
                for v in values {
                    key_parts(v, out, ix, f, depth + 1);
                }
            }
            out.push(name);
        }
        other => out.push(compact(other)),
    }
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

fn is_client_name(name: &str) -> bool {
    matches!(name, "composio" | "composio_client" | "composio_sdk_client")
}

/// Identifiers in a token stream, including `{NAME}` captures in format strings.
fn token_names(tokens: TokenStream) -> Vec<String> {
    let mut out = Vec::new();
    for t in flatten(tokens) {
        match t {
            TokenTree::Ident(i) => out.push(i.to_string()),
            TokenTree::Literal(l) => {
                for piece in l.to_string().split('{').skip(1) {
                    let name: String = piece
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    if !name.is_empty() {
                        out.push(name);
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// The variable or static at the root of a place expression (`*X.write().await`, `x.y[0]`).
fn root_name(e: &Expr) -> Option<String> {
    match e {
        Expr::Path(p) => Some(path_text(&p.path)),
        Expr::Unary(u) => root_name(&u.expr),
        Expr::MethodCall(m) => root_name(&m.receiver),
        Expr::Field(f) => root_name(&f.base),
        Expr::Index(i) => root_name(&i.expr),
        Expr::Await(a) => root_name(&a.base),
        Expr::Try(t) => root_name(&t.expr),
        Expr::Paren(p) => root_name(&p.expr),
        _ => None,
    }
}

struct SiteFinder<'s> {
    sites: &'s FxHashMap<usize, usize>,
    found: Vec<usize>,
}

impl<'a> Visit<'a> for SiteFinder<'_> {
    fn visit_expr_method_call(&mut self, m: &'a ExprMethodCall) {
        if let Some(&s) = self.sites.get(&(m as *const _ as usize)) {
            self.found.push(s);
        }
        visit::visit_expr_method_call(self, m);
    }
}

#[derive(Default)]
struct Trace {
    literals: Vec<StrLiteral>,
    emails: Vec<ByteSpan>,
    params: Vec<(FnId, usize)>,
    /// Bindings already followed, so self-referring `let`s are followed once.
    followed: FxHashSet<(FnId, String)>,
}
