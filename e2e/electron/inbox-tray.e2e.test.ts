// The operator inbox in the Electron shell (issue 11 items 3 and 4) under Playwright's _electron, against
// the run's real gateway: the tray shows the count and the newest request with its actions, the icon goes
// to its attention state while anything waits, a tray action answers on the gateway; a desktop
// notification is shown for a new request while the window is hidden, and its button (macOS, Windows) or
// its click (Linux: no buttons) does what the core says. The decisions are unit-tested in core/desktop
// (tray-inbox, tray-model, desktop-notifier); these specs prove the binding. They need a real Electron
// binary; without one each is reported as "not run: N test(s): no Electron binary" — never passing.
import { randomBytes } from "node:crypto";
import type { ElectronApplication, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { TrayMenuItem, TrayModel } from "../../src-main/core/desktop/tray-model.js";
import { GatewaySession } from "../../src-main/core/gateway/gateway-session.js";
import { MemorySecretStore } from "../../src-main/core/secrets/secret-store.js";
import type { E2eNotification } from "../../src-main/shell/e2e-seam.js";
import { waitForState } from "../harness/session-helpers.js";
import { electronBinary, electronSuite, waitFor } from "./electron-app.js";

const gw = inject("gateway");
const tag = () => randomBytes(4).toString("hex");

const suite = electronSuite();
let chat: GatewaySession | undefined;

beforeAll(async () => {
  // Only with a binary: the test's own client of the gateway sends the chat turns that ask for an exec (as ui-inbox does).
  if (!(await electronBinary())) return;
  chat = new GatewaySession({ url: gw.url, gatewayKey: `electron-inbox-${tag()}`, target: "electron inbox chat", token: { value: gw.token, source: "test" }, secrets: new MemorySecretStore() });
  await chat.start();
  await waitForState(chat, (x) => x.phase === "connected", 60_000, "the test's chat session connected");
}, 120_000);
afterAll(async () => {
  await chat?.stop();
});

type Shell = {
  trayModel(): Promise<TrayModel>;
  clickTray(id: string): Promise<void>;
  notifications(): E2eNotification[];
  pressNotification(key: string, actionIndex: number | null): void;
};
const shell = () => (globalThis as unknown as { __clawlinkShell: Shell }).__clawlinkShell;
const trayModel = (a: ElectronApplication) => a.evaluate(async () => shell().trayModel());
const flat = (items: readonly TrayMenuItem[]): TrayMenuItem[] => items.flatMap((i) => (i.kind === "submenu" ? [i, ...flat(i.items)] : [i]));

/** Launches hidden, adds a URL profile for the run's gateway through the window's host API, hides the window again. */
async function launchConnected(b: string): Promise<{ app: ElectronApplication; page: Page; name: string }> {
  const { app: a } = await suite.launch(b, ["--hidden"]);
  await a.evaluate(async () => shell().clickTray("open-window"));
  const page = await a.firstWindow();
  await page.waitForFunction("'clawlink' in window");
  const name = `Tray inbox ${tag()}`;
  const added = await page.evaluate(`window.clawlink.addProfile(${JSON.stringify({ kind: "direct", name, url: gw.url, token: gw.token, connectAtStart: true })})`);
  expect(added).toMatchObject({ ok: true });
  const id = (added as { value: { profile: { id: string } } }).value.profile.id;
  await page.evaluate(`window.clawlink.connect(${JSON.stringify(id)})`);
  await waitFor("the profile connected in the tray", async () => (await trayModel(a)).status === "connected", 60_000);
  await a.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().forEach((w) => w.hide()));
  return { app: a, page, name };
}

async function transcriptWith(sessionKey: string, text: string, ms = 90_000): Promise<void> {
  const end = Date.now() + ms;
  while (!JSON.stringify(await chat!.history(sessionKey)).includes(text)) {
    if (Date.now() > end) throw new Error(`no "${text}" in ${sessionKey} within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe("the inbox in the Electron shell (_electron, the real gateway)", () => {
  it("the tray counts the waiting request, shows its command and actions, goes to attention, and Allow once runs it", async (ctx) => {
    const { app: a, name } = await launchConnected(suite.requireBinary(ctx));
    const word = `tray-allowed-${tag()}`;
    const sessionKey = `agent:main:electron-tray-${tag()}`;
    chat!.send(sessionKey, `please [[exec:echo ${word}]]`);

    const m = await waitFor("the request in the tray", async () => {
      const t = await trayModel(a);
      return flat(t.items).some((i) => i.kind === "submenu" && i.label.includes(word)) ? t : null;
    }, 90_000);
    expect(m.icon).toBe("tray-attention");
    expect(m.tooltip.split("\n")[0]).toBe("Clawlink — 1 request waiting");
    const sub = flat(m.items).find((i) => i.kind === "submenu" && i.label.includes(word));
    expect(sub?.kind === "submenu" && sub.label).toBe(`Run \`echo ${word}\`? — ${name}`);
    const allow = flat(m.items).flatMap((i) => (i.kind === "action" && i.id.startsWith("inbox-allow-once:") ? [i] : []))[0];
    expect(allow?.label).toBe("Allow once");

    await a.evaluate(async (_e, id) => shell().clickTray(id), allow!.id);
    await transcriptWith(sessionKey, word);
    const after = await waitFor("the tray without the request", async () => {
      const t = await trayModel(a);
      return flat(t.items).some((i) => i.kind === "submenu" && i.id.startsWith("inbox-item:")) ? null : t;
    });
    expect(after.icon).toBe("tray-connected");
  });

  it("a new request while the window is hidden shows one desktop notification, and its action answers it on the gateway", async (ctx) => {
    const { app: a, page } = await launchConnected(suite.requireBinary(ctx));
    const word = `notified-${tag()}`;
    const sessionKey = `agent:main:electron-notify-${tag()}`;
    chat!.send(sessionKey, `please [[exec:echo ${word}]]`);

    const shown = await waitFor("the notification", async () => {
      const list = await a.evaluate(() => shell().notifications());
      return list.find((n) => n.title.includes(word)) ?? null;
    }, 90_000);
    expect(shown.title).toBe(`Run \`echo ${word}\`?`);
    expect((await a.evaluate(() => shell().notifications())).filter((n) => n.key === shown.key)).toHaveLength(1);

    if (process.platform === "linux") {
      // Linux notification daemons have no buttons here (desktop-notifier.ts): a click opens the inbox.
      expect(shown.actions).toEqual([]);
      await a.evaluate((_e, key) => shell().pressNotification(key, null), shown.key);
      await waitFor("the window shown", async () => (await a.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().some((w) => w.isVisible()))) || null);
      await page.getByText(`echo ${word}`, { exact: true }).waitFor({ timeout: 10_000 });
      return;
    }
    expect(shown.actions).toEqual(["Allow once", "Deny"]);
    await a.evaluate((_e, key) => shell().pressNotification(key, 1), shown.key);
    // Deny: the gateway records the denial and the agent's reply says so.
    await transcriptWith(sessionKey, "denied");
  });
});
