//! What an expression may hold (a client, a session builder, a session, its id), following
//! names to their bindings and calls to same-file functions' returns.

use syn::{Expr, ExprMethodCall, Stmt};

use super::index::FnId;
use super::{Resolver, Val, compact, path_text, type_text};

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
    pub(super) fn eval(&mut self, e: &Expr, f: FnId) -> Vec<Val> {
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
}

fn is_client_name(name: &str) -> bool {
    matches!(name, "composio" | "composio_client" | "composio_sdk_client")
}
