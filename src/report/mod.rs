//! Output formats. Each renders the same `Finding`s.

mod concise;
pub mod excerpt;
mod full;
mod github;
mod json;
mod sarif;

use std::io::Write;

use crate::finding::Finding;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Full,
    Concise,
    Json,
    JsonLines,
    Sarif,
    Github,
}

pub fn render(
    format: Format,
    findings: &[Finding],
    color: bool,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    match format {
        Format::Full => full::render(findings, color, out),
        Format::Concise => concise::render(findings, out),
        Format::Json => json::render(findings, out),
        Format::JsonLines => json::render_lines(findings, out),
        Format::Sarif => sarif::render(findings, out),
        Format::Github => github::render(findings, out),
    }
}
