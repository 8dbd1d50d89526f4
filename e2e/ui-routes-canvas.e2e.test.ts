// Issue 13 §2/§3 in real Chromium through the real `clawlink serve`, the run's real OpenSSH sshd and a real
// 2026.9.6 gateway started with mcp.apps.enabled (its MCP Apps sandbox on port + 1, docs/cli/mcp/apps.md):
// - "Through the tunnel" on the status view: the canvas and the forwarded sandbox, each opened from the
//   page in a new tab at the URL the host handed the UI — the tunnel's local ports, not the gateway's —
//   and what answers there is what the gateway answers on its own port (status and body);
// - the Settings "Routes" form, by keyboard: a fallback added (the page says only this gateway reconnects,
//   the token stays, another connected gateway is untouched), reordered and removed with focus following
//   the route, and a refused address or port named by its field with profiles.json unchanged;
// - axe on both screens.
import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { ConnectionSnapshot } from "../src-shared/connection.js";
import { axeViolations, blocking, describeViolations } from "./harness/axe.js";
import { screenshotPath } from "./harness/chromium.js";
import { freePort } from "./harness/free-port.js";
import { TestGateway } from "./harness/gateway.js";
import { addUrlGateway, tag } from "./harness/ui-flows.js";
import { openServedUi } from "./harness/ui-page.js";

const gw = inject("gateway");
const sshd = inject("sshd");
const NAME = `Tunnel ${tag()}`;
const OTHER = `Untouched ${tag()}`;

let gw2: TestGateway;
let ui: Awaited<ReturnType<typeof openServedUi>>;
let page: Page;
let profileId: string;

async function state(): Promise<{ profiles: Array<{ id: string; name: string }>; connections: ConnectionSnapshot[] }> {
  return ((await page.evaluate("window.clawlink.getState()")) as { value: { profiles: Array<{ id: string; name: string }>; connections: ConnectionSnapshot[] } }).value;
}
const conn = async (id: string) => (await state()).connections.find((c) => c.id === id);
const savedRoutes = () => (JSON.parse(fs.readFileSync(path.join(ui.serve.configDir, "profiles.json"), "utf8")) as { profiles: Array<{ id: string; routes?: unknown[] }> }).profiles.find((p) => p.id === profileId)?.routes ?? [];
const profilesFile = () => fs.readFileSync(path.join(ui.serve.configDir, "profiles.json"), "utf8");

/** One GET from here: status and body. */
async function get(url: string): Promise<{ status: number; body: string }> {
  const r = await fetch(url);
  return { status: r.status, body: await r.text() };
}

async function noBlockingAxe(screen: string): Promise<void> {
  const all = await axeViolations(page);
  console.log(`[routes-canvas] axe ${screen}: ${all.length} violation(s)${all.length ? `\n${describeViolations(all)}` : ""}`);
  expect(describeViolations(blocking(all))).toBe("");
}

beforeAll(async () => {
  gw2 = await new TestGateway({ mcpApps: true }).start();
  ui = await openServedUi({ consoleErrors: true });
  page = ui.page;
  await page.goto(ui.serve.url);
  await addUrlGateway(page, { name: OTHER, url: gw.url, token: gw.token });
  await page.getByRole("button", { name: "+ Add remote gateway" }).click();
  await page.getByLabel("Name").fill(NAME);
  await page.getByLabel("SSH target").fill(`${sshd.user}@${sshd.host}:${sshd.port}`);
  await page.getByLabel("Identity file").fill(sshd.key);
  await page.getByLabel("Remote gateway port").fill(String(gw2.port));
  await page.getByLabel("Local port").fill(String(await freePort()));
  await page.getByLabel("Gateway token").fill(gw2.token);
  await page.getByRole("button", { name: "Add gateway" }).click();
  const dialog = page.getByRole("dialog", { name: "Unknown SSH host key" });
  await dialog.waitFor({ timeout: 30_000 });
  await dialog.getByRole("button", { name: "Accept and remember" }).click();
  await page.locator(".profile-header h2", { hasText: NAME }).waitFor();
  await page.locator('.profile-header [data-state="connected"]').waitFor({ timeout: 60_000 });
  profileId = (await state()).profiles.find((p) => p.name === NAME)!.id;
}, 240_000);
afterAll(async () => {
  expect(ui.errors).toEqual([]);
  expect(await ui?.close()).toBe(0);
  await gw2?.stop();
});

