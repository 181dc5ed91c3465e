//! Per-language front ends: source text → FileModel.

pub(crate) mod common;
mod core;
mod memo;
mod prescan;
pub mod python;
pub mod rust;
pub mod typescript;

use crate::model::{FileModel, Language};

/// `extra_loggers`: more names that count as logging (config `extra-loggers`).
pub fn analyze(language: Language, src: &str, extra_loggers: &[String]) -> FileModel {
    match language {
        Language::Python => python::analyze(src, extra_loggers),
        Language::TypeScript => typescript::analyze(src, false, extra_loggers),
        Language::Tsx | Language::JavaScript => typescript::analyze(src, true, extra_loggers),
        Language::Rust => rust::analyze(src, extra_loggers),
    }
}
