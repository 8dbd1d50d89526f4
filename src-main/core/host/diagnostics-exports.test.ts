// "Export diagnostics" and "Show in folder" the way the UI calls them: through the real HostService's
// handlers on a real ProfileStore in a fresh config dir (no diagnostics/ folder yet), with every result
// checked against the host API contract the web host and IPC validate with.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { hostMethods } from "../../../src-shared/host-api.js";
import { createLogger } from "../log/logger.js";
import { ProfileStore } from "../profiles/profile-store.js";
import { MemorySecretStore } from "../secrets/secret-store.js";
import { HostService } from "./host-service.js";

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function makeService(revealInFolder?: (file: string) => void): Promise<{ service: HostService; cfg: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clawlink-export-host-"));
  const cfg = path.join(dir, "cfg");
  const profiles = await ProfileStore.open(cfg);
  const service = new HostService({ host: revealInFolder ? "electron" : "web", configDir: cfg, profiles, secrets: new MemorySecretStore(), logger: createLogger([]), env: {}, homeDir: dir, ...(revealInFolder ? { revealInFolder } : {}) });
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }), () => service.stop());
  return { service, cfg };
}

const exported = async (s: HostService) => hostMethods.exportDiagnostics.result.parse(await s.handlers.exportDiagnostics("local"));
const revealed = async (s: HostService, file: string) => hostMethods.revealExport.result.parse(await s.handlers.revealExport(file));

describe("Export diagnostics through the host service", () => {
  it("works on first use: creates <config dir>/diagnostics and returns the file and its folder", async () => {
    const { service, cfg } = await makeService();
    expect(fs.existsSync(path.join(cfg, "diagnostics"))).toBe(false);
    const r = await exported(service);
    expect(r.folder).toBe(path.join(cfg, "diagnostics"));
    expect(path.dirname(r.path)).toBe(r.folder);
    expect(fs.readdirSync(r.folder)).toEqual([path.basename(r.path)]);
    expect(JSON.parse(fs.readFileSync(r.path, "utf8"))).toMatchObject({ format: "clawlink-diagnostics/1", profile: { id: "local" } });
  });

  it("a diagnostics folder that cannot be created: a sentence naming it and a fix, no errno, no temp file", async () => {
    const { service, cfg } = await makeService();
    fs.mkdirSync(cfg, { recursive: true });
    fs.writeFileSync(path.join(cfg, "diagnostics"), "not a folder");
    const err = (await Promise.resolve(service.handlers.exportDiagnostics("local")).then(() => null, (e: unknown) => e)) as { message: string; fixHint: string };
    expect(err.message).toBe(`Could not create the folder ${path.join(cfg, "diagnostics")} (part of that path is a file, not a folder).`);
    expect(err.fixHint).toBe(`Check that you can write to ${path.join(cfg, "diagnostics")} (its owner, permissions and free space), or choose another place for the export.`);
    expect(`${err.message} ${err.fixHint}`).not.toMatch(/ENOENT|EEXIST|ENOTDIR|\.tmp/);
  });
});

describe("Show in folder", () => {
  it("desktop: the shell's revealInFolder gets the exported file", async () => {
    const shown: string[] = [];
    const { service } = await makeService((f) => void shown.push(f));
    const r = await exported(service);
    expect(await revealed(service, r.path)).toEqual({ revealed: true, path: r.path, folder: r.folder });
    expect(shown).toEqual([r.path]);
  });

  it("web host (no file manager to open): answers revealed: false with the folder to show", async () => {
    const { service } = await makeService();
    const r = await exported(service);
    expect(await revealed(service, r.path)).toEqual({ revealed: false, path: r.path, folder: r.folder });
  });

  it("reveals only files this service exported, never a path the UI names", async () => {
    const shown: string[] = [];
    const { service, cfg } = await makeService((f) => void shown.push(f));
    await exported(service);
    const err = (await Promise.resolve(service.handlers.revealExport(path.join(cfg, "profiles.json"))).then(() => null, (e: unknown) => e)) as { message: string; fixHint: string };
    expect(err.message).toBe("Clawlink only shows the diagnostics exports it wrote since it started.");
    expect(err.fixHint).toBe("Export diagnostics again, then choose Show in folder.");
    expect(shown).toEqual([]);
  });

  it("an export deleted since: says so and how to get a new one", async () => {
    const { service } = await makeService(() => undefined);
    const r = await exported(service);
    fs.rmSync(r.path);
    await expect(service.handlers.revealExport(r.path)).rejects.toThrow(`The export ${r.path} is no longer there (it was moved or deleted).`);
  });
});
