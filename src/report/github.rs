//! GitHub Actions workflow commands: annotations on the pull request's changed lines.

use std::io::Write;

use crate::finding::Finding;
use crate::finding::Severity;

/// Workflow-command escaping: `%`, CR and LF everywhere; also `:` and `,` in properties.
fn escape(s: &str, property: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            ':' if property => out.push_str("%3A"),
            ',' if property => out.push_str("%2C"),
            c => out.push(c),
        }
    }
    out
}

pub fn render(findings: &[Finding], out: &mut dyn Write) -> std::io::Result<()> {
    for f in findings {
        let command = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        writeln!(
            out,
            "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            escape(&f.path.replace('\\', "/"), true),
            f.start.line,
            f.start.column,
            f.end.line,
            f.end.column,
            escape(&format!("{} {}", f.code, f.rule), true),
            escape(&format!("{} ({})", f.message, f.help), false),
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_workflow_command_data() {
        assert_eq!(escape("a:b,c%d\ne", true), "a%3Ab%2Cc%25d%0Ae");
        assert_eq!(escape("a:b,c", false), "a:b,c");
    }
}
