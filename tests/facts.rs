//! FileModel fact snapshots: what each front end extracts from small sources, so a front-end
//! change shows as a fact diff before it shows (or fails to show) as a finding diff.
//!
//! Spans are shown as the source text they cover, `"default"@52..61`.

use std::fmt::Write;

use composio_lint::lang::analyze;
use composio_lint::model::{FileModel, Language, Sharing, Span};

fn text(src: &str, span: &Span) -> String {
    let covered = src.get(span.clone()).unwrap_or("<not a char boundary>");
    let mut shown: String = covered.chars().take(60).collect();
    if shown.len() < covered.len() {
        shown.push('…');
    }
    format!("{shown:?}@{}..{}", span.start, span.end)
}

fn render(src: &str, m: &FileModel) -> String {
    let mut out = String::new();
    let s = |span: &Span| text(src, span);
    if let Some((at, why)) = &m.not_analyzed {
        writeln!(out, "not_analyzed {} {why:?}", s(at)).unwrap();
    }
    for e in &m.syntax_errors {
        writeln!(out, "syntax_error {}", s(e)).unwrap();
    }
    for c in &m.comments {
        writeln!(out, "comment {}", s(c)).unwrap();
    }
    for site in &m.sessions {
        let kind = if site.reopen { "reopened" } else { "created" };
        writeln!(
            out,
            "session {kind} {} callee={:?} id_logged={}",
            s(&site.call),
            site.callee,
            site.id_logged
        )
        .unwrap();
        for sharing in &site.sharing {
            let line = match sharing {
                Sharing::ModuleLevel {
                    name,
                    used_in,
                    use_span,
                } => format!(
                    "ModuleLevel name={name:?} used_in={used_in:?} at {}",
                    s(use_span)
                ),
                Sharing::LazyGlobal {
                    name,
                    getter,
                    return_span,
                } => format!(
                    "LazyGlobal name={name:?} getter={getter:?} at {}",
                    s(return_span)
                ),
                Sharing::ClassAttribute { target } => format!("ClassAttribute at {}", s(target)),
                Sharing::FixedUserField {
                    field,
                    used_in,
                    use_span,
                } => format!(
                    "FixedUserField field={field:?} used_in={used_in:?} at {}",
                    s(use_span)
                ),
                Sharing::AppState { target } => format!("AppState at {}", s(target)),
                Sharing::Static { name, target } => {
                    format!("Static name={name:?} at {}", s(target))
                }
            };
            writeln!(out, "  sharing {line}").unwrap();
        }
        for cache in &site.caches {
            writeln!(
                out,
                "  cache {:?} container={:?} at {}",
                cache.key,
                cache.container,
                s(&cache.span)
            )
            .unwrap();
        }
    }
    for u in &m.user_ids {
        writeln!(
            out,
            "user_id {} into {} callee={:?}",
            s(&u.expr),
            s(&u.call),
            u.callee
        )
        .unwrap();
        for l in &u.literals {
            writeln!(out, "  literal {:?} {}", l.value, s(&l.span)).unwrap();
        }
        for e in &u.email_sources {
            writeln!(out, "  email_source {}", s(e)).unwrap();
        }
    }
    for b in &m.user_id_bindings {
        writeln!(
            out,
            "user_id_binding {:?} = {:?} {}",
            b.name,
            b.literal.value,
            s(&b.literal.span)
        )
        .unwrap();
    }
    if out.is_empty() {
        out.push_str("(no facts)\n");
    }
    out
}

fn snapshot(language: Language, cases: &[(&str, &str)]) {
    let prefix = format!("{language:?}").to_lowercase();
    for (name, src) in cases {
        let model = analyze(language, src, &["audit_log".to_string()]);
        let source = if src.len() > 2_000 {
            format!("<{} bytes, generated>", src.len())
        } else {
            src.to_string()
        };
        let shown = format!("{source}\n---\n{}", render(src, &model));
        insta::assert_snapshot!(format!("{prefix}_{name}"), shown);
    }
}

const PY_HEAD: &str = "from composio import Composio\nimport logging\ncomposio = Composio()\n";

