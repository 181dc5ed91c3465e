//! Shared by the source targets: lint the input as given and after a Composio import (so it
//! gets past the byte prefilter and reaches the parser, the resolver and the rules), then
//! render the findings in every output format, as the binary does. Nothing is asserted: a
//! panic, an abort, a stack overflow, a timeout or an out-of-memory is the finding.

use composio_lint::lint::{Settings, lint_bytes};
use composio_lint::model::Language;
use composio_lint::report::{self, Format};

pub fn lint_all(data: &[u8], prefix: &[u8], languages: &[Language]) {
    let settings = Settings {
        snippets: true,
        ..Settings::default()
    };
    let mut prefixed = Vec::with_capacity(prefix.len() + data.len());
    prefixed.extend_from_slice(prefix);
    prefixed.extend_from_slice(data);
    for &language in languages {
        for bytes in [data, &prefixed[..]] {
            let findings = lint_bytes("fuzz", bytes, language, &settings);
            for format in [
                Format::Full,
                Format::Concise,
                Format::Json,
                Format::JsonLines,
                Format::Sarif,
                Format::Github,
            ] {
                let _ = report::render(format, &findings, false, &mut std::io::sink());
            }
        }
    }
}
