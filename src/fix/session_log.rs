//! The unsafe fix for CS004: log the session's ID right after the session is created, with the
//! file's own logger when it has one (`logging.getLogger`, structlog, loguru; pino, bunyan,
//! winston or a `logger`/`log` binding; `tracing`, `log`), else `print` / `console.log` /
//! `println!`, at the statement's indentation. Unsafe because it adds output.
//!
//! Only shapes whose meaning is plain get a fix: a session assigned to a name
//! (`session = composio.create(...)`, `const session = await composio.create(...)`,
//! `let session = client.create_session(id).send().await?;`), a Python `return` of the call,
//! and in TypeScript/JavaScript any call, whose promise gets a `.then` that logs and passes the
//! session on.

use std::ops::Range;

use super::{Applicability, Edit, Fix, line_ending};
use crate::model::Language;

const TITLE: &str = "log the session ID where the session is created";

pub fn log_session_id(src: &str, language: Language, call: Range<usize>) -> Option<Fix> {
    if call.end > src.len() || call.start >= call.end {
        return None;
    }
    let line_start = src[..call.start].rfind('\n').map_or(0, |i| i + 1);
    let prefix = &src[line_start..call.start];
    let indent_len = prefix.len() - prefix.trim_start_matches([' ', '\t']).len();
    let indent = &prefix[..indent_len];
    let head = &prefix[indent_len..];
    let eol = line_ending(src);
    let edits = match language {
        Language::Python => python(src, call, head, indent, eol, line_start + indent_len)?,
        Language::Rust => rust(src, call, head, indent, eol)?,
        _ => typescript(src, call, head, indent, eol),
    };
    Some(Fix::new(TITLE, Applicability::Unsafe, edits))
}

fn python(
    src: &str,
    call: Range<usize>,
    head: &str,
    indent: &str,
    eol: &str,
    head_start: usize,
) -> Option<Vec<Edit>> {
    // Nothing but blanks or a comment may follow the call on its last line.
    let line_end = src[call.end..]
        .find('\n')
        .map_or(src.len(), |i| call.end + i);
    let line_end = if src[..line_end].ends_with('\r') {
        line_end - 1
    } else {
        line_end
    };
    let rest = src[call.end..line_end].trim();
    if !(rest.is_empty() || rest.starts_with('#')) {
        return None;
    }
    let logger = python_logger(src);
    if let Some(target) = assigned_name(head, &['.'], false).filter(|_| !head.contains("await")) {
        let log = logger.line(&format!("{target}.session_id"));
        return Some(vec![Edit::insert(line_end, format!("{eol}{indent}{log}"))]);
    }
    let returned = head.strip_prefix("return")?;
    if !returned.starts_with([' ', '\t']) || !returned.trim().is_empty() {
        return None;
    }
    let name = "composio_session";
    let log = logger.line(&format!("{name}.session_id"));
    Some(vec![
        Edit::replace(head_start..head_start + head.len(), format!("{name} = ")),
        Edit::insert(
            line_end,
            format!("{eol}{indent}{log}{eol}{indent}return {name}"),
        ),
    ])
}

/// `name = ` / `self.session: Session = ` (Python), `const name = await ` (TypeScript):
/// the assigned name, when `head` is exactly such a beginning of a statement.
fn assigned_name(head: &str, extra: &[char], keyword: bool) -> Option<String> {
    let mut rest = head.trim_end();
    if let Some(r) = rest.strip_suffix("await") {
        rest = r.trim_end();
    }
    let rest = rest.strip_suffix('=')?.trim_end();
    if rest.ends_with([
        '=', '!', '<', '>', '+', '-', '*', '/', '%', '&', '|', '^', ':',
    ]) {
        return None;
    }
    // An annotation (`name: Session`) is dropped.
    let target = match rest.split_once(':') {
        Some((name, _)) => name.trim_end(),
        None => rest,
    };
    let target = if keyword {
        let t = ["const ", "let ", "var "]
            .iter()
            .find_map(|k| target.strip_prefix(k))?;
        let t = t.trim_start();
        if t.contains(['.', ' ']) {
            return None;
        }
        t
    } else {
        target
    };
    let ok = !target.is_empty()
        && !target.starts_with(|c: char| c.is_ascii_digit())
        && target
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '$' || extra.contains(&c));
    ok.then(|| target.to_string())
}

