import type { Attention } from "../../../src-shared/attention.js";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { ConnectionSnapshot, OverallState } from "../../../src-shared/connection.js";
import { connectionSnapshot } from "../../../src-shared/testing/connection-snapshot.js";
import { execItem, pairingItem } from "../../../src-shared/testing/inbox-items.js";
import { controlUiUrl, findItem, overallStatus, trayIconFile, trayModel, trayThemeFor, trayTooltip, TOOLTIP_MAX, type TrayMenuItem } from "./tray-model.js";

function snap(id: string, state: OverallState, extra: Partial<ConnectionSnapshot> = {}): ConnectionSnapshot {
  return connectionSnapshot({ id, name: id === "home" ? "Home Desktop" : id, state, ...extra });
}

const profiles = [
  { id: "home", name: "Home Desktop" },
  { id: "vps", name: "VPS" },
];
const login = { enabled: false, supported: true };
const labels = (items: TrayMenuItem[]) => items.map((i) => (i.kind === "separator" ? "---" : i.label));
const sub = (items: TrayMenuItem[], id: string) => {
  const it = findItem(items, id);
  if (it?.kind !== "submenu") throw new Error(`no submenu ${id}`);
  return it.items;
};

describe("overall tray status", () => {
  it.each<[OverallState[], string]>([
    [[], "disconnected"],
    [["idle", "stopped"], "disconnected"],
    [["connected"], "connected"],
    [["connected", "reconnecting"], "connecting"],
    [["connected", "ssh-connecting"], "connecting"],
    [["handshaking"], "connecting"],
    [["verifying-host"], "connecting"],
    [["connected", "pairing-required"], "attention"],
    [["reconnecting", "needs-attention", "connected"], "attention"],
    [["stopped", "connected"], "connected"],
  ])("%j → %s (worst connection wins)", (states, want) => {
    expect(overallStatus(states.map((s, i) => snap(`p${i}`, s)))).toBe(want);
  });

  it("names the icon after the status and theme", () => {
    const m = trayModel({ profiles, connections: [snap("home", "needs-attention")], startAtLogin: login });
    expect(m.icon).toBe("tray-attention");
    expect(trayIconFile(m.status, "dark")).toBe("tray-attention-dark.png");
  });

  it("picks the icon set for the bar, not the app theme, where the OS says", () => {
    expect(trayThemeFor("darwin", false, true)).toBe("dark");
    expect(trayThemeFor("win32", true, false)).toBe("light");
    expect(trayThemeFor("darwin", true, undefined)).toBe("dark");
    expect(trayThemeFor("linux", false, false)).toBe("dark");
  });

  it("every icon the model can name exists for both themes at 1x and 2x", () => {
    const dir = path.join(import.meta.dirname, "../../../resources");
    for (const status of ["connected", "connecting", "attention", "disconnected"] as const)
      for (const theme of ["light", "dark"] as const) {
        const one = path.join(dir, trayIconFile(status, theme));
        for (const f of [one, one.replace(/\.png$/, "@2x.png")]) expect(fs.readFileSync(f).subarray(1, 4).toString()).toBe("PNG");
      }
  });
});

