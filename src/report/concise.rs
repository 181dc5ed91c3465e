use std::io::Write;

use crate::finding::Finding;

pub fn render(findings: &[Finding], out: &mut dyn Write) -> std::io::Result<()> {
    for f in findings {
        writeln!(
            out,
            "{}:{}:{}: {} {}",
            f.path, f.start.line, f.start.column, f.code, f.message
        )?;
    }
    Ok(())
}
