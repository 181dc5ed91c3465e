//! The grammar facts the shared core needs, for each tree-sitter grammar.

use crate::lang::common::LOG_METHODS;

/// The grammar facts the shared core reads, one table per language.
pub struct Syntax {
    /// Node kinds that are a plain name read as a variable.
    pub name_kinds: &'static [&'static str],
    /// `a.b`: `attribute` in Python, `member_expression` in TypeScript.
    pub member_kind: &'static str,
    /// The field of `a.b` that holds `b`.
    pub property_field: &'static str,
    /// The node kind of `b` in `a.b`.
    pub property_name_kind: &'static str,
    pub call_kind: &'static str,
    /// List and tuple literals.
    pub sequence_kinds: &'static [&'static str],
    /// Methods that log when called on a logger object.
    pub log_methods: &'static [&'static str],
    /// Methods that attach a value to a trace span or an error report, on any object.
    pub telemetry_methods: &'static [&'static str],
}

pub const PYTHON: Syntax = Syntax {
    name_kinds: &["identifier"],
    member_kind: "attribute",
    property_field: "attribute",
    property_name_kind: "identifier",
    call_kind: "call",
    sequence_kinds: &["list", "tuple"],
    log_methods: LOG_METHODS,
    telemetry_methods: &[
        "set_attribute",
        "set_attributes",
        "set_tag",
        "set_tags",
        "set_context",
        "add_event",
        "add_breadcrumb",
    ],
};

pub const TYPESCRIPT: Syntax = Syntax {
    name_kinds: &["identifier", "shorthand_property_identifier"],
    member_kind: "member_expression",
    property_field: "property",
    property_name_kind: "property_identifier",
    call_kind: "call_expression",
    sequence_kinds: &["array"],
    log_methods: TS_LOG_METHODS,
    telemetry_methods: &[
        "setAttribute",
        "setAttributes",
        "setTag",
        "setTags",
        "setContext",
        "setExtra",
        "addEvent",
        "addBreadcrumb",
    ],
};

/// Methods of JavaScript loggers (console, pino, winston, bunyan, `req.log`).
const TS_LOG_METHODS: &[&str] = &[
    "debug", "info", "warn", "warning", "error", "fatal", "trace", "log", "child", "verbose",
    "silly", "http", "notice", "critical",
];
