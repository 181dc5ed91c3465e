//! Property: on generated code that parses, applying every fix a run offers — the safe and
//! unsafe fixes all at once, or `--add-ignore`'s suppressions — yields code that still parses;
//! the guarded pipeline (`fix_bytes`) never panics and a second run changes nothing. The same
//! check runs under libFuzzer in fuzz/fuzz_targets/fix.rs.

use composio_lint::finding::Finding;
use composio_lint::fix::add_ignore::{self, Strategy as Placement};
use composio_lint::fix::file::{Action, fix_bytes};
use composio_lint::fix::{self, Applicability, Fix, FixMode};
use composio_lint::lint::{Settings, lint_bytes};
use composio_lint::model::Language;
use proptest::prelude::*;

fn parse_errors(findings: &[Finding]) -> usize {
    findings.iter().filter(|f| f.code == "CS900").count()
}

/// The check shared with the fuzz target.
fn fixes_keep_code_parsing(src: &str, language: Language) {
    let settings = Settings {
        fixes: true,
        ..Settings::default()
    };
    let lint = |text: &str| lint_bytes("p", text.as_bytes(), language, &settings);
    let before = lint(src);
    let parsed = parse_errors(&before) == 0;
    let fixes: Vec<&Fix> = before.iter().filter_map(|f| f.fix.as_ref()).collect();
    let (fixed, _) = fix::apply(src, &fixes);
    let edits = add_ignore::edits(src, language, &before, "p", Placement::Lines);
    let (ignored, _) = fix::apply(src, &[&Fix::new("i", Applicability::Safe, edits)]);
    if parsed {
        assert_eq!(
            parse_errors(&lint(&fixed)),
            0,
            "fixes broke:\n{src}\n---\n{fixed}"
        );
        assert_eq!(
            parse_errors(&lint(&ignored)),
            0,
            "ignores broke:\n{src}\n---\n{ignored}"
        );
    }
    for action in [Action::Fix(FixMode::Unsafe), Action::AddIgnore("p".into())] {
        let first = fix_bytes("p", src.as_bytes(), language, &settings, &action);
        if let (Some(bytes), None) = (&first.bytes, &first.problem) {
            let again = fix_bytes("p", bytes, language, &settings, &action);
            assert_eq!(again.count, 0, "{action:?} not idempotent on:\n{src}");
        }
    }
}

/// A file: a fixed head, statements drawn at random (each one whole, so most files parse), and
/// a fixed tail; some statements are broken on purpose.
fn parts(language: Language) -> (&'static str, Vec<&'static str>, &'static str) {
    match language {
        Language::Python => (
            "from composio import Composio\nimport logging\nlog = logging.getLogger(__name__)\ncomposio = Composio()\n\n\ndef handle(uid, user):\n",
            vec![
                "    session = composio.create(user_id=\"default\")\n",
                "    s = composio.create(user_id=uid)  # note\n",
                "    return composio.create(user_id=uid)\n",
                "    x = composio.create(user_id=uid); y = 1\n",
                "    # composio-lint: ignore[CS002] -- old\n",
                "    y = 1  # noqa: E501, CS003\n",
                "    cache[uid] = composio.create(user_id=user.email)\n",
                "    if uid: s = composio.use(uid)\n",
                "    z = \"\"\"\ncomposio.create(user_id=\"default\")\n\"\"\"\n",
                "    a = 1 + \\\n        len(composio.create(user_id=\"default\").session_id)\n",
                "    s = composio.create(\n        user_id=\"default\",\n    )\n",
                "    for u in users:\n        t = composio.create(user_id=u)\n",
                "    with lock:\n        # composio-lint: ignore[CS004]\n        t = composio.create(user_id=uid)\n",
                "    s = composio.create(user_id=f\"{uid}\")  # composio-lint: ignore[CS005]\n",
                "    s = composio.create(user_id=uid\n",
            ],
            "    pass\n",
        ),
        Language::Rust => (
            "use composio_sdk::ComposioClient;\nuse tracing::info;\n\nasync fn f(client: &ComposioClient, uid: String, user: User) -> anyhow::Result<()> {\n",
            vec![
                "    let session = client.create_session(\"default\").send().await?;\n",
                "    let s = client.create_session(&uid).send().await;\n",
                "    let t = client\n        .create_session(&uid)\n        .send()\n        .await?;\n",
                "    // composio-lint: ignore[CS002] -- old\n",
                "    let text = \"a\nb\"; let u = client.create_session(&user.email).send().await?;\n",
                "    /* composio-lint: ignore[CS003] */\n",
                "    cache.insert(uid.clone(), client.create_session(&uid).send().await?);\n",
                "    let r = r#\"x\n\"#; let v = client.get_session(&uid).await?;\n",
                "    if true { let w = client.create_session(\"default\").send().await?; }\n",
                "    let b = client.create_session(&uid.send().await?;\n",
            ],
            "    Ok(())\n}\n",
        ),
        _ => (
            "import { Composio } from '@composio/core';\nimport pino from 'pino';\nconst logger = pino();\nconst composio = new Composio();\n\nexport async function f(uid, user) {\n",
            vec![
                "  const session = await composio.create('default');\n",
                "  const s = composio.create(uid);\n",
                "  // composio-lint: ignore[CS002] -- old\n",
                "  /* composio-lint: ignore[CS003] */\n",
                "  const t = `\n${await composio.create('default')}`;\n",
                "  sessions.set(uid, await composio.create(uid));\n",
                "  const v = await composio.create(user.email).then((x) => x);\n",
                "  const el = (\n    <div>\n      {composio.create('default')}\n      <A b={await composio.create('default')} />\n      text {await composio.use(uid)}\n    </div>\n  );\n",
                "  if (uid) { const w = await composio.create(uid); }\n",
                "  const q = await composio.create(uid; \n",
            ],
            "  return composio.create(uid);\n}\n",
        ),
    }
}

fn source(language: Language) -> impl Strategy<Value = String> {
    let (head, statements, tail) = parts(language);
    prop::collection::vec(prop::sample::select(statements), 1..10)
        .prop_map(move |body| format!("{head}{}{tail}", body.concat()))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn python_fixes_keep_code_parsing(src in source(Language::Python)) {
        fixes_keep_code_parsing(&src, Language::Python);
    }

    #[test]
    fn typescript_fixes_keep_code_parsing(src in source(Language::Tsx)) {
        fixes_keep_code_parsing(&src, Language::Tsx);
        fixes_keep_code_parsing(&src, Language::JavaScript);
    }

    #[test]
    fn rust_fixes_keep_code_parsing(src in source(Language::Rust)) {
        fixes_keep_code_parsing(&src, Language::Rust);
    }
}

/// Most generated files parse and are offered fixes, so the property is not vacuous.
#[test]
fn generated_files_mostly_parse_and_get_fixes() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let settings = Settings {
        fixes: true,
        ..Settings::default()
    };
    for language in [Language::Python, Language::Tsx, Language::Rust] {
        let mut runner = TestRunner::deterministic();
        let strategy = source(language);
        let (mut parsing, mut fixable) = (0, 0);
        for _ in 0..100 {
            let src = strategy.new_tree(&mut runner).unwrap().current();
            let found = lint_bytes("p", src.as_bytes(), language, &settings);
            if parse_errors(&found) == 0 {
                parsing += 1;
                fixable += usize::from(found.iter().any(|f| f.fix.is_some()));
            }
        }
        assert!(
            parsing >= 20 && fixable >= 15,
            "{language:?}: {parsing} parse, {fixable} fixable"
        );
    }
}
