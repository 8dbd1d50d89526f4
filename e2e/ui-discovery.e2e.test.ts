// Issue 13 §1 in real Chromium through the real `clawlink serve`: the real gateway's own Bonjour beacon
// (its bonjour plugin, over real multicast on this namespace's loopback) is listed in "Add gateway"
// under "Found on your network"; a second gateway that starts while the form is open appears by itself
// (the host's `discovery` event, no reload); choosing the first fills the SSH tab with its .local name
// and its port as the remote port (it binds loopback, so no direct ws:// is suggested); and the form
// says that Tailscale was not found (no `tailscale` on this machine's PATH).
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { screenshotPath } from "./harness/chromium.js";
import { TestGateway } from "./harness/gateway.js";
import { openServedUi } from "./harness/ui-page.js";

const gwA = new TestGateway({ mdns: { mode: "minimal", hostname: "clawgw-ui-a" } });
const gwB = new TestGateway({ mdns: { mode: "minimal", hostname: "clawgw-ui-b" } });
let ui: Awaited<ReturnType<typeof openServedUi>>;
let page: Page;

beforeAll(async () => {
  await gwA.start();
  ui = await openServedUi({ env: { PATH: `${path.dirname(process.execPath)}:/usr/bin:/bin` }, consoleErrors: true });
  page = ui.page;
});
afterAll(async () => {
  if (ui?.errors.length) console.log(`[ui-discovery] page errors: ${ui.errors.join(" | ").slice(0, 3000)}`);
  expect(await ui?.close()).toBe(0);
  await Promise.all([gwA.stop(), gwB.stop()]);
});

const candidate = (p: Page, host: string) => p.locator(".nearby-gateways button", { hasText: `${host}.local` });

describe("Add gateway lists the gateways found on the network", () => {
  it("the real gateway's beacon is listed within 3 s of opening the form, and Tailscale is said to be absent", async () => {
    await page.goto(ui.serve.url);
    await page.waitForURL((u) => !u.search.includes("token="));
    await page.getByRole("button", { name: "This machine" }).waitFor();
    await page.screenshot({ path: screenshotPath("ui-discovery-start") });
    await page.getByRole("button", { name: "+ Add remote gateway" }).click({ timeout: 10_000 });
    const t0 = Date.now();
    await candidate(page, "clawgw-ui-a").waitFor({ timeout: 3000 });
    console.log(`[ui-discovery] beacon listed ${Date.now() - t0} ms after the form opened`);
    expect(await candidate(page, "clawgw-ui-a").textContent()).toContain(`clawgw-ui-a.local:${gwA.port}`);
    await page.locator(".nearby-gateways .tailscale-state").getByText("Tailscale was not found on this machine").waitFor({ timeout: 5000 });
  });

  it("a gateway that starts while the form is open appears without a reload", async () => {
    await gwB.start();
    const t0 = Date.now();
    await candidate(page, "clawgw-ui-b").waitFor({ timeout: 5000 });
    console.log(`[ui-discovery] second gateway listed ${Date.now() - t0} ms after it was ready`);
    await page.screenshot({ path: screenshotPath("ui-discovery-list") });
  });

  it("choosing one fills the SSH tab: its .local name and its gateway port (it binds loopback, so no ws://)", async () => {
    await candidate(page, "clawgw-ui-a").click();
    expect(await page.getByRole("tab", { name: "SSH tunnel" }).getAttribute("aria-selected")).toBe("true");
    expect(await page.getByLabel("SSH target").inputValue()).toBe("clawgw-ui-a.local");
    expect(await page.getByLabel("Remote gateway port").inputValue()).toBe(String(gwA.port));
    expect((await page.getByLabel("Name").inputValue()).length).toBeGreaterThan(0);
    await page.screenshot({ path: screenshotPath("ui-discovery-chosen") });
  });
});
