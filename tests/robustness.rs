//! Bad input is normal input: random bytes and source text never panic the library, and the
//! real binary survives pathological files and file systems with the exit status SPEC §2 asks
//! for.
//!
//! How SPEC §2's exit status is read here (the README's table says the same):
//! - 0: nothing at error severity was found — this includes a file that is skipped because it
//!   never mentions Composio (empty files, a file of NUL bytes), and "no files to lint".
//! - 1: findings fail the run. A file that was *read* but cannot be decoded (invalid UTF-8, NUL
//!   bytes in a Composio file) is a `CS900 parse-error` finding at error severity, so it fails
//!   the run like any other error finding: 1, not 2. A syntax error (including nesting too deep
//!   to parse safely) is a CS900 *warning*: the rest of the file was linted.
//! - 2: usage, config or I/O errors: a path named on the command line that does not exist (a
//!   dangling symlink or a symlink loop named explicitly is such a path), and a file or folder
//!   that cannot be read (permission denied). The unreadable file is also reported as CS900 and
//!   every other file is still linted. `--exit-zero` silences findings, not I/O errors (as in
//!   ruff, whose `--exit-zero` still exits 2 on an abnormal run).
//! - A dangling symlink or a symlink to a folder met *while walking* is not a file to lint and
//!   not an error: walking does not follow links to folders (so a link to a parent folder cannot
//!   loop) and a link to nothing has nothing to read.
//!
//! Run longer locally with `ROBUSTNESS_CASES=5000 cargo test --test robustness`.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Once;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant, SystemTime};

use assert_cmd::Command;
use clap::ValueEnum;
use composio_lint::lint::{Settings, lint_bytes};
use composio_lint::model::Language;
use composio_lint::report::{self, Format};
use predicates::prelude::*;
use proptest::prelude::*;
use proptest::test_runner::Config as ProptestConfig;

mod common;
use common::project;

// ------------------------------------------------------------------------------------ helpers

fn bin() -> Command {
    let mut c = Command::cargo_bin("composio-lint").unwrap();
    c.env_remove("GITHUB_ACTIONS").env_remove("NO_COLOR");
    c
}

const PY_PREFIX: &str = "from composio import Composio\n";
const TS_PREFIX: &str = "import { Composio } from '@composio/core';\n";
const RS_PREFIX: &str = "use composio_sdk::ComposioClient;\n";

/// One error (CS001, line 7) and nothing else.
const BAD_PY: &str = r#"from composio import Composio

composio = Composio()


def handle(user_id: str):
    session = composio.create(user_id="default")
    print(session.session_id)
    return session.tools()
"#;

/// One error (CS001, line 5) and nothing else.
const BAD_TS: &str = "import { Composio } from '@composio/core';\n\
const c = new Composio();\n\
\n\
export async function POST(req: Request) {\n  const s = await c.create('default');\n  console.log(s.sessionId);\n}\n";

/// Runs `check` in `dir` with JSON output; returns the exit code and the findings.
fn check_json(dir: &Path, args: &[&str]) -> (i32, Vec<serde_json::Value>) {
    let out = bin()
        .current_dir(dir)
        .args(["check", "--output-format", "json"])
        .args(args)
        .output()
        .unwrap();
    let findings = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}); exit {:?}; stderr: {}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (out.status.code().unwrap_or(-1), findings)
}

/// `path:line:column:code` for each finding, in output order.
fn summary(findings: &[serde_json::Value]) -> Vec<String> {
    findings
        .iter()
        .map(|f| {
            format!(
                "{}:{}:{}:{}",
                f["path"].as_str().unwrap(),
                f["line"],
                f["column"],
                f["code"].as_str().unwrap()
            )
        })
        .collect()
}

/// Every language the linter knows, found through the file extensions SPEC §2 lists, so a new
/// front end (Rust) is fuzzed here as soon as `Language::from_path` knows its extension.
fn languages() -> Vec<Language> {
    const EXTENSIONS: &[&str] = &[
        "py", "pyi", "ts", "mts", "cts", "tsx", "js", "jsx", "mjs", "cjs", "rs",
    ];
    let mut out: Vec<Language> = Vec::new();
    for ext in EXTENSIONS {
        if let Some(l) = Language::from_path(Path::new(&format!("x.{ext}")))
            && !out.contains(&l)
        {
            out.push(l);
        }
    }
    out
}

#[test]
fn every_language_variant_is_covered() {
    let langs = languages();
    for l in [
        Language::Python,
        Language::TypeScript,
        Language::Tsx,
        Language::JavaScript,
        Language::Rust,
    ] {
        assert!(langs.contains(&l), "{l:?} is not reached by any extension");
    }
}

/// Panics anywhere in this process, counted by a panic hook: a front end that runs on its own
/// thread (Rust) and turns a panic into "no findings" still shows up here.
static PANICS: AtomicUsize = AtomicUsize::new(0);

fn count_panics() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            PANICS.fetch_add(1, Ordering::SeqCst);
            previous(info);
        }));
    });
}

/// Lints `bytes` as `language`, then renders the findings in every output format, as the binary
/// would. Panics (the property fails) if anything inside panics, even on a thread whose panic
/// the linter swallows, or a span is out of range.
fn lint_and_render(bytes: &[u8], language: Language) {
    count_panics();
    let panics_before = PANICS.load(Ordering::SeqCst);
    let settings = Settings {
        snippets: true,
        ..Settings::default()
    };
    let findings = lint_bytes("input", bytes, language, &settings);
    // Spans are offsets into the text after its byte-order mark; undecodable input gets none.
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let src = std::str::from_utf8(text).unwrap_or("");
    assert_eq!(
        PANICS.load(Ordering::SeqCst),
        panics_before,
        "something panicked while linting {language:?} (see the panic message above)"
    );
    for f in &findings {
        assert!(
            f.span.start <= f.span.end && f.span.end <= src.len(),
            "{} span {:?} outside a {}-byte source",
            f.code,
            f.span,
            src.len()
        );
        assert!(
            src.is_char_boundary(f.span.start) && src.is_char_boundary(f.span.end),
            "{} span {:?} splits a character",
            f.code,
            f.span
        );
        assert!(f.start.line >= 1 && f.start.column >= 1 && f.start <= f.end);
        for l in &f.labels {
            assert!(
                l.span.start <= l.span.end && l.span.end <= src.len(),
                "{} label span {:?} outside a {}-byte source",
                f.code,
                l.span,
                src.len()
            );
        }
    }
    for format in Format::value_variants() {
        let mut out = Vec::new();
        report::render(*format, &findings, false, &mut out).unwrap();
    }
}

