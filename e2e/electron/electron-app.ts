// Launching the built app under Playwright's _electron for the shell specs, each launch with its own
// throwaway HOME, XDG_CONFIG_HOME (so Electron's userData, the single-instance lock and the autostart
// folder are private) and Clawlink config dir. The build npm test makes (`npm run build -- --e2e-seam`)
// exposes globalThis.__clawlinkShell in main (src-main/shell/e2e-seam.ts) so specs read the tray model
// and click its items through evaluate(); no other build carries it.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { _electron, type ElectronApplication } from "playwright-core";
import { afterAll, afterEach, beforeAll } from "vitest";

export const repo = path.resolve(import.meta.dirname, "../..");

/** Reported by the summary reporter as "not run: N test(s): <this>". */
export const NO_ELECTRON = "no Electron binary";

/** The global the seam sets; only a build made with --e2e-seam contains it. */
export const E2E_SEAM_GLOBAL = "__clawlinkShell";

export async function electronBinary(): Promise<string | null> {
  const mod = (await import(pathToFileURL(path.join(repo, "scripts/electron-binary.mjs")).href)) as { findElectronBinary(): string | null };
  return mod.findElectronBinary();
}

export interface AppSandbox {
  dir: string;
  home: string;
  xdgConfig: string;
  configDir: string;
  env: NodeJS.ProcessEnv;
  dispose(): void;
}

export function appSandbox(): AppSandbox {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clawlink-electron-"));
  const home = path.join(dir, "home");
  const xdgConfig = path.join(dir, "config");
  const configDir = path.join(dir, "clawlink");
  for (const d of [home, xdgConfig, configDir]) fs.mkdirSync(d, { recursive: true });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: home,
    USERPROFILE: home,
    XDG_CONFIG_HOME: xdgConfig,
    CLAWLINK_CONFIG_DIR: configDir,
    ELECTRON_ENABLE_LOGGING: "0",
  };
  delete env.APPIMAGE;
  return { dir, home, xdgConfig, configDir, env, dispose: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Chromium refuses to run as root with its sandbox on; the renderer stays sandboxed by webPreferences. */
export function chromiumArgs(): string[] {
  return process.platform === "linux" && process.getuid?.() === 0 ? ["--no-sandbox"] : [];
}

export async function launchApp(bin: string, sb: AppSandbox, extraArgs: string[] = []): Promise<ElectronApplication> {
  const main = path.join(repo, "out/main/main.mjs");
  if (!fs.existsSync(main)) throw new Error("out/main/main.mjs missing: run npm run build -- --e2e-seam (npm test does)");
  if (!fs.readFileSync(main, "utf8").includes(E2E_SEAM_GLOBAL)) throw new Error("out/main/main.mjs was built without the e2e seam: run npm run build -- --e2e-seam (npm test does)");
  return _electron.launch({ executablePath: bin, args: [...chromiumArgs(), repo, ...extraArgs], env: sb.env as Record<string, string>, cwd: repo, timeout: 60_000 });
}

/** A plain second process of the same app (not under Playwright), for the single-instance check. */
export function spawnApp(bin: string, sb: AppSandbox, extraArgs: string[] = []): ChildProcess {
  return spawn(bin, [...chromiumArgs(), repo, ...extraArgs], { env: sb.env, cwd: repo, stdio: "ignore" });
}

/** Closes through app.quit() (so before-quit stops the connections), killing it if it hangs. */
export async function closeApp(app: ElectronApplication | undefined): Promise<void> {
  if (!app) return;
  const proc = app.process();
  const killer = setTimeout(() => proc.kill("SIGKILL"), 15_000);
  try {
    await app.close();
  } finally {
    clearTimeout(killer);
  }
}

/** Linux without a display: start Xvfb when it is installed; null when the platform has its own display. */
export function ensureDisplay(env: NodeJS.ProcessEnv): { stop(): void } | null {
  if (process.platform !== "linux" || env.DISPLAY || env.WAYLAND_DISPLAY) return null;
  if (spawnSync("sh", ["-c", "command -v Xvfb"]).status !== 0) throw new Error("no display for Electron: install xvfb (sudo scripts/install-system-deps.sh) or set DISPLAY");
  const display = `:${90 + Math.floor(Math.random() * 100)}`;
  const x = spawn("Xvfb", [display, "-screen", "0", "1280x800x24", "-nolisten", "tcp"], { stdio: "ignore" });
  env.DISPLAY = display;
  return { stop: () => x.kill() };
}

export async function waitFor<T>(what: string, fn: () => Promise<T | null | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * The hooks every _electron spec file needs, registered once: find the binary (and a display) before the
 * file, close the app and remove its sandbox after each test. `requireBinary(ctx)` skips a test with the
 * reason the summary reporter prints when there is no binary; `launch` makes a sandbox, lets the spec
 * prepare it (profiles.json …), starts the app and tracks both for the cleanup.
 */
export function electronSuite(): {
  requireBinary(ctx: { skip(note?: string): void }): string;
  launch(bin: string, args?: string[], prepare?: (sb: AppSandbox) => void): Promise<{ app: ElectronApplication; sb: AppSandbox }>;
  readonly available: boolean;
} {
  let bin: string | null = null;
  let display: { stop(): void } | null = null;
  let app: ElectronApplication | undefined;
  let sb: AppSandbox | undefined;
  beforeAll(async () => {
    bin = await electronBinary();
    if (bin) display = ensureDisplay(process.env);
  });
  afterAll(() => display?.stop());
  afterEach(async () => {
    await closeApp(app);
    app = undefined;
    sb?.dispose();
    sb = undefined;
  });
  return {
    requireBinary(ctx) {
      if (!bin) ctx.skip(NO_ELECTRON);
      return bin!;
    },
    async launch(b, args = [], prepare) {
      sb = appSandbox();
      prepare?.(sb);
      app = await launchApp(b, sb, args);
      return { app, sb };
    },
    get available() {
      return bin !== null;
    },
  };
}
