#![no_main]
//! Fixes on arbitrary source: the input's first byte picks the language, the rest is the
//! source (after a Composio import, so it reaches the rules). Every fix the findings offer is
//! applied at once, and `--add-ignore`'s suppressions separately: neither may turn a file that
//! parsed into one that does not. The guarded pipeline behind `--fix` and `--add-ignore` must
//! not panic, and a second run on its output must change nothing.

use composio_lint::finding::Finding;
use composio_lint::fix::add_ignore::{self, Strategy};
use composio_lint::fix::file::{Action, fix_bytes};
use composio_lint::fix::{self, Applicability, Fix, FixMode};
use composio_lint::lint::{Settings, lint_bytes};
use composio_lint::model::Language;
use libfuzzer_sys::fuzz_target;

fn parse_errors(findings: &[Finding]) -> usize {
    findings.iter().filter(|f| f.code == "CS900").count()
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let (language, prefix) = match pick % 5 {
        0 => (Language::Python, "from composio import Composio\n"),
        1 => (Language::TypeScript, "import { Composio } from '@composio/core';\n"),
        2 => (Language::Tsx, "import { Composio } from '@composio/core';\n"),
        3 => (Language::JavaScript, "const { Composio } = require('@composio/core');\n"),
        _ => (Language::Rust, "use composio_sdk::ComposioClient;\n"),
    };
    let src = format!("{prefix}{}", String::from_utf8_lossy(rest));
    let settings = Settings {
        fixes: true,
        ..Settings::default()
    };
    let lint = |text: &str| lint_bytes("fuzz", text.as_bytes(), language, &settings);
    let before = lint(&src);
    let parsed = parse_errors(&before) == 0;
    let fixes: Vec<&Fix> = before.iter().filter_map(|f| f.fix.as_ref()).collect();
    let (fixed, _) = fix::apply(&src, &fixes);
    let edits = add_ignore::edits(&src, language, &before, "fuzz", Strategy::Lines);
    let (ignored, _) = fix::apply(&src, &[&Fix::new("i", Applicability::Safe, edits)]);
    if parsed {
        assert_eq!(parse_errors(&lint(&fixed)), 0, "fixes broke the syntax:\n{fixed}");
        assert_eq!(parse_errors(&lint(&ignored)), 0, "suppressions broke the syntax:\n{ignored}");
    }
    for action in [Action::Fix(FixMode::Unsafe), Action::AddIgnore("fuzz".into())] {
        let first = fix_bytes("fuzz", src.as_bytes(), language, &settings, &action);
        if let (Some(bytes), None) = (&first.bytes, &first.problem) {
            let again = fix_bytes("fuzz", bytes, language, &settings, &action);
            assert_eq!(again.count, 0, "{action:?} is not idempotent");
        }
    }
});