fn cases(default: u32) -> u32 {
    std::env::var("ROBUSTNESS_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn proptest_config(default_cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases: cases(default_cases),
        // Failing inputs are written into this file's regression tests by hand, not into a
        // `proptest-regressions/` folder next to it.
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Fragments of Python and TypeScript that matter to the front ends, so generated files reach
/// the resolver and the rules rather than stopping at the first syntax error.
const TOKENS: &[&str] = &[
    // Composio
    "composio",
    "Composio",
    "Composio()",
    "new Composio()",
    "composio.create(",
    "composio.sessions.create(",
    "composio.tool_router.create(",
    "composio.toolRouter.create(",
    "composio.experimental.tool_router.create(",
    "composio.experimental.toolRouter.createSession(",
    "composio.use(",
    "composio.tools.execute(",
    "composio.connected_accounts.initiate(",
    "composio.createSession({ headers })",
    "getComposio()",
    "require('@composio/core')",
    "import composio\n",
    "import * as C from '@composio/core';\n",
    ".create(",
    ".use(",
    ".tools()",
    "user_id=",
    "user_id",
    "userId: ",
    "userId",
    "USER_ID",
    "{ userId = 'default' }",
    "\"default\"",
    "'default'",
    "`default`",
    "'DEFAULT'",
    "\"a@b.co\"",
    "user.email",
    "req.body.email",
    "session",
    "session.session_id",
    "session.sessionId",
    "const { sessionId } = session",
    // logging
    "logging.info(",
    "logger.info(",
    "console.log(",
    "print(",
    "extra={",
    // storage and caching
    "cache[user_id] = ",
    "sessions.set(userId, ",
    ".setdefault(",
    "@functools.lru_cache\n",
    "@lru_cache(maxsize=None)\n",
    "new Map()",
    "new WeakMap()",
    // scopes and names
    "def f(user_id):\n",
    "def handle(request, **kwargs):\n",
    "async def g(user_id=\"default\"):\n",
    "class A:\n",
    "class A {\n",
    "def __init__(self):\n",
    "constructor() {",
    "self.",
    "this.",
    "self.session = ",
    "this.composio = ",
    "global ",
    "nonlocal ",
    "lambda x: ",
    "function h(userId) {",
    "export async function POST(req) {",
    "export default ",
    "const ",
    "let ",
    "var ",
    "await ",
    "async ",
    "return ",
    "yield ",
    "import ",
    "from ",
    " as ",
    "if __name__ == \"__main__\":\n",
    "os.getenv(\"USER_ID\", \"default\")",
    "process.env.USER_ID ?? 'default'",
    "settings.get(\"USER_ID\") or \"default\"",
    " or ",
    " ?? ",
    " || ",
    " if ",
    " else ",
    " ? ",
    "**kwargs",
    "...opts",
    "*args",
    "=>",
    "=",
    "==",
    "+",
    "f\"{user_id}:\"",
    "`uid:${userId}`",
    // punctuation and layout
    ",",
    ":",
    ";",
    ".",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    "<",
    ">",
    "</",
    "/>",
    "\n",
    "\r\n",
    "\r",
    "    ",
    "\t",
    "\\",
    "\"",
    "'",
    "`",
    "\"\"\"",
    "#",
    "//",
    "/*",
    "*/",
    "# composio-lint: ignore[CS001] -- demo\n",
    "// composio-lint: ignore[default-user-id]\n",
    "# noqa: CS004\n",
    "composio-lint: file-ignore[CS004, CS999]",
    "composio-lint: ignore",
    "x",
    "y1",
    "0",
    "\u{feff}",
    "é",
    "𝔘",
    "🦀",
    "\u{2028}",
    "\u{0}",
    // Rust (`composio-sdk`)
    "ComposioClient::builder().api_key(key).build()?",
    "client.create_session(",
    "client.create_session(\"default\").send().await?",
    ".send().await",
    "client.get_session(",
    "session.session_id()",
    "fn main() {",
    "async fn handle(user_id: &str) {",
    "static CLIENT: OnceLock<ComposioClient> = OnceLock::new();",
    "lazy_static! {",
    "HashMap::new()",
    ".entry(user_id).or_insert_with(",
    "json!({\"user_id\": ",
    "env::var(\"USER_ID\").unwrap_or(\"default\".into())",
    "tracing::info!(",
    "println!(",
    "impl ",
    "struct ",
    "->",
    "::",
    "&",
    "'a",
    "r#\"",
    "\"#",
    "#[",
    "!",
];

/// A generated source file: tokens, with some arbitrary text between them.
fn source_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            6 => prop::sample::select(TOKENS).prop_map(str::to_string),
            1 => any::<char>().prop_map(|c| c.to_string()),
            1 => ".{0,12}",
        ],
        0..96,
    )
    .prop_map(|parts| parts.concat())
}

// ------------------------------------------------------------------- property tests (library)

proptest! {
    #![proptest_config(proptest_config(64))]

    /// Arbitrary bytes: almost all fail the prefilter or UTF-8 decoding; the copy with
    /// "composio" spliced in reaches decoding for every one.
    #[test]
    fn arbitrary_bytes_never_panic(
        bytes in prop::collection::vec(any::<u8>(), 0..1024),
        at in any::<prop::sample::Index>(),
    ) {
        let mut with_name = bytes.clone();
        with_name.splice(at.index(bytes.len() + 1)..at.index(bytes.len() + 1), *b"composio");
        for language in languages() {
            lint_and_render(&bytes, language);
            lint_and_render(&with_name, language);
        }
    }

    /// Arbitrary Unicode after a Composio import, in every language (each prefix is also tried
    /// in the other languages' parsers).
    #[test]
    fn arbitrary_text_after_a_composio_import_never_panics(text in any::<String>()) {
        for language in languages() {
            for prefix in [PY_PREFIX, TS_PREFIX, RS_PREFIX] {
                lint_and_render(format!("{prefix}{text}").as_bytes(), language);
            }
        }
    }
}

proptest! {
    #![proptest_config(proptest_config(96))]

    /// Token soup after a Composio import: reaches the resolver and the rules.
    #[test]
    fn generated_code_after_a_composio_import_never_panics(text in source_text()) {
        for language in languages() {
            for prefix in [PY_PREFIX, TS_PREFIX, RS_PREFIX] {
                lint_and_render(format!("{prefix}{text}").as_bytes(), language);
            }
        }
    }
}

// ------------------------------------------------------------ pathological files (the binary)

/// The last part of a process's stderr, for failure messages.
fn tail(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    let start = text.char_indices().rev().nth(1500).map_or(0, |(i, _)| i);
    text[start..].to_string()
}

/// Runs `check --output-format json FILE` in `dir`: it must end on its own with 0 or 1 — not
/// killed by a signal (an abort or a stack overflow), not 2. Returns the code and the findings.
fn survives(dir: &Path, file: &str) -> (i32, Vec<serde_json::Value>) {
    survives_within(dir, file, None)
}

/// Like `survives`, with a hang guard for the tests of known hangs: a run still going after
/// `limit` is killed and fails the test (each of them takes well under a second when fixed).
fn survives_within(
    dir: &Path,
    file: &str,
    limit: Option<Duration>,
) -> (i32, Vec<serde_json::Value>) {
    let mut cmd = bin();
    cmd.current_dir(dir)
        .args(["check", "--output-format", "json", file]);
    if let Some(limit) = limit {
        cmd.timeout(limit);
    }
    let started = Instant::now();
    let out = cmd.output().unwrap();
    let code = out.status.code();
    let status = match (code, limit) {
        (Some(code), _) => format!("exit {code}"),
        (None, Some(limit)) if started.elapsed() >= limit => {
            format!("still running after {limit:?}: killed by the hang guard")
        }
        (None, _) => format!("{}: killed by a signal (a crash)", out.status),
    };
    assert!(
        matches!(code, Some(0 | 1)),
        "{file}: {status}; stderr ends with:\n{}",
        tail(&out.stderr)
    );
    let findings = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{file}: stdout is not JSON: {e}"));
    (code.unwrap_or(-1), findings)
}

