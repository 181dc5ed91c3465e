//! SARIF 2.1.0, as GitHub code scanning and other SAST dashboards read it.

use serde_json::{Value, json};

use crate::finding::Finding;
use crate::finding::Severity;
use crate::rules;

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// Every rule the tool can report, including the pseudo-rules, in a fixed order.
fn descriptors() -> Vec<(&'static str, Value)> {
    rules::every_rule()
        .map(|r| {
            let mut d = json!({
                "id": r.code,
                "name": r.name,
                "shortDescription": { "text": r.short },
                "fullDescription": { "text": rules::summary(r) },
                "help": { "text": r.doc, "markdown": r.doc },
                "defaultConfiguration": { "level": level(r.severity) },
                "properties": { "tags": ["security", "composio"] },
            });
            // One page per rule: SARIF has no per-language help; the concept page serves all.
            if !r.reference.is_empty() {
                d["helpUri"] = json!(r.reference);
            }
            (r.code, d)
        })
        .collect()
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

/// One finding as a SARIF result; `rules` are the run's rule descriptors, in order.
pub fn result(f: &Finding, rules: &[(&'static str, Value)]) -> Value {
    let index = rules
        .iter()
        .position(|(code, _)| *code == f.code)
        .unwrap_or(0);
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
        result["relatedLocations"] = f
            .labels
            .iter()
            .zip(&f.label_positions)
            .skip(1)
            .enumerate()
            .map(|(i, (l, &(s, e)))| {
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
}

/// The SARIF log around the results, and the rule descriptors results refer to. Its
/// `results` array is empty; the writer streams the results into it.
pub fn document() -> (Value, Vec<(&'static str, Value)>) {
    let rules = descriptors();
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
                "rules": rules.iter().map(|(_, r)| r.clone()).collect::<Vec<_>>(),
            }
        },
        "columnKind": "unicodeCodePoints",
        "results": [],
    });
    if let Some(root) = root {
        run["originalUriBaseIds"] = json!({ "%SRCROOT%": { "uri": root } });
    }
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [run],
    });
    (log, rules)
}
