//! Building the model's user-id facts, the same way in every front end.

use crate::lang::names::is_user_id_name;
use crate::model::{FileModel, Span, StrLiteral, UserIdArg, UserIdBinding};

/// Records a value arriving at a Composio user-id position, with what it was traced to.
pub fn user_id_arg(
    model: &mut FileModel,
    expr: Span,
    call: Span,
    callee: &str,
    literals: Vec<StrLiteral>,
    email_sources: Vec<Span>,
) {
    model.user_ids.push(UserIdArg {
        expr,
        call,
        callee: callee.to_string(),
        literals,
        email_sources,
    });
}

/// Records the string literals a variable, constant or field can hold, when its name says it is
/// a user id. `literals` runs only then: tracing a value costs more than reading a name.
pub fn user_id_binding(
    model: &mut FileModel,
    name: &str,
    literals: impl FnOnce() -> Vec<StrLiteral>,
) {
    if !is_user_id_name(name) {
        return;
    }
    for literal in literals() {
        model.user_id_bindings.push(UserIdBinding {
            name: name.to_string(),
            literal,
        });
    }
}
