//! What serves many users in Python: request handlers by name, parameters, decorators and
//! router registrations, methods, Celery tasks — the code a shared session leaks through.

use super::*;

impl<'a, 't> Resolver<'a, 't> {
    /// Functions and lambdas passed to a call that registers a handler:
    /// `app.add_url_rule("/t", view_func=list_tools)`, `app.add_api_route("/t", list_tools)`,
    /// `Route("/t", list_tools)`, `CommandHandler("start", start)`.
    pub(super) fn registered_handlers(&self) -> FxHashSet<ScopeId> {
        let ix = self.ix;
        let mut out = FxHashSet::default();
        for call in &ix.tables.parts.calls {
            let (Some(callee), Some(args)) = (call.function, call.arguments) else {
                continue;
            };
            if !registers_handler(last_name(self.text(callee))) {
                continue;
            }
            let mut cursor = args.walk();
            for arg in args.named_children(&mut cursor) {
                let value = match arg.kind_name() {
                    "keyword_argument" => arg.field("value"),
                    _ => Some(arg),
                };
                let Some(value) = value else { continue };
                match value.kind_name() {
                    "identifier" => {
                        if let Binding::Function(f) = self.lookup(self.text(value), call.scope) {
                            out.insert(f);
                        }
                    }
                    "lambda" => {
                        let body = value.field("body");
                        out.extend((0..ix.scopes.len()).filter(|&f| {
                            ix.scopes[f].name == "<lambda>"
                                && ix.scopes[f].returns.first().copied() == body
                        }));
                    }
                    _ => {}
                }
            }
        }
        out
    }

    pub(super) fn is_handler_decorator(&self, decorator: Node<'t>) -> bool {
        let Some(callee) = self.decorator_callee(decorator) else {
            return false;
        };
        let text = self.text(callee);
        if !text.contains('.') && !matches!(text, "tool" | "task" | "function_tool" | "shared_task")
        {
            return false;
        }
        let last = last_name(text).to_ascii_lowercase();
        matches!(
            last.as_str(),
            "get"
                | "post"
                | "put"
                | "patch"
                | "delete"
                | "route"
                | "api_route"
                | "websocket"
                | "message"
                | "event"
                | "command"
                | "action"
                | "shortcut"
                | "view"
                | "on"
                | "listen"
                | "listener"
                | "message_handler"
                | "callback_query_handler"
                | "task"
                | "shared_task"
                | "tool"
                | "function_tool"
                | "receiver"
                | "subscribe"
                | "middleware"
                | "step"
                | "activity"
        ) || ["route", "handler", "endpoint", "webhook"]
            .iter()
            .any(|w| last.contains(w))
    }
}

impl<'a, 't> SharingHooks<'a, 't> for Resolver<'a, 't> {
    /// A use of `name` in `scope` refers to something other than the module binding.
    fn shadows(&self, name: &str, scope: ScopeId) -> bool {
        // The innermost scope that declares the name `global` or binds it decides.
        self.enclosing(scope)
            .map(|s| &self.ix.scopes[s])
            .find_map(|s| {
                if s.lang.globals.contains(name) {
                    Some(false)
                } else if s.params.iter().any(|p| p.name == name) || s.assigns.contains_key(name) {
                    Some(true)
                } else {
                    None
                }
            })
            .unwrap_or(false)
    }

    fn serves_many_users(&self, scope: ScopeId) -> bool {
        let s = &self.ix.scopes[scope];
        if s.kind != ScopeKind::Function || is_main_name(&s.name) {
            return false;
        }
        if s.class.is_some() || self.registered_handlers.contains(&scope) {
            return true;
        }
        let lower = s.name.to_ascii_lowercase();
        if lower.starts_with("handle")
            || lower.starts_with("on_")
            || ["handler", "endpoint", "webhook", "route"]
                .iter()
                .any(|w| lower.contains(w))
        {
            return true;
        }
        if s.params.iter().any(|p| is_request_param(&p.name)) {
            return true;
        }
        s.decorators.iter().any(|d| self.is_handler_decorator(*d))
    }

    fn prepare_sharing(&mut self) {
        self.registered_handlers = self.registered_handlers();
    }

    fn may_serve(&self, _scope: ScopeId) -> bool {
        true
    }

    fn returns_global(&self, f: ScopeId, ret: Node<'t>, name: &str) -> bool {
        ret.kind_name() == "identifier" && self.text(ret) == name && !self.shadows(name, f)
    }

    fn fixed_user_id(&self, _: Node<'t>, t: &Trace) -> bool {
        t.fixed && (!t.literals.is_empty() || t.env)
    }

    fn is_method(&self, scope: ScopeId) -> bool {
        self.ix.scopes[scope].class.is_some()
    }
}

/// Calls that hand a function to a router or dispatcher as its handler (Flask, FastAPI and
/// Starlette routes, aiohttp's router, python-telegram-bot's handlers).
pub(super) fn registers_handler(callee: &str) -> bool {
    matches!(
        callee,
        "add_url_rule"
            | "add_api_route"
            | "add_api_websocket_route"
            | "add_websocket_route"
            | "add_route"
            | "add_get"
            | "add_post"
            | "add_put"
            | "add_patch"
            | "add_delete"
            | "Route"
            | "WebSocketRoute"
            | "APIRoute"
    ) || (callee.ends_with("Handler") && callee.len() > "Handler".len())
}
