//! CS001: the string "default" reaches a Composio user id.

use std::collections::BTreeMap;

use super::{Context, Diagnostic, PerLanguage, Rule, quote_code};
use crate::finding::Severity;

pub const RULE: Rule = Rule {
    code: "CS001",
    name: "default-user-id",
    severity: Severity::Error,
    short: r#"The string "default" reaches a Composio user id."#,
    doc: include_str!("../../rules/CS001-default-user-id.md"),
    help: PerLanguage {
        python: "pass the id of the user being served, e.g. `user_id=current_user.id`; for a single-user script or demo, suppress it with `# composio-lint: ignore[CS001] -- single-user script`",
        typescript: "pass the id of the user being served, e.g. `composio.create(req.user.id, ...)`; for a single-user script or demo, suppress it with `// composio-lint: ignore[CS001] -- single-user script`",
        rust: "pass the id of the user being served, e.g. `client.create_session(&user.id)`; for a single-user tool or demo, suppress it with `// composio-lint: ignore[CS001] -- single-user tool`",
    },
    url: PerLanguage::all("https://docs.composio.dev/docs/how-composio-works#users"),
    reference: "https://docs.composio.dev/docs/how-composio-works#users",
    check,
};

fn is_default(cx: &Context<'_>, value: &str) -> bool {
    value.eq_ignore_ascii_case("default")
        || cx
            .extra_default_user_ids
            .iter()
            .any(|id| id.eq_ignore_ascii_case(value))
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    // One finding per literal, however many calls or bindings it reaches; the label points
    // at the nearest call it reaches.
    let mut by_literal: BTreeMap<usize, Diagnostic> = BTreeMap::new();
    let mut nearest: BTreeMap<usize, usize> = BTreeMap::new();
    for arg in &cx.model.user_ids {
        for literal in arg.literals.iter().filter(|l| is_default(cx, &l.value)) {
            let distance = arg.call.start.abs_diff(literal.span.start);
            if nearest
                .get(&literal.span.start)
                .is_some_and(|&d| d <= distance)
            {
                continue;
            }
            nearest.insert(literal.span.start, distance);
            by_literal.insert(
                literal.span.start,
                Diagnostic::new(
                    literal.span.clone(),
                    format!(
                        "{} is used as the user id of `{}`",
                        quote_code(cx.text(&literal.span)),
                        arg.callee
                    ),
                    "one id shared by every user",
                )
                .with_label(arg.call.clone(), "reaches this Composio call"),
            );
        }
    }
    for binding in &cx.model.user_id_bindings {
        if !is_default(cx, &binding.literal.value) {
            continue;
        }
        by_literal
            .entry(binding.literal.span.start)
            .or_insert_with(|| {
                Diagnostic::new(
                    binding.literal.span.clone(),
                    format!(
                        "`{}` is set to {} in a file that uses Composio",
                        binding.name,
                        quote_code(cx.text(&binding.literal.span))
                    ),
                    "one id shared by every user",
                )
            });
    }
    out.extend(by_literal.into_values());
}