const PY_HEAD: &str = "from composio import Composio\ncomposio = Composio()\n";
const TS_HEAD: &str =
    "import { Composio } from '@composio/core';\nconst composio = new Composio();\n";
const RS_HEAD: &str = "use composio_sdk::ComposioClient;\n";

const DEPTH: usize = 40_000;

fn nested(open: &str, middle: &str, close: &str, depth: usize) -> String {
    format!("{}{middle}{}", open.repeat(depth), close.repeat(depth))
}

#[test]
fn python_40000_deep_nesting_ends_normally() {
    let shapes = [
        (
            "parens.py",
            format!("x = {}\n", nested("(", "1", ")", DEPTH)),
        ),
        (
            "brackets.py",
            format!("x = {}\n", nested("[", "", "]", DEPTH)),
        ),
        (
            "braces.py",
            format!("x = {}\n", nested("{", "", "}", DEPTH)),
        ),
        (
            "dicts.py",
            format!("x = {}\n", nested("{'a': ", "1", "}", DEPTH)),
        ),
        (
            "mixed.py",
            format!("x = {}\n", nested("([{", "1", "}])", DEPTH / 3)),
        ),
        (
            // Deep nesting in a Composio user-id position: the resolver follows it.
            "user_id.py",
            format!(
                "session = composio.create(user_id={})\n",
                nested("(", "'default'", ")", DEPTH)
            ),
        ),
        (
            "calls.py",
            format!(
                "session = composio.create(user_id={})\n",
                nested("f(", "'default'", ")", DEPTH)
            ),
        ),
        ("lambdas.py", format!("f = {}1\n", "lambda: ".repeat(DEPTH))),
        ("nots.py", format!("f = {}x\n", "not ".repeat(DEPTH))),
        (
            "ternaries.py",
            format!("f = {}c\n", "a if b else ".repeat(DEPTH)),
        ),
        ("subscripts.py", format!("f = x{}\n", "[0]".repeat(DEPTH))),
        (
            "elifs.py",
            format!("if a:\n    pass\n{}", "elif a:\n    pass\n".repeat(DEPTH)),
        ),
        (
            "concat.py",
            format!("f = {}\n", vec!["'a'"; DEPTH].join(" + ")),
        ),
    ];
    let files: Vec<(String, String)> = shapes
        .into_iter()
        .map(|(n, body)| (n.to_string(), format!("{PY_HEAD}{body}")))
        .collect();
    let dir = project(
        &files
            .iter()
            .map(|(n, b)| (n.as_str(), b.as_bytes()))
            .collect::<Vec<_>>(),
    );
    for (name, _) in &files {
        survives(dir.path(), name);
    }
}

#[test]
fn typescript_40000_deep_nesting_ends_normally() {
    let shapes = [
        (
            "parens.ts",
            format!("const x = {};\n", nested("(", "1", ")", DEPTH)),
        ),
        (
            "brackets.ts",
            format!("const x = {};\n", nested("[", "", "]", DEPTH)),
        ),
        (
            "objects.ts",
            format!("const x = {};\n", nested("{a:", "1", "}", DEPTH)),
        ),
        ("blocks.ts", format!("{}\n", nested("{", "", "}", DEPTH))),
        (
            "mixed.js",
            format!("const x = {};\n", nested("([{a:", "1", "}])", DEPTH / 3)),
        ),
        (
            "user_id.ts",
            format!(
                "const s = composio.create({});\n",
                nested("(", "'default'", ")", DEPTH)
            ),
        ),
        (
            "options.ts",
            format!(
                "const s = composio.create({});\n",
                nested("{ userId: ", "'default'", " }", DEPTH)
            ),
        ),
        (
            "jsx.tsx",
            format!("const x = {};\n", nested("<a>", "", "</a>", DEPTH)),
        ),
        (
            "templates.ts",
            format!("const x = {};\n", nested("`${", "1", "}`", DEPTH)),
        ),
        (
            "generics.ts",
            format!("type T = {};\n", nested("Array<", "string", ">", DEPTH)),
        ),
        (
            "ternaries.ts",
            format!("const f = {}c;\n", "a ? b : ".repeat(DEPTH)),
        ),
        ("nots.mjs", format!("const f = {}x;\n", "!".repeat(DEPTH))),
        (
            "ifs.ts",
            format!("{}composio.create('default');\n", "if (x) ".repeat(DEPTH)),
        ),
        (
            "elses.ts",
            format!("if (a) {{}} {}\n", "else if (a) {} ".repeat(DEPTH)),
        ),
        (
            "concat.cjs",
            format!("const f = {};\n", vec!["'a'"; DEPTH].join(" + ")),
        ),
    ];
    let files: Vec<(String, String)> = shapes
        .into_iter()
        .map(|(n, body)| (n.to_string(), format!("{TS_HEAD}{body}")))
        .collect();
    let dir = project(
        &files
            .iter()
            .map(|(n, b)| (n.as_str(), b.as_bytes()))
            .collect::<Vec<_>>(),
    );
    for (name, _) in &files {
        survives(dir.path(), name);
    }
}

/// Bracket nesting deeper than the Rust front end's limit is a CS900, not a crash.
#[test]
fn rust_40000_deep_brackets_end_normally() {
    let shapes = [
        (
            "parens.rs",
            format!("fn f() {{ let x = {}; }}\n", nested("(", "1", ")", DEPTH)),
        ),
        (
            "arrays.rs",
            format!("fn f() {{ let x = {}; }}\n", nested("[", "1", "]", DEPTH)),
        ),
        (
            "blocks.rs",
            format!("fn f() {}\n", nested("{", "", "}", DEPTH)),
        ),
    ];
    let files: Vec<(String, String)> = shapes
        .into_iter()
        .map(|(n, body)| (n.to_string(), format!("{RS_HEAD}{body}")))
        .collect();
    let dir = project(
        &files
            .iter()
            .map(|(n, b)| (n.as_str(), b.as_bytes()))
            .collect::<Vec<_>>(),
    );
    for (name, _) in &files {
        let (code, findings) = survives(dir.path(), name);
        // Too deep to parse safely: nothing in the file was linted, so a CS900 error.
        assert_eq!(code, 1, "{name}: {findings:?}");
        assert_eq!(summary(&findings).len(), 1, "{name}: {findings:?}");
        assert_eq!(findings[0]["code"], "CS900", "{name}");
        assert_eq!(findings[0]["severity"], "error", "{name}");
    }
}

/// The error that must still be found at the end of each big file.
const BAD_PY_TAIL: &str = "\n\ndef handle(user_id: str):\n    session = composio.create(user_id=\"default\")\n    print(session.session_id)\n";

#[test]
fn a_20_mb_file_is_linted_to_the_end() {
    // A generated resource module: a Composio agent with a 20 MB embedded asset before it.
    let mut src =
        String::from("from composio import Composio\n\ncomposio = Composio()\n\nASSET = b\"\"\"\n");
    let line = "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0\n";
    while src.len() < 20_000_000 {
        src.push_str(line);
    }
    src.push_str("\"\"\"\n");
    src.push_str(BAD_PY_TAIL);
    let bad_line = src.lines().position(|l| l.contains("\"default\"")).unwrap() + 1;
    let dir = project(&[("assets.py", src.as_bytes())]);
    let (code, findings) = survives(dir.path(), "assets.py");
    assert_eq!(code, 1);
    assert_eq!(
        summary(&findings),
        [format!("assets.py:{bad_line}:39:CS001")]
    );
}

