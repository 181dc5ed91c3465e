//! Per-language front ends: source text → FileModel.

mod common;
pub mod python;
pub mod typescript;

use crate::model::{FileModel, Language};

pub fn analyze(language: Language, src: &str) -> FileModel {
    match language {
        Language::Python => python::analyze(src),
        Language::TypeScript => typescript::analyze(src, false),
        Language::Tsx | Language::JavaScript => typescript::analyze(src, true),
    }
}
