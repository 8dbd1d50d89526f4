// Packaging proof: electron-builder packs the app offline with electron-builder.yml, and the archive holds
// what the app runs (main, preload, renderer, tray icons, production dependencies, native addons
// unpacked) and nothing it must not ship (TypeScript sources, tests, source maps, dev dependencies).
//
// How: the sources are copied to a temp project (node_modules hard-linked), built there with the real build
// (`node scripts/build.mjs`, so the shared out/ other tests read is never touched), then packed with
// `electron-builder --linux dir` against a stand-in electronDist (no Electron binary can be downloaded
// here: a folder with a fake `electron` script, `version`, `LICENSE`, `LICENSES.chromium.html`). The
// stand-in has no fuse wire, so the release config's electronFuses is removed for this pack only (the
// test still checks the release config asks for them).
import asar from "@electron/asar";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const repo = path.resolve(import.meta.dirname, "..");
// The YAML parser electron-builder itself reads electron-builder.yml with (resolved through it, not a dep of ours).
const yaml = createRequire(createRequire(import.meta.url).resolve("app-builder-lib/package.json"))("js-yaml") as { load(text: string): unknown };
const COPY = ["package.json", "package-lock.json", "electron-builder.yml", "vite.config.ts", "tsconfig.base.json", "tsconfig.node.json", "tsconfig.web.json", "src-main", "src-shared", "src-renderer", "scripts", "resources", "e2e/unit"];

let work = "";
let appDir = "";
let files: string[] = [];
let releaseConfig: Record<string, unknown> = {};

function run(cmd: string, args: string[], cwd: string): void {
  const r = spawnSync(cmd, args, { cwd, encoding: "utf8", timeout: 240_000, env: { ...process.env, CSC_IDENTITY_AUTO_DISCOVERY: "false", ELECTRON_BUILDER_CACHE: path.join(work, "cache") } });
  if (r.status !== 0) throw new Error(`${path.basename(args[0] ?? cmd)} failed (${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`);
}

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), "clawlink-pack-"));
  const project = path.join(work, "project");
  for (const rel of COPY) if (fs.existsSync(path.join(repo, rel))) fs.cpSync(path.join(repo, rel), path.join(project, rel), { recursive: true });
  // A hard-linked copy (fast, same tree): with a symlinked node_modules npm's dependency tree, which
  // electron-builder reads, marks the keychain's platform binding extraneous and it is left out.
  run("cp", ["-al", path.join(repo, "node_modules"), path.join(project, "node_modules")], work);
  run(process.execPath, ["scripts/build.mjs"], project);

  const dist = path.join(work, "electron-dist");
  fs.mkdirSync(dist);
  fs.writeFileSync(path.join(dist, "electron"), '#!/bin/sh\necho "stand-in Electron for packaging tests; not runnable" >&2\nexit 1\n', { mode: 0o755 });
  fs.writeFileSync(path.join(dist, "version"), JSON.parse(fs.readFileSync(path.join(repo, "node_modules/electron/package.json"), "utf8")).version);
  fs.writeFileSync(path.join(dist, "LICENSE"), "stand-in\n");
  fs.writeFileSync(path.join(dist, "LICENSES.chromium.html"), "<!doctype html><title>stand-in</title>\n");

  releaseConfig = yaml.load(fs.readFileSync(path.join(project, "electron-builder.yml"), "utf8")) as Record<string, unknown>;
  const cfg = structuredClone(releaseConfig) as Record<string, unknown> & { directories: Record<string, string> };
  delete cfg.electronFuses;
  cfg.electronDist = dist;
  cfg.directories = { ...cfg.directories, output: path.join(work, "packed") };
  fs.writeFileSync(path.join(work, "builder.json"), JSON.stringify(cfg));
  run(process.execPath, [path.join(repo, "node_modules/electron-builder/cli.js"), "--linux", "dir", "--x64", "--config", path.join(work, "builder.json")], project);

  appDir = path.join(work, "packed", "linux-unpacked");
  files = asar.listPackage(path.join(appDir, "resources", "app.asar"), { isPack: false }).map((f) => f.replaceAll("\\", "/"));
}, 300_000);

afterAll(() => {
  if (work && !process.env.CLAWLINK_KEEP_PACK) fs.rmSync(work, { recursive: true, force: true });
});

const has = (f: string) => files.includes(f);

