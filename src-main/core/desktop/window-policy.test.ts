import path from "node:path";
import { describe, expect, it } from "vitest";
import { mainWindowOptions, navigationAllowed, onBeforeQuit, onShowWindow, onWindowClose, platformShell, type QuitPhase } from "./window-policy.js";

const mac = platformShell("darwin");
const linux = platformShell("linux");
const win = platformShell("win32");

describe("window policy", () => {
  it("knows what differs per platform", () => {
    expect(mac).toEqual({ dock: true, appUserModelId: false, knowsOpenedAtLogin: true });
    expect(win).toEqual({ dock: false, appUserModelId: true, knowsOpenedAtLogin: false });
    expect(linux).toEqual({ dock: false, appUserModelId: false, knowsOpenedAtLogin: false });
  });

  it("quits in three steps: the first quit stops the connections, one asked for meanwhile waits, then it goes", () => {
    expect(onBeforeQuit("running")).toEqual({ next: "stopping", prevent: true, stopConnections: true });
    expect(onBeforeQuit("stopping")).toEqual({ next: "stopping", prevent: true, stopConnections: false });
    expect(onBeforeQuit("stopped")).toEqual({ next: "stopped", prevent: false, stopConnections: false });
  });

  it("hides a closed window to the tray (and the dock icon on macOS) until a quit is under way", () => {
    expect(onWindowClose("running", mac)).toEqual({ hide: true, hideDock: true });
    expect(onWindowClose("running", linux)).toEqual({ hide: true, hideDock: false });
    for (const phase of ["stopping", "stopped"] as QuitPhase[]) expect(onWindowClose(phase, mac)).toEqual({ hide: false, hideDock: false });
  });

  it("makes one window, or restores and raises the one there is", () => {
    expect(onShowWindow({ live: false, minimized: false }, linux)).toEqual({ create: true, restore: false, showDock: false });
    expect(onShowWindow({ live: true, minimized: true }, mac)).toEqual({ create: false, restore: true, showDock: true });
    expect(onShowWindow({ live: true, minimized: false }, win)).toEqual({ create: false, restore: false, showDock: false });
  });

  it("lets a window load only our own index", () => {
    expect(navigationAllowed("app://clawlink/index.html")).toBe(true);
    for (const url of ["https://example.invalid/", "app://clawlink/other.html", "file:///etc/passwd", "app://clawlink/index.html#x", "app://clawlink/index.html#quick-chat="]) expect(navigationAllowed(url)).toBe(false);
  });

  it("locks the main window down: sandboxed, isolated, no node, no webview; devtools only unpackaged", () => {
    const o = mainWindowOptions("/app/out", { isPackaged: true });
    const w = o.webPreferences;
    expect(w.preload).toBe(path.join("/app/out", "preload/preload.cjs"));
    // [sandbox, contextIsolation] on; [nodeIntegration, in subframes, <webview>, devtools] off.
    expect([w.sandbox, w.contextIsolation]).toEqual([true, true]);
    expect([w.nodeIntegration, w.nodeIntegrationInSubFrames, w.webviewTag, w.devTools]).toEqual([false, false, false, false]);
    expect(Object.keys(w).sort()).toEqual(["contextIsolation", "devTools", "nodeIntegration", "nodeIntegrationInSubFrames", "preload", "sandbox", "spellcheck", "webviewTag"]);
    expect(o.show).toBe(false);
    expect(mainWindowOptions("/app/out", { isPackaged: false }).webPreferences.devTools).toBe(true);
  });
});
