//! Where sessions are kept: process-wide statics and application state (sharing, CS002) and
//! keyed containers (caches, CS003). One pass over the indexed calls finds both, since the
//! same methods (`insert`, `get_or_init`, ...) store either.

use syn::Expr;

use super::index::{FnId, Index};
use super::{Resolver, compact, path_text, span_of};
use crate::lang::names::classify_key_parts;
use crate::model::{CacheStore, Sharing, Span as ByteSpan};

impl<'i, 'a> Resolver<'i, 'a> {
    pub(super) fn find_stores(&mut self) {
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

    fn cache(&mut self, site: usize, key: &Expr, f: FnId, span: ByteSpan, container: &Expr) {
        let mut parts = Vec::new();
        key_parts(key, &mut parts, self.ix, f, 0);
        let kind = classify_key_parts(&parts, self.sites[site].user_id.as_deref());
        self.sites[site].facts.caches.push(CacheStore {
            span,
            container: compact(container),
            key: kind,
        });
    }
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
