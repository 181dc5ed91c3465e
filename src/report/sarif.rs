//! SARIF 2.1.0, as GitHub code scanning and other SAST dashboards read it.

use std::collections::HashMap;
use std::io::Write;

use serde_json::{Value, json};

use crate::finding::{Finding, LineIndex};
use crate::rules::{self, Severity};

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// Every rule the tool can report, including the pseudo-rules, in a fixed order.
fn descriptors() -> Vec<(&'static str, Value)> {
    let mut out: Vec<(&'static str, Value)> = rules::RULES
        .iter()
        .map(|r| {
            (
                r.code,
                json!({
                    "id": r.code,
                    "name": r.name,
                    "shortDescription": { "text": r.short },
                    "fullDescription": { "text": rules::summary(r) },
                    "help": { "text": r.doc, "markdown": r.doc },
                    "helpUri": r.url,
                    "defaultConfiguration": { "level": level(r.severity) },
                    "properties": { "tags": ["security", "composio"] },
                }),
            )
        })
        .collect();
    for (code, name, short, severity) in [
        (
            rules::PARSE_ERROR.0,
            rules::PARSE_ERROR.1,
            "A file could not be read, decoded or parsed.",
            Severity::Error,
        ),
        (
            rules::UNUSED_SUPPRESSION.0,
            rules::UNUSED_SUPPRESSION.1,
            "A suppression comment suppresses nothing or names an unknown rule.",
            Severity::Warning,
        ),
    ] {
        out.push((
            code,
            json!({
                "id": code,
                "name": name,
                "shortDescription": { "text": short },
                "fullDescription": { "text": short },
                "help": { "text": short },
                "defaultConfiguration": { "level": level(severity) },
            }),
        ));
    }
    out
}

/// A relative URI reference: forward slashes, everything but unreserved characters escaped.
fn uri(path: &str) -> String {
    let mut out = String::new();
    for b in path.replace('\\', "/").bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

pub fn render(findings: &[Finding], out: &mut dyn Write) -> std::io::Result<()> {
    let rules = descriptors();
    // One line index per file, shared by its findings' secondary labels.
    let mut line_indexes: HashMap<*const u8, LineIndex> = HashMap::new();
    let results: Vec<Value> = findings
        .iter()
        .map(|f| {
            let index = rules.iter().position(|(code, _)| *code == f.code).unwrap_or(0);
            let mut result = json!({
                "ruleId": f.code,
                "ruleIndex": index,
                "level": level(f.severity),
                "message": { "text": format!("{} — {}", f.message, f.help) },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri(&f.path), "uriBaseId": "%SRCROOT%" },
                        "region": {
                            "startLine": f.start.line,
                            "startColumn": f.start.column,
                            "endLine": f.end.line,
                            "endColumn": f.end.column,
                        }
                    }
                }],
            });
            if f.labels.len() > 1 {
                let index = line_indexes
                    .entry(f.source.as_ptr())
                    .or_insert_with(|| LineIndex::new(&f.source));
                result["relatedLocations"] = f
                    .labels
                    .iter()
                    .skip(1)
                    .enumerate()
                    .map(|(i, l)| {
                        let (s, e) = (index.position(&f.source, l.span.start), index.position(&f.source, l.span.end));
                        json!({
                            "id": i + 1,
                            "message": { "text": l.text },
                            "physicalLocation": {
                                "artifactLocation": { "uri": uri(&f.path), "uriBaseId": "%SRCROOT%" },
                                "region": { "startLine": s.line, "startColumn": s.column, "endLine": e.line, "endColumn": e.column }
                            }
                        })
                    })
                    .collect();
            }
            result
        })
        .collect();
    let root = std::env::current_dir().ok().map(|d| {
        format!(
            "file://{}/",
            uri(&d.to_string_lossy()).trim_end_matches('/')
        )
    });
    let mut run = json!({
        "tool": {
            "driver": {
                "name": "composio-lint",
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://docs.composio.dev/",
                "rules": rules.into_iter().map(|(_, r)| r).collect::<Vec<_>>(),
            }
        },
        "columnKind": "unicodeCodePoints",
        "results": results,
    });
    if let Some(root) = root {
        run["originalUriBaseIds"] = json!({ "%SRCROOT%": { "uri": root } });
    }
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [run],
    });
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}
