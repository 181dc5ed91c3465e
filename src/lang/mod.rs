//! Per-language front ends: source text → FileModel.

pub(crate) mod common;
mod core;
mod facts;
mod memo;
pub(crate) mod names;
mod nesting;
pub mod python;
pub mod rust;
pub mod typescript;

use crate::model::{FileModel, Language};

/// Why a file was not analyzed when its front end panicked (or could not start).
const FAILED: &str = "the analysis failed";

/// `extra_loggers`: more names that count as logging (config `extra-loggers`).
pub fn analyze(language: Language, src: &str, extra_loggers: &[String]) -> FileModel {
    contain_panics(|| {
        #[cfg(test)]
        if src.contains(tests::PANIC_MARKER) {
            panic!("a front-end bug, simulated");
        }
        match language {
            Language::Python => python::analyze(src, extra_loggers),
            Language::TypeScript => typescript::analyze(src, false, extra_loggers),
            Language::Tsx | Language::JavaScript => typescript::analyze(src, true, extra_loggers),
            Language::Rust => rust::analyze(src, extra_loggers),
        }
    })
}

/// A front-end bug costs one file, reported as CS900, not the run. The default panic hook still
/// prints the panic, so the bug gets reported.
fn contain_panics(analyze: impl FnOnce() -> FileModel) -> FileModel {
    // The closure only reads the source and the settings: a panic leaves nothing half-changed.
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(analyze))
        .unwrap_or_else(|_| FileModel::not_analyzed(0..0, FAILED))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::{self, Settings};

    /// Source text that makes `analyze` panic in unit tests.
    pub(super) const PANIC_MARKER: &str = "composio-lint-test: panic in the front end";

    /// Source text that makes the Rust front end panic on its analysis thread in unit tests.
    pub(super) const PANIC_ON_RUST_THREAD: &str = "composio-lint-test: panic on the Rust thread";

    #[test]
    fn a_panic_on_the_rust_analysis_thread_reaches_the_boundary() {
        let model = analyze(Language::Rust, &format!("// {PANIC_ON_RUST_THREAD}\n"), &[]);
        assert_eq!(model.not_analyzed, Some((0..0, FAILED)));
    }

    #[test]
    fn a_panic_is_a_file_not_analyzed() {
        let model = contain_panics(|| panic!("a front-end bug, simulated"));
        assert_eq!(model.not_analyzed, Some((0..0, FAILED)));
        assert!(model.sessions.is_empty() && model.user_ids.is_empty());
    }

    #[test]
    fn a_panic_in_one_file_is_cs900_and_the_run_goes_on() {
        let dir = tempfile::tempdir().unwrap();
        let bad =
            "from composio import Composio\nsession = Composio().create(user_id=\"default\")\n";
        std::fs::write(dir.path().join("a.py"), format!("# {PANIC_MARKER}\n{bad}")).unwrap();
        std::fs::write(dir.path().join("b.py"), bad).unwrap();
        let settings = Settings::default();
        let inputs = lint::discover_inputs(&[dir.path().to_path_buf()], &settings);
        let mut findings = Vec::new();
        lint::run(&inputs, &settings, &mut |f| {
            findings.extend(
                f.iter()
                    .map(|f| (f.path.clone(), f.code, f.message.clone())),
            );
            Ok(())
        })
        .unwrap();
        let of = |name: &str| -> Vec<_> {
            findings
                .iter()
                .filter(|(path, _, _)| path.ends_with(name))
                .collect()
        };
        let a = of("a.py");
        assert_eq!(a.len(), 1, "{findings:?}");
        assert_eq!(a[0].1, "CS900");
        assert!(a[0].2.starts_with("the analysis failed"), "{findings:?}");
        assert!(
            of("b.py").iter().any(|(_, code, _)| *code == "CS001"),
            "{findings:?}"
        );
    }
}
