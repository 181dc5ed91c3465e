//! What logs in TypeScript besides a logger's methods and span attributes: every method of
//! `console`, and a bare `log` / `debug` function.

use super::*;

impl<'a, 't> LoggingHooks<'a, 't> for Resolver<'a, 't> {
    fn logs_by_name(&self, callee: Node<'t>) -> bool {
        matches!(self.text(callee), "log" | "debug")
    }

    fn logs_through(&self, object_name: &str, _method: &str) -> bool {
        object_name.eq_ignore_ascii_case("console")
    }
}
