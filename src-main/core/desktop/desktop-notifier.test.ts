import { describe, expect, it } from "vitest";
import type { HostEventMessage } from "../../../src-shared/host-api.js";
import { DEFAULT_NOTIFICATION_SETTINGS, type NotificationDescriptor, type NotificationSettings } from "../../../src-shared/notification-policy.js";
import { connectionSnapshot } from "../../../src-shared/testing/connection-snapshot.js";
import { execItem } from "../../../src-shared/testing/inbox-items.js";
import { DesktopNotifier, nativeNotificationOptions, runNotificationClick, type NotificationClickDeps } from "./desktop-notifier.js";

function notifier(settings: NotificationSettings = DEFAULT_NOTIFICATION_SETTINGS, hidden = true) {
  const shown: NotificationDescriptor[] = [];
  const n = new DesktopNotifier({ settings: () => settings, windowHidden: () => hidden, nameOf: (id) => (id === "home" ? "Home Desktop" : null), show: (x) => void shown.push(x), now: () => 0 });
  return { n, shown };
}

const attention = { reason: "auth-token-mismatch", message: "Refused.", fixHint: "Paste the token." } as const;
const chatFinal: HostEventMessage = { name: "chat", payload: { profileId: "home", event: { sessionKey: "main", runId: "r1", state: "final", text: "Done." } } };

describe("desktop notifications", () => {
  it("an inbox-new item from the hub notifies once; the hub's full snapshots are not its input", () => {
    const { n, shown } = notifier();
    n.hubEvent({ type: "inbox-new", items: [execItem()] });
    n.hubEvent({ type: "inbox", snapshot: { items: [execItem()], gateways: [], resolved: [], seq: 1 } });
    n.hubEvent({ type: "inbox-new", items: [execItem()] });
    expect(shown.map((x) => x.title)).toEqual(["Run `echo hello`?"]);
  });

  it("a connection that now needs a person notifies; a chat reply only when opted in and the window is hidden", () => {
    const off = notifier();
    off.n.hostEvent({ name: "connection", payload: connectionSnapshot({ name: "Home Desktop", state: "needs-attention", attention }) });
    off.n.hostEvent(chatFinal);
    expect(off.shown.map((x) => x.title)).toEqual(["Home Desktop needs attention"]);
    const on = notifier({ muted: [], chatReplies: true });
    on.n.hostEvent(chatFinal);
    expect(on.shown.map((x) => x.title)).toEqual(["Home Desktop replied"]);
    const visible = notifier({ muted: [], chatReplies: true }, false);
    visible.n.hostEvent(chatFinal);
    expect(visible.shown).toEqual([]);
  });

  it("reads the settings at each event, so a mute applies at once", () => {
    let settings = DEFAULT_NOTIFICATION_SETTINGS;
    const shown: NotificationDescriptor[] = [];
    const n = new DesktopNotifier({ settings: () => settings, windowHidden: () => true, nameOf: () => null, show: (x) => void shown.push(x), now: () => 0 });
    settings = { muted: ["home"], chatReplies: false };
    n.hubEvent({ type: "inbox-new", items: [execItem()] });
    expect(shown).toEqual([]);
  });
});

describe("native notification options", () => {
  const shown = (() => {
    const { n, shown } = notifier();
    n.hubEvent({ type: "inbox-new", items: [execItem()] });
    return shown[0]!;
  })();

  it("has buttons on macOS and Windows, in the order Electron reports them", () => {
    expect(nativeNotificationOptions(shown, "darwin")).toEqual({ title: "Run `echo hello`?", body: "Home Desktop · agent main · in /home/me", silent: false, actions: ["Allow once", "Deny"], actionIds: ["allow-once", "deny"] });
    expect(nativeNotificationOptions(shown, "win32")).toMatchObject({ actions: ["Allow once", "Deny"] });
  });

  it("has none where Electron cannot show them (Linux: a click still opens the item)", () => {
    expect(nativeNotificationOptions(shown, "linux")).toMatchObject({ actions: [], actionIds: [] });
  });

  it("a quiet replacement (the rate limit's count going up) is silent", () => {
    expect(nativeNotificationOptions({ ...shown, quiet: true }, "darwin").silent).toBe(true);
  });
});

describe("clicking a desktop notification", () => {
  const n: NotificationDescriptor = {
    key: "k",
    title: "t",
    body: "",
    actions: [{ id: "deny", label: "Deny" }],
    target: { kind: "inbox-item", connectionId: "home", itemKind: "exec", itemId: "a1" },
    quiet: false,
  };
  function deps(over: Partial<NotificationClickDeps> = {}) {
    const calls: string[] = [];
    const d: NotificationClickDeps = {
      answerInbox: async (ref, decision) => (calls.push(`answer ${ref.itemId} ${decision}`), { kind: "done", item: ref.itemId }),
      openTarget: (t) => void calls.push(`open ${JSON.stringify(t)}`),
      tell: (m) => void calls.push(`tell ${m}`),
      warn: (m) => void calls.push(`warn ${m}`),
      ...over,
    };
    return { d, calls };
  }

  it("the body opens the item in the window; a button answers it without opening anything", async () => {
    const { d, calls } = deps();
    await runNotificationClick(n, null, d);
    await runNotificationClick(n, "deny", d);
    expect(calls).toEqual([`open ${JSON.stringify(n.target)}`, "answer a1 deny"]);
  });

  it("tells the person when the answer did not go through, and logs a failure instead of throwing", async () => {
    const gone = deps({ answerInbox: async () => ({ kind: "already-resolved", message: "a1 was already resolved." }) });
    await runNotificationClick(n, "deny", gone.d);
    expect(gone.calls).toEqual(["tell a1 was already resolved."]);
    const broken = deps({ answerInbox: () => Promise.reject(new Error("boom")) });
    await expect(runNotificationClick(n, "deny", broken.d)).resolves.toBeUndefined();
    expect(broken.calls).toEqual(["warn notification action deny failed"]);
  });
});