#[test]
fn a_5_mb_single_line_is_linted() {
    // A minified bundle: 5 MB on one line, with one planted error at its very end.
    let mut js = String::from("import{Composio as C}from\"@composio/core\";const c=new C;");
    let mut i = 0;
    while js.len() < 5_000_000 {
        js.push_str(&format!("function a{i}(b){{return b*2+{i}}};"));
        i += 1;
    }
    let column =
        js.chars().count() + 1 + "export async function POST(r){const s=await c.create(".len();
    js.push_str(
        "export async function POST(r){const s=await c.create('default');console.log(s.sessionId)}",
    );
    // Python: a 1 MB list on the line that also creates the session.
    let mut py = String::from("from composio import Composio; composio = Composio(); ROWS = [");
    let mut i = 0;
    while py.len() < 1_000_000 {
        py.push_str(&format!("{i}, "));
        i += 1;
    }
    py.push_str("0]; s = composio.create(user_id='default'); print(s.session_id)\n");
    let py_column = py.find("'default'").unwrap() + 1;
    let dir = project(&[("bundle.min.js", js.as_bytes()), ("rows.py", py.as_bytes())]);
    let (code, findings) = survives(dir.path(), "bundle.min.js");
    assert_eq!(code, 1);
    assert_eq!(
        summary(&findings),
        [format!("bundle.min.js:1:{column}:CS001")]
    );
    let (code, findings) = survives(dir.path(), "rows.py");
    assert_eq!(code, 1);
    assert_eq!(summary(&findings), [format!("rows.py:1:{py_column}:CS001")]);
}

fn many_functions(head: &str, function: impl Fn(usize) -> String) -> String {
    let mut src = String::from(head);
    for i in 0..400_000 {
        src.push_str(&function(i));
    }
    src
}

#[test]
fn a_python_file_with_400000_functions_ends_normally() {
    let py = many_functions(PY_HEAD, |i| format!("def f{i}(user_id): pass\n"));
    let dir = project(&[("many.py", py.as_bytes())]);
    assert_eq!(survives(dir.path(), "many.py"), (0, Vec::new()));
}

#[test]
fn a_typescript_file_with_400000_functions_ends_normally() {
    let ts = many_functions(TS_HEAD, |i| format!("function f{i}(userId) {{}}\n"));
    let dir = project(&[("many.ts", ts.as_bytes())]);
    assert_eq!(survives(dir.path(), "many.ts"), (0, Vec::new()));
}

// ------------------------------------------------------------------------- odd bytes (binary)

/// SPEC §2: a file that never mentions Composio cannot matter and is skipped (0); one that
/// does but cannot be decoded is a CS900 error finding (1); the other files are still linted.
#[test]
fn nul_bytes_invalid_utf8_bom_and_empty_files() {
    let mut latin1 = PY_PREFIX.as_bytes().to_vec();
    latin1.extend(b"name = '");
    latin1.extend([0xe9, 0xff, 0xfe]);
    latin1.extend(b"'\n");
    let mut lone_surrogate = TS_PREFIX.as_bytes().to_vec();
    lone_surrogate.extend(b"const s = '\xed\xa0\x80';\n");
    let mut nul_after = PY_PREFIX.as_bytes().to_vec();
    nul_after.extend([0; 64]);
    let bom_bad = format!("\u{feff}{BAD_PY}");
    let dir = project(&[
        ("zeros.py", &[0u8; 4096]),
        ("zeros_composio.py", &nul_after),
        ("latin1.py", &latin1),
        ("surrogate.ts", &lone_surrogate),
        ("bom_only.py", b"\xef\xbb\xbf"),
        ("bom_bad.py", bom_bad.as_bytes()),
        ("empty.py", b""),
        ("empty.ts", b""),
        ("empty.rs", b""),
        ("whitespace.tsx", b" \n\t\r\n"),
        ("bad.py", BAD_PY.as_bytes()),
    ]);
    let cases: &[(&str, i32, &[&str])] = &[
        ("zeros.py", 0, &[]),
        ("zeros_composio.py", 1, &["zeros_composio.py:1:1:CS900"]),
        ("latin1.py", 1, &["latin1.py:1:1:CS900"]),
        ("surrogate.ts", 1, &["surrogate.ts:1:1:CS900"]),
        ("bom_only.py", 0, &[]),
        ("bom_bad.py", 1, &["bom_bad.py:7:39:CS001"]),
        ("empty.py", 0, &[]),
        ("empty.ts", 0, &[]),
        ("empty.rs", 0, &[]),
        ("whitespace.tsx", 0, &[]),
    ];
    for (file, code, expected) in cases {
        let (got, findings) = survives(dir.path(), file);
        assert_eq!(
            (got, summary(&findings)),
            (*code, expected.iter().map(|s| s.to_string()).collect()),
            "{file}"
        );
    }
    // All together: every bad file is reported and bad.py is still linted.
    let (code, findings) = check_json(dir.path(), &[]);
    assert_eq!(code, 1);
    assert_eq!(
        summary(&findings),
        [
            "bad.py:7:39:CS001",
            "bom_bad.py:7:39:CS001",
            "latin1.py:1:1:CS900",
            "surrogate.ts:1:1:CS900",
            "zeros_composio.py:1:1:CS900",
        ]
    );
    // Empty stdin is an empty file, too.
    bin()
        .args(["check", "--stdin-filename", "x.py", "-q"])
        .write_stdin("")
        .assert()
        .code(0)
        .stdout("");
}

/// PEP 263: a Python file may declare another encoding on its first or second line. Such a
/// file is decoded in it and linted; columns count its characters. Declaring an encoding the
/// bytes do not decode in is still a CS900.
#[test]
fn python_files_in_a_declared_encoding_are_linted() {
    // BAD_PY with a Latin-1 `é` (one byte, 0xE9) before the user id on line 8.
    let body = BAD_PY.replace("user_id=", "nom='\u{e9}', user_id=");
    let mut latin1 = b"# -*- coding: latin-1 -*-\n".to_vec();
    latin1.extend(body.chars().map(|c| u8::try_from(u32::from(c)).unwrap()));
    // KOI8-R Cyrillic after the code; the declaration on the second line.
    let mut koi8 = b"#!/usr/bin/env python3\n# vim: set fileencoding=koi8-r :\n".to_vec();
    koi8.extend(BAD_PY.bytes());
    koi8.extend(b"greeting = '\xf0\xd2\xc9\xd7\xc5\xd4'\n");
    let mut wrong = b"# coding: utf-8\n".to_vec();
    wrong.extend(BAD_PY.bytes());
    wrong.extend(b"name = '\xe9'\n");
    let dir = project(&[
        ("latin1.py", &latin1),
        ("koi8.py", &koi8),
        ("wrong.py", &wrong),
    ]);
    let (code, findings) = check_json(dir.path(), &[]);
    assert_eq!(code, 1);
    assert_eq!(
        summary(&findings),
        [
            "koi8.py:9:39:CS001",
            "latin1.py:8:48:CS001",
            "wrong.py:1:1:CS900",
        ]
    );
}

