//! What a `check` run says at the end, and its exit status: the summary line, what fixing
//! did, and why warnings fail a run when they do.

use crate::cli::CheckArgs;
use crate::lint::RunResult;

/// What fixing did, across files.
#[derive(Debug, Default)]
pub struct Summary {
    pub fixed: usize,
    pub files_changed: usize,
    pub would_change: usize,
    pub add_ignore: bool,
    pub diff: bool,
    pub problems: usize,
}

impl Summary {
    pub fn notes(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.diff && self.would_change > 0 {
            out.push(format!(
                "would {} {} {}{} {} {} file{}",
                if self.add_ignore { "add" } else { "fix" },
                self.fixed,
                if self.add_ignore {
                    "suppression"
                } else {
                    "problem"
                },
                plural(self.fixed),
                if self.add_ignore { "to" } else { "in" },
                self.would_change,
                plural(self.would_change)
            ));
        } else if self.add_ignore && !self.diff {
            out.push(format!(
                "added {} suppression{} to {} file{}",
                self.fixed,
                plural(self.fixed),
                self.files_changed,
                plural(self.files_changed)
            ));
        } else if !self.diff && (self.fixed > 0 || self.files_changed > 0) {
            out.push(format!(
                "fixed {} problem{} in {} file{}",
                self.fixed,
                plural(self.fixed),
                self.files_changed,
                plural(self.files_changed)
            ));
        }
        out
    }
}

pub fn exit_status(args: &CheckArgs, run: &RunResult, summary: &Summary) -> u8 {
    if run.io_errors > 0 {
        return 2;
    }
    if args.diff {
        // As ruff: `--diff` fails when there is something to fix.
        return u8::from(summary.would_change > 0 && !args.exit_zero);
    }
    let too_many_warnings = args.max_warnings.is_some_and(|max| run.warnings > max);
    let fails = run.errors > 0 || (args.deny_warnings && run.warnings > 0) || too_many_warnings;
    u8::from(fails && !args.exit_zero)
}

/// Why warnings alone fail the run, when they do.
pub fn failure_reason(args: &CheckArgs, run: &RunResult) -> Option<String> {
    if run.errors > 0 || run.warnings == 0 {
        return None;
    }
    let w = format!("{} warning{}", run.warnings, plural(run.warnings));
    if args.deny_warnings {
        return Some(format!("{w} fail the run (--deny-warnings)"));
    }
    match args.max_warnings {
        Some(max) if run.warnings > max => Some(format!(
            "{w}, more than the {max} allowed by --max-warnings"
        )),
        _ => None,
    }
}

pub fn summary_line(
    run: &RunResult,
    summary: &Summary,
    args: &CheckArgs,
    why: Option<&str>,
) -> String {
    let mut lines = summary.notes();
    if let Some(first) = lines.first_mut() {
        let mut c = first.chars();
        if let Some(f) = c.next() {
            *first = f.to_uppercase().chain(c).collect::<String>() + ".";
        }
    }
    if args.diff {
        return lines.join("\n");
    }
    lines.push(status_line(run, why));
    lines.join("\n")
}

fn status_line(run: &RunResult, why: Option<&str>) -> String {
    let found = run.findings();
    let files = format!("{} file{}", run.files_checked, plural(run.files_checked));
    if run.files_checked == 0 && found == 0 && run.io_errors == 0 {
        "No files were linted: no Python, TypeScript/JavaScript or Rust file among the paths."
            .to_string()
    } else if found == 0 && run.io_errors > 0 {
        format!(
            "No problems found in {files} checked, but {} path{} could not be read.",
            run.io_errors,
            plural(run.io_errors)
        )
    } else if found == 0 {
        format!("All checks passed ({files}).")
    } else {
        let mut s = format!(
            "Found {found} problem{} ({} error{}, {} warning{}) in {files} checked.",
            plural(found),
            run.errors,
            plural(run.errors),
            run.warnings,
            plural(run.warnings),
        );
        if let Some(why) = why {
            s.push_str(&format!(" The run fails: {why}."));
        }
        s
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
