#!/usr/bin/env node
// Lays out the npm packages for `npm pack` / `npm publish`, with the version taken from
// Cargo.toml, so every package says the same version as `composio-lint --version`.
//
//   node npm/stage.js check                          the launcher's package.json agrees with
//                                                    Cargo.toml and with the platform table
//   node npm/stage.js platform NAME BINARY OUTDIR    OUTDIR/NAME: @composio-lint/NAME with BINARY
//   node npm/stage.js launcher OUTDIR                OUTDIR/composio-lint: the launcher package
//   node npm/stage.js target NAME                    print NAME's Rust target triple
"use strict";

const fs = require("fs");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
const LAUNCHER = path.join(__dirname, "composio-lint");

// One package per release target. `libc` is npm's field (glibc / musl) that keeps a Linux
// package off a machine whose C library it was not built for.
const PLATFORMS = {
  "linux-x64-gnu": { os: "linux", cpu: "x64", libc: "glibc", target: "x86_64-unknown-linux-gnu", label: "Linux x64 (glibc)" },
  "linux-x64-musl": { os: "linux", cpu: "x64", libc: "musl", target: "x86_64-unknown-linux-musl", label: "Linux x64 (musl, static)" },
  "linux-arm64-gnu": { os: "linux", cpu: "arm64", libc: "glibc", target: "aarch64-unknown-linux-gnu", label: "Linux arm64 (glibc)" },
  "linux-arm64-musl": { os: "linux", cpu: "arm64", libc: "musl", target: "aarch64-unknown-linux-musl", label: "Linux arm64 (musl, static)" },
  "darwin-x64": { os: "darwin", cpu: "x64", target: "x86_64-apple-darwin", label: "macOS x64" },
  "darwin-arm64": { os: "darwin", cpu: "arm64", target: "aarch64-apple-darwin", label: "macOS arm64" },
  "win32-x64": { os: "win32", cpu: "x64", target: "x86_64-pc-windows-msvc", label: "Windows x64" },
};

function cargoVersion() {
  const toml = fs.readFileSync(path.join(ROOT, "Cargo.toml"), "utf8");
  const pkg = toml.split(/^\[/m).find((section) => section.startsWith("package]"));
  const match = pkg && pkg.match(/^version\s*=\s*"([^"]+)"/m);
  if (!match) throw new Error("no [package] version in Cargo.toml");
  return match[1];
}

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, "utf8"));
}

function writeJson(file, value) {
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

function launcherManifest(version) {
  const manifest = readJson(path.join(LAUNCHER, "package.json"));
  manifest.version = version;
  manifest.optionalDependencies = {};
  for (const name of Object.keys(PLATFORMS).sort()) {
    manifest.optionalDependencies[`@composio-lint/${name}`] = version;
  }
  return manifest;
}

function check() {
  const version = cargoVersion();
  const have = readJson(path.join(LAUNCHER, "package.json"));
  const want = launcherManifest(version);
  const problems = [];
  if (have.version !== version) {
    problems.push(`npm/composio-lint/package.json has version ${have.version}, Cargo.toml ${version}`);
  }
  if (JSON.stringify(have.optionalDependencies) !== JSON.stringify(want.optionalDependencies)) {
    problems.push(
      "npm/composio-lint/package.json optionalDependencies should be " +
        JSON.stringify(want.optionalDependencies)
    );
  }
  if (problems.length) {
    for (const problem of problems) console.error(problem);
    process.exit(1);
  }
  console.log(`npm packages agree with Cargo.toml: ${version}`);
}

function stagePlatform(name, binary, outDir) {
  const platform = PLATFORMS[name];
  if (!platform) throw new Error(`unknown platform ${name}; known: ${Object.keys(PLATFORMS).join(", ")}`);
  const version = cargoVersion();
  const dir = path.join(outDir, name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, "bin"), { recursive: true });
  const exe = platform.os === "win32" ? "composio-lint.exe" : "composio-lint";
  fs.copyFileSync(binary, path.join(dir, "bin", exe));
  fs.chmodSync(path.join(dir, "bin", exe), 0o755);
  const launcher = readJson(path.join(LAUNCHER, "package.json"));
  const manifest = {
    name: `@composio-lint/${name}`,
    version,
    description: `The composio-lint binary for ${platform.label}; install \`composio-lint\`, which picks it.`,
    license: launcher.license,
    repository: launcher.repository,
    homepage: launcher.homepage,
    os: [platform.os],
    cpu: [platform.cpu],
    ...(platform.libc ? { libc: [platform.libc] } : {}),
    files: ["bin/"],
    preferUnplugged: true,
  };
  writeJson(path.join(dir, "package.json"), manifest);
  fs.writeFileSync(
    path.join(dir, "README.md"),
    `# @composio-lint/${name}\n\nThe \`composio-lint\` ${version} binary for ${platform.label} ` +
      `(Rust target \`${platform.target}\`).\nDo not depend on it directly: install ` +
      "[`composio-lint`](https://www.npmjs.com/package/composio-lint), whose launcher runs it.\n"
  );
  console.log(dir);
}

function stageLauncher(outDir) {
  const dir = path.join(outDir, "composio-lint");
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, "bin"), { recursive: true });
  fs.copyFileSync(path.join(LAUNCHER, "bin", "composio-lint.js"), path.join(dir, "bin", "composio-lint.js"));
  fs.chmodSync(path.join(dir, "bin", "composio-lint.js"), 0o755);
  fs.copyFileSync(path.join(ROOT, "README.md"), path.join(dir, "README.md"));
  writeJson(path.join(dir, "package.json"), launcherManifest(cargoVersion()));
  console.log(dir);
}

const [command, ...args] = process.argv.slice(2);
if (command === "check") check();
else if (command === "platform" && args.length === 3) stagePlatform(args[0], args[1], path.resolve(args[2]));
else if (command === "launcher" && args.length === 1) stageLauncher(path.resolve(args[0]));
else if (command === "target" && args.length === 1 && PLATFORMS[args[0]]) console.log(PLATFORMS[args[0]].target);
else {
  console.error("usage: stage.js check | platform NAME BINARY OUTDIR | launcher OUTDIR | target NAME");
  process.exit(2);
}
