//! The real binary: exit codes, formats, flags, and bad input (SPEC §2–§3).

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

mod common;
use common::project;

fn bin() -> Command {
    let mut c = Command::cargo_bin("composio-lint").unwrap();
    c.env_remove("GITHUB_ACTIONS")
        .env_remove("NO_COLOR")
        .env_remove("COLUMNS");
    c
}

const BAD: &str = r#"from composio import Composio

composio = Composio()


def handle(user_id: str):
    session = composio.create(user_id="default")
    print(session.session_id)
    return session.tools()
"#;

/// Only a warning: the session ID is never logged.
const WARN_ONLY: &str = r#"from composio import Composio

composio = Composio()


def handle(user_id: str):
    session = composio.create(user_id=user_id)
    return session.tools()
"#;

const CLEAN: &str = r#"import logging
from composio import Composio

log = logging.getLogger(__name__)
composio = Composio()


def handle(user_id: str):
    session = composio.create(user_id=user_id)
    log.info("composio session %s", session.session_id)
    return session.tools()
"#;

fn json_findings(dir: &Path, extra: &[&str]) -> Vec<serde_json::Value> {
    let out = bin()
        .current_dir(dir)
        .args(["check", "--output-format", "json"])
        .args(extra)
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn errors_exit_1_and_clean_code_exits_0() {
    let dir = project(&[("bad.py", BAD.as_bytes()), ("ok.py", CLEAN.as_bytes())]);
    bin()
        .current_dir(dir.path())
        .args(["check", "bad.py"])
        .assert()
        .code(1);
    bin()
        .current_dir(dir.path())
        .args(["check", "ok.py"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("All checks passed"));
}

#[test]
fn warnings_alone_exit_0_unless_denied_or_over_the_limit() {
    let dir = project(&[("warn.py", WARN_ONLY.as_bytes())]);
    let run = |args: &[&str]| {
        bin()
            .current_dir(dir.path())
            .arg("check")
            .args(args)
            .assert()
    };
    run(&["warn.py"])
        .code(0)
        .stdout(predicate::str::contains("CS004"));
    run(&["warn.py", "--deny-warnings"]).code(1);
    run(&["warn.py", "--max-warnings", "0"]).code(1);
    run(&["warn.py", "--max-warnings", "1"]).code(0);
}

#[test]
fn exit_zero_overrides_failures() {
    let dir = project(&[("bad.py", BAD.as_bytes())]);
    bin()
        .current_dir(dir.path())
        .args(["check", "--exit-zero", "bad.py"])
        .assert()
        .code(0);
}

#[test]
fn missing_path_is_exit_2_with_a_clear_message_and_other_paths_still_linted() {
    let dir = project(&[("bad.py", BAD.as_bytes())]);
    bin()
        .current_dir(dir.path())
        .args([
            "check",
            "--output-format",
            "concise",
            "no/such/dir",
            "bad.py",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "no/such/dir: no such file or directory",
        ))
        .stdout(predicate::str::contains("bad.py:7:39: CS001"));
}

#[test]
fn usage_errors_exit_2() {
    bin()
        .args(["check", "--output-format", "xml"])
        .assert()
        .code(2);
    bin().args(["check", "--no-such-flag"]).assert().code(2);
    bin()
        .args(["check", "--select", "CS999"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown rule `CS999`"));
    bin().args(["rule", "nope"]).assert().code(2);
}

#[test]
fn json_has_exactly_the_spec_keys() {
    let dir = project(&[("bad.py", BAD.as_bytes())]);
    let findings = json_findings(dir.path(), &[]);
    assert_eq!(findings.len(), 1);
    let f = findings[0].as_object().unwrap();
    let keys: Vec<&str> = f.keys().map(String::as_str).collect();
    let mut expected = vec![
        "code",
        "rule",
        "severity",
        "message",
        "path",
        "line",
        "column",
        "end_line",
        "end_column",
        "help",
        "url",
    ];
    expected.sort();
    let mut got = keys.clone();
    got.sort();
    assert_eq!(got, expected);
    assert_eq!(f["code"], "CS001");
    assert_eq!(f["rule"], "default-user-id");
    assert_eq!(f["severity"], "error");
    assert_eq!(f["path"], "bad.py");
    assert_eq!(
        (f["line"].as_u64(), f["column"].as_u64()),
        (Some(7), Some(39))
    );
    assert_eq!(
        (f["end_line"].as_u64(), f["end_column"].as_u64()),
        (Some(7), Some(48))
    );
    assert!(
        f["url"]
            .as_str()
            .unwrap()
            .starts_with("https://docs.composio.dev/")
    );
}

#[test]
fn columns_count_unicode_scalar_values() {
    let src = "from composio import Composio\ncomposio = Composio()\n\ndef handle(user_id):\n    s = composio.create(note=\"héllo wörld\", user_id=\"default\")\n    print(s.session_id)\n";
    let dir = project(&[("u.py", src.as_bytes())]);
    let findings = json_findings(dir.path(), &[]);
    let line = src.lines().nth(4).unwrap();
    let byte = line.find("\"default\"").unwrap();
    assert_eq!(
        findings[0]["column"].as_u64().unwrap() as usize,
        line[..byte].chars().count() + 1
    );
}

#[test]
fn json_lines_and_concise_formats() {
    let dir = project(&[
        ("bad.py", BAD.as_bytes()),
        ("warn.py", WARN_ONLY.as_bytes()),
    ]);
    let out = bin()
        .current_dir(dir.path())
        .args(["check", "--output-format", "json-lines"])
        .output()
        .unwrap();
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines, json_findings(dir.path(), &[]));
    bin()
        .current_dir(dir.path())
        .args(["check", "--output-format", "concise", "-q"])
        .assert()
        .code(1)
        .stdout(predicate::eq(
            "bad.py:7:39: CS001 `\"default\"` is used as the user id of `composio.create`\n\
             warn.py:7:15: CS004 the ID of the session created by `composio.create` is never logged\n",
        ));
}

#[test]
fn full_format_shows_code_spans_help_doc_and_reference() {
    let dir = project(&[("bad.py", BAD.as_bytes())]);
    bin()
        .current_dir(dir.path())
        .args(["check", "--color", "never", "bad.py"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("CS001(default-user-id)"))
        .stdout(predicate::str::contains("[bad.py:7:39]"))
        .stdout(predicate::str::contains("one id shared by every user"))
        .stdout(predicate::str::contains(
            "help: pass the id of the user being served",
        ))
        .stdout(predicate::str::contains(
            "docs: `composio-lint rule CS001`, https://docs.composio.dev/docs/how-composio-works#users",
        ))
        // The rule doc's text is `rule`'s to print, not every finding's.
        .stdout(predicate::str::contains("What it does").not())
        .stdout(predicate::str::contains("Flags").not())
        .stdout(predicate::str::contains("\u{1b}[").not());
    bin()
        .current_dir(dir.path())
        .args(["check", "--color", "always", "bad.py"])
        .assert()
        .stdout(predicate::str::contains("\u{1b}["));
    bin()
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .args(["check", "bad.py"])
        .assert()
        .stdout(predicate::str::contains("\u{1b}[").not());
}

#[test]
fn select_ignore_and_statistics() {
    let dir = project(&[
        ("bad.py", BAD.as_bytes()),
        ("warn.py", WARN_ONLY.as_bytes()),
    ]);
    let codes = |extra: &[&str]| -> Vec<String> {
        json_findings(dir.path(), extra)
            .iter()
            .map(|f| f["code"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(codes(&[]), ["CS001", "CS004"]);
    assert_eq!(codes(&["--select", "CS004"]), ["CS004"]);
    assert_eq!(codes(&["--select", "default-user-id"]), ["CS001"]);
    assert_eq!(codes(&["--ignore", "CS001,CS004"]), Vec::<String>::new());
    bin()
        .current_dir(dir.path())
        .args(["check", "--statistics", "--output-format", "concise"])
        .assert()
        .stdout(predicate::str::contains("    1  CS001  default-user-id"))
        .stdout(predicate::str::contains(
            "    1  CS004  missing-session-id-log",
        ));
}

#[test]
fn output_is_sorted_by_path_line_column_code() {
    let dir = project(&[
        ("b.py", BAD.as_bytes()),
        ("a/z.py", WARN_ONLY.as_bytes()),
        ("a/b.py", BAD.as_bytes()),
    ]);
    let findings = json_findings(dir.path(), &[]);
    let keys: Vec<(String, u64, u64)> = findings
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
            )
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    assert_eq!(keys.len(), 3);
    assert_eq!(keys[0].0, Path::new("a").join("b.py").to_string_lossy());
}

#[test]
fn rule_docs_and_rules_table() {
    bin()
        .args(["rule", "CS001"])
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with("# default-user-id (CS001)"))
        .stdout(predicate::str::contains("## Why is this bad?"));
    bin()
        .args(["rule", "cached-session"])
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with("# cached-session (CS003)"));
    let all = bin().args(["rule", "--all"]).output().unwrap();
    let all = String::from_utf8(all.stdout).unwrap();
    for code in ["CS001", "CS002", "CS003", "CS004", "CS005"] {
        assert!(
            all.contains(&format!("({code})")),
            "{code} missing from rule --all"
        );
    }
    bin()
        .arg("rules")
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "CS002   shared-session            error",
        ))
        .stdout(predicate::str::contains(
            "CS005   email-user-id             warning",
        ))
        .stdout(predicate::str::contains(
            "CS900   parse-error               error",
        ))
        .stdout(predicate::str::contains(
            "CS901   unused-suppression        warning",
        ));
    for wanted in [
        "CS900",
        "parse-error",
        "CS901",
        "unused-suppression",
        "cs901",
    ] {
        bin().args(["rule", wanted]).assert().code(0).stdout(
            predicate::str::starts_with("# parse-error (CS900)")
                .or(predicate::str::starts_with("# unused-suppression (CS901)")),
        );
    }
    for code in ["CS900", "CS901"] {
        assert!(
            all.contains(&format!("({code})")),
            "{code} missing from rule --all"
        );
    }
}

#[test]
fn severity_overrides_apply_to_cs900_and_cs901() {
    let stale = "from composio import Composio\n\n# composio-lint: ignore[CS002] -- old\nx = 1\n";
    let dir = project(&[("stale.py", stale.as_bytes())]);
    let codes = |dir: &Path| -> Vec<(String, String)> {
        json_findings(dir, &[])
            .iter()
            .map(|f| {
                (
                    f["code"].as_str().unwrap().to_string(),
                    f["severity"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    assert_eq!(codes(dir.path()), [("CS901".into(), "warning".into())]);
    bin()
        .current_dir(dir.path())
        .args(["check", "stale.py"])
        .assert()
        .code(0);
    fs::write(
        dir.path().join("composio-lint.toml"),
        "[severity]\nCS901 = \"error\"\nCS900 = \"warning\"\n",
    )
    .unwrap();
    assert_eq!(codes(dir.path()), [("CS901".into(), "error".into())]);
    bin()
        .current_dir(dir.path())
        .args(["check", "stale.py"])
        .assert()
        .code(1);
    // A file that is not linted at all is a CS900 error, unless configured otherwise.
    fs::write(dir.path().join("bin.py"), b"composio\0").unwrap();
    let found = codes(dir.path());
    assert!(
        found.contains(&("CS900".into(), "warning".into())),
        "{found:?}"
    );
}

#[test]
fn bad_input_is_reported_and_the_rest_still_linted() {
    let mut invalid_utf8 = b"import composio\nx = '".to_vec();
    invalid_utf8.extend([0xff, 0xfe]);
    invalid_utf8.extend(b"'\n");
    let syntax_error = format!("{BAD}\ndef broken(:\n    composio.create(user_id='default')\n");
    let dir = project(&[
        ("bad.py", BAD.as_bytes()),
        ("latin1.py", &invalid_utf8),
        ("binary.py", b"composio\x00\x01\x02\x03"),
        ("empty.py", b""),
        ("syntax.py", syntax_error.as_bytes()),
        ("bom.py", format!("\u{feff}{BAD}").as_bytes()),
        ("crlf.py", BAD.replace('\n', "\r\n").as_bytes()),
    ]);
    let findings = json_findings(dir.path(), &[]);
    let summary: Vec<String> = findings
        .iter()
        .map(|f| {
            format!(
                "{}:{}:{}",
                f["path"].as_str().unwrap(),
                f["line"],
                f["code"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            "bad.py:7:CS001",
            "binary.py:1:CS900",
            "bom.py:7:CS001",
            "crlf.py:7:CS001",
            "latin1.py:1:CS900",
            "syntax.py:7:CS001",
            "syntax.py:11:CS900",
            // The call after the broken `def` line parses on its own, so it is still linted.
            "syntax.py:12:CS004",
            "syntax.py:12:CS001",
        ]
    );
    let latin1 = findings.iter().find(|f| f["path"] == "latin1.py").unwrap();
    assert!(
        latin1["message"]
            .as_str()
            .unwrap()
            .contains("invalid UTF-8 on line 2")
    );
    // Undecodable files are errors; a syntax error is a warning (the rest of the file was linted).
    assert_eq!(latin1["severity"], "error");
    let syntax = findings
        .iter()
        .find(|f| f["path"] == "syntax.py" && f["code"] == "CS900")
        .unwrap();
    assert_eq!(syntax["severity"], "warning");
    let binary = findings.iter().find(|f| f["path"] == "binary.py").unwrap();
    assert!(binary["message"].as_str().unwrap().contains("binary file"));
    bin().current_dir(dir.path()).arg("check").assert().code(1);
}

#[test]
fn deep_nesting_does_not_overflow() {
    let depth = 40_000;
    let src = format!(
        "from composio import Composio\ncomposio = Composio()\nx = {}1{}\ny = {}\n",
        "(".repeat(depth),
        ")".repeat(depth),
        "[".repeat(depth) + &"]".repeat(depth)
    );
    let dir = project(&[("deep.py", src.as_bytes())]);
    bin()
        .current_dir(dir.path())
        .args(["check", "deep.py"])
        .assert()
        .code(predicate::in_iter([0, 1]));
}

#[test]
fn walking_skips_ignored_hidden_and_vendored_folders() {
    let dir = project(&[
        (".gitignore", b"generated/\n"),
        ("generated/bad.py", BAD.as_bytes()),
        ("node_modules/pkg/bad.py", BAD.as_bytes()),
        (".venv/lib/bad.py", BAD.as_bytes()),
        ("target/bad.py", BAD.as_bytes()),
        ("src/bad.py", BAD.as_bytes()),
        ("src/notes.txt", BAD.as_bytes()),
    ]);
    let paths = |extra: &[&str]| -> Vec<String> {
        json_findings(dir.path(), extra)
            .iter()
            .map(|f| f["path"].as_str().unwrap().to_string())
            .collect()
    };
    let src_bad = Path::new("src")
        .join("bad.py")
        .to_string_lossy()
        .into_owned();
    assert_eq!(paths(&[]), std::slice::from_ref(&src_bad));
    let gen_bad = Path::new("generated")
        .join("bad.py")
        .to_string_lossy()
        .into_owned();
    assert_eq!(paths(&["--no-respect-gitignore"]), [gen_bad, src_bad]);
}

#[test]
fn explicit_paths_given_twice_are_linted_once() {
    let dir = project(&[("bad.py", BAD.as_bytes())]);
    let out = bin()
        .current_dir(dir.path())
        .args(["check", "--output-format", "json", "bad.py", "bad.py", "."])
        .output()
        .unwrap();
    let findings: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(findings.len(), 1, "{findings:?}");
}

#[test]
fn linting_never_modifies_the_files_it_reads() {
    let dir = project(&[
        ("bad.py", BAD.as_bytes()),
        ("warn.py", WARN_ONLY.as_bytes()),
    ]);
    let before: Vec<(Vec<u8>, std::time::SystemTime)> = ["bad.py", "warn.py"]
        .iter()
        .map(|n| {
            let p = dir.path().join(n);
            (
                fs::read(&p).unwrap(),
                fs::metadata(&p).unwrap().modified().unwrap(),
            )
        })
        .collect();
    bin().current_dir(dir.path()).arg("check").assert().code(1);
    let after: Vec<(Vec<u8>, std::time::SystemTime)> = ["bad.py", "warn.py"]
        .iter()
        .map(|n| {
            let p = dir.path().join(n);
            (
                fs::read(&p).unwrap(),
                fs::metadata(&p).unwrap().modified().unwrap(),
            )
        })
        .collect();
    assert_eq!(before, after);
    let names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 2, "the linter created files: {names:?}");
}

#[test]
fn examples_project_shows_every_rule() {
    let out = bin()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["check", "--output-format", "json", "examples"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let findings: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    for code in ["CS001", "CS002", "CS003", "CS004", "CS005"] {
        assert!(
            findings.iter().any(|f| f["code"] == code),
            "examples/ shows no {code}"
        );
    }
}

#[test]
fn inline_suppressions_from_real_comments_only() {
    let src = r#"from composio import Composio

composio = Composio()
LABEL = "composio-lint: ignore[CS001]"


def above(user_id: str):
    # composio-lint: ignore[CS001] -- single-user demo
    session = composio.create(user_id="default")
    print(session.session_id)


def trailing(user_id: str):
    session = composio.create(user_id="default")  # composio-lint: ignore[default-user-id]
    print(session.session_id)


def noqa(user_id: str):
    session = composio.create(user_id="default")  # noqa: E501, CS001
    print(session.session_id)


def string_is_not_a_comment(user_id: str):
    session = composio.create(user_id="default", note="composio-lint: ignore[CS001]")
    print(session.session_id)


def unused(user_id: str):
    # composio-lint: ignore[CS004]
    session = composio.create(user_id=user_id)
    print(session.session_id)


def unknown_code(user_id: str):
    session = composio.create(user_id=user_id)  # composio-lint: ignore[CS123]
    print(session.session_id)
"#;
    let dir = project(&[("s.py", src.as_bytes())]);
    let lines = |extra: &[&str]| -> Vec<String> {
        json_findings(dir.path(), extra)
            .iter()
            .map(|f| format!("{}:{}", f["line"], f["code"].as_str().unwrap()))
            .collect()
    };
    assert_eq!(lines(&[]), ["24:CS001", "29:CS901", "35:CS901"]);
    let all = json_findings(dir.path(), &[]);
    assert!(
        all[1]["message"]
            .as_str()
            .unwrap()
            .contains("`CS004` suppresses nothing")
    );
    assert!(
        all[2]["message"]
            .as_str()
            .unwrap()
            .contains("`CS123` is not a composio-lint rule")
    );
    // With only some rules running, an unused directive may belong to a rule that did not run.
    assert_eq!(lines(&["--select", "CS001"]), ["24:CS001"]);
    assert_eq!(lines(&["--ignore", "CS901"]), ["24:CS001"]);
}

/// The walk skips type annotations unless they may hold a comment: a directive inside one must
/// still count, and a comment-free type must not hide the code after it.
#[test]
fn typescript_suppressions_inside_types() {
    let src = r#"import { Composio } from '@composio/core';

const composio = new Composio();

export async function inType(userId: string) {
  const session: Awaited<
    ReturnType<Composio['create']> // composio-lint: ignore[CS001] -- single-user demo
  > = await composio.create('default');
  console.log(session.sessionId);
}

export async function plainType(userId: string) {
  const session: Awaited<ReturnType<Composio['create']>> = await composio.create('default');
  console.log(session.sessionId);
}

interface Holder {
  /* composio-lint: ignore[CS004] */ id: string;
}
"#;
    let dir = project(&[("s.ts", src.as_bytes())]);
    let lines: Vec<String> = json_findings(dir.path(), &[])
        .iter()
        .map(|f| format!("{}:{}", f["line"], f["code"].as_str().unwrap()))
        .collect();
    assert_eq!(lines, ["13:CS001", "18:CS901"]);
}

#[test]
fn file_level_suppression() {
    let src = format!("# composio-lint: file-ignore[CS001, CS004]\n{BAD}{WARN_ONLY}");
    let dir = project(&[("f.py", src.as_bytes())]);
    assert_eq!(
        json_findings(dir.path(), &[]),
        Vec::<serde_json::Value>::new()
    );
    let dir = project(&[(
        "g.py",
        format!("# composio-lint: file-ignore[CS002]\n{BAD}").as_bytes(),
    )]);
    let codes: Vec<String> = json_findings(dir.path(), &[])
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(codes, ["CS901", "CS001"]);
}

#[test]
fn config_file_is_found_by_walking_up_and_cli_flags_override_it() {
    let dir = project(&[
        ("composio-lint.toml", b"ignore = [\"CS004\"]\nexclude = [\"legacy\"]\n[per-file-ignores]\n\"scripts/**\" = [\"CS001\"]\n[severity]\nCS001 = \"warning\"\n"),
        ("app/bad.py", BAD.as_bytes()),
        ("app/warn.py", WARN_ONLY.as_bytes()),
        ("scripts/demo.py", BAD.as_bytes()),
        ("legacy/old.py", BAD.as_bytes()),
    ]);
    let app = dir.path().join("app");
    let summary = |cwd: &Path, extra: &[&str]| -> Vec<String> {
        json_findings(cwd, extra)
            .iter()
            .map(|f| {
                format!(
                    "{} {} {}",
                    f["path"].as_str().unwrap(),
                    f["code"].as_str().unwrap(),
                    f["severity"].as_str().unwrap()
                )
            })
            .collect()
    };
    // From a subfolder: the config above applies (ignore CS004, CS001 demoted to a warning).
    assert_eq!(summary(&app, &[]), ["bad.py CS001 warning"]);
    bin().current_dir(&app).arg("check").assert().code(0);
    // From the root: per-file-ignores and exclude apply too.
    let root = summary(dir.path(), &[]);
    assert_eq!(
        root,
        [format!(
            "{} CS001 warning",
            Path::new("app").join("bad.py").display()
        )]
    );
    // A flag overrides the file's `ignore`.
    assert!(
        summary(&app, &["--ignore", "CS001"])
            .iter()
            .any(|s| s == "warn.py CS004 warning")
    );
    // Paths named explicitly are linted even if excluded, unless --force-exclude.
    let legacy = Path::new("legacy").join("old.py").display().to_string();
    assert_eq!(summary(dir.path(), &[&legacy]).len(), 1);
    assert_eq!(summary(dir.path(), &["--force-exclude", &legacy]).len(), 0);
}

#[test]
fn pyproject_table_and_explicit_config() {
    let dir = project(&[
        ("pyproject.toml", b"[project]\nname = \"x\"\n\n[tool.composio-lint]\nextra-default-user-ids = [\"test\"]\n"),
        ("a.py", BAD.replace("\"default\"", "\"test\"").as_bytes()),
        ("other.toml", b"select = [\"CS004\"]\n"),
    ]);
    let codes = |extra: &[&str]| -> Vec<String> {
        json_findings(dir.path(), extra)
            .iter()
            .map(|f| f["code"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(codes(&[]), ["CS001"]);
    assert_eq!(codes(&["--config", "other.toml"]), Vec::<String>::new());
}

#[test]
fn extra_loggers_count_as_logging() {
    let src = WARN_ONLY.replace(
        "    return session.tools()",
        "    audit.record(session.session_id)\n    return session.tools()",
    );
    let dir = project(&[("a.py", src.as_bytes())]);
    assert_eq!(json_findings(dir.path(), &[]).len(), 1);
    fs::write(
        dir.path().join(".composio-lint.toml"),
        "extra-loggers = [\"audit.record\"]\n",
    )
    .unwrap();
    assert_eq!(json_findings(dir.path(), &[]).len(), 0);
}

#[test]
fn bad_config_is_exit_2_pointing_at_file_line_and_key() {
    for (body, expected) in [
        (
            "select = [\"CS001\"]\nselct = [\"CS004\"]\n",
            "unknown field `selct`",
        ),
        ("select = \"CS001\"\n", "invalid type"),
        ("ignore = [\"CS999\"]\n", "unknown rule `CS999`"),
        ("[severity]\nCS004 = \"loud\"\n", "invalid severity `loud`"),
        ("exclude = [\"a[\"]\n", "invalid glob"),
    ] {
        let dir = project(&[
            ("composio-lint.toml", body.as_bytes()),
            ("a.py", CLEAN.as_bytes()),
        ]);
        bin()
            .current_dir(dir.path())
            .args(["check", "--color", "never"])
            .env("NO_COLOR", "1")
            .assert()
            .code(2)
            .stderr(predicate::str::contains(expected))
            .stderr(predicate::str::contains("composio-lint.toml:"));
    }
    let dir = project(&[("composio-lint.toml", b"select = [\"CS001\"]\nselct = 1\n")]);
    bin()
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .arg("check")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("composio-lint.toml:2:1"));
    bin()
        .args(["check", "--config", "/no/such/config.toml"])
        .assert()
        .code(2);
}

#[test]
fn sarif_output_validates_against_the_official_schema() {
    let dir = project(&[
        ("bad.py", BAD.as_bytes()),
        ("src dir/warn.py", WARN_ONLY.as_bytes()),
        ("broken.py", b"import composio\ndef f(:\n"),
    ]);
    let out = bin()
        .current_dir(dir.path())
        .args(["check", "--output-format", "sarif"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let sarif: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // The official SARIF 2.1.0 schema (a copy of ../shared/schemas/sarif-schema-2.1.0.json).
    let schema_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sarif-schema-2.1.0.json");
    let schema: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(schema_path).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");

    let run = &sarif["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        [
            "CS001", "CS002", "CS003", "CS004", "CS005", "CS900", "CS901"
        ]
    );
    for r in &rules[..5] {
        for key in [
            "name",
            "shortDescription",
            "fullDescription",
            "help",
            "helpUri",
            "defaultConfiguration",
        ] {
            assert!(r.get(key).is_some(), "rule {} lacks {key}", r["id"]);
        }
    }
    let results = run["results"].as_array().unwrap();
    let uris: Vec<&str> = results
        .iter()
        .map(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert_eq!(uris, ["bad.py", "broken.py", "src%20dir/warn.py"]);
    let region = &results[0]["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (region["startLine"].as_u64(), region["startColumn"].as_u64()),
        (Some(7), Some(39))
    );
    assert_eq!(
        (region["endLine"].as_u64(), region["endColumn"].as_u64()),
        (Some(7), Some(48))
    );
    assert_eq!(
        results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"],
        "%SRCROOT%"
    );
    assert_eq!(results[2]["level"], "warning");
}

#[test]
fn github_format_explicit_and_automatic() {
    let dir = project(&[
        ("bad.py", BAD.as_bytes()),
        ("warn.py", WARN_ONLY.as_bytes()),
    ]);
    let expected =
        "::error file=bad.py,line=7,col=39,endLine=7,endColumn=48,title=CS001 default-user-id::";
    bin()
        .current_dir(dir.path())
        .args(["check", "--output-format", "github"])
        .assert()
        .code(1)
        .stdout(predicate::str::starts_with(expected))
        .stdout(predicate::str::contains(
            "\n::warning file=warn.py,line=7,col=15,",
        ));
    bin()
        .current_dir(dir.path())
        .env("GITHUB_ACTIONS", "true")
        .arg("check")
        .assert()
        .stdout(predicate::str::starts_with(expected));
    // An explicit format wins over the environment.
    bin()
        .current_dir(dir.path())
        .env("GITHUB_ACTIONS", "true")
        .args(["check", "--output-format", "concise"])
        .assert()
        .stdout(predicate::str::starts_with("bad.py:7:39: CS001"));
}

#[test]
fn stdin_with_a_file_name() {
    let dir = project(&[("composio-lint.toml", b"exclude = [\"vendor\"]\n")]);
    bin()
        .current_dir(dir.path())
        .args([
            "check",
            "--stdin-filename",
            "app/agent.py",
            "--output-format",
            "concise",
            "-",
        ])
        .write_stdin(BAD)
        .assert()
        .code(1)
        .stdout(predicate::str::starts_with("app/agent.py:7:39: CS001"));
    bin()
        .current_dir(dir.path())
        .args(["check", "--stdin-filename", "route.ts", "--output-format", "concise"])
        .write_stdin("import { Composio } from '@composio/core';\nconst c = new Composio();\nexport async function POST(req: Request) {\n  const s = await c.create('default');\n  console.log(s.sessionId);\n}\n")
        .assert()
        .code(1)
        .stdout(predicate::str::starts_with("route.ts:4:28: CS001"));
    bin()
        .current_dir(dir.path())
        .args([
            "check",
            "--stdin-filename",
            "vendor/x.py",
            "--force-exclude",
            "--output-format",
            "concise",
            "-q",
        ])
        .write_stdin(BAD)
        .assert()
        .code(0)
        .stdout("");
}
