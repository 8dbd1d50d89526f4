// The quick-chat window (issue 12 "Keyboard") under Playwright's _electron: the global shortcut is
// registered; a press opens a 380×640 window near the tray on the chat of the last-used gateway (the first
// profile before any use), in the compact layout; a press while it has the focus hides it; its close
// button hides it too. The decisions are unit-tested in core/desktop/quick-chat.test.ts; this proves the
// binding. A real key press cannot be sent to a global shortcut from here, so the spec presses through the
// seam, which calls the very handler the shortcut runs. Needs a real Electron binary; without one each test
// is reported as "not run: N test(s): no Electron binary".
import fs from "node:fs";
import path from "node:path";
import type { ElectronApplication } from "playwright-core";
import { describe, expect, it } from "vitest";
import { electronSuite, waitFor } from "./electron-app.js";

const suite = electronSuite();

type QuickWindow = { id: number; url: string; visible: boolean; bounds: { x: number; y: number; width: number; height: number } };
type Shell = { pressQuickChat(): void; quickChatWindow(): QuickWindow | null; quickChatShortcutRegistered: boolean };
const shell = () => (globalThis as unknown as { __clawlinkShell: Shell }).__clawlinkShell;
const quickWindow = (a: ElectronApplication) => a.evaluate(() => shell().quickChatWindow());

describe("the quick-chat window (_electron)", () => {
  it("the shortcut opens a 380×640 window on the first gateway's chat near the tray; pressed again with the focus, it hides", async (ctx) => {
    const profiles = [{ id: "lab", name: "Lab gateway", kind: "direct", connectAtStart: false, auth: { mode: "none" }, direct: { url: "ws://127.0.0.1:9" } }];
    const { app: a } = await suite.launch(suite.requireBinary(ctx), ["--hidden"], (sb) => fs.writeFileSync(path.join(sb.configDir, "profiles.json"), JSON.stringify({ version: 1, profiles })));
    expect(await a.evaluate(({ globalShortcut }) => globalShortcut.isRegistered("CommandOrControl+Shift+Space"))).toBe(true);
    expect(await quickWindow(a)).toBeNull();

    await a.evaluate(() => shell().pressQuickChat());
    const w = await waitFor("the quick-chat window shown", async () => {
      const q = await quickWindow(a);
      return q?.visible ? q : null;
    });
    expect(w.url).toBe("app://clawlink/index.html#quick-chat=lab");
    expect(w.bounds).toMatchObject({ width: 380, height: 640 });
    const page = await waitFor("its page", async () => a.windows().find((p) => p.url().includes("#quick-chat=")) ?? null);
    // The compact layout, on the gateway's chat.
    await page.locator('[data-layout="compact"]').waitFor({ timeout: 15_000 });
    await page.getByRole("heading", { name: "Lab gateway" }).waitFor({ timeout: 15_000 });

    await a.evaluate(({ BrowserWindow }, id) => BrowserWindow.getAllWindows().find((x) => x.webContents.id === id)?.focus(), w.id);
    await a.evaluate(() => shell().pressQuickChat());
    await waitFor("hidden again", async () => (await quickWindow(a))?.visible === false);

    // Its close button hides it too; the next press shows the same window again.
    await a.evaluate(() => shell().pressQuickChat());
    await waitFor("shown again", async () => (await quickWindow(a))?.visible === true);
    await a.evaluate(({ BrowserWindow }, id) => BrowserWindow.getAllWindows().find((x) => x.webContents.id === id)?.close(), w.id);
    const after = await waitFor("hidden by close", async () => {
      const q = await quickWindow(a);
      return q && !q.visible ? q : null;
    });
    expect(after.id).toBe(w.id);
  });
});