enum PyLogger {
    Logging(String),
    Structlog(String),
    Loguru,
    Print,
}

impl PyLogger {
    fn line(&self, id: &str) -> String {
        match self {
            PyLogger::Logging(name) => format!("{name}.info(\"composio session %s\", {id})"),
            PyLogger::Structlog(name) => {
                format!("{name}.info(\"composio session\", session_id={id})")
            }
            PyLogger::Loguru => format!("logger.info(\"composio session {{}}\", {id})"),
            PyLogger::Print => format!("print(\"composio session\", {id})"),
        }
    }
}

/// A logger bound at module level: `log = logging.getLogger(__name__)` and the like.
fn python_logger(src: &str) -> PyLogger {
    let mut found = PyLogger::Print;
    for line in src.lines() {
        if line.starts_with([' ', '\t']) {
            continue;
        }
        if line.starts_with("from loguru import") && line.contains("logger") {
            return PyLogger::Loguru;
        }
        let Some((name, value)) = line.split_once('=') else {
            continue;
        };
        let name = name.split(':').next().unwrap_or("").trim();
        if name.is_empty() || !name.chars().all(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let value = value.trim_start();
        if value.starts_with("logging.getLogger(") {
            return PyLogger::Logging(name.to_string());
        }
        if value.starts_with("structlog.get_logger(") || value.starts_with("structlog.getLogger(") {
            found = PyLogger::Structlog(name.to_string());
        }
    }
    found
}

fn typescript(src: &str, call: Range<usize>, head: &str, indent: &str, eol: &str) -> Vec<Edit> {
    let logger = ts_logger(src);
    let awaited = head.trim_end().ends_with("await");
    if let Some(name) = assigned_name(head, &[], true).filter(|_| awaited)
        && let Some(end) = ts_statement_end(src, call.end)
    {
        let log = logger.line(&format!("{name}.sessionId"));
        return vec![Edit::insert(end, format!("{eol}{indent}{log};"))];
    }
    // Anywhere else, the promise passes the session on after logging it.
    let log = logger.line("session.sessionId");
    vec![Edit::insert(
        call.end,
        format!(".then((session) => {{ {log}; return session; }})"),
    )]
}

/// The end of the line when only `;`, blanks or a comment follow the call on it.
fn ts_statement_end(src: &str, from: usize) -> Option<usize> {
    let line_end = src[from..].find('\n').map_or(src.len(), |i| from + i);
    let line_end = if src[..line_end].ends_with('\r') {
        line_end - 1
    } else {
        line_end
    };
    let rest = src[from..line_end].trim();
    let rest = rest.strip_prefix(';').unwrap_or(rest).trim_start();
    (rest.is_empty() || rest.starts_with("//")).then_some(line_end)
}

enum TsLogger {
    /// pino and bunyan: the fields first, then the message.
    Structured(String),
    /// winston: the message, then the fields.
    Winston(String),
    /// Some other `logger` / `log`: a message string suits every one.
    Named(String),
    Console,
}

impl TsLogger {
    fn line(&self, id: &str) -> String {
        match self {
            TsLogger::Structured(n) => {
                format!("{n}.info({{ sessionId: {id} }}, 'composio session')")
            }
            TsLogger::Winston(n) => format!("{n}.info('composio session', {{ sessionId: {id} }})"),
            TsLogger::Named(n) => format!("{n}.info(`composio session ${{{id}}}`)"),
            TsLogger::Console => format!("console.log('composio session', {id})"),
        }
    }
}

/// A logger bound at the top of the module.
fn ts_logger(src: &str) -> TsLogger {
    let mut named = None;
    for line in src.lines() {
        if line.starts_with([' ', '\t']) {
            continue;
        }
        let decl = ["const ", "let ", "var ", "export const "]
            .iter()
            .find_map(|k| line.strip_prefix(k));
        if let Some(decl) = decl
            && let Some((name, value)) = decl.split_once('=')
        {
            let name = name.split(':').next().unwrap_or("").trim();
            if name.is_empty()
                || !name
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '_' || c == '$')
            {
                continue;
            }
            let value = value.trim_start().trim_start_matches("await ");
            if value.starts_with("pino(")
                || value.starts_with("bunyan.createLogger(")
                || value.starts_with("require('pino')(")
                || value.starts_with("require(\"pino\")(")
            {
                return TsLogger::Structured(name.to_string());
            }
            if value.starts_with("winston.createLogger(") || value.starts_with("createLogger(") {
                return TsLogger::Winston(name.to_string());
            }
            if matches!(name, "logger" | "log") && named.is_none() {
                named = Some(name.to_string());
            }
        }
        if line.starts_with("import ") && line.contains(" from ") {
            let bound = line["import ".len()..line.find(" from ").unwrap_or(0)].to_string();
            for name in ["logger", "log"] {
                let has = bound
                    .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$'))
                    .any(|w| w == name);
                if has && named.is_none() {
                    named = Some(name.to_string());
                }
            }
        }
    }
    named.map_or(TsLogger::Console, TsLogger::Named)
}

