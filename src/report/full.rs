//! The human format: miette graphical reports with labelled spans, help and the rule's doc.

use std::fmt;
use std::io::Write;

use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, SourceCode};

use crate::finding::Finding;
use crate::finding::Severity;
use crate::rules;

struct Report<'a> {
    finding: &'a Finding,
    help: String,
}

impl fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.finding.message)
    }
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.finding.message)
    }
}

impl std::error::Error for Report<'_> {}

impl Diagnostic for Report<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(format!(
            "{}({})",
            self.finding.code, self.finding.rule
        )))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.finding.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(&self.help))
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.finding.snippet.as_ref().map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let labels = self.finding.labels.iter().enumerate().filter_map(|(i, l)| {
            let span = self.finding.snippet.as_ref()?.span(i)?;
            let at = (span.start, span.end - span.start);
            Some(if i == 0 {
                LabeledSpan::new_primary_with_span(Some(l.text.clone()), at)
            } else {
                LabeledSpan::new_with_span(Some(l.text.clone()), at)
            })
        });
        Some(Box::new(labels))
    }
}

pub fn render(findings: &[Finding], color: bool, out: &mut dyn Write) -> std::io::Result<()> {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_links(false)
        .with_width(100);
    for f in findings {
        let mut help = f.help.clone();
        if let Some(rule) = rules::find(f.code) {
            help.push_str(&format!(
                "\n{}\nSee `composio-lint rule {}` for examples.",
                rules::summary(rule),
                rule.code
            ));
        }
        if !f.url.is_empty() {
            help.push_str(&format!("\nReference: {}", f.url));
        }
        let report = Report { finding: f, help };
        let mut rendered = String::new();
        handler
            .render_report(&mut rendered, &report)
            .map_err(|e| std::io::Error::other(e.to_string()))?;
        if f.snippet.is_none() {
            // Nothing to show from the source: say where it is.
            writeln!(out, "{}:", f.path)?;
        }
        writeln!(out, "{rendered}")?;
    }
    Ok(())
}
