import { describe, expect, it } from "vitest";
import type { HostEventMessage } from "../../../src-shared/host-api.js";
import { navigationAllowed } from "./window-policy.js";
import { isQuickChatUrl, noteChatUse, onQuickChatPress, quickChatBounds, quickChatTarget, quickChatUrl, quickChatWindowOptions } from "./quick-chat.js";

const outbox = (profileId: string, state: "queued" | "delivered"): HostEventMessage =>
  ({ name: "outbox", payload: { profileId, entries: [{ idempotencyKey: "k", sessionKey: "s", text: "hi", state, runId: null, error: null, createdAt: 1, sentAt: null }] } }) as HostEventMessage;

describe("the quick-chat window (pure model)", () => {
  it("a message the person queues marks its gateway as the most recent; a delivered-only outbox (loaded at start) does not", () => {
    let recent = noteChatUse([], outbox("a", "queued"));
    recent = noteChatUse(recent, outbox("b", "queued"));
    recent = noteChatUse(recent, outbox("a", "queued"));
    expect(recent).toEqual(["a", "b"]);
    expect(noteChatUse(recent, outbox("c", "delivered"))).toEqual(["a", "b"]);
    expect(noteChatUse(recent, { name: "notice", payload: { level: "info", message: "x" } })).toEqual(["a", "b"]);
  });

  it("opens on the last-used gateway that still exists, else the first connected in list order, else the first profile", () => {
    const profiles = [{ id: "home" }, { id: "vps" }, { id: "lab" }];
    expect(quickChatTarget({ recent: ["gone", "lab"], profiles, connections: [] })).toBe("lab");
    expect(quickChatTarget({ recent: ["gone"], profiles, connections: [{ id: "lab", state: "connected" }, { id: "vps", state: "connected" }, { id: "home", state: "reconnecting" }] })).toBe("vps");
    expect(quickChatTarget({ recent: [], profiles, connections: [] })).toBe("home");
    expect(quickChatTarget({ recent: [], profiles: [], connections: [] })).toBeNull();
  });

  it("its address names the gateway; the navigation guard allows exactly those next to the index", () => {
    expect(quickChatUrl("my vps")).toBe("app://clawlink/index.html#quick-chat=my%20vps");
    expect(quickChatUrl(null)).toBe("app://clawlink/index.html#layout=compact");
    expect(navigationAllowed(quickChatUrl("home"))).toBe(true);
    for (const bad of ["app://clawlink/index.html#x", "app://clawlink/index.html#quick-chat=", "app://clawlink/index.html#quick-chat=a&layout=full", "https://x.invalid/#quick-chat=a"]) expect(isQuickChatUrl(bad)).toBe(false);
  });

  it("sits 380×640 near the tray: under the macOS menu bar on the right, above the taskbar on Windows and Linux", () => {
    const wa = { x: 0, y: 25, width: 1440, height: 875 };
    expect(quickChatBounds("darwin", wa)).toEqual({ x: 1052, y: 33, width: 380, height: 640 });
    expect(quickChatBounds("win32", { x: 0, y: 0, width: 1920, height: 1040 })).toEqual({ x: 1532, y: 392, width: 380, height: 640 });
    // A screen smaller than the window: it stays on the screen's top-left corner rather than off it.
    expect(quickChatBounds("linux", { x: 0, y: 0, width: 300, height: 500 })).toMatchObject({ x: 0, y: 0 });
    const o = quickChatWindowOptions("/app/out", { isPackaged: true, platform: "linux", workArea: wa });
    expect(o.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, devTools: false, preload: "/app/out/preload/preload.cjs" });
    expect(o).toMatchObject({ skipTaskbar: true, show: false, alwaysOnTop: true });
  });

  it("the shortcut creates the window, hides it when it has the focus, and otherwise shows it (reloading only for another gateway)", () => {
    const url = quickChatUrl("home");
    expect(onQuickChatPress({ live: false, visible: false, focused: false, url: null }, "home")).toEqual({ kind: "create", url });
    expect(onQuickChatPress({ live: true, visible: true, focused: true, url }, "home")).toEqual({ kind: "hide" });
    expect(onQuickChatPress({ live: true, visible: false, focused: false, url }, "home")).toEqual({ kind: "show", reload: null });
    expect(onQuickChatPress({ live: true, visible: true, focused: false, url }, "vps")).toEqual({ kind: "show", reload: quickChatUrl("vps") });
  });
});
