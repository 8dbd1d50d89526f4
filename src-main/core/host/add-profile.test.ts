// "Add gateway" the way the form calls it (issue 12): through the real HostService's addProfile handler
// on a real ProfileStore in a fresh config dir, reading back what profiles.json then holds.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { NewProfile } from "../../../src-shared/host-api.js";
import { createLogger } from "../log/logger.js";
import { ProfileStore } from "../profiles/profile-store.js";
import { MemorySecretStore } from "../secrets/secret-store.js";
import { HostService } from "./host-service.js";

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function makeService(): Promise<{ service: HostService; cfg: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clawlink-add-host-"));
  const cfg = path.join(dir, "cfg");
  const profiles = await ProfileStore.open(cfg);
  const service = new HostService({ host: "web", configDir: cfg, profiles, secrets: new MemorySecretStore(), logger: createLogger([]), env: {}, homeDir: dir });
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }), () => service.stop());
  return { service, cfg };
}

/** connectAtStart of the one profile with that id, as written to disk (not as the handler returned it). */
function savedConnectAtStart(cfg: string, id: string): unknown {
  const file = JSON.parse(fs.readFileSync(path.join(cfg, "profiles.json"), "utf8")) as { profiles: Array<{ id: string; connectAtStart: unknown }> };
  return file.profiles.find((p) => p.id === id)?.connectAtStart;
}

const ssh = (extra: Partial<NewProfile>): NewProfile => ({ kind: "ssh", name: "Home box", target: "me@home.example.com", ...extra }) as NewProfile;
const direct = (extra: Partial<NewProfile>): NewProfile => ({ kind: "direct", name: "Lab", url: "ws://127.0.0.1:18789", ...extra }) as NewProfile;

describe("addProfile saves the 'Connect now' choice as connectAtStart", () => {
  it.each([
    ["ssh, ticked", ssh({ connectAtStart: true }), true],
    ["ssh, unticked", ssh({ connectAtStart: false }), false],
    ["ssh, not said", ssh({}), true],
    ["direct, ticked", direct({ connectAtStart: true }), true],
    ["direct, unticked", direct({ connectAtStart: false }), false],
    ["direct, not said", direct({}), true],
  ])("%s → connectAtStart %s on disk", async (_label, input, expected) => {
    const { service, cfg } = await makeService();
    const r = await service.handlers.addProfile(input);
    expect(savedConnectAtStart(cfg, r.profile.id)).toBe(expected);
  });
});

describe("addProfile refuses a bad gateway URL with the field named", () => {
  it.each(["htp:/oops", "ftp://x", "ws//x", "ws:/x"])("%s is refused, naming the Gateway URL field", async (url) => {
    const { service } = await makeService();
    await expect(Promise.resolve(service.handlers.addProfile(direct({ url })))).rejects.toThrow(/^Gateway URL: /);
  });

  it("a refused URL leaves profiles.json as it was", async () => {
    const { service, cfg } = await makeService();
    const before = fs.existsSync(path.join(cfg, "profiles.json")) ? fs.readFileSync(path.join(cfg, "profiles.json"), "utf8") : null;
    await Promise.resolve(service.handlers.addProfile(direct({ url: "htp:/oops" }))).catch(() => undefined);
    const after = fs.existsSync(path.join(cfg, "profiles.json")) ? fs.readFileSync(path.join(cfg, "profiles.json"), "utf8") : null;
    expect(after).toBe(before);
  });
});
