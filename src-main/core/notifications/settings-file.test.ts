import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_NOTIFICATION_SETTINGS } from "../../../src-shared/notification-policy.js";
import { applyNotificationPatch, NotificationSettingsFile } from "./settings-file.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
function tmp(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "clawlink-notify-"));
  dirs.push(d);
  return d;
}

describe("notification settings file", () => {
  it("starts with the defaults (nothing muted, chat replies off) when there is no file", async () => {
    const f = new NotificationSettingsFile(tmp());
    expect(await f.load()).toEqual({ settings: DEFAULT_NOTIFICATION_SETTINGS, warning: null });
    expect(DEFAULT_NOTIFICATION_SETTINGS).toEqual({ muted: [], chatReplies: false });
  });

  it("keeps a mute and the chat-reply opt-in across a restart, mode 0600, and tells listeners", async () => {
    const dir = tmp();
    const a = new NotificationSettingsFile(dir);
    const heard: unknown[] = [];
    a.on((s) => heard.push(s));
    await a.update({ mute: { profileId: "home", muted: true } });
    await a.update({ chatReplies: true });
    expect(fs.statSync(a.file).mode & 0o777).toBe(0o600);
    expect((await new NotificationSettingsFile(dir).load()).settings).toEqual({ muted: ["home"], chatReplies: true });
    expect(heard).toEqual([
      { muted: ["home"], chatReplies: false },
      { muted: ["home"], chatReplies: true },
    ]);
  });

  it("writes one at a time: quick changes all land, the last one wins on disk", async () => {
    const dir = tmp();
    const a = new NotificationSettingsFile(dir);
    await Promise.all(["a", "b", "c", "d"].map((id) => a.update({ mute: { profileId: id, muted: true } })));
    await a.update({ mute: { profileId: "b", muted: false } });
    expect((await new NotificationSettingsFile(dir).load()).settings.muted).toEqual(["a", "c", "d"]);
    expect(fs.readdirSync(dir)).toEqual(["notifications.json"]);
  });

  it.each([
    ["not valid JSON", "{ muted: ", /^The notification settings file is not valid JSON; it was moved to .*notifications\.json\.corrupt-.* \(nothing was deleted\) and the defaults apply\.$/],
    ["of the wrong shape", JSON.stringify({ version: 1, muted: "home", chatReplies: "yes" }), /is not a settings file this version understands; it was moved to/],
    ["of a newer version", JSON.stringify({ version: 2, muted: [], chatReplies: true }), /is not a settings file this version understands/],
  ])("a file %s: the defaults, a warning, and the file kept aside — never a crash", async (_what, text, warning) => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, "notifications.json"), text);
    const f = new NotificationSettingsFile(dir);
    const r = await f.load();
    expect(r.settings).toEqual(DEFAULT_NOTIFICATION_SETTINGS);
    expect(r.warning).toMatch(warning);
    const aside = fs.readdirSync(dir).filter((n) => n.includes(".corrupt-"));
    expect(aside).toHaveLength(1);
    expect(fs.readFileSync(path.join(dir, aside[0]!), "utf8")).toBe(text);
    // The next change writes a fresh file.
    await f.update({ chatReplies: true });
    expect((await new NotificationSettingsFile(dir).load()).settings).toEqual({ muted: [], chatReplies: true });
  });

  it("a file it cannot read: the defaults and a warning", async () => {
    const dir = tmp();
    fs.mkdirSync(path.join(dir, "notifications.json"));
    const r = await new NotificationSettingsFile(dir).load();
    expect(r.settings).toEqual(DEFAULT_NOTIFICATION_SETTINGS);
    expect(r.warning).toMatch(/^Could not read the notification settings .* \(EISDIR\); the defaults apply/);
  });

  it("a mute is per profile: muting twice keeps one entry, unmuting removes only that profile", () => {
    const once = applyNotificationPatch(DEFAULT_NOTIFICATION_SETTINGS, { mute: { profileId: "home", muted: true } });
    const twice = applyNotificationPatch(once, { mute: { profileId: "home", muted: true } });
    const both = applyNotificationPatch(twice, { mute: { profileId: "vps", muted: true } });
    expect(both.muted).toEqual(["home", "vps"]);
    expect(applyNotificationPatch(both, { mute: { profileId: "home", muted: false } })).toEqual({ muted: ["vps"], chatReplies: false });
  });
});
