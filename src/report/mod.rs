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

/// Writes findings as they come, batch by batch in output order, so a run never holds more
/// than one batch. JSON and SARIF are one document, so their enclosing text is written around
/// the stream, pretty-printed exactly as one `serde_json::to_writer_pretty` call would.
pub struct Writer<'o> {
    format: Format,
    color: bool,
    /// Columns the `full` format lays its text out for.
    width: usize,
    out: &'o mut dyn Write,
    /// JSON and SARIF: the open results array.
    array: Option<JsonArray>,
    /// SARIF: the document after its results array, and the rules results refer to.
    sarif_tail: String,
    sarif_rules: Vec<(&'static str, serde_json::Value)>,
}

impl<'o> Writer<'o> {
    pub fn begin(
        format: Format,
        color: bool,
        width: usize,
        out: &'o mut dyn Write,
    ) -> std::io::Result<Self> {
        let mut w = Writer {
            format,
            color,
            width,
            out,
            array: None,
            sarif_tail: String::new(),
            sarif_rules: Vec::new(),
        };
        match format {
            Format::Json => w.array = Some(JsonArray::open(&mut *w.out, "", "")?),
            Format::Sarif => {
                let (log, rules) = sarif::document();
                let text = serde_json::to_string_pretty(&log)?;
                // Strings escape their quotes, so this can only be the key itself.
                let key = "\"results\": []";
                let at = text
                    .find(key)
                    .expect("the SARIF document has an empty results array");
                let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
                let indent = &text[line_start..at];
                let head = &text[..at + key.len() - 2];
                w.array = Some(JsonArray::open(&mut *w.out, head, indent)?);
                w.sarif_tail = text[at + key.len()..].to_string();
                w.sarif_rules = rules;
            }
            _ => {}
        }
        Ok(w)
    }

    pub fn write(&mut self, findings: &[Finding]) -> std::io::Result<()> {
        let out = &mut *self.out;
        match self.format {
            Format::Full => full::render(findings, self.color, self.width, out),
            Format::Concise => concise::render(findings, out),
            Format::JsonLines => json::render_lines(findings, out),
            Format::Github => github::render(findings, out),
            Format::Json => {
                let array = self.array.as_mut().expect("opened in begin");
                for f in findings {
                    array.push(out, &json::JsonFinding::from(f))?;
                }
                Ok(())
            }
            Format::Sarif => {
                let array = self.array.as_mut().expect("opened in begin");
                for f in findings {
                    array.push(out, &sarif::result(f, &self.sarif_rules))?;
                }
                Ok(())
            }
        }
    }

    pub fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }

    pub fn finish(self) -> std::io::Result<()> {
        if let Some(array) = self.array {
            array.close(&mut *self.out)?;
            self.out.write_all(self.sarif_tail.as_bytes())?;
            writeln!(self.out)?;
        }
        self.out.flush()
    }
}

/// A pretty-printed JSON array written one element at a time.
struct JsonArray {
    /// Indentation of the line the array opens on.
    indent: String,
    empty: bool,
}

impl JsonArray {
    fn open(out: &mut dyn Write, before: &str, indent: &str) -> std::io::Result<JsonArray> {
        write!(out, "{before}[")?;
        Ok(JsonArray {
            indent: indent.to_string(),
            empty: true,
        })
    }

    fn push(&mut self, out: &mut dyn Write, item: &impl serde::Serialize) -> std::io::Result<()> {
        let text = serde_json::to_string_pretty(item)?;
        out.write_all(if self.empty { b"\n" } else { b",\n" })?;
        self.empty = false;
        // JSON strings cannot hold a raw newline, so every line break is the printer's.
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                out.write_all(b"\n")?;
            }
            write!(out, "{}  {line}", self.indent)?;
        }
        Ok(())
    }

    fn close(self, out: &mut dyn Write) -> std::io::Result<()> {
        if !self.empty {
            write!(out, "\n{}", self.indent)?;
        }
        out.write_all(b"]")
    }
}

/// All findings at once: [`Writer`] with a single batch, `full` laid out for 100 columns.
pub fn render(
    format: Format,
    findings: &[Finding],
    color: bool,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    render_width(format, findings, color, full::DEFAULT_WIDTH, out)
}

/// [`render`] for a given terminal width.
pub fn render_width(
    format: Format,
    findings: &[Finding],
    color: bool,
    width: usize,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let mut w = Writer::begin(format, color, width, out)?;
    w.write(findings)?;
    w.finish()
}

/// The width `full` reports are laid out for: `COLUMNS` when set, else the terminal's when
/// stdout is one, else 100.
pub fn terminal_width() -> usize {
    if let Some(n) = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|&n| n > 0)
    {
        return n;
    }
    if std::io::IsTerminal::is_terminal(&std::io::stdout())
        && let Some((terminal_size::Width(w), _)) = terminal_size::terminal_size()
    {
        return usize::from(w);
    }
    full::DEFAULT_WIDTH
}

/// `--statistics`: findings per rule — a table for people, a JSON array for the JSON formats.
pub fn statistics(
    by_rule: &std::collections::BTreeMap<(&'static str, &'static str), usize>,
    format: Format,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    if matches!(format, Format::Json | Format::JsonLines) {
        let rows: Vec<serde_json::Value> = by_rule
            .iter()
            .map(|((code, name), n)| serde_json::json!({ "code": code, "name": name, "count": n }))
            .collect();
        serde_json::to_writer_pretty(&mut *out, &rows)?;
        return writeln!(out);
    }
    for ((code, name), n) in by_rule {
        writeln!(out, "{n:>5}  {code}  {name}")?;
    }
    Ok(())
}
