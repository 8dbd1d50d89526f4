// The host API's notification settings methods over the real host service: defaults at first, a change
// is announced to every window and kept on disk for the next run, a corrupt file is one notice (never a
// failed call), and the contract refuses a malformed change.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { hostEvents, hostMethods, type HostEventMessage } from "../../../src-shared/host-api.js";
import { createLogger } from "../log/logger.js";
import { ProfileStore } from "../profiles/profile-store.js";
import { MemorySecretStore } from "../secrets/secret-store.js";
import { HostService } from "./host-service.js";

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function makeService(cfg?: string): Promise<{ s: HostService; cfg: string; events: HostEventMessage[] }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clawlink-notify-host-"));
  const configDir = cfg ?? path.join(dir, "cfg");
  const profiles = await ProfileStore.open(configDir);
  const s = new HostService({ host: "web", configDir, profiles, secrets: new MemorySecretStore(), logger: createLogger([]), env: {}, homeDir: dir });
  const events: HostEventMessage[] = [];
  s.onEvent((e) => events.push(e));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }), () => s.stop());
  return { s, cfg: configDir, events };
}

describe("notification settings methods of the host service", () => {
  it("start with nothing muted and chat replies off; a change is announced and survives a restart", async () => {
    const a = await makeService();
    expect(await a.s.handlers.getNotificationSettings()).toEqual({ muted: [], chatReplies: false });
    expect(await a.s.handlers.updateNotificationSettings({ mute: { profileId: "home", muted: true } })).toEqual({ muted: ["home"], chatReplies: false });
    expect(a.events.filter((e) => e.name === "notificationSettings").map((e) => e.payload)).toEqual([{ muted: ["home"], chatReplies: false }]);
    const b = await makeService(a.cfg);
    expect(await b.s.handlers.getNotificationSettings()).toEqual({ muted: ["home"], chatReplies: false });
    expect(a.s.notificationSettings.get()).toEqual({ muted: ["home"], chatReplies: false });
  });

  it("a corrupt settings file: the defaults, and one notice saying where it went", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clawlink-notify-host-"));
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    fs.mkdirSync(path.join(dir, "cfg"));
    fs.writeFileSync(path.join(dir, "cfg", "notifications.json"), "{ nope");
    const a = await makeService(path.join(dir, "cfg"));
    expect(await a.s.handlers.getNotificationSettings()).toEqual({ muted: [], chatReplies: false });
    await a.s.handlers.getNotificationSettings();
    const notices = a.events.filter((e) => e.name === "notice");
    expect(notices).toHaveLength(1);
    expect(notices[0]!.payload).toMatchObject({ level: "warn", message: expect.stringMatching(/moved to .*notifications\.json\.corrupt-/) });
  });

  it("the contract: a change names one profile and booleans; navigate carries a known target", () => {
    const args = hostMethods.updateNotificationSettings.args;
    expect(args.safeParse([{ mute: { profileId: "home", muted: true } }]).success).toBe(true);
    expect(args.safeParse([{ chatReplies: true }]).success).toBe(true);
    expect(args.safeParse([{ mute: { profileId: "", muted: true } }]).success).toBe(false);
    expect(args.safeParse([{ chatReplies: "yes" }]).success).toBe(false);
    expect(hostEvents.navigate.safeParse({ target: { kind: "inbox-item", connectionId: "home", itemKind: "exec", itemId: "a1" } }).success).toBe(true);
    expect(hostEvents.navigate.safeParse({ target: { kind: "url", href: "https://evil.example" } }).success).toBe(false);
  });
});