#[test]
fn crlf_and_cr_files_report_findings_on_the_right_lines() {
    let rs = "use composio_sdk::ComposioClient;\n\
\n\
pub async fn handle(client: &ComposioClient, user_id: &str) -> anyhow::Result<()> {\n    let session = client.create_session(\"default\").send().await?;\n    tracing::info!(session_id = %session.session_id(), \"started\");\n    Ok(())\n}\n";
    let crlf = |s: &str| s.replace('\n', "\r\n");
    // Old Mac line endings: a lone `\r` ends a line too.
    let cr = |s: &str| s.replace('\n', "\r");
    let dir = project(&[
        ("cr.py", cr(BAD_PY).as_bytes()),
        ("cr.ts", cr(BAD_TS).as_bytes()),
        ("cr.rs", cr(rs).as_bytes()),
        ("crlf.py", crlf(BAD_PY).as_bytes()),
        ("crlf.ts", crlf(BAD_TS).as_bytes()),
        ("crlf.rs", crlf(rs).as_bytes()),
        (
            "bom_crlf.ts",
            format!("\u{feff}{}", crlf(BAD_TS)).as_bytes(),
        ),
        ("lf.py", BAD_PY.as_bytes()),
        ("lf.ts", BAD_TS.as_bytes()),
        ("lf.rs", rs.as_bytes()),
    ]);
    let (code, findings) = check_json(dir.path(), &[]);
    assert_eq!(code, 1);
    let positions = |name: &str| -> Vec<String> {
        findings
            .iter()
            .filter(|f| f["path"] == name)
            .map(|f| {
                format!(
                    "{}:{}-{}:{} {}",
                    f["line"],
                    f["column"],
                    f["end_line"],
                    f["end_column"],
                    f["code"].as_str().unwrap()
                )
            })
            .collect()
    };
    assert_eq!(positions("lf.py"), ["7:39-7:48 CS001"]);
    assert_eq!(positions("lf.ts"), ["5:28-5:37 CS001"]);
    assert_eq!(positions("lf.rs"), ["4:41-4:50 CS001"]);
    for (crlf_file, lf_file) in [
        ("crlf.py", "lf.py"),
        ("crlf.ts", "lf.ts"),
        ("bom_crlf.ts", "lf.ts"),
        ("crlf.rs", "lf.rs"),
        ("cr.py", "lf.py"),
        ("cr.ts", "lf.ts"),
        ("cr.rs", "lf.rs"),
    ] {
        assert_eq!(positions(crlf_file), positions(lf_file), "{crlf_file}");
    }
}

// ----------------------------------------------------------------------- file system (binary)

#[cfg(unix)]
#[test]
fn symlink_loops_and_dangling_symlinks() {
    use std::os::unix::fs::symlink;
    let dir = project(&[
        ("bad.py", BAD_PY.as_bytes()),
        ("sub/bad.py", BAD_PY.as_bytes()),
    ]);
    let root = dir.path();
    symlink("..", root.join("sub/up")).unwrap(); // a folder linked to its parent: a loop
    symlink(".", root.join("sub/here")).unwrap(); // a folder linked to itself
    symlink("nowhere.py", root.join("dead.py")).unwrap(); // dangling
    symlink("self.py", root.join("self.py")).unwrap(); // a link to itself (ELOOP)
    symlink("loop_b.py", root.join("loop_a.py")).unwrap();
    symlink("loop_a.py", root.join("loop_b.py")).unwrap();

    // Walking: links to folders are not followed (no loop), broken links are not files.
    let (code, findings) = check_json(root, &[]);
    assert_eq!(code, 1);
    assert_eq!(
        summary(&findings),
        ["bad.py:7:39:CS001", "sub/bad.py:7:39:CS001"]
    );
    // A looping link named on the command line is walked once, through the link.
    let (code, findings) = check_json(root, &["sub/up"]);
    assert_eq!(code, 1);
    assert_eq!(
        summary(&findings),
        ["sub/up/bad.py:7:39:CS001", "sub/up/sub/bad.py:7:39:CS001"]
    );
    // A folder linked to itself, named with the folder: each file once.
    let (code, findings) = check_json(root, &["sub/here", "sub"]);
    assert_eq!(code, 1);
    assert_eq!(summary(&findings), ["sub/bad.py:7:39:CS001"]);
    // Named explicitly, a dangling link or a link loop is a path that cannot be opened:
    // exit 2 with the reason on stderr, and the other paths are still linted.
    for broken in ["dead.py", "self.py", "loop_a.py"] {
        let out = bin()
            .current_dir(root)
            .args(["check", "--output-format", "json", broken, "bad.py"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{broken}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains(&format!("{broken}: ")),
            "{broken}: {stderr}"
        );
        let findings: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(summary(&findings), ["bad.py:7:39:CS001"], "{broken}");
        // `--exit-zero` silences findings, not a path that cannot be read; and the summary
        // does not claim that all checks passed.
        bin()
            .current_dir(root)
            .args(["check", "--exit-zero", broken])
            .assert()
            .code(2)
            .stdout(predicate::str::contains("All checks passed").not())
            .stdout(predicate::str::contains("1 path could not be read"));
    }
}

#[test]
fn a_path_given_several_times_is_linted_once() {
    let dir = project(&[
        ("bad.py", BAD_PY.as_bytes()),
        ("sub/bad.ts", BAD_TS.as_bytes()),
    ]);
    let absolute = dir.path().join("bad.py");
    let (code, findings) = check_json(
        dir.path(),
        &[
            "bad.py",
            "./bad.py",
            absolute.to_str().unwrap(),
            ".",
            "sub",
            "./sub/",
            "sub/bad.ts",
            "sub/../bad.py",
        ],
    );
    assert_eq!(code, 1);
    assert_eq!(
        summary(&findings),
        ["bad.py:7:39:CS001", "sub/bad.ts:5:28:CS001"]
    );
}

#[cfg(unix)]
#[test]
fn paths_with_spaces_and_non_utf8_bytes() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let dir = project(&[("my agents/ok file.py", b"import composio\n")]);
    let name = OsStr::from_bytes(b"b\xffd name.py");
    let file = Path::new("my agents").join(name);
    fs::write(dir.path().join(&file), BAD_PY).unwrap();
    // The path is shown lossily (U+FFFD for the byte that is not UTF-8).
    let shown = "my agents/b\u{fffd}d name.py:7:39:CS001";
    let (code, findings) = check_json(dir.path(), &[]);
    assert_eq!((code, summary(&findings)), (1, vec![shown.to_string()]));
    let out = bin()
        .current_dir(dir.path())
        .args(["check", "--output-format", "json"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let findings: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(summary(&findings), [shown]);
    for format in ["full", "concise", "json-lines", "sarif", "github"] {
        bin()
            .current_dir(dir.path())
            .args(["check", "--output-format", format, "my agents"])
            .assert()
            .code(1);
    }
}

/// Restores a mode on drop, so the temporary folder can be removed whatever happens.
#[cfg(unix)]
struct ModeGuard(Vec<(PathBuf, u32)>);

#[cfg(unix)]
impl Drop for ModeGuard {
    fn drop(&mut self) {
        use std::os::unix::fs::PermissionsExt;
        for (path, mode) in &self.0 {
            let _ = fs::set_permissions(path, fs::Permissions::from_mode(*mode));
        }
    }
}

/// SPEC §2: a file that cannot be read is reported (CS900) and the run goes on, and an I/O
/// error is exit 2 — also with `--exit-zero`, which only silences findings.
#[cfg(unix)]
#[test]
fn unreadable_file_and_folder_exit_2_and_the_rest_is_linted() {
    use std::os::unix::fs::PermissionsExt;
    let dir = project(&[
        ("bad.py", BAD_PY.as_bytes()),
        ("secret.py", BAD_PY.as_bytes()),
        ("locked/inner.py", BAD_PY.as_bytes()),
    ]);
    let root = dir.path();
    let _restore = ModeGuard(vec![
        (root.join("secret.py"), 0o644),
        (root.join("locked"), 0o755),
    ]);
    fs::set_permissions(root.join("secret.py"), fs::Permissions::from_mode(0o000)).unwrap();
    fs::set_permissions(root.join("locked"), fs::Permissions::from_mode(0o000)).unwrap();
    if fs::read(root.join("secret.py")).is_ok() || fs::read_dir(root.join("locked")).is_ok() {
        eprintln!("skipped: this user reads mode-000 files anyway (root)");
        return;
    }
    let (code, findings) = check_json(root, &[]);
    assert_eq!(code, 2);
    assert_eq!(
        summary(&findings),
        [
            "bad.py:7:39:CS001",
            "locked:1:1:CS900",
            "secret.py:1:1:CS900"
        ]
    );
    for f in findings.iter().filter(|f| f["code"] == "CS900") {
        assert!(
            f["message"].as_str().unwrap().contains("permission denied"),
            "{f}"
        );
    }
    for args in [
        &["secret.py", "bad.py"][..],
        &["locked", "bad.py"],
        &["--exit-zero", "secret.py"],
        &["--exit-zero", "locked"],
    ] {
        bin()
            .current_dir(root)
            .arg("check")
            .args(args)
            .assert()
            .code(2);
    }
}

/// Every file and folder under `root` (links not followed): type, contents, permissions and
/// modification time. A folder's mtime changes when an entry is created, renamed or removed
/// in it, so temporary files the linter made and deleted again show up too.
fn snapshot(root: &Path) -> BTreeMap<PathBuf, (String, Vec<u8>, u32, SystemTime)> {
    fn walk(
        root: &Path,
        dir: &Path,
        out: &mut BTreeMap<PathBuf, (String, Vec<u8>, u32, SystemTime)>,
    ) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let meta = fs::symlink_metadata(&path).unwrap();
            #[cfg(unix)]
            let mode = std::os::unix::fs::PermissionsExt::mode(&meta.permissions());
            #[cfg(not(unix))]
            let mode = u32::from(meta.permissions().readonly());
            let kind = format!("{:?}", meta.file_type());
            let contents = if meta.is_file() {
                fs::read(&path).unwrap()
            } else if meta.file_type().is_symlink() {
                fs::read_link(&path)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
                    .into_bytes()
            } else {
                Vec::new()
            };
            out.insert(
                path.strip_prefix(root).unwrap().to_path_buf(),
                (kind, contents, mode, meta.modified().unwrap()),
            );
            if meta.is_dir() {
                walk(root, &path, out);
            }
        }
    }
    let mut out = BTreeMap::new();
    let meta = fs::metadata(root).unwrap();
    out.insert(
        PathBuf::from("."),
        ("root".into(), Vec::new(), 0, meta.modified().unwrap()),
    );
    walk(root, root, &mut out);
    out
}