describe("tray menu", () => {
  it("lists every profile with its state, then Open, Start at Login, Quit", () => {
    const m = trayModel({ profiles, connections: [snap("home", "reconnecting", { attempt: 3 })], startAtLogin: login });
    expect(labels(m.items)).toEqual(["Home Desktop — Reconnecting (attempt 3)", "VPS — Disconnected", "---", "Open Clawlink", "Start at Login", "---", "Quit Clawlink"]);
    expect(findItem(m.items, "quit")).toMatchObject({ action: { type: "quit" } });
    expect(findItem(m.items, "open-window")).toMatchObject({ action: { type: "open-window" } });
  });

  it("offers Disconnect for a running connection and Connect otherwise", () => {
    const m = trayModel({ profiles, connections: [snap("home", "connected", { localPort: 18789 }), snap("vps", "stopped")], startAtLogin: login });
    expect(sub(m.items, "profile:home")[0]).toMatchObject({ label: "Disconnect", action: { type: "disconnect", profileId: "home" } });
    expect(sub(m.items, "profile:vps")[0]).toMatchObject({ label: "Connect", action: { type: "connect", profileId: "vps" } });
  });

  it("enables Open Control UI only while connected with a reachable address, and carries no token", () => {
    const on = trayModel({ profiles, connections: [snap("home", "connected", { localPort: 18790 })], startAtLogin: login });
    expect(findItem(on.items, "control-ui:home")).toMatchObject({ enabled: true, action: { type: "open-control-ui", profileId: "home" } });
    expect(findItem(on.items, "control-ui:vps")).toMatchObject({ enabled: false });
    const noPort = trayModel({ profiles, connections: [snap("home", "connected")], startAtLogin: login });
    expect(findItem(noPort.items, "control-ui:home")).toMatchObject({ enabled: false });
    const busy = trayModel({ profiles, connections: [snap("home", "handshaking", { localPort: 18790 })], startAtLogin: login });
    expect(findItem(busy.items, "control-ui:home")).toMatchObject({ enabled: false });
    expect(JSON.stringify(on)).not.toContain("token");
  });

  it("offers Copy Approve Command only while pairing is pending", () => {
    const pairing = { requestId: "req-42", reason: "not-paired", approveCommand: "openclaw devices approve req-42", since: 1 };
    const m = trayModel({ profiles, connections: [snap("home", "pairing-required", { pairing })], startAtLogin: login });
    expect(findItem(m.items, "copy-approve:home")).toMatchObject({ action: { type: "copy-text", text: "openclaw devices approve req-42" } });
    expect(m.status).toBe("attention");
    const without = trayModel({ profiles, connections: [snap("home", "pairing-required", { pairing: { ...pairing, requestId: null, approveCommand: null } })], startAtLogin: login });
    expect(findItem(without.items, "copy-approve:home")).toMatchObject({ action: { type: "copy-text", text: "openclaw devices list" } });
    const connected = trayModel({ profiles, connections: [snap("home", "connected")], startAtLogin: login });
    expect(findItem(connected.items, "copy-approve:home")).toBeUndefined();
  });

  it("shows why a connection needs attention", () => {
    const attention: Attention = { reason: "auth-token-mismatch", message: "The gateway rejected the token.", fixHint: "Set the token." };
    const m = trayModel({ profiles, connections: [snap("home", "needs-attention", { attention })], startAtLogin: login });
    expect(findItem(m.items, "why:home")).toEqual({ kind: "label", id: "why:home", label: "The gateway rejected the token." });
  });

  it("Start at Login is a checkbox that toggles, and is disabled where unsupported", () => {
    const off = trayModel({ profiles, connections: [], startAtLogin: { enabled: false, supported: true } });
    expect(findItem(off.items, "start-at-login")).toMatchObject({ kind: "checkbox", checked: false, enabled: true, action: { type: "set-start-at-login", enabled: true } });
    const on = trayModel({ profiles, connections: [], startAtLogin: { enabled: true, supported: true } });
    expect(findItem(on.items, "start-at-login")).toMatchObject({ checked: true, action: { type: "set-start-at-login", enabled: false } });
    const unsupported = trayModel({ profiles, connections: [], startAtLogin: { enabled: true, supported: false } });
    expect(findItem(unsupported.items, "start-at-login")).toMatchObject({ checked: false, enabled: false });
  });

  it("lists a live connection without a saved profile, and says when nothing is set up", () => {
    const m = trayModel({ profiles: [], connections: [snap("cli-target", "connected")], startAtLogin: login });
    expect(labels(m.items)[0]).toBe("cli-target — Connected");
    const empty = trayModel({ profiles: [], connections: [], startAtLogin: login });
    expect(labels(empty.items)[0]).toBe("No gateways set up yet");
    expect(empty.tooltip).toBe("Clawlink: no gateways set up");
  });
});

describe("tooltip", () => {
  it("names each profile and its state", () => {
    expect(trayTooltip(profiles, [snap("home", "connected")])).toBe("Clawlink\nHome Desktop: connected\nVPS: disconnected");
  });
  it("stays within the Windows limit", () => {
    const many = Array.from({ length: 20 }, (_, i) => ({ id: `p${i}`, name: `A rather long gateway name ${i}` }));
    const t = trayTooltip(many, []);
    expect(t.length).toBe(TOOLTIP_MAX);
    expect(t.endsWith("…")).toBe(true);
  });
});

