//! The index: one walk over the syntax tree recording what the resolver looks up (functions
//! with their parameters, `let`s and returns; statics; struct fields; every call, macro, struct
//! literal and assignment), so no pass walks the tree again.

use rustc_hash::{FxHashMap, FxHashSet};

use proc_macro2::{TokenStream, TokenTree};
use syn::visit::{self, Visit};
use syn::{Expr, ExprMethodCall, FnArg, ImplItem, Item, Pat, Stmt, Type};

use super::super::common::mentions_composio;
use super::{flatten, path_text, span_of, type_text};
use crate::lang::names::is_user_id_name;
use crate::model::{Span as ByteSpan, StrLiteral};

pub(super) type FnId = usize;

#[derive(Default)]
pub(super) struct Func<'a> {
    pub(super) name: String,
    /// Parameter names with their declared types.
    pub(super) params: Vec<(String, Option<&'a Type>)>,
    pub(super) lets: FxHashMap<String, Vec<&'a Expr>>,
    pub(super) returns: Vec<&'a Expr>,
    pub(super) attrs_text: String,
    pub(super) has_self: bool,
    /// The type of the `impl` block a method is in, for `Self { .. }`.
    pub(super) impl_type: Option<String>,
}

#[derive(Default)]
pub(super) struct Index<'a> {
    pub(super) touches_composio: bool,
    pub(super) client_types: FxHashSet<String>,
    pub(super) funcs: Vec<Func<'a>>,
    pub(super) func_by_name: FxHashMap<String, Vec<FnId>>,
    /// `static` / `const` items (and `lazy_static!` entries): name → (type text, init).
    pub(super) statics: FxHashMap<String, (String, Option<&'a Expr>)>,
    pub(super) static_order: Vec<(String, ByteSpan)>,
    pub(super) struct_fields: FxHashMap<String, String>,
    /// Types used as long-lived shared state: `State<T>`, `Data<T>`, `Extension<T>`.
    pub(super) state_types: FxHashSet<String>,
    pub(super) method_calls: Vec<(&'a ExprMethodCall, FnId)>,
    pub(super) calls: Vec<(&'a syn::ExprCall, FnId)>,
    pub(super) macros: Vec<(&'a syn::Macro, FnId)>,
    pub(super) struct_lits: Vec<(&'a syn::ExprStruct, FnId)>,
    /// Assignments (`*STATIC.write().await = Some(session)`).
    pub(super) assigns: Vec<(&'a syn::ExprAssign, FnId)>,
    /// Struct fields named like a user id with `#[serde(default = "fn")]`: (field, fn name).
    pub(super) serde_defaults: Vec<(String, String)>,
    /// String defaults declared in field attributes (`#[arg(default_value = "x")]`,
    /// `#[serde(default = ...)]` aside): field name → literals, for `args.user` reads.
    pub(super) field_defaults: FxHashMap<String, Vec<StrLiteral>>,
    /// The function being indexed; 0 is the pseudo-function for items outside any fn.
    current: FnId,
    current_impl: Option<String>,
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
            if !is_user_id_name(&name) {
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
pub(super) struct LazyStatic {
    pub(super) name: String,
    pub(super) ty: String,
    pub(super) init: Expr,
    pub(super) span: ByteSpan,
}

/// `lazy_static!` bodies are token streams to syn: parse their entries so the index can see
/// the sessions they create.
pub(super) fn lazy_statics(file: &syn::File) -> Vec<LazyStatic> {
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
