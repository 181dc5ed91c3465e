//! User ids (CS001): what reaches `create_session` or a REST body's `user_id`, traced to
//! string literals and email-shaped sources, through same-file wrappers; and bindings named
//! like a user id.

use rustc_hash::FxHashSet;

use proc_macro2::{Delimiter, TokenStream, TokenTree};
use syn::{Expr, Stmt};

use super::super::common::mentions_composio;
use super::index::FnId;
use super::{Resolver, flatten, path_text, span_of};
use crate::lang::facts;
use crate::lang::names::{is_email_literal, is_email_name};
use crate::model::{FileModel, Span as ByteSpan, StrLiteral};

impl<'i, 'a> Resolver<'i, 'a> {
    pub(super) fn find_user_ids(&mut self, model: &mut FileModel) {
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
        facts::user_id_arg(
            model,
            span_of(expr),
            call.clone(),
            callee,
            t.literals,
            t.emails,
        );
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
                    if is_email_literal(&value) {
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
                    if is_email_name(&name) {
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
                if is_email_name(&name) {
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
                if is_email_name(&text) {
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
    pub(super) fn find_bindings(&mut self, model: &mut FileModel) {
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
            facts::user_id_binding(model, name, || literals.clone());
        }
        for (name, value, f) in named {
            facts::user_id_binding(model, name, || {
                let mut t = Trace::default();
                self.trace(value, f, &mut t, 0);
                t.literals
            });
        }
    }
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

#[derive(Default)]
struct Trace {
    literals: Vec<StrLiteral>,
    emails: Vec<ByteSpan>,
    params: Vec<(FnId, usize)>,
    /// Bindings already followed, so self-referring `let`s are followed once.
    followed: FxHashSet<(FnId, String)>,
}