describe("issue 13 in real Chromium: surfaces through the tunnel, the routes form", () => {
  it("'Open canvas' and 'Open MCP Apps sandbox' open the tunnel's local ports, and there the gateway's own surfaces answer", async () => {
    await page.getByRole("tab", { name: "Status" }).click();
    const open = page.getByRole("button", { name: "Open MCP Apps sandbox" });
    // The row is offered once the sandbox forward's health check passed through the tunnel.
    await open.waitFor({ timeout: 30_000 });
    await noBlockingAxe("status with surfaces through the tunnel");
    const c = (await conn(profileId))!;
    const sandbox = c.aux?.find((a) => a.kind === "mcp-apps");
    console.log(`[routes-canvas] tunnel 127.0.0.1:${c.localPort} → gateway ${gw2.port}; sandbox 127.0.0.1:${sandbox?.localPort} → ${gw2.port + 1}`);
    expect({ tunnel: c.localPort !== gw2.port, sandbox: sandbox?.localPort !== gw2.port + 1, state: sandbox?.state }).toEqual({ tunnel: true, sandbox: true, state: "ok" });

    const canvasTab = ui.browser.context.waitForEvent("page");
    await page.getByRole("button", { name: "Open canvas" }).click();
    const canvas = await canvasTab;
    await canvas.waitForLoadState("domcontentloaded");
    expect(canvas.url()).toBe(`http://127.0.0.1:${c.localPort}/__openclaw__/canvas/`);
    const [viaTunnel, direct] = await Promise.all([get(canvas.url()), get(`http://127.0.0.1:${gw2.port}/__openclaw__/canvas/`)]);
    console.log(`[routes-canvas] canvas through the tunnel: HTTP ${viaTunnel.status}, ${viaTunnel.body.length} bytes; direct: HTTP ${direct.status}`);
    expect(viaTunnel).toEqual(direct);
    await canvas.close();

    const sandboxTab = ui.browser.context.waitForEvent("page");
    await open.click();
    const tab = await sandboxTab;
    await tab.waitForLoadState("domcontentloaded");
    expect(tab.url()).toBe(`http://127.0.0.1:${sandbox!.localPort}/`);
    const [sViaTunnel, sDirect] = await Promise.all([get(tab.url()), get(`http://127.0.0.1:${gw2.port + 1}/`)]);
    console.log(`[routes-canvas] sandbox through the tunnel: HTTP ${sViaTunnel.status}, ${sViaTunnel.body.length} bytes; direct: HTTP ${sDirect.status}`);
    expect(sViaTunnel).toEqual(sDirect);
    await tab.close();
    await page.screenshot({ path: screenshotPath("ui-tunnel-surfaces") });
  });

  it("a fallback added by keyboard is saved with the token kept, and only this gateway reconnects, saying so", async () => {
    const otherId = (await state()).profiles.find((p) => p.name === OTHER)!.id;
    const otherSince = (await conn(otherId))?.connected?.connectedAt;
    await page.getByRole("tab", { name: "Token & settings" }).click();
    const address = page.getByLabel("New route address");
    await address.focus();
    await page.keyboard.type(`ws://127.0.0.1:${gw2.port}`);
    await page.keyboard.press("Enter");
    const saved = page.getByTestId("routes-saved");
    await saved.waitFor({ timeout: 15_000 });
    expect(await saved.textContent()).toBe(`Saved ${NAME}: added route 2: ws://127.0.0.1:${gw2.port}. Reconnecting ${NAME} to use them; other gateways are not affected.`);
    expect(savedRoutes()).toEqual([{ direct: { url: `ws://127.0.0.1:${gw2.port}` } }]);
    expect(await page.getByTestId("token-stored").first().textContent()).toMatch(/^set/);
    await page.locator('.profile-header [data-state="connected"]').waitFor({ timeout: 60_000 });
    // Connected again over route 1 of 2; the other gateway's connection is the same one as before.
    await expect.poll(async () => (await conn(profileId))?.route, { timeout: 30_000 }).toMatchObject({ index: 0, count: 2 });
    expect((await conn(otherId))?.connected?.connectedAt).toBe(otherSince);
    await noBlockingAxe("settings with the routes form");
  });

  it("reordered and removed by keyboard: profiles.json follows, and focus follows the route", async () => {
    const dead = await freePort();
    await page.getByLabel("New route address").focus();
    await page.keyboard.type(`ws://127.0.0.1:${dead}`);
    await page.keyboard.press("Enter");
    await expect.poll(() => savedRoutes().length, { timeout: 15_000 }).toBe(2);
    // The file is written before the reply is in; until then the form is busy and its buttons are disabled
    // (a disabled button takes no focus, so Enter would go nowhere): wait for the page to say it saved.
    await expect.poll(() => page.getByTestId("routes-saved").textContent(), { timeout: 15_000 }).toContain(`added route 3: ws://127.0.0.1:${dead}`);
    const moveUp = page.getByRole("button", { name: /^Move up: route 3,/ });
    await expect.poll(() => moveUp.isEnabled(), { timeout: 15_000 }).toBe(true);
    await moveUp.focus();
    expect(await page.evaluate("document.activeElement?.getAttribute('aria-label')")).toBe(`Move up: route 3, ws://127.0.0.1:${dead}`);
    await page.keyboard.press("Enter");
    await expect.poll(() => savedRoutes(), { timeout: 15_000 }).toEqual([{ direct: { url: `ws://127.0.0.1:${dead}` } }, { direct: { url: `ws://127.0.0.1:${gw2.port}` } }]);
    await expect.poll(() => page.getByTestId("routes-saved").textContent(), { timeout: 15_000 }).toContain("moved route 3 to 2");
    // The moved route is now route 2, which cannot move up: focus is on its "Move down".
    await expect.poll(() => page.evaluate("document.activeElement?.getAttribute('aria-label')")).toBe(`Move down: route 2, ws://127.0.0.1:${dead}`);
    await page.keyboard.press("Tab");
    expect(await page.evaluate("document.activeElement?.getAttribute('aria-label')")).toBe(`Remove: route 2, ws://127.0.0.1:${dead}`);
    await page.keyboard.press("Enter");
    await expect.poll(() => savedRoutes(), { timeout: 15_000 }).toEqual([{ direct: { url: `ws://127.0.0.1:${gw2.port}` } }]);
    // The page follows (and the form is free again) once the reply is in: the list and the message say so.
    await expect.poll(() => page.getByRole("list", { name: "Routes in the order they are tried" }).locator("li").count(), { timeout: 15_000 }).toBe(2);
    await expect.poll(() => page.getByTestId("routes-saved").textContent(), { timeout: 15_000 }).toContain(`removed route 2: ws://127.0.0.1:${dead}`);
  });

  it.each([
    ["an address that is no route", { address: "me@desk", port: "" }, "New route address", /^New route address: "me@desk" is not a ws:\/\/, wss:\/\/, https:\/\/ URL or an ssh:\/\/\[user@\]host\[:port\] target \(nothing was changed\)$/],
    ["an SSH route's port out of range", { address: "ssh://me@desk", port: "70000" }, "SSH route: remote port", /^SSH route: remote port: must be a port number 1-65535 \(nothing was changed\)/],
  ])("%s is refused naming its field, marked invalid, and profiles.json is unchanged", async (_what, typed, label, message) => {
    const before = profilesFile();
    await page.getByLabel("New route address").fill(typed.address);
    await page.getByLabel("SSH route: remote port").fill(typed.port);
    await page.getByLabel("New route address").press("Enter");
    const alert = page.getByTestId("routes-error");
    await alert.waitFor({ timeout: 15_000 });
    expect(await alert.textContent()).toMatch(message);
    expect(await page.getByLabel(label, { exact: true }).getAttribute("aria-invalid")).toBe("true");
    expect(profilesFile()).toBe(before);
    await noBlockingAxe(`routes form refusing: ${label}`);
    await page.getByLabel("New route address").fill("");
    await page.getByLabel("SSH route: remote port").fill("");
  });
});
