//! `--fix`, `--unsafe-fixes` and `--diff` on the real binary: what is written, what is not,
//! and that a fixed file keeps its BOM, line endings and permissions.

use std::fs;

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

/// CRLF line endings, a BOM, an unused suppression and an unlogged session.
const APP: &[u8] = b"\xEF\xBB\xBFimport logging\r\nfrom composio import Composio\r\n\r\nlog = logging.getLogger(__name__)\r\ncomposio = Composio()\r\n\r\n\r\ndef handle(user_id: str):\r\n    # composio-lint: ignore[CS002] -- was shared once\r\n    session = composio.create(user_id=user_id)  # noqa: E501, CS001\r\n    return session.tools()\r\n";

#[test]
fn fix_removes_unused_suppressions_and_keeps_the_file_s_form() {
    let dir = project(&[("app.py", APP)]);
    let path = dir.path().join("app.py");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
    }
    bin()
        .current_dir(dir.path())
        .args(["check", "--fix", "--output-format", "concise"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Fixed 2 problems in 1 file."))
        .stdout(predicate::str::contains("app.py:9:15: CS004"));
    let fixed = fs::read(&path).unwrap();
    assert_eq!(
        fixed,
        b"\xEF\xBB\xBFimport logging\r\nfrom composio import Composio\r\n\r\nlog = logging.getLogger(__name__)\r\ncomposio = Composio()\r\n\r\n\r\ndef handle(user_id: str):\r\n    session = composio.create(user_id=user_id)  # noqa: E501\r\n    return session.tools()\r\n"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o640);
    }
    // Only the file is left in the folder: the temporary file was renamed over it.
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);

    // Unsafe fixes log the ID with the file's own logger, then nothing is left to fix.
    bin()
        .current_dir(dir.path())
        .args([
            "check",
            "--fix",
            "--unsafe-fixes",
            "--output-format",
            "concise",
        ])
        .assert()
        .code(0)
        .stdout("Fixed 1 problem in 1 file.\nAll checks passed (1 file).\n");
    let text = String::from_utf8(fs::read(&path).unwrap()).unwrap();
    assert!(text.contains(
        "    session = composio.create(user_id=user_id)  # noqa: E501\r\n    log.info(\"composio session %s\", session.session_id)\r\n"
    ));
    let again = fs::read(&path).unwrap();
    bin()
        .current_dir(dir.path())
        .args(["check", "--fix", "--unsafe-fixes"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Fixed").not());
    assert_eq!(fs::read(&path).unwrap(), again);
}

#[test]
fn diff_prints_the_edits_and_writes_nothing() {
    let dir = project(&[("app.py", APP)]);
    let path = dir.path().join("app.py");
    let out = bin()
        .current_dir(dir.path())
        .args(["check", "--diff", "--unsafe-fixes"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let diff = String::from_utf8(out.stdout).unwrap();
    assert!(diff.starts_with("--- a/app.py\n+++ b/app.py\n@@"), "{diff}");
    assert!(
        diff.contains("-    # composio-lint: ignore[CS002] -- was shared once\r\n"),
        "{diff}"
    );
    assert!(
        diff.contains("+    log.info(\"composio session %s\", session.session_id)\r\n"),
        "{diff}"
    );
    assert!(
        diff.ends_with("Would fix 3 problems in 1 file.\n"),
        "{diff}"
    );
    assert_eq!(fs::read(&path).unwrap(), APP);
    // Safe fixes only, without --unsafe-fixes; and nothing to fix exits 0.
    let out = bin()
        .current_dir(dir.path())
        .args(["check", "--diff", "-q"])
        .output()
        .unwrap();
    assert!(
        !String::from_utf8(out.stdout)
            .unwrap()
            .contains("log.info(\"composio")
    );
    let clean = project(&[("ok.py", b"x = 1\n")]);
    bin()
        .current_dir(clean.path())
        .args(["check", "--diff"])
        .assert()
        .code(0)
        .stdout("");
}

#[test]
fn unsafe_fixes_alone_change_nothing() {
    let dir = project(&[("app.py", APP)]);
    bin()
        .current_dir(dir.path())
        .args(["check", "--unsafe-fixes"])
        .assert()
        .code(0);
    assert_eq!(fs::read(dir.path().join("app.py")).unwrap(), APP);
}

#[test]
fn fixing_stdin_prints_the_fixed_source() {
    bin()
        .args(["check", "--fix", "--unsafe-fixes", "--stdin-filename", "route.ts"])
        .write_stdin("import { Composio } from '@composio/core';\nconst composio = new Composio();\nexport async function GET(req: Request, userId: string) {\n  const session = await composio.create(userId);\n  return Response.json(await session.tools());\n}\n")
        .assert()
        .code(0)
        .stdout("import { Composio } from '@composio/core';\nconst composio = new Composio();\nexport async function GET(req: Request, userId: string) {\n  const session = await composio.create(userId);\n  console.log('composio session', session.sessionId);\n  return Response.json(await session.tools());\n}\n");
}

#[test]
fn fixing_stdin_that_is_not_linted_echoes_it() {
    bin()
        .args(["check", "--fix", "--stdin-filename", "notes.txt"])
        .write_stdin("composio.create(user_id='default')\n")
        .assert()
        .code(0)
        .stdout("composio.create(user_id='default')\n");
}

#[test]
fn noqa_works_on_crlf_lines() {
    let dir = project(&[(
        "a.py",
        b"from composio import Composio\r\ncomposio = Composio()\r\ndef handle(user_id: str):\r\n    session = composio.create(user_id=user_id)  # noqa: CS004\r\n    return session\r\n",
    )]);
    bin()
        .current_dir(dir.path())
        .args(["check", "--output-format", "concise"])
        .assert()
        .code(0)
        .stdout("All checks passed (1 file).\n");
}

const TSX: &str = "import { Composio } from '@composio/core';\nconst composio = new Composio();\nexport async function Page({ user }: { user: { email: string } }) {\n  const s = await composio.create(user.email);\n  console.log(s.sessionId);\n  return (\n    <div>\n      <Agent\n        session={await composio.create('default')}\n      />\n      {composio.create('default') && <b />}\n    </div>\n  );\n}\n";

#[test]
fn add_ignore_then_check_passes_and_new_code_is_held_to_the_rules() {
    let dir = project(&[
        ("app/page.tsx", TSX.as_bytes()),
        ("app/agent.py", APP),
        (
            "worker/src/main.rs",
            b"use composio_sdk::ComposioClient;\n\nasync fn run(client: &ComposioClient) -> anyhow::Result<()> {\n    let s = client.create_session(\"default\").send().await?;\n    Ok(())\n}\n",
        ),
    ]);
    bin()
        .current_dir(dir.path())
        .args([
            "check",
            "--add-ignore=legacy code",
            "--output-format",
            "concise",
        ])
        .assert()
        .code(0)
        // The stale CS002 directive in agent.py stays (CS901, a warning): `--fix` removes it.
        .stdout(predicate::str::contains("Added 8 suppressions to 3 files."));
    let page = fs::read_to_string(dir.path().join("app/page.tsx")).unwrap();
    assert!(
        page.contains("  // composio-lint: ignore[CS005] -- legacy code\n  const s = await"),
        "{page}"
    );
    assert!(page.contains("      {/* composio-lint: ignore[CS001, CS004] -- legacy code */}\n      {composio.create("), "{page}");
    let rs = fs::read_to_string(dir.path().join("worker/src/main.rs")).unwrap();
    assert!(
        rs.contains("    // composio-lint: ignore[CS001, CS004] -- legacy code\n    let s ="),
        "{rs}"
    );
    let py = fs::read(dir.path().join("app/agent.py")).unwrap();
    assert!(
        py.starts_with(b"\xEF\xBB\xBF")
            && !String::from_utf8_lossy(&py)
                .replace("\r\n", "")
                .contains('\n')
    );
    bin()
        .current_dir(dir.path())
        .args(["check", "--output-format", "concise"])
        .assert()
        .code(0)
        .stdout("app/agent.py:9:5: CS901 unused suppression: `CS002` suppresses nothing\nFound 1 problem (0 errors, 1 warning) in 3 files checked.\n");
    // Idempotent.
    let before = fs::read_to_string(dir.path().join("app/page.tsx")).unwrap();
    bin()
        .current_dir(dir.path())
        .args(["check", "--add-ignore"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Added 0 suppressions to 0 files."));
    assert_eq!(
        fs::read_to_string(dir.path().join("app/page.tsx")).unwrap(),
        before
    );
    // New code is held to the rules.
    fs::write(
        dir.path().join("app/new.py"),
        "from composio import Composio\n\ncomposio = Composio()\nsession = composio.create(user_id=\"default\")\nprint(session.session_id)\n",
    )
    .unwrap();
    bin()
        .current_dir(dir.path())
        .args(["check", "--output-format", "concise"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("\napp/new.py:4:35: CS001"));
}

#[test]
fn add_ignore_without_a_reason_and_as_a_diff() {
    let dir = project(&[("page.tsx", TSX.as_bytes())]);
    let out = bin()
        .current_dir(dir.path())
        .args(["check", "--add-ignore", "--diff"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let diff = String::from_utf8(out.stdout).unwrap();
    assert!(
        diff.contains("+  // composio-lint: ignore[CS005]\n"),
        "{diff}"
    );
    assert!(
        diff.ends_with("Would add 5 suppressions to 1 file.\n"),
        "{diff}"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("page.tsx")).unwrap(),
        TSX
    );
}
