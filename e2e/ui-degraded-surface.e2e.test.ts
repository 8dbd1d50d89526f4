// Issue 13 §2 in real Chromium through the real `clawlink serve`, the run's real OpenSSH sshd and one more
// real 2026.9.6 gateway whose config says browser.enabled: true. That gateway binds nothing on port + 2: its
// browser plugin runs the control service in-process and binds the HTTP listener only on request (or with
// OPENCLAW_EAGER_BROWSER_CONTROL_SERVER) — a surface the config advertises that does not run there.
// The profile is a URL gateway (ws:// through a fault proxy) with an SSH fallback to the same gateway:
// - on its direct route the status view lists nothing "Through the tunnel";
// - its direct route refused → it runs over the SSH fallback, and the rows follow the transport in use:
//   "Open canvas" opens the tunnel's local port (and answers what the gateway answers), and "Browser
//   control" reads degraded with the sentence that says why, with no Open, while the connection stays
//   connected;
// - the direct route back → the rows are gone again.
import net from "node:net";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { ConnectionSnapshot } from "../src-shared/connection.js";
import { axeViolations, blocking, describeViolations } from "./harness/axe.js";
import { screenshotPath } from "./harness/chromium.js";
import { startFaultProxy, type FaultProxy } from "./harness/fault-proxy.js";
import { TestGateway } from "./harness/gateway.js";
import { addUrlGateway, tag } from "./harness/ui-flows.js";
import { openServedUi } from "./harness/ui-page.js";

const sshd = inject("sshd");
const NAME = `Fallback ${tag()}`;

let gw: TestGateway;
let proxy: FaultProxy;
let ui: Awaited<ReturnType<typeof openServedUi>>;
let page: Page;
let profileId: string;

async function conn(): Promise<ConnectionSnapshot | undefined> {
  const s = (await page.evaluate("window.clawlink.getState()")) as { value: { connections: ConnectionSnapshot[] } };
  return s.value.connections.find((c) => c.id === profileId);
}
const onRoute = async (index: number) => {
  const c = await conn();
  return c?.state === "connected" && c.route?.index === index ? c.kind : null;
};

/** Whether anything accepts a TCP connection on 127.0.0.1:port (the gateway host is this machine). */
function listens(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, "127.0.0.1");
    s.once("connect", () => (s.destroy(), resolve(true)));
    s.once("error", () => resolve(false));
  });
}

async function get(url: string): Promise<{ status: number; body: string }> {
  const r = await fetch(url);
  return { status: r.status, body: await r.text() };
}

/** A row of the status view's "Connection details" ("—" shown as is), or null when the row is not there. */
async function detail(label: string): Promise<string | null> {
  const row = page.getByRole("table", { name: "Connection details" }).locator("tr", { has: page.locator("th", { hasText: label }) });
  return (await row.count()) ? await row.locator("td").textContent() : null;
}

/** The status view is drawn for this profile (so an absent list is absent, not yet to come). */
async function statusShown(): Promise<void> {
  await page.getByRole("tab", { name: "Status" }).click();
  await page.getByRole("heading", { name: "Connect steps" }).waitFor();
  await page.locator('.profile-header [data-state="connected"]').waitFor({ timeout: 60_000 });
}

beforeAll(async () => {
  gw = await new TestGateway({ browserControl: true }).start();
  proxy = await startFaultProxy({ targetPort: gw.port });
  ui = await openServedUi({ consoleErrors: true });
  page = ui.page;
  await page.goto(ui.serve.url);
  await addUrlGateway(page, { name: NAME, url: `ws://127.0.0.1:${proxy.port}`, token: gw.token });
  const s = (await page.evaluate("window.clawlink.getState()")) as { value: { profiles: Array<{ id: string; name: string }> } };
  profileId = s.value.profiles.find((p) => p.name === NAME)!.id;
}, 240_000);
afterAll(async () => {
  expect(ui.errors).toEqual([]);
  expect(await ui?.close()).toBe(0);
  await proxy?.close();
  await gw?.stop();
});

