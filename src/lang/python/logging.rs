//! What logs in Python besides a logger's methods and span attributes: `print` and click's
//! `echo`, structlog's `bind_contextvars`, writes to `sys.stdout` / `sys.stderr` and console
//! objects.

use super::*;

impl<'a, 't> LoggingHooks<'a, 't> for Resolver<'a, 't> {
    fn logs_by_name(&self, callee: Node<'t>) -> bool {
        callee.kind_name() == "identifier"
            && matches!(
                self.text(callee),
                "print" | "pprint" | "echo" | "secho" | "bind_contextvars"
            )
    }

    fn logs_through(&self, object_name: &str, method: &str) -> bool {
        let writer = ["stdout", "stderr", "console", "click", "typer", "rich"]
            .iter()
            .any(|o| object_name.eq_ignore_ascii_case(o));
        (writer && matches!(method, "write" | "print" | "echo" | "secho" | "log"))
            || method == "bind_contextvars"
    }
}