#[test]
fn linting_never_writes_or_renames_anything() {
    let syntax_error = format!("{BAD_PY}\ndef broken(:\n");
    let mut invalid = PY_PREFIX.as_bytes().to_vec();
    invalid.extend([0xff, 0xfe, b'\n']);
    let dir = project(&[
        (
            "composio-lint.toml",
            b"exclude = [\"vendor\"]\n[per-file-ignores]\n\"scripts/**\" = [\"CS001\"]\n",
        ),
        (".gitignore", b"generated/\n"),
        ("pyproject.toml", b"[project]\nname = \"agent\"\n"),
        ("app/bad.py", BAD_PY.as_bytes()),
        ("app/route.ts", BAD_TS.as_bytes()),
        ("app/crlf.py", BAD_PY.replace('\n', "\r\n").as_bytes()),
        (
            "app/suppressed.py",
            format!("# composio-lint: file-ignore[CS001]\n{BAD_PY}").as_bytes(),
        ),
        ("app/syntax.py", syntax_error.as_bytes()),
        ("app/invalid.py", &invalid),
        ("app/empty.ts", b""),
        (
            "app/lib.rs",
            b"use composio_sdk::ComposioClient;\nfn main() {}\n",
        ),
        ("scripts/demo.py", BAD_PY.as_bytes()),
        ("generated/bad.py", BAD_PY.as_bytes()),
        ("vendor/bad.py", BAD_PY.as_bytes()),
        ("notes.txt", b"composio"),
    ]);
    let root = dir.path();
    #[cfg(unix)]
    std::os::unix::fs::symlink("app/bad.py", root.join("link.py")).unwrap();
    let before = snapshot(root);
    // Old mtimes would hide a write within the same clock tick; wait one.
    std::thread::sleep(Duration::from_millis(20));
    for args in [
        &[][..],
        &["--output-format", "json", "--statistics"],
        &["--output-format", "sarif", "app", "app/bad.py", "link.py"],
        &["--output-format", "github", "--no-respect-gitignore"],
        &[
            "--output-format",
            "concise",
            "--force-exclude",
            "vendor/bad.py",
        ],
        &[
            "--output-format",
            "json-lines",
            "--config",
            "composio-lint.toml",
            "--exit-zero",
        ],
        &[
            "--select",
            "CS001",
            "--ignore",
            "CS004",
            "--deny-warnings",
            "-q",
        ],
    ] {
        let out = bin()
            .current_dir(root)
            .arg("check")
            .args(args)
            .output()
            .unwrap();
        assert!(
            matches!(out.status.code(), Some(0..=1)),
            "{args:?}: {}",
            out.status
        );
    }
    bin()
        .current_dir(root)
        .args(["check", "--stdin-filename", "app/bad.py"])
        .write_stdin(BAD_PY)
        .assert()
        .code(1);
    assert_eq!(
        before,
        snapshot(root),
        "the linter changed the tree it read"
    );
}

