//! Per-language front ends: source text → FileModel.

pub mod python;

use crate::model::{FileModel, Language};

pub fn analyze(language: Language, src: &str) -> FileModel {
    match language {
        Language::Python => python::analyze(src),
    }
}