fn rust(src: &str, call: Range<usize>, head: &str, indent: &str, eol: &str) -> Option<Vec<Edit>> {
    let rest = head.strip_prefix("let ")?.trim_start();
    let rest = rest.strip_prefix("mut ").unwrap_or(rest).trim_start();
    let rest = rest.trim_end().strip_suffix('=')?.trim_end();
    let name = rest.split(':').next()?.trim();
    if name.is_empty() || !name.chars().all(|c| c.is_alphanumeric() || c == '_') {
        return None;
    }
    let semi = rust_statement_end(src, call.end)?;
    // The binding must be the session itself, not a `Result` or a future.
    let tail = src[call.end..semi].trim_end();
    let unwrapped = tail.ends_with('?')
        || tail.ends_with(".unwrap()")
        || (tail.ends_with(')') && tail.contains(".expect("));
    if !unwrapped || tail.ends_with("send()") {
        return None;
    }
    let id = format!("{name}.session_id()");
    let log = if src.contains("tracing::") || src.contains("use tracing") {
        format!("tracing::info!(session_id = %{id}, \"composio session\");")
    } else if src.contains("use log::") || src.contains("log::info!") {
        format!("log::info!(\"composio session {{}}\", {id});")
    } else {
        format!("println!(\"composio session {{}}\", {id});")
    };
    // After a trailing comment on the statement's line, so the comment stays with it.
    let line_end = src[semi..].find('\n').map_or(src.len(), |i| semi + i);
    let line_end = if src[..line_end].ends_with('\r') {
        line_end - 1
    } else {
        line_end
    };
    let rest = src[semi + 1..line_end].trim();
    let at = if rest.is_empty() || (rest.starts_with("//") && !rest.contains("*/")) {
        line_end
    } else {
        semi + 1
    };
    Some(vec![Edit::insert(at, format!("{eol}{indent}{log}"))])
}