describe("Control UI URL", () => {
  it("goes through the tunnel for SSH and puts the token in the fragment, encoded", () => {
    expect(controlUiUrl(snap("home", "connected", { localPort: 18790, url: "ws://127.0.0.1:18790" }), "a b&c#d")).toBe("http://127.0.0.1:18790/#token=a%20b%26c%23d");
    expect(controlUiUrl(snap("home", "connected", { localPort: 18790 }), null)).toBe("http://127.0.0.1:18790/");
    expect(controlUiUrl(snap("home", "connected"), "t")).toBeNull();
  });
  it("maps ws/wss to http/https for direct and local gateways, dropping query, hash and userinfo", () => {
    expect(controlUiUrl(snap("d", "connected", { kind: "direct", url: "wss://gw.example.net/openclaw?x=1#token=old" }), "tok")).toBe("https://gw.example.net/openclaw/#token=tok");
    expect(controlUiUrl(snap("l", "connected", { kind: "local", url: "ws://127.0.0.1:18789" }), "tok")).toBe("http://127.0.0.1:18789/#token=tok");
    expect(controlUiUrl(snap("d", "connected", { kind: "direct", url: "https://u:p@gw.example.net/" }), null)).toBe("https://gw.example.net/");
    expect(controlUiUrl(snap("d", "connected", { kind: "direct", url: "file:///etc/passwd" }), "tok")).toBeNull();
    expect(controlUiUrl(snap("d", "connected", { kind: "direct", url: "not a url" }), "tok")).toBeNull();
  });
});

describe("tray menu: the inbox", () => {
  const home = [snap("home", "connected")];
  const exec = execItem();
  const pair = pairingItem({ connectionId: "vps", gatewayName: "VPS" });

  it("lists nothing of the inbox while nothing waits, and the icon follows the connections", () => {
    const m = trayModel({ profiles, connections: home, startAtLogin: login, inbox: [] });
    expect(labels(m.items)[0]).toBe("Home Desktop — Connected");
    expect(m.status).toBe("connected");
  });

  it("puts the icon in its attention state and the count in the tooltip while anything waits", () => {
    const m = trayModel({ profiles, connections: home, startAtLogin: login, inbox: [exec] });
    expect(m).toMatchObject({ status: "attention", icon: "tray-attention" });
    expect(m.tooltip).toBe("Clawlink — 1 request waiting\nHome Desktop: connected\nVPS: disconnected");
  });

  it("shows the newest items first with their gateway, each with its actions, then Open Inbox with the count", () => {
    const m = trayModel({ profiles, connections: home, startAtLogin: login, inbox: [exec, pair] });
    expect(labels(m.items).slice(0, 4)).toEqual(["Run `echo hello`? — Home Desktop", "Pair Pixel 9 (android)? — VPS", "Open Inbox (2 requests waiting)", "---"]);
    expect(labels(sub(m.items, "inbox-item:home:exec:a1"))).toEqual(["Allow once", "Deny", "---", "Open in Inbox"]);
    expect(labels(sub(m.items, "inbox-item:vps:pairing:r1"))).toEqual(["Approve", "Reject", "---", "Open in Inbox"]);
    expect(findItem(m.items, "inbox-allow-once:home:exec:a1")).toMatchObject({ action: { type: "answer-inbox", connectionId: "home", itemKind: "exec", itemId: "a1", decision: "allow-once" } });
    expect(findItem(m.items, "inbox-reject:vps:pairing:r1")).toMatchObject({ action: { type: "answer-inbox", connectionId: "vps", itemKind: "pairing", itemId: "r1", decision: "reject" } });
    expect(findItem(m.items, "inbox-open:vps:pairing:r1")).toMatchObject({ action: { type: "open-inbox", item: { connectionId: "vps", itemKind: "pairing", itemId: "r1" } } });
    expect(findItem(m.items, "open-inbox")).toMatchObject({ action: { type: "open-inbox", item: null } });
  });

  it("lists at most three; the rest are one line into the inbox", () => {
    const many = Array.from({ length: 5 }, (_, i) => execItem({ id: `a${i}` }));
    const m = trayModel({ profiles, connections: home, startAtLogin: login, inbox: many });
    expect(m.items.filter((i) => i.kind === "submenu" && i.id.startsWith("inbox-item:"))).toHaveLength(3);
    expect(findItem(m.items, "inbox-more")).toMatchObject({ label: "2 more in the Inbox…", action: { type: "open-inbox", item: null } });
  });

  it("never offers Allow once for a command the menu cannot show whole, and says why", () => {
    const long = execItem({ command: `echo ${"x".repeat(200)}; rm -rf ~` });
    const m = trayModel({ profiles, connections: home, startAtLogin: login, inbox: [long] });
    const menu = sub(m.items, "inbox-item:home:exec:a1");
    expect(labels(menu)).toEqual(["Deny", "Open Clawlink to read the whole command (215 characters) before allowing it.", "---", "Open in Inbox"]);
    expect(labels(m.items)[0]!.length).toBeLessThan(80);
  });
});
