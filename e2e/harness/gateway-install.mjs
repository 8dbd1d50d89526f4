#!/usr/bin/env node
// Installs the real OpenClaw gateway fixture (e2e/fixtures/gateway: openclaw + Node 24 from npm) into a
// cache folder keyed by the fixture's package.json + lockfile, so it is fetched once per machine
// (~800 MB, ~40-75 s) and shared by every test run. Prints the folder that holds node_modules.
// Runs before the tests enter their network namespace: this is the only step that needs the registry.
//   node e2e/harness/gateway-install.mjs [--quiet]
import { createHash } from "node:crypto";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const fixtureDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../fixtures/gateway");
export function fixtureCacheDir() {
  const hash = createHash("sha256");
  for (const f of ["package.json", "package-lock.json"]) hash.update(fs.readFileSync(path.join(fixtureDir, f)));
  const root = process.env.CLAWLINK_CACHE_DIR ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), ".cache"), "clawlink");
  return path.join(root, `gateway-fixture-${hash.digest("hex").slice(0, 16)}`);
}

export function installGatewayFixture({ quiet = false } = {}) {
  const dir = fixtureCacheDir();
  const marker = path.join(dir, ".installed");
  if (fs.existsSync(marker)) return dir;
  const major = Number(process.versions.node.split(".")[0]);
  const minor = Number(process.versions.node.split(".")[1]);
  // openclaw's preinstall refuses Node < 24.16, and npm drops its native fs helper on older Node.
  if (major < 24 || (major === 24 && minor < 16)) {
    throw new Error(`installing the gateway fixture needs npm running on Node >= 24.16 (this is ${process.version}); run: eval "$(scripts/node-toolchain.sh)"`);
  }
  const partial = `${dir}.partial-${process.pid}`;
  fs.rmSync(partial, { recursive: true, force: true });
  fs.mkdirSync(partial, { recursive: true });
  for (const f of ["package.json", "package-lock.json"]) fs.copyFileSync(path.join(fixtureDir, f), path.join(partial, f));
  if (!quiet) console.error(`gateway fixture: installing openclaw into ${dir} (once per machine; ~1 min)`);
  const env = { ...process.env, PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH}` };
  const r = spawnSync("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: partial, env, stdio: ["ignore", "inherit", "inherit"] });
  if (r.status !== 0) {
    fs.rmSync(partial, { recursive: true, force: true });
    throw new Error(`gateway fixture: npm ci failed (exit ${r.status})`);
  }
  fs.writeFileSync(path.join(partial, ".installed"), new Date().toISOString());
  fs.rmSync(dir, { recursive: true, force: true });
  fs.renameSync(partial, dir);
  return dir;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  try {
    console.log(installGatewayFixture({ quiet: process.argv.includes("--quiet") }));
  } catch (e) {
    console.error(String(e.message ?? e));
    process.exit(1);
  }
}
