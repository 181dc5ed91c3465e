#![no_main]
//! Config parsing: the input is written to a `composio-lint.toml` (and to a `pyproject.toml`
//! under `[tool.composio-lint]`'s parser) and loaded as `--config` would load it. A config that
//! loads has its globs matched and is used for one lint; a config that fails has its error
//! rendered the way the binary renders it. Nothing is asserted but "no panic".

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use composio_lint::config;
use composio_lint::lint::{Selection, Settings, lint_bytes};
use composio_lint::model::Language;
use libfuzzer_sys::fuzz_target;
use miette::{GraphicalReportHandler, GraphicalTheme};

/// One scratch folder per fuzzing process, reused for every input.
fn scratch() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir =
            std::env::temp_dir().join(format!("composio-lint-fuzz-config-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("create the scratch folder");
        dir
    })
}

const PROBE: &[u8] = b"import logging\nfrom composio import Composio\ncomposio = Composio()\n\n\
def handle(user_id):\n    session = composio.create(user_id=\"test\")\n    audit.record(session.session_id)\n";

fn exercise(name: &str, data: &[u8]) {
    let dir = scratch();
    let path = dir.join(name);
    std::fs::write(&path, data).expect("write the config file");
    match config::load(Some(&path), dir) {
        Ok(config) => {
            for probe in [
                "a.py",
                "src/deep/b.ts",
                "../outside.py",
                "/abs/c.js",
                "x y/ü.py",
                "",
            ] {
                let p = Path::new(probe);
                if let Some(m) = &config.exclude {
                    let _ = m.matches(p, dir);
                }
                for (m, _) in &config.per_file_ignores {
                    let _ = m.matches(p, dir);
                }
            }
            let settings = Settings {
                selection: Selection {
                    select: config.select.clone().unwrap_or_default(),
                    ignore: config.ignore.clone().unwrap_or_default(),
                },
                config,
                ..Settings::default()
            };
            let _ = lint_bytes("src/agent.py", PROBE, Language::Python, &settings);
        }
        Err(e) => {
            let mut rendered = String::new();
            let _ = GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor())
                .render_report(&mut rendered, &e);
        }
    }
}

fuzz_target!(|data: &[u8]| {
    exercise("composio-lint.toml", data);
    // The same text as the `[tool.composio-lint]` table of a pyproject.toml.
    let mut pyproject = b"[tool.composio-lint]\n".to_vec();
    pyproject.extend_from_slice(data);
    exercise("pyproject.toml", &pyproject);
});
