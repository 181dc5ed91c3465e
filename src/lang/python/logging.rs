//! What logs in Python: `print`, `logging` and `loguru` calls, structlog binds, span
//! attributes, Sentry tags, console writers, and configured extra loggers.

use super::*;

impl<'a, 't> LoggingHooks<'a, 't> for Resolver<'a, 't> {
    /// Logging recognised from the call's shape alone: `print`, `logging.info`, `logger.info`,
    /// `log.bind`, `span.set_attribute`, `sentry_sdk.set_tag`, `sys.stderr.write`.
    fn is_log_call_syntactic(&self, callee: Node<'t>) -> bool {
        let text = self.text(callee);
        if is_extra_logger(text, self.core.extra_loggers) {
            return true;
        }
        match callee.kind_name() {
            "identifier" => matches!(
                text,
                "print" | "pprint" | "echo" | "secho" | "bind_contextvars"
            ),
            "attribute" => {
                let Some(obj) = self.field(callee, "object") else {
                    return false;
                };
                let method = self
                    .field(callee, "attribute")
                    .map(|a| self.text(a))
                    .unwrap_or("");
                let obj_last = last_name(self.text(obj));
                if matches!(
                    method,
                    "set_attribute"
                        | "set_attributes"
                        | "set_tag"
                        | "set_tags"
                        | "set_context"
                        | "add_event"
                        | "add_breadcrumb"
                ) {
                    return true;
                }
                if matches!(method, "write" | "print" | "echo" | "secho" | "log")
                    && ["stdout", "stderr", "console", "click", "typer", "rich"]
                        .iter()
                        .any(|o| obj_last.eq_ignore_ascii_case(o))
                {
                    return true;
                }
                if method == "bind_contextvars" {
                    return true;
                }
                LOG_METHODS.contains(&method) && is_logger_name(obj_last)
            }
            _ => false,
        }
    }
}