/// One file of every bad kind in one run: each is reported, and the good ones are still linted.
#[test]
fn one_bad_file_never_stops_the_others() {
    let mut invalid = TS_PREFIX.as_bytes().to_vec();
    invalid.extend([0xc3, 0x28, b'\n']);
    let deep = format!("{PY_HEAD}x = {}\n", nested("(", "1", ")", DEPTH));
    let too_deep_rust = format!(
        "{RS_HEAD}fn f() {{ let x = {}; }}\n",
        nested("[", "1", "]", 2_000)
    );
    let dir = project(&[
        ("a_bad.py", BAD_PY.as_bytes()),
        ("b_binary.py", b"composio\x00\x00\x00"),
        ("c_invalid.ts", &invalid),
        (
            "d_syntax.ts",
            format!("{TS_PREFIX}export function (((\n").as_bytes(),
        ),
        ("e_deep.py", deep.as_bytes()),
        ("f_deep.rs", too_deep_rust.as_bytes()),
        ("g_empty.py", b""),
        ("z_bad.ts", BAD_TS.as_bytes()),
    ]);
    #[cfg(unix)]
    std::os::unix::fs::symlink("missing.py", dir.path().join("h_dead.py")).unwrap();
    let (code, findings) = check_json(dir.path(), &[]);
    assert_eq!(code, 1);
    let codes: Vec<String> = findings
        .iter()
        .map(|f| {
            format!(
                "{} {}",
                f["path"].as_str().unwrap(),
                f["code"].as_str().unwrap()
            )
        })
        .collect();
    for expected in [
        "a_bad.py CS001",
        "b_binary.py CS900",
        "c_invalid.ts CS900",
        "d_syntax.ts CS900",
        "f_deep.rs CS900",
        "z_bad.ts CS001",
    ] {
        assert!(
            codes.iter().any(|c| c == expected),
            "no `{expected}` in {codes:?}"
        );
    }
}

// ------------------------------------------------------------------- known bugs (ignored tests)
//
// Each test below fails today and passes once its bug is fixed; run them with
// `cargo test --test robustness -- --ignored`. Hangs are caught by a guard that kills the run
// after HANG_GUARD: every input here is small and takes well under a second once fixed.

const HANG_GUARD: Duration = Duration::from_secs(30);

/// Lints `files` one by one with the hang guard, next to a plain bad file, then all together:
/// one bad file must never cost the others their findings.
fn each_ends_normally(files: &[(&str, String)]) {
    let mut all: Vec<(&str, &[u8])> = files.iter().map(|(n, b)| (*n, b.as_bytes())).collect();
    all.push(("zz_bad.py", BAD_PY.as_bytes()));
    let dir = project(&all);
    for (name, _) in files {
        survives_within(dir.path(), name, Some(HANG_GUARD));
    }
    let (_, findings) = survives_within(dir.path(), ".", Some(HANG_GUARD));
    assert!(
        summary(&findings).contains(&"zz_bad.py:7:39:CS001".to_string()),
        "{findings:?}"
    );
}

/// The resolvers look at a call's receiver twice, so before src/lang/memo.rs kept results
/// computed under a depth or cycle cut, a chain of 40 calls was re-evaluated exponentially, and
/// a name reassigned from itself on N lines (`q = q.where(..)`) cost N² or worse.
#[test]
fn long_method_chains_and_self_reassignments_do_not_hang() {
    let n = 45;
    let lines = 3_000;
    each_ends_normally(&[
        (
            "reassigned.py",
            format!(
                "{PY_HEAD}q = db.query()\n{}",
                "q = q.where(x=1)\n".repeat(lines)
            ),
        ),
        (
            "reassigned.ts",
            format!(
                "{TS_HEAD}let q = db.query();\n{}",
                "q = q.where(1);\n".repeat(lines)
            ),
        ),
        (
            "self_chain.py",
            format!(
                "{PY_HEAD}q = db.query()\nq = q{}\n",
                ".where(x=1)".repeat(lines)
            ),
        ),
        (
            "query.py",
            format!("{PY_HEAD}q = db.query(){}\n", ".where(x=1)".repeat(n)),
        ),
        (
            "query.ts",
            format!("{TS_HEAD}const q = db.query(){};\n", ".where(1)".repeat(n)),
        ),
        (
            "cli.js",
            format!(
                "const {{ Composio }} = require('@composio/core');\nconst argv = yargs{}.parse();\n",
                ".option('a', {})".repeat(n)
            ),
        ),
        (
            "schema.ts",
            format!(
                "{TS_HEAD}const S = z.object({{}}){};\n",
                ".extend({ a: z.string() })".repeat(n)
            ),
        ),
    ]);
}

/// A file refused for its nesting is a CS900 error that says so, and the rest of the run goes
/// on: silently passing it would hide whatever it contains.
#[test]
fn files_refused_for_nesting_are_reported() {
    let mut py = String::from(PY_HEAD);
    for i in 0..600 {
        py.push_str(&format!("{}if x:\n", " ".repeat(i)));
    }
    py.push_str(&format!("{}pass\n", " ".repeat(600)));
    let rs = format!("{RS_HEAD}fn f() {{ let x = {}a; }}\n", "!".repeat(300_000));
    let dir = project(&[
        ("blocks.py", py.as_bytes()),
        ("not.rs", rs.as_bytes()),
        ("bad.py", BAD_PY.as_bytes()),
    ]);
    let (code, findings) = check_json(dir.path(), &[]);
    assert_eq!(code, 1);
    assert_eq!(
        summary(&findings),
        [
            "bad.py:7:39:CS001",
            "blocks.py:403:1:CS900",
            "not.rs:2:20015:CS900"
        ]
    );
    for f in &findings[1..] {
        assert_eq!(f["severity"], "error");
        assert!(f["message"].as_str().unwrap().contains("not linted"), "{f}");
    }
}

/// tree-sitter-python 0.25.0's scanner serializes two bytes per indent level but only checks
/// `size < 1024` before each pair (src/scanner.c:383), so with an odd-sized prefix (inside a
/// string) it returns 1025 bytes and tree-sitter's `ts_assert(length <= 1024)` aborts the
/// process (tree-sitter-0.27.1/src/parser.c:409). Needs > ~510 nested blocks; refused at 400.
#[test]
fn deeply_nested_python_blocks_do_not_abort() {
    let depth = 600;
    let mut src = String::from(PY_HEAD);
    for i in 0..depth {
        src.push_str(&format!("{}if x:\n", " ".repeat(i)));
    }
    src.push_str(&format!(
        "{}composio.create(user_id='default')\n",
        " ".repeat(depth)
    ));
    each_ends_normally(&[("blocks.py", src)]);
}

/// syn and the visitors recurse on nesting that has no brackets too, which once overflowed
/// even the 256 MB analysis thread (SIGABRT); src/lang/nesting.rs now counts such runs.
#[test]
fn deep_rust_nesting_without_brackets_does_not_overflow() {
    each_ends_normally(&[
        (
            "not.rs",
            format!(
                "{RS_HEAD}fn f() {{ let x = {}a; }}\n",
                "!".repeat(1_000_000)
            ),
        ),
        (
            "refs.rs",
            format!(
                "{RS_HEAD}fn f() {{ let x = {}a; }}\n",
                "&".repeat(1_000_000)
            ),
        ),
        (
            "neg.rs",
            format!("{RS_HEAD}fn f() {{ let x = {}a; }}\n", "- ".repeat(500_000)),
        ),
        (
            "generics.rs",
            format!("{RS_HEAD}type T = {};\n", nested("Vec<", "u8", ">", 50_000)),
        ),
        (
            "closures.rs",
            format!(
                "{RS_HEAD}fn f() {{ let x = {}1; }}\n",
                "|| ".repeat(200_000)
            ),
        ),
        (
            "returns.rs",
            format!("{RS_HEAD}fn f() {{ {}1; }}\n", "return ".repeat(200_000)),
        ),
        (
            "fields.rs",
            format!("{RS_HEAD}fn f() {{ let x = a{}; }}\n", ".f".repeat(500_000)),
        ),
    ]);
}

