#!/usr/bin/env node
// The `composio-lint` command of the npm package. The binary itself ships in one package per
// platform (@composio-lint/<platform>-<arch>[-<libc>]), each an optional dependency of this one
// that npm installs only where its `os`, `cpu` and `libc` fit. This script finds the one that
// was installed and runs its binary with the same arguments, stdio and exit status.
//
// Environment overrides:
//   COMPOSIO_LINT_BINARY=/path/to/composio-lint   run that binary instead (a source build, say)
//   COMPOSIO_LINT_PLATFORM=<os>-<arch>[-<libc>]   act as if on that platform (e.g. linux-x64-musl)
"use strict";

const childProcess = require("child_process");
const fs = require("fs");
const path = require("path");

const manifest = require("../package.json");
const SCOPE = "@composio-lint/";

function fail(message) {
  process.stderr.write(`composio-lint: ${message}\n`);
  process.exit(2);
}

// glibc or musl, on Linux: Node's own report says which C library it runs on.
function linuxLibc() {
  try {
    const report = process.report && process.report.getReport();
    const header = report && (typeof report === "string" ? JSON.parse(report) : report).header;
    if (header) return header.glibcVersionRuntime ? "gnu" : "musl";
  } catch (_) {
    // fall through to the file system
  }
  try {
    return fs.readdirSync("/lib").some((name) => name.startsWith("ld-musl-")) ? "musl" : "gnu";
  } catch (_) {
    return "gnu";
  }
}

function currentPlatform() {
  const override = process.env.COMPOSIO_LINT_PLATFORM;
  if (override) return override;
  if (process.platform === "linux") return `linux-${process.arch}-${linuxLibc()}`;
  return `${process.platform}-${process.arch}`;
}

// The packages to look in, best first. A musl binary is static, so it also runs on glibc.
function candidates(platform) {
  const list = [platform];
  if (platform.startsWith("linux-") && platform.endsWith("-gnu")) {
    list.push(platform.replace(/-gnu$/, "-musl"));
  }
  return list;
}

function findBinary(platform) {
  const exe = platform.startsWith("win32-") ? "composio-lint.exe" : "composio-lint";
  for (const name of candidates(platform)) {
    let dir;
    try {
      dir = path.dirname(require.resolve(`${SCOPE}${name}/package.json`));
    } catch (_) {
      continue;
    }
    const binary = path.join(dir, "bin", exe);
    if (fs.existsSync(binary)) return binary;
  }
  return null;
}

function explainMissing(platform) {
  const shipped = Object.keys(manifest.optionalDependencies || {})
    .filter((name) => name.startsWith(SCOPE))
    .map((name) => name.slice(SCOPE.length));
  const supported = candidates(platform).find((name) => shipped.includes(name));
  const lines = [`no prebuilt binary for this platform: ${platform}.`];
  if (supported) {
    lines.push(
      `The package ${SCOPE}${supported}@${manifest.version} should have been installed as an`,
      "optional dependency of composio-lint, but it is missing: reinstall without",
      "--omit=optional / --no-optional / --ignore-optional, and keep optional dependencies",
      "in your lockfile."
    );
  } else {
    lines.push(`composio-lint ${manifest.version} ships binaries for: ${shipped.join(", ")}.`);
  }
  lines.push(
    "Other ways to run it: `pip install composio-lint` (builds from source where no wheel fits),",
    "`cargo install --locked --git https://github.com/composio-lint/composio-lint`, or point",
    "COMPOSIO_LINT_BINARY at a composio-lint binary."
  );
  return lines.join("\n");
}

function main() {
  const platform = currentPlatform();
  const binary = process.env.COMPOSIO_LINT_BINARY || findBinary(platform);
  if (!binary) fail(explainMissing(platform));

  const result = childProcess.spawnSync(binary, process.argv.slice(2), {
    stdio: "inherit",
    windowsHide: true,
  });
  if (result.error) fail(`could not run ${binary}: ${result.error.message}`);
  if (result.signal) {
    // Die of the same signal, so a shell sees what the binary saw.
    process.kill(process.pid, result.signal);
    return;
  }
  process.exit(result.status === null ? 2 : result.status);
}

main();
