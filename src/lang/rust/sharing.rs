//! Sharing through a field (CS002): a session opened for a fixed user and kept on `Self`.

use super::{Resolver, path_text, receiver_text, span_of};
use crate::model::{FunctionName, Sharing};

impl<'i, 'a> Resolver<'i, 'a> {
    /// A constructor that stores a session opened for a fixed user (a literal or a constant) in
    /// a field of its own type, and a method of that type that uses the field: every caller of
    /// the method acts as that one user.
    pub(super) fn fixed_user_fields(&mut self) {
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
                        used_in: FunctionName::Named(ix.funcs[*g].name.clone()),
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
}