/// The `;` that ends the statement whose expression runs on from `from`, outside brackets,
/// strings and comments.
fn rust_statement_end(src: &str, from: usize) -> Option<usize> {
    let closed = super::lexical::rust_closed_ranges(&src[from..]);
    let b = src.as_bytes();
    let mut depth = 0i32;
    let mut i = from;
    let mut k = 0;
    while i < b.len() {
        if let Some(r) = closed.get(k)
            && i - from >= r.start
        {
            i = from + r.end;
            k += 1;
            continue;
        }
        match b[i] {
            b'/' if b.get(i + 1) == Some(&b'/') => {
                i = memchr::memchr(b'\n', &b[i..]).map_or(b.len(), |n| i + n);
                continue;
            }
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => {
                depth -= 1;
                if depth < 0 {
                    return None;
                }
            }
            b';' if depth == 0 => return Some(i),
            _ => {}
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixed(src: &str, language: Language, call: &str) -> Option<String> {
        let start = src.find(call).unwrap();
        let fix = log_session_id(src, language, start..start + call.len())?;
        Some(super::super::apply(src, &[&fix]).0)
    }

    #[test]
    fn python_uses_the_module_logger_at_the_statement_indent() {
        let src = "import logging\nlog = logging.getLogger(__name__)\n\ndef f(uid):\n    session = composio.create(user_id=uid)  # new\n    return session\n";
        assert_eq!(
            fixed(src, Language::Python, "composio.create(user_id=uid)").unwrap(),
            "import logging\nlog = logging.getLogger(__name__)\n\ndef f(uid):\n    session = composio.create(user_id=uid)  # new\n    log.info(\"composio session %s\", session.session_id)\n    return session\n"
        );
        let src = "def f(uid):\r\n    return cx.create(user_id=uid)\r\n";
        assert_eq!(
            fixed(src, Language::Python, "cx.create(user_id=uid)").unwrap(),
            "def f(uid):\r\n    composio_session = cx.create(user_id=uid)\r\n    print(\"composio session\", composio_session.session_id)\r\n    return composio_session\r\n"
        );
        assert_eq!(
            fixed(
                "x = [composio.create(user_id=u)]\n",
                Language::Python,
                "composio.create(user_id=u)"
            ),
            None
        );
    }

    #[test]
    fn typescript_logs_after_an_awaited_binding_or_in_a_then() {
        let src = "import pino from 'pino';\nconst logger = pino();\nasync function f(u) {\n  const session = await composio.create(u);\n}\n";
        assert_eq!(
            fixed(src, Language::TypeScript, "composio.create(u)").unwrap(),
            "import pino from 'pino';\nconst logger = pino();\nasync function f(u) {\n  const session = await composio.create(u);\n  logger.info({ sessionId: session.sessionId }, 'composio session');\n}\n"
        );
        let src = "function f(u) {\n  return composio.create(u);\n}\n";
        assert_eq!(
            fixed(src, Language::JavaScript, "composio.create(u)").unwrap(),
            "function f(u) {\n  return composio.create(u).then((session) => { console.log('composio session', session.sessionId); return session; });\n}\n"
        );
    }

    #[test]
    fn rust_logs_after_the_statement_with_tracing_when_used() {
        let src = "use tracing::info;\nasync fn f() -> Result<()> {\n    let session = client\n        .create_session(\"u; v\")\n        .send()\n        .await?;\n    Ok(())\n}\n";
        assert_eq!(
            fixed(
                src,
                Language::Rust,
                "client\n        .create_session(\"u; v\")"
            )
            .unwrap(),
            "use tracing::info;\nasync fn f() -> Result<()> {\n    let session = client\n        .create_session(\"u; v\")\n        .send()\n        .await?;\n    tracing::info!(session_id = %session.session_id(), \"composio session\");\n    Ok(())\n}\n"
        );
        let src =
            "fn f() -> R {\n    let s = c.create_session(u).send().await?; // why\n    Ok(())\n}\n";
        assert_eq!(
            fixed(src, Language::Rust, "c.create_session(u)").unwrap(),
            "fn f() -> R {\n    let s = c.create_session(u).send().await?; // why\n    println!(\"composio session {}\", s.session_id());\n    Ok(())\n}\n"
        );
        let src = "fn f() { let s = client.create_session(u).send(); }\n";
        assert_eq!(fixed(src, Language::Rust, "client.create_session(u)"), None);
    }
}
