//! The flags ruff users expect (SPEC §2): `check -`, `--output-file`, `--extend-select`,
//! `--exclude` / `--extend-exclude`, `--show-settings`, `--show-files`, `completions`,
//! `--statistics` on its own, and honest messages when nothing was linted or when warnings
//! fail a run.

use std::fs;

use assert_cmd::Command;
use predicates::prelude::*;
use tempfile::TempDir;

mod common;
use common::project;

fn bin() -> Command {
    let mut c = Command::cargo_bin("composio-lint").unwrap();
    c.env_remove("GITHUB_ACTIONS")
        .env_remove("NO_COLOR")
        .env_remove("COLUMNS");
    c
}

const BAD: &str = "from composio import Composio\n\ncomposio = Composio()\n\n\ndef handle(user_id: str):\n    session = composio.create(user_id=\"default\")\n    print(session.session_id)\n";

const WARN_ONLY: &str = "from composio import Composio\n\ncomposio = Composio()\n\n\ndef handle(user_id: str):\n    session = composio.create(user_id=user_id)\n    return session.tools()\n";

fn concise(dir: &TempDir, args: &[&str]) -> String {
    let out = bin()
        .current_dir(dir.path())
        .args(["check", "--output-format", "concise", "-q"])
        .args(args)
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn dash_reads_stdin_as_python() {
    bin()
        .args(["check", "--output-format", "concise", "-"])
        .write_stdin(BAD)
        .assert()
        .code(1)
        .stdout(predicate::str::starts_with("-:7:39: CS001"));
}

#[test]
fn nothing_linted_says_so() {
    let dir = project(&[
        ("README.md", "composio\n".as_bytes()),
        ("a.py", BAD.as_bytes()),
    ]);
    bin()
        .current_dir(dir.path())
        .args(["check", "README.md"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("No files were linted"))
        .stdout(predicate::str::contains("All checks passed").not())
        .stderr(predicate::str::contains(
            "README.md: not a Python, TypeScript/JavaScript or Rust file; skipped",
        ));
    bin()
        .current_dir(dir.path())
        .args(["check", "--stdin-filename", "foo.txt"])
        .write_stdin(BAD)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("No files were linted"))
        .stderr(predicate::str::contains("foo.txt: not a Python"));
    // A lintable file named next to it is still linted.
    bin()
        .current_dir(dir.path())
        .args(["check", "README.md", "a.py", "--output-format", "concise"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("a.py:7:39: CS001"));
}

#[test]
fn warnings_that_fail_a_run_say_why() {
    let dir = project(&[("warn.py", WARN_ONLY.as_bytes())]);
    bin()
        .current_dir(dir.path())
        .args(["check", "--deny-warnings"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "The run fails: 1 warning fail the run (--deny-warnings).",
        ));
    bin()
        .current_dir(dir.path())
        .args(["check", "--max-warnings", "0", "--output-format", "json"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "1 warning, more than the 0 allowed by --max-warnings",
        ));
    bin()
        .current_dir(dir.path())
        .args(["check", "--max-warnings", "1"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("The run fails").not());
}

#[test]
fn output_file_takes_the_report() {
    let dir = project(&[("bad.py", BAD.as_bytes())]);
    bin()
        .current_dir(dir.path())
        .args([
            "check",
            "--output-format",
            "json",
            "--output-file",
            "out.json",
        ])
        .assert()
        .code(1)
        .stdout("");
    let json: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(dir.path().join("out.json")).unwrap()).unwrap();
    assert_eq!(json[0]["code"], "CS001");
    bin()
        .current_dir(dir.path())
        .args(["check", "--output-file", "missing-dir/out.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot write missing-dir/out.txt"));
}

#[test]
fn extend_select_and_excludes_from_the_command_line() {
    let dir = project(&[
        (
            "composio-lint.toml",
            "select = [\"CS004\"]\nexclude = [\"legacy\"]\n".as_bytes(),
        ),
        ("app/bad.py", BAD.as_bytes()),
        ("app/warn.py", WARN_ONLY.as_bytes()),
        ("legacy/old.py", WARN_ONLY.as_bytes()),
        ("gen/out.py", WARN_ONLY.as_bytes()),
    ]);
    assert_eq!(
        concise(&dir, &[]),
        "app/warn.py:7:15: CS004 the ID of the session created by `composio.create` is never logged\ngen/out.py:7:15: CS004 the ID of the session created by `composio.create` is never logged\n"
    );
    let out = concise(&dir, &["--extend-select", "CS001"]);
    assert!(out.contains("app/bad.py:7:39: CS001"), "{out}");
    // --exclude replaces the config's list; --extend-exclude adds to it.
    let out = concise(&dir, &["--exclude", "gen"]);
    assert!(
        out.contains("legacy/old.py") && !out.contains("gen/out.py"),
        "{out}"
    );
    let out = concise(&dir, &["--extend-exclude", "gen/*.py"]);
    assert!(
        !out.contains("legacy/old.py") && !out.contains("gen/out.py"),
        "{out}"
    );
    assert!(out.contains("app/warn.py"), "{out}");
    bin()
        .current_dir(dir.path())
        .args(["check", "--extend-select", "CS999"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown rule `CS999`"));
    bin()
        .current_dir(dir.path())
        .args(["check", "--exclude", "a/[b"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid glob `a/[b`"));
}

#[test]
fn show_settings_and_show_files_lint_nothing() {
    let dir = project(&[
        (
            "composio-lint.toml",
            "ignore = [\"CS005\"]\nexclude = [\"legacy\"]\n[severity]\nCS004 = \"error\"\n"
                .as_bytes(),
        ),
        ("app/bad.py", BAD.as_bytes()),
        ("app/readme.md", "composio".as_bytes()),
        ("legacy/old.py", BAD.as_bytes()),
        ("web/route.ts", "export const x = 1;\n".as_bytes()),
    ]);
    bin()
        .current_dir(dir.path())
        .args(["check", "--show-settings"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("composio-lint.toml"))
        .stdout(predicate::str::is_match(r"CS004 missing-session-id-log +error +on").unwrap())
        .stdout(predicate::str::is_match(r"CS005 email-user-id +warning +off").unwrap())
        .stdout(predicate::str::contains("exclude: [\"legacy\""));
    bin()
        .current_dir(dir.path())
        .args(["check", "--show-files"])
        .assert()
        .code(0)
        .stdout("app/bad.py\nweb/route.ts\n");
}

#[test]
fn statistics_print_only_the_table() {
    let dir = project(&[
        ("bad.py", BAD.as_bytes()),
        ("warn.py", WARN_ONLY.as_bytes()),
    ]);
    bin()
        .current_dir(dir.path())
        .args(["check", "--statistics"])
        .assert()
        .code(1)
        .stdout(predicate::str::starts_with(
            "    1  CS001  default-user-id\n    1  CS004  missing-session-id-log\nFound 2 problems",
        ));
    let out = bin()
        .current_dir(dir.path())
        .args(["check", "--statistics", "--output-format", "json"])
        .output()
        .unwrap();
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rows[0]["code"], "CS001");
    assert_eq!(rows[1]["count"], 1);
}

#[test]
fn completions_for_every_shell() {
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef composio-lint"),
        ("fish", "complete -c composio-lint"),
        ("powershell", "Register-ArgumentCompleter"),
        ("elvish", "edit:completion:arg-completer"),
    ] {
        bin()
            .args(["completions", shell])
            .assert()
            .code(0)
            .stdout(predicate::str::contains(marker))
            .stdout(predicate::str::contains("output-format"));
    }
}

/// The README and examples/README.md state what the quick-start command finds.
#[test]
fn the_documented_example_counts_hold() {
    bin()
        .args(["check", "examples/", "--output-format", "concise"])
        .assert()
        .code(1)
        .stdout(predicate::str::ends_with(
            "Found 14 problems (8 errors, 6 warnings) in 9 files checked.\n",
        ));
    let readme = fs::read_to_string("README.md").unwrap();
    assert!(readme.contains("It reports 14 problems (8 errors, 6 warnings;"));
    let examples = fs::read_to_string("examples/README.md").unwrap();
    assert!(examples.contains("It reports 14 problems — 8 errors and 6 warnings"));
}
