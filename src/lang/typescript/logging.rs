//! What logs in TypeScript: `console.*`, logger objects (pino, winston, `req.log`), span
//! attributes, Sentry tags, and configured extra loggers.

use super::*;

impl<'a, 't> LoggingHooks<'a, 't> for Resolver<'a, 't> {
    /// `console.*`, `logger.info`, `req.log.info`, `span.setAttribute`, `Sentry.setTag`.
    fn is_log_call_syntactic(&self, callee: Node<'t>) -> bool {
        if is_extra_logger(self.text(callee), self.core.extra_loggers) {
            return true;
        }
        let Some((obj, method)) = self.member_parts(callee) else {
            return matches!(self.text(callee), "log" | "debug");
        };
        let obj_last = last_name(self.text(obj));
        if matches!(
            method,
            "setAttribute"
                | "setAttributes"
                | "setTag"
                | "setTags"
                | "setContext"
                | "setExtra"
                | "addEvent"
                | "addBreadcrumb"
        ) {
            return true;
        }
        if obj_last.eq_ignore_ascii_case("console") {
            return true;
        }
        TS_LOG_METHODS.contains(&method) && is_logger_name(obj_last)
    }
}