#[test]
fn python() {
    let deep: String = (0..500)
        .map(|i| format!("{}if x:\n", " ".repeat(i)))
        .collect();
    let cases: Vec<(&str, String)> = vec![
        (
            "created_logged_literal_binding",
            format!(
                "{PY_HEAD}USER_ID = \"default\"  # one user for everyone\n\ndef handle(req):\n    session = composio.create(user_id=USER_ID)\n    logging.info(\"session %s\", session.session_id)\n    return session\n"
            ),
        ),
        (
            "reopened_not_logged",
            format!("{PY_HEAD}\ndef resume(session_id):\n    return composio.use(session_id)\n"),
        ),
        (
            "module_level_and_lazy_global",
            format!(
                "{PY_HEAD}from fastapi import FastAPI\napp = FastAPI()\nsession = composio.create(user_id=\"bot\")\n_lazy = None\n\ndef get_session():\n    global _lazy\n    if _lazy is None:\n        _lazy = composio.create(user_id=\"svc\")\n    return _lazy\n\n@app.post(\"/run\")\ndef run(req):\n    return session.tools()\n"
            ),
        ),
        (
            "class_attribute_fixed_field_app_state",
            format!(
                "{PY_HEAD}from fastapi import FastAPI\napp = FastAPI()\n\nclass Agent:\n    session = composio.create(user_id=\"agent\")\n\nclass Bot:\n    def __init__(self):\n        self.session = composio.create(user_id=\"admin@example.com\")\n\n    def reply(self, text):\n        return self.session.tools()\n\n@app.on_event(\"startup\")\ndef startup():\n    app.state.session = composio.create(user_id=\"x\")\n"
            ),
        ),
        (
            "caches_every_key_kind",
            format!(
                "{PY_HEAD}from functools import lru_cache\n_cache = {{}}\n\ndef get(user_id, thread_id, name):\n    _cache[user_id] = composio.create(user_id=user_id)\n    _cache[(user_id, thread_id)] = composio.create(user_id=user_id)\n    _cache[name] = composio.create(user_id=user_id)\n\n@lru_cache\ndef memo(user_id):\n    return composio.create(user_id=user_id)\n"
            ),
        ),
        (
            "email_sources_through_a_wrapper",
            format!(
                "{PY_HEAD}\ndef open_for(uid):\n    return composio.create(user_id=uid)\n\ndef handle(user):\n    open_for(user.email)\n    open_for(\"ops@example.com\")\n"
            ),
        ),
        (
            "syntax_error",
            format!("{PY_HEAD}def f(:\n    composio.create(user_id=\"x\")\n"),
        ),
        (
            "too_deep",
            format!("{PY_HEAD}{deep}{}pass\n", " ".repeat(500)),
        ),
    ];
    let cases: Vec<(&str, &str)> = cases.iter().map(|(n, s)| (*n, s.as_str())).collect();
    snapshot(Language::Python, &cases);
}

const TS_HEAD: &str =
    "import { Composio } from '@composio/core';\nconst composio = new Composio();\n";

fn typescript_cases() -> Vec<(&'static str, String)> {
    vec![
        (
            "created_logged_literal_binding",
            format!(
                "{TS_HEAD}const USER_ID = 'default'; // one user for everyone\nexport async function handler(req) {{\n  const session = await composio.create(USER_ID);\n  console.log(session.sessionId);\n  return session;\n}}\n"
            ),
        ),
        (
            "reopened_not_logged",
            format!(
                "{TS_HEAD}export async function resume(id) {{\n  return composio.use(id);\n}}\n"
            ),
        ),
        (
            "module_level_and_lazy_global",
            format!(
                "{TS_HEAD}import express from 'express';\nconst app = express();\nconst session = await composio.create('bot');\nlet lazy;\nexport async function getSession() {{\n  if (!lazy) lazy = await composio.create('svc');\n  return lazy;\n}}\napp.post('/run', async (req, res) => {{\n  res.json(await session.tools());\n}});\n"
            ),
        ),
        (
            "class_fields_and_globals",
            format!(
                "{TS_HEAD}import express from 'express';\nconst app = express();\nclass Agent {{\n  static session = composio.create('agent');\n}}\nclass Bot {{\n  constructor() {{\n    this.session = composio.create('admin@example.com');\n  }}\n  reply(text) {{\n    return this.session.tools();\n  }}\n}}\nglobalThis.session = await composio.create('x');\napp.locals.session = await composio.create('y');\n"
            ),
        ),
        (
            "caches_every_key_kind",
            format!(
                "{TS_HEAD}const cache = new Map();\nexport async function get(userId, threadId, name) {{\n  cache.set(userId, await composio.create(userId));\n  cache.set(`${{userId}}:${{threadId}}`, await composio.create(userId));\n  cache.set(name, await composio.create(userId));\n}}\nexport const memo = memoize((userId) => composio.create(userId));\n"
            ),
        ),
        (
            "email_sources_through_a_wrapper",
            format!(
                "{TS_HEAD}function openFor(uid) {{\n  return composio.create(uid);\n}}\nexport function handle(user) {{\n  openFor(user.email);\n  openFor('ops@example.com');\n}}\n"
            ),
        ),
        (
            "syntax_error",
            format!("{TS_HEAD}function f( {{\n  composio.create('x');\n"),
        ),
    ]
}

