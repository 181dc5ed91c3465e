use std::io::Write;

use serde::Serialize;

use crate::finding::Finding;

/// Exactly the keys SPEC §3 fixes, in that order.
#[derive(Serialize)]
pub struct JsonFinding<'a> {
    code: &'a str,
    rule: &'a str,
    severity: &'a str,
    message: &'a str,
    path: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    help: &'a str,
    url: &'a str,
}

impl<'a> From<&'a Finding> for JsonFinding<'a> {
    fn from(f: &'a Finding) -> Self {
        JsonFinding {
            code: f.code,
            rule: f.rule,
            severity: f.severity.as_str(),
            message: &f.message,
            path: &f.path,
            line: f.start.line,
            column: f.start.column,
            end_line: f.end.line,
            end_column: f.end.column,
            help: &f.help,
            url: f.url,
        }
    }
}

pub fn render_lines(findings: &[Finding], out: &mut dyn Write) -> std::io::Result<()> {
    for f in findings {
        serde_json::to_writer(&mut *out, &JsonFinding::from(f))?;
        writeln!(out)?;
    }
    Ok(())
}