/// tree-sitter-python's scanner looks ahead past every following comment line each time it
/// meets a comment after a statement, so a run of N comment lines costs O(N²): 40,000 `#`
/// lines took ~25 s. Long runs are now handed to the parser as spaces (src/lang/nesting.rs).
#[test]
fn long_python_comment_blocks_are_linear() {
    each_ends_normally(&[(
        "commented_out.py",
        format!("{PY_HEAD}x = 1\n{}y = 2\n", "#\n".repeat(200_000)),
    )]);
    // Comments in such a run still suppress, and code after it is still linted.
    let src = format!(
        "{PY_HEAD}x = 1\n{}# composio-lint: ignore[CS001] -- demo\ncomposio.create(user_id='default')\n{}composio.create(user_id='default')\n",
        "# old code\n".repeat(1_000),
        "#\n".repeat(1_000),
    );
    let dir = project(&[("runs.py", src.as_bytes())]);
    let (code, findings) = check_json(dir.path(), &["--select", "CS001"]);
    assert_eq!(
        (code, summary(&findings)),
        (1, vec!["runs.py:2006:25:CS001".to_string()])
    );
}

/// `rest_user_id` (src/lang/typescript/mod.rs) once searched the first argument of every call
/// for "composio" before checking the callee is fetch/post/put/patch, so nested calls cost
/// O(depth²): 40,000 levels took about 25 minutes.
#[test]
fn deeply_nested_typescript_calls_are_linear() {
    each_ends_normally(&[(
        "calls.ts",
        format!(
            "{TS_HEAD}const s = composio.create({});\n",
            nested("f(", "'default'", ")", DEPTH)
        ),
    )]);
}

/// The TypeScript index once asked tree-sitter for each function's parent, which searches down
/// from the root: 40,000 curried arrows took several minutes.
#[test]
fn curried_typescript_arrows_are_linear() {
    each_ends_normally(&[(
        "arrows.ts",
        format!("{TS_HEAD}const f = {}1;\n", "a => ".repeat(DEPTH)),
    )]);
}

/// The Rust front end once printed every method call's receiver in full to match logger
/// names, which is quadratic in a chain's length: 8,000 calls took 44 s.
#[test]
fn long_rust_method_chains_are_linear() {
    each_ends_normally(&[(
        "chain.rs",
        format!(
            "{RS_HEAD}fn f() {{ let x = a{}; }}\n",
            ".f()".repeat(20_000)
        ),
    )]);
}

/// miette 7.6.0 pads with `format!("{:width$}", ...)` (src/handlers/graphical.rs:1159) and
/// Rust rejects widths over u16::MAX, so a finding or config error past column ~65,000 (any
/// error near the end of a minified bundle) panicked the `full` format with exit 101. Reports
/// now show a cropped excerpt (src/report/excerpt.rs).
#[test]
fn full_format_survives_findings_far_along_a_line() {
    let head = "import{Composio as C}from\"@composio/core\";const c=new C;";
    let js = format!(
        "{head}{}export async function POST(r){{const s=await c.create('default');console.log(s.sessionId)}}\n",
        " ".repeat(70_000)
    );
    let dir = project(&[("bundle.min.js", js.as_bytes())]);
    bin()
        .current_dir(dir.path())
        .args(["check", "bundle.min.js"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("CS001"));
    let config = format!("select = [{}\"CS999\"]\n", "\"CS001\", ".repeat(10_000));
    let dir = project(&[
        ("composio-lint.toml", config.as_bytes()),
        ("bad.py", BAD_PY.as_bytes()),
    ]);
    bin()
        .current_dir(dir.path())
        .args(["check", "bad.py"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown rule `CS999`"));
}

/// The full format once copied the whole file into every finding's report and miette printed
/// whole source lines, so output grew with findings × line length: a 5 MB minified line with
/// 73,692 findings printed 5 GB in 92 s. One finding on a 1 MB line must not print a megabyte.
#[test]
fn full_format_output_does_not_grow_with_line_length() {
    let head = "import{Composio as C}from\"@composio/core\";const c=new C;";
    let mut js = String::from(head);
    js.push_str("export async function POST(r){const s=await c.create('default');console.log(s.sessionId)};");
    while js.len() < 1_000_000 {
        js.push_str("function g(b){return b*2};");
    }
    let dir = project(&[("bundle.min.js", js.as_bytes())]);
    let out = bin()
        .current_dir(dir.path())
        .args(["check", "bundle.min.js"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        out.stdout.len() < 64 * 1024,
        "one finding printed {} bytes",
        out.stdout.len()
    );
}

/// discover() once kept the first in sorted order of the paths that canonicalize to one file,
/// so `alias.py -> bad.py` next to bad.py reported bad.py's finding under the link.
#[cfg(unix)]
#[test]
fn findings_name_the_real_file_not_a_symlink_to_it() {
    let dir = project(&[("bad.py", BAD_PY.as_bytes())]);
    std::os::unix::fs::symlink("bad.py", dir.path().join("alias.py")).unwrap();
    let (code, findings) = check_json(dir.path(), &[]);
    assert_eq!(
        (code, summary(&findings)),
        (1, vec!["bad.py:7:39:CS001".to_string()])
    );
}

/// Special files and bad bytes outside the linted tree: a FIFO is not a file to read (reading
/// it would block forever), a config that cannot be read or decoded is a config error (2),
/// stdin that cannot be decoded is a CS900 finding (1).
#[test]
fn fifos_bad_configs_and_bad_stdin() {
    let dir = project(&[("bad.py", BAD_PY.as_bytes())]);
    let root = dir.path();
    #[cfg(unix)]
    if std::process::Command::new("mkfifo")
        .arg(root.join("pipe.py"))
        .status()
        .is_ok_and(|s| s.success())
    {
        let (code, findings) = check_json(root, &[]);
        assert_eq!(
            (code, summary(&findings)),
            (1, vec!["bad.py:7:39:CS001".to_string()])
        );
        let (code, findings) = check_json(root, &["pipe.py", "bad.py"]);
        assert_eq!(
            (code, summary(&findings)),
            (1, vec!["bad.py:7:39:CS001".to_string()])
        );
    }
    fs::write(root.join("latin1.toml"), b"select = [\"\xff\"]\n").unwrap();
    for config in [".", "latin1.toml", "missing.toml"] {
        bin()
            .current_dir(root)
            .args(["check", "--config", config, "bad.py"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("cannot read config file"));
    }
    let mut latin1 = PY_PREFIX.as_bytes().to_vec();
    latin1.extend(b"x = '\xff'\n");
    bin()
        .args([
            "check",
            "--stdin-filename",
            "a.py",
            "--output-format",
            "concise",
        ])
        .write_stdin(latin1)
        .assert()
        .code(1)
        .stdout(predicate::str::starts_with("a.py:1:1: CS900"));
    bin()
        .args([
            "check",
            "--stdin-filename",
            "a.ts",
            "--output-format",
            "concise",
        ])
        .write_stdin(&b"composio\0"[..])
        .assert()
        .code(1)
        .stdout(predicate::str::starts_with("a.ts:1:1: CS900"));
}