#[test]
fn typescript() {
    let cases = typescript_cases();
    let cases: Vec<(&str, &str)> = cases.iter().map(|(n, s)| (*n, s.as_str())).collect();
    snapshot(Language::TypeScript, &cases);
}

#[test]
fn javascript_and_tsx() {
    let js = vec![
        (
            "commonjs_created_logged",
            "const { Composio } = require('@composio/core');\nconst composio = new Composio();\nasync function handler(req) {\n  const session = await composio.create('default');\n  console.log(session.sessionId);\n}\nmodule.exports = { handler };\n",
        ),
        (
            "jsx_in_a_route",
            "import { Composio } from '@composio/core';\nconst composio = new Composio();\nexport async function Page({ user }) {\n  const session = await composio.create(user.email);\n  return <div>{session.sessionId}</div>;\n}\n",
        ),
    ];
    snapshot(Language::JavaScript, &js);
    let tsx = vec![(
        "typed_component",
        "import { Composio } from '@composio/core';\nconst composio = new Composio();\nexport async function Page({ userId }: { userId: string }) {\n  const session = await composio.create(userId ?? 'default');\n  return <div>{session.sessionId as string}</div>;\n}\n",
    )];
    snapshot(Language::Tsx, &tsx);
}

const RS_HEAD: &str = "use composio_sdk::ComposioClient;\n";

#[test]
fn rust() {
    let deep = format!(
        "{RS_HEAD}fn f() {{ let x = {}1{}; }}\n",
        "(".repeat(2_000),
        ")".repeat(2_000)
    );
    let cases: Vec<(&str, String)> = vec![
        (
            "created_logged_literal_binding",
            format!(
                "{RS_HEAD}const USER_ID: &str = \"default\"; // one user for everyone\n\nasync fn handle(client: &ComposioClient) -> anyhow::Result<()> {{\n    let session = client.create_session(USER_ID).send().await?;\n    tracing::info!(session_id = %session.session_id(), \"opened\");\n    Ok(())\n}}\n"
            ),
        ),
        (
            "reopened_not_logged",
            format!(
                "{RS_HEAD}async fn resume(client: &ComposioClient, id: &str) {{\n    let session = client.get_session(id).await;\n}}\n"
            ),
        ),
        (
            "statics_and_app_state",
            format!(
                "{RS_HEAD}use std::sync::OnceLock;\nstatic SESSION: OnceLock<Session> = OnceLock::new();\n\nasync fn init(composio: &ComposioClient) {{\n    let s = composio.create_session(\"svc\").send().await.unwrap();\n    SESSION.set(s).ok();\n}}\n\nasync fn router(composio: &ComposioClient) -> Router {{\n    let s = composio.create_session(\"bot\").send().await.unwrap();\n    Router::new().with_state(s)\n}}\n"
            ),
        ),
        (
            "fixed_user_field",
            format!(
                "{RS_HEAD}struct Bot {{ session: Session }}\n\nimpl Bot {{\n    async fn new(composio: &ComposioClient) -> Self {{\n        let session = composio.create_session(\"admin\").send().await.unwrap();\n        Self {{ session }}\n    }}\n\n    async fn reply(&self) {{\n        self.session.tools().await;\n    }}\n}}\n"
            ),
        ),
        (
            "caches_every_key_kind",
            format!(
                "{RS_HEAD}async fn get(composio: &ComposioClient, cache: &mut HashMap<String, Session>, user_id: String, thread_id: String, name: String) {{\n    let a = composio.create_session(&user_id).send().await.unwrap();\n    cache.insert(user_id.clone(), a);\n    let b = composio.create_session(&user_id).send().await.unwrap();\n    cache.insert(format!(\"{{user_id}}:{{thread_id}}\"), b);\n    let c = composio.create_session(&user_id).send().await.unwrap();\n    cache.insert(name, c);\n}}\n"
            ),
        ),
        (
            "email_sources_and_rest",
            format!(
                "{RS_HEAD}async fn open_for(composio: &ComposioClient, uid: &str) {{\n    composio.create_session(uid).send().await.unwrap();\n}}\n\nasync fn handle(composio: &ComposioClient, user: User) {{\n    open_for(composio, &user.email).await;\n    open_for(composio, \"ops@example.com\").await;\n    let http = reqwest::Client::new();\n    http.post(\"https://backend.composio.dev/api/v3/tool_router/session\").json(&serde_json::json!({{\"user_id\": \"default\"}})).send().await.unwrap();\n}}\n"
            ),
        ),
        (
            "syntax_error",
            format!("{RS_HEAD}fn f( {{\n    client.create_session(\"x\");\n"),
        ),
        ("too_deep", deep),
    ];
    let cases: Vec<(&str, &str)> = cases.iter().map(|(n, s)| (*n, s.as_str())).collect();
    snapshot(Language::Rust, &cases);
}
