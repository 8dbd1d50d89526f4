// The Electron shell under Playwright's _electron: the tray model as the running app builds it (and its
// items clicked through), single instance, start at login, and the IPC sender check. They need a real
// Electron binary; where none can be had (the electron package downloads it from GitHub on first use)
// each test is reported by the summary reporter as "not run: N test(s): no Electron binary" — never
// silently skipped, never passing.
import fs from "node:fs";
import path from "node:path";
import type { ElectronApplication } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { TrayModel } from "../../src-main/core/desktop/tray-model.js";
import { electronSuite, repo, spawnApp, waitFor } from "./electron-app.js";

const suite = electronSuite();

function writeProfiles(dir: string, profiles: unknown[]): void {
  fs.writeFileSync(path.join(dir, "profiles.json"), JSON.stringify({ version: 1, profiles }));
}

type Shell = { trayModel(): Promise<TrayModel>; clickTray(id: string): Promise<void>; trustedContents(): number[]; configDir: string };
const shell = () => (globalThis as unknown as { __clawlinkShell: Shell }).__clawlinkShell;
const trayModel = (a: ElectronApplication) => a.evaluate(async () => shell().trayModel());
const labels = (m: TrayModel) => m.items.map((i) => (i.kind === "separator" ? "---" : i.label));

describe("Electron shell (_electron)", () => {
  it("builds the tray menu from the profiles and live connections, and its items act", async (ctx) => {
    // A direct profile at a port nothing listens on: Connect starts a real supervisor that cannot get in.
    const lab = [{ id: "lab", name: "Lab gateway", kind: "direct", connectAtStart: false, auth: { mode: "none" }, direct: { url: "ws://127.0.0.1:9" } }];
    const { app } = await suite.launch(suite.requireBinary(ctx), ["--hidden"], (sb) => writeProfiles(sb.configDir, lab));
    const m = await waitFor("the tray model", () => trayModel(app));
    expect(m.icon).toBe("tray-disconnected");
    expect(labels(m)).toEqual(["Lab gateway — Disconnected", "---", "Open Clawlink", "Start at Login", "---", "Quit Clawlink"]);
    expect(m.tooltip).toBe("Clawlink\nLab gateway: disconnected");

    await app.evaluate(async () => shell().clickTray("connect:lab"));
    const live = await waitFor("the connection in the tray", async () => {
      const t = await trayModel(app);
      return t.status !== "disconnected" ? t : null;
    });
    expect(["connecting", "attention"]).toContain(live.status);
    expect(labels(live)[0]).not.toBe("Lab gateway — Disconnected");

    await app.evaluate(async () => shell().clickTray("disconnect:lab"));
    await waitFor("disconnected again", async () => (await trayModel(app)).status === "disconnected");

    // "Open Clawlink" opens the (only) window, which is one of the trusted senders.
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(0);
    await app.evaluate(async () => shell().clickTray("open-window"));
    const page = await app.firstWindow();
    expect(page.url()).toBe("app://clawlink/index.html");
  });

  it("is a single instance: a second launch exits and shows the first one's window", async (ctx) => {
    const b = suite.requireBinary(ctx);
    const { app, sb } = await suite.launch(b, ["--hidden"]);
    await waitFor("the tray model", () => trayModel(app));
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().filter((w) => w.isVisible()).length)).toBe(0);
    const second = spawnApp(b, sb);
    const code = await new Promise<number | null>((resolve) => second.once("exit", (c) => resolve(c)));
    expect(code).toBe(0);
    await waitFor("the first instance's window", async () => (await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().filter((w) => w.isVisible()).length)) === 1);
  });

  it("turns start at login on and off from the tray", async (ctx) => {
    const { app, sb } = await suite.launch(suite.requireBinary(ctx), ["--hidden"]);
    const item = async () => (await trayModel(app)).items.find((i) => i.kind === "checkbox" && i.id === "start-at-login");
    expect(await waitFor("the tray", item)).toMatchObject({ checked: false, enabled: true });
    await app.evaluate(async () => shell().clickTray("start-at-login"));
    expect(await item()).toMatchObject({ checked: true });
    if (process.platform === "linux") {
      const file = path.join(sb.xdgConfig, "autostart", "ai.clawlink.desktop.desktop");
      const text = fs.readFileSync(file, "utf8");
      expect(text).toContain("X-GNOME-Autostart-enabled=true");
      expect(text).toMatch(new RegExp(`^Exec=".*electron[^"]*" "${repo.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}" "--hidden"$`, "m"));
    } else {
      expect(await app.evaluate(({ app: a }) => a.getLoginItemSettings({ args: ["--hidden"] }).openAtLogin)).toBe(true);
    }
    await app.evaluate(async () => shell().clickTray("start-at-login"));
    expect(await item()).toMatchObject({ checked: false });
    if (process.platform === "linux") expect(fs.existsSync(path.join(sb.xdgConfig, "autostart", "ai.clawlink.desktop.desktop"))).toBe(false);
  });

  it("answers IPC from its own window and refuses any other sender and any payload off the contract", async (ctx) => {
    const { app } = await suite.launch(suite.requireBinary(ctx));
    const page = await app.firstWindow();
    // (Page code is passed as strings: this file is type-checked without the DOM library.)
    await page.waitForFunction("'clawlink' in window");
    // Every method answers with a HostReply value (the same shape as the web host's).
    expect(await page.evaluate("window.clawlink.getAppInfo()")).toMatchObject({ ok: true, value: { name: "Clawlink", host: "electron" } });
    // Off the contract: the zod check answers before the core sees it.
    const bad = await page.evaluate("window.clawlink.connect(42)");
    expect(bad).toMatchObject({ ok: false, error: { reason: "invalid-arguments", fixHint: null } });
    expect((bad as { error: { message: string } }).error.message).toMatch(/invalid arguments for connect/);

    // A window the shell did not register, with the same preload and the same page: refused.
    const preload = path.join(repo, "out/preload/preload.cjs");
    const refused = await app.evaluate(async ({ BrowserWindow }, preloadPath) => {
      const w = new BrowserWindow({ show: false, webPreferences: { preload: preloadPath, sandbox: true, contextIsolation: true } });
      await w.loadURL("app://clawlink/index.html");
      const r = (await w.webContents.executeJavaScript("window.clawlink.getAppInfo().then((r) => (r.ok ? 'accepted' : r.error.reason + ': ' + r.error.message))")) as string;
      w.destroy();
      return r;
    }, preload);
    expect(refused).toMatch(/^untrusted-sender: .*untrusted sender \(not one of Clawlink's windows\)/);

    // Navigation away from the app is refused; the page stays where it was.
    await page.evaluate("location.href = 'https://example.invalid/'");
    await new Promise((r) => setTimeout(r, 500));
    expect(page.url()).toBe("app://clawlink/index.html");
  });
});