describe("packaged app (electron-builder --linux dir, offline)", () => {
  it("holds main, preload, renderer, tray icons and package.json, and main is what package.json names", () => {
    for (const f of ["/package.json", "/out/main/main.mjs", "/out/preload/preload.cjs", "/out/renderer/index.html", "/resources/icon.png"]) expect(files).toContain(f);
    for (const status of ["connected", "connecting", "attention", "disconnected"])
      for (const theme of ["light", "dark"]) for (const s of ["", "@2x"]) expect(files).toContain(`/resources/tray-${status}-${theme}${s}.png`);
    const pkg = JSON.parse(asar.extractFile(path.join(appDir, "resources", "app.asar"), "package.json").toString()) as { main: string };
    expect(has(`/${pkg.main}`)).toBe(true);
    // Every asset index.html loads is in the archive.
    const html = asar.extractFile(path.join(appDir, "resources", "app.asar"), "out/renderer/index.html").toString();
    const assets = [...html.matchAll(/(?:src|href)="\.\/([^"]+)"/g)].map((m) => m[1]!);
    expect(assets.length).toBeGreaterThan(0);
    for (const a of assets) expect(files).toContain(`/out/renderer/${a}`);
  });

  it("carries no e2e test seam: the release build (no --e2e-seam) leaves globalThis.__clawlinkShell out of main", () => {
    const main = asar.extractFile(path.join(appDir, "resources", "app.asar"), "out/main/main.mjs").toString();
    expect(main).toContain("TrayController"); // the real main, not an empty file
    expect(main).not.toContain("__clawlinkShell");
  });

  it("ships no TypeScript sources, tests, source maps or source folders", () => {
    expect(files.filter((f) => /\.(ts|tsx|mts|cts|map)$/.test(f))).toEqual([]);
    expect(files.filter((f) => /\.test\.|\/(test|tests|__tests__)\//.test(f))).toEqual([]);
    for (const dir of ["/src-main", "/src-shared", "/src-renderer", "/e2e", "/scripts", "/bench", "/docs"]) expect(files.filter((f) => f === dir || f.startsWith(`${dir}/`))).toEqual([]);
    expect(files.some((f) => f.startsWith("/resources/") && f.endsWith(".mjs"))).toBe(false); // the icon generator stays home
  });

  it("ships production dependencies only", () => {
    for (const dep of ["@napi-rs/keyring", "@openclaw/gateway-client", "ssh2", "ws", "zod", "json5"]) expect(has(`/node_modules/${dep}/package.json`)).toBe(true);
    for (const dev of ["electron", "electron-builder", "vite", "vitest", "react", "playwright-core", "typescript", "esbuild"]) expect(has(`/node_modules/${dev}`)).toBe(false);
  });

  it("keeps native addons outside the archive (asarUnpack **/*.node)", () => {
    const unpacked = path.join(appDir, "resources", "app.asar.unpacked");
    const natives = fs.readdirSync(unpacked, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".node"));
    expect(natives.filter((f) => f.includes("keyring"))).not.toEqual([]);
    expect(files.filter((f) => f.endsWith(".node")).every((f) => fs.existsSync(path.join(unpacked, f)))).toBe(true);
  });

  it("names the executable and copies the Electron distribution it was given", () => {
    expect(fs.existsSync(path.join(appDir, "clawlink"))).toBe(true);
    expect(fs.readFileSync(path.join(appDir, "clawlink"), "utf8")).toContain("stand-in Electron");
  });

  it("release config: stable appId (same as the shell's), every platform's targets, menu-bar app, fuses", () => {
    const mainTs = fs.readFileSync(path.join(repo, "src-main/main.ts"), "utf8");
    expect(releaseConfig.appId).toBe("ai.clawlink.desktop");
    expect(mainTs).toContain(`APP_ID = "${releaseConfig.appId as string}"`);
    expect(releaseConfig.productName).toBe("Clawlink");
    const c = releaseConfig as { mac: { target: string[]; extendInfo: Record<string, unknown> }; win: { target: string[] }; linux: { target: string[] }; electronFuses: Record<string, boolean>; asarUnpack: string[]; npmRebuild: boolean };
    expect(c.mac.target).toEqual(["dmg", "zip"]);
    expect(c.mac.extendInfo.LSUIElement).toBe(true);
    expect(c.win.target).toEqual(["nsis"]);
    expect(c.linux.target).toEqual(["AppImage", "deb"]);
    expect(c.asarUnpack).toContain("**/*.node");
    expect(c.npmRebuild).toBe(false);
    expect(c.electronFuses).toMatchObject({ runAsNode: false, enableNodeOptionsEnvironmentVariable: false, onlyLoadAppFromAsar: true, enableEmbeddedAsarIntegrityValidation: true });
  });
});