describe("issue 13 §2 in real Chromium: the tunnel rows follow the route in use, a degraded surface reads as itself", () => {
  it("a URL gateway on its direct route lists nothing through the tunnel", async () => {
    await statusShown();
    const c = await conn();
    expect({ kind: c?.kind, state: c?.state, route: c?.route }).toEqual({ kind: "direct", state: "connected", route: undefined });
    expect(await page.getByRole("heading", { name: "Through the tunnel" }).count()).toBe(0);
    expect({ forward: await detail("Local forward port"), login: await detail("SSH login") }).toEqual({ forward: null, login: null });
  });

  it("on its SSH fallback: canvas opens through the tunnel, browser control is degraded with why and no Open, the connection stays connected", async () => {
    // The fallback and a 5 s return check, through the routes form.
    await page.getByRole("tab", { name: "Token & settings" }).click();
    await page.getByLabel("New route address").fill(`ssh://${sshd.user}@${sshd.host}:${sshd.port}`);
    await page.getByLabel("SSH route: remote port").fill(String(gw.port));
    await page.getByLabel("SSH route: key file").fill(sshd.key);
    await page.getByLabel("New route address").press("Enter");
    await expect.poll(() => page.getByTestId("routes-saved").textContent(), { timeout: 15_000 }).toContain("added route 2: ");
    await page.getByLabel("Check the preferred route every (seconds)").fill("5");
    await page.getByRole("button", { name: "Save check" }).click();
    await expect.poll(() => page.getByTestId("routes-saved").textContent(), { timeout: 15_000 }).toContain("return check every 5 s");
    await expect.poll(() => onRoute(0), { timeout: 60_000 }).toBe("direct");

    // What the gateway host really has on port + 2: nothing.
    expect(await listens(gw.port + 2)).toBe(false);

    proxy.setMode("refuse");
    proxy.resetAll();
    const dialog = page.getByRole("dialog", { name: "Unknown SSH host key" });
    await dialog.waitFor({ timeout: 30_000 });
    await dialog.getByRole("button", { name: "Accept and remember" }).click();
    await expect.poll(() => onRoute(1), { timeout: 60_000 }).toBe("ssh");

    await statusShown();
    const browserRow = page.locator('[data-testid="tunnel-surfaces"] li[data-surface="browser-control"]');
    await expect.poll(() => browserRow.locator(".muted").textContent(), { timeout: 30_000 }).toMatch(/^Degraded: /);
    const c = (await conn())!;
    const why = (await browserRow.locator(".muted").textContent())!;
    console.log(`[degraded-surface] on route 2 (SSH, local port ${c.localPort}); Browser control row: ${why}`);
    expect(await browserRow.locator("strong").textContent()).toBe("Browser control");
    expect(why).toMatch(
      new RegExp(`^Degraded: the Browser control on the gateway host \\(127\\.0\\.0\\.1:${gw.port + 2}\\) does not answer through the tunnel: .+\\. The gateway connection is unaffected; the browser tools still work through it\\. The gateway opens browser control's HTTP API only when its service environment sets OPENCLAW_EAGER_BROWSER_CONTROL_SERVER=1: set it there and restart the gateway if you need the API through the tunnel\\.$`),
    );
    expect(await browserRow.getByRole("button").count()).toBe(0);
    // The connection itself is untouched by the degraded surface.
    expect({ state: c.state, header: await page.locator(".profile-header [data-state]").first().getAttribute("data-state") }).toEqual({ state: "connected", header: "connected" });
    expect(c.aux?.map((a) => [a.kind, a.state])).toEqual([["browser-control", "degraded"]]);
    // The details describe the SSH transport in use too: its forward and its login.
    expect({ forward: await detail("Local forward port"), login: await detail("SSH login") }).toEqual({ forward: `127.0.0.1:${c.localPort}`, login: c.sshAuth });

    const canvasRow = page.locator('[data-testid="tunnel-surfaces"] li[data-surface="canvas"]');
    expect(await canvasRow.locator(".muted").textContent()).toBe(`Hosted widget documents on the gateway port, through 127.0.0.1:${c.localPort}`);
    const all = await axeViolations(page);
    console.log(`[degraded-surface] axe status with a degraded surface: ${all.length} violation(s)${all.length ? `\n${describeViolations(all)}` : ""}`);
    expect(describeViolations(blocking(all))).toBe("");
    await page.screenshot({ path: screenshotPath("ui-degraded-surface") });

    // The host answers for a URL profile on its SSH fallback: the canvas through this tunnel's local port.
    const tab = ui.browser.context.waitForEvent("page");
    await canvasRow.getByRole("button", { name: "Open canvas" }).click();
    const canvas = await tab;
    await canvas.waitForLoadState("domcontentloaded");
    expect(canvas.url()).toBe(`http://127.0.0.1:${c.localPort}/__openclaw__/canvas/`);
    const [viaTunnel, direct] = await Promise.all([get(canvas.url()), get(`http://127.0.0.1:${gw.port}/__openclaw__/canvas/`)]);
    console.log(`[degraded-surface] canvas through the fallback's tunnel: HTTP ${viaTunnel.status}, ${viaTunnel.body.length} bytes; direct: HTTP ${direct.status}`);
    expect(viaTunnel).toEqual(direct);
    await canvas.close();
  });

  it("back on its direct route, the tunnel rows are gone", async () => {
    proxy.setMode("pass");
    await expect.poll(() => onRoute(0), { timeout: 60_000 }).toBe("direct");
    await statusShown();
    await expect.poll(() => page.getByRole("heading", { name: "Through the tunnel" }).count(), { timeout: 15_000 }).toBe(0);
    expect((await conn())?.aux).toBeUndefined();
    expect(await detail("Local forward port")).toBe(null);
  });
});
