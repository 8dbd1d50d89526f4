// Finds a runnable Electron binary without triggering electron's lazy download (which prints a stack
// trace when it fails). Used by `npm start` and by the _electron e2e specs to decide "run" or "not run".
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);

export function electronPackageDir() {
  try {
    return path.dirname(require.resolve("electron/package.json"));
  } catch {
    return null;
  }
}

/** Path to the Electron executable, or null when none is installed. */
export function findElectronBinary() {
  const dir = electronPackageDir();
  if (!dir) return null;
  let rel = "";
  try {
    rel = fs.readFileSync(path.join(dir, "path.txt"), "utf8").trim();
  } catch {
    /* never installed */
  }
  const base = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(dir, "dist");
  const candidate = path.join(base, rel || "electron");
  return rel && fs.existsSync(candidate) ? candidate : null;
}

/** Tries electron's own installer once (quietly); returns the binary or null. */
export function tryInstallElectron(timeoutMs = 120_000) {
  const dir = electronPackageDir();
  if (!dir) return null;
  spawnSync(process.execPath, [path.join(dir, "install.js")], { stdio: "ignore", timeout: timeoutMs });
  return findElectronBinary();
}
