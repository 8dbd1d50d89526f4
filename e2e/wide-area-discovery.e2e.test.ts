// Issue 13 §1, wide-area DNS-SD with real peers end to end: the real gateway with
// discovery.wideArea.domain writes its own unicast DNS-SD zone (docs/gateway/bonjour.md "Wide-area
// Bonjour"), a real authoritative DNS server (NSD) serves that very file on loopback, and
//  1. the real `clawlink discover --domain … --dns-server …` lists the gateway from it (source
//     wide-area, its domain, the SRV host and port, the TXT the gateway wrote, the A record);
//  2. when the gateway rewrites the zone (discovery.mdns.mode full, hot-applied: cliPath joins the TXT)
//     and NSD reloads, the next run shows the new TXT;
//  3. the "Add gateway" form of the real `clawlink serve` in real Chromium lists it under
//     "Published in openclaw.internal", configured by <config dir>/discovery.json;
//  4. the same form's "Wide-area DNS-SD domains" settings, by keyboard: a bad DNS server is refused
//     naming the field (role=alert, nothing written); adding the domain with NSD as its server lists the
//     gateway from the zone; the environment's domain is shown as such, with no Remove; removing the
//     domain takes the gateway out of the list; no blocking axe violation.
// The gateway publishes only when it sees a Tailscale-range IPv4 on a non-loopback interface (its dist:
// pickPrimaryTailnetIPv4, 100.64.0.0/10): the test gives this namespace one on an empty bridge
// interface (no Tailscale here), removed afterwards.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations, blocking, describeViolations } from "./harness/axe.js";
import { screenshotPath } from "./harness/chromium.js";
import { cleanupCliRuns, runCli } from "./harness/cli-run.js";
import { TestGateway } from "./harness/gateway.js";
import { NetnsLab } from "./harness/netns-lab.js";
import { NSD_BIN, servedSerial, startNsd, type Nsd } from "./harness/nsd.js";
import { openServedUi } from "./harness/ui-page.js";

const DOMAIN = "openclaw.internal";
const TAILNET_IF = "clawts0";
const TAILNET_IP = "100.64.0.7";
const gw = new TestGateway({ wideAreaDomain: DOMAIN });
let nsd: Nsd | undefined;
let zone = "";

interface Candidate {
  source: string;
  domain?: string;
  name: string;
  instance: string;
  host: string;
  port: number;
  addresses: string[];
  txt: Record<string, unknown>;
  suggested: { kind: string; target: string; remotePort?: number };
}

async function waitFor<T>(what: string, f: () => T | null | undefined | Promise<T | null | undefined>, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The SRV target the gateway wrote (`<instance>._openclaw-gw._tcp IN SRV 0 0 <port> <hostLabel>`). */
const srvHost = (text: string) => /_openclaw-gw\._tcp IN SRV 0 0 \d+ (\S+)/.exec(text)?.[1];

async function discover(): Promise<{ list: Candidate[]; stderr: string }> {
  const run = runCli(["discover", "--json", "--timeout", "2", "--domain", DOMAIN, "--dns-server", nsd!.server]);
  const { code } = await run.exit;
  expect(code, run.stderr.join("\n")).toBe(0);
  return { list: JSON.parse(run.lines.join("")) as Candidate[], stderr: run.stderr.join("\n") };
}

beforeAll(async () => {
  NetnsLab.assertSandboxed();
  if (!fs.existsSync(NSD_BIN)) throw new Error(`${NSD_BIN} is missing: run scripts/install-system-deps.sh (Debian package nsd)`);
  execFileSync("ip", ["link", "add", TAILNET_IF, "type", "bridge"]);
  execFileSync("ip", ["addr", "add", `${TAILNET_IP}/32`, "dev", TAILNET_IF]);
  execFileSync("ip", ["link", "set", TAILNET_IF, "up"]);
  await gw.start();
  zone = gw.wideAreaZonePath(DOMAIN);
  await waitFor(`the gateway's zone file ${zone}`, () => fs.existsSync(zone) && srvHost(fs.readFileSync(zone, "utf8")));
  nsd = await startNsd(DOMAIN, zone);
}, 240_000);

afterAll(async () => {
  cleanupCliRuns();
  await nsd?.stop();
  await gw.stop();
  try {
    execFileSync("ip", ["link", "del", TAILNET_IF]);
  } catch {
    // never added (the sandbox check or NSD failed first)
  }
});

describe("wide-area DNS-SD: the real gateway's zone served by a real DNS server", () => {
  it("clawlink discover --domain lists the gateway from its own zone: source, domain, SRV host and port, TXT, address", async () => {
    const text = fs.readFileSync(zone, "utf8");
    console.log(`[wide-area] the gateway's zone:\n${text}`);
    const { list, stderr } = await discover();
    const g = list.find((c) => c.source === "wide-area");
    expect(g, `${JSON.stringify(list)}\n${stderr}`).toBeDefined();
    expect(g).toMatchObject({
      domain: DOMAIN,
      host: `${srvHost(text)}.${DOMAIN}`,
      port: gw.port,
      addresses: [TAILNET_IP],
      txt: { role: "gateway", transport: "gateway", gatewayPort: gw.port },
      // It binds loopback, so it does not say it is directly reachable: SSH to the SRV host.
      suggested: { kind: "ssh", target: `ssh://${srvHost(text)}.${DOMAIN}`, remotePort: gw.port },
    });
    expect(g!.instance).toMatch(/-gateway$/);
    expect(stderr).not.toMatch(/NXDOMAIN|malformed|no answer/);
  });

  it("the gateway rewrites its zone (mode full adds cliPath); after NSD reloads, the next run shows it", async () => {
    const before = await servedSerial(nsd!.server, DOMAIN);
    const old = fs.readFileSync(zone, "utf8");
    gw.setMdnsMode("full");
    await waitFor("the gateway to rewrite its zone", () => fs.readFileSync(zone, "utf8") !== old && /cliPath=/.test(fs.readFileSync(zone, "utf8")));
    await nsd!.reload();
    await waitFor("NSD to serve the new serial", async () => ((await servedSerial(nsd!.server, DOMAIN)) ?? 0) > (before ?? 0));
    const { list } = await discover();
    const g = list.find((c) => c.source === "wide-area");
    expect(g?.txt.cliPath, JSON.stringify(g)).toEqual(expect.any(String));
  });

  it("Add gateway in real Chromium (clawlink serve, discovery.json) lists it under the domain's heading", async () => {
    const ui = await openServedUi({ env: { PATH: `${path.dirname(process.execPath)}:/usr/bin:/bin` } });
    try {
      fs.mkdirSync(ui.serve.configDir, { recursive: true });
      fs.writeFileSync(path.join(ui.serve.configDir, "discovery.json"), JSON.stringify({ version: 1, wideAreaDomains: [DOMAIN], dnsServers: [nsd!.server] }));
      await ui.page.goto(ui.serve.url);
      await ui.page.waitForURL((u) => !u.search.includes("token="));
      await ui.page.getByRole("button", { name: "+ Add remote gateway" }).click({ timeout: 20_000 });
      const host = `${srvHost(fs.readFileSync(zone, "utf8"))}.${DOMAIN}`;
      await ui.page.locator(".nearby-gateways h4", { hasText: `Published in ${DOMAIN} (wide-area DNS-SD)` }).waitFor({ timeout: 10_000 });
      const item = ui.page.locator(".nearby-gateways button", { hasText: `${host}:${gw.port}` });
      await item.waitFor({ timeout: 10_000 });
      await ui.page.screenshot({ path: screenshotPath("wide-area-discovery-list") });
      await item.click();
      expect(await ui.page.getByLabel("SSH target").inputValue()).toBe(host);
      expect(await ui.page.getByLabel("Remote gateway port").inputValue()).toBe(String(gw.port));
    } finally {
      expect(ui.errors, ui.errors.join(" | ")).toEqual([]);
      await ui.close();
    }
  });

  it("the domains form (keyboard): a refused server writes nothing; adding the domain lists its gateway; removing it takes it out", async () => {
    const ui = await openServedUi({ env: { PATH: `${path.dirname(process.execPath)}:/usr/bin:/bin`, OPENCLAW_WIDE_AREA_DOMAIN: "env-only.example" } });
    const page = ui.page;
    const settingsFile = path.join(ui.serve.configDir, "discovery.json");
    try {
      await page.goto(ui.serve.url);
      await page.waitForURL((u) => !u.search.includes("token="));
      await page.getByRole("button", { name: "+ Add remote gateway" }).click({ timeout: 20_000 });
      const host = `${srvHost(fs.readFileSync(zone, "utf8"))}.${DOMAIN}`;
      const item = page.locator(".nearby-gateways button", { hasText: `${host}:${gw.port}` });
      const summary = page.locator(".wide-area-domains summary");
      await summary.focus();
      await page.keyboard.press("Enter");
      // The environment's domain is listed as such and cannot be removed here.
      const envLine = page.locator(".wide-area-list li", { hasText: "env-only.example" });
      await envLine.getByText("from the environment (OPENCLAW_WIDE_AREA_DOMAIN)", { exact: false }).waitFor({ timeout: 10_000 });
      expect(await envLine.getByRole("button").count()).toBe(0);

      await page.getByLabel("Domain", { exact: true }).focus();
      await page.keyboard.type(DOMAIN);
      await page.getByLabel("DNS server", { exact: true }).focus();
      await page.keyboard.type("ns1.example");
      await page.keyboard.press("Enter");
      const alert = page.getByRole("alert").filter({ hasText: "DNS server:" });
      await alert.waitFor({ timeout: 10_000 });
      expect(await alert.textContent()).toContain("(nothing was written)");
      expect(await page.getByLabel("DNS server", { exact: true }).getAttribute("aria-invalid")).toBe("true");
      expect(fs.existsSync(settingsFile)).toBe(false);

      await page.getByLabel("DNS server", { exact: true }).fill("");
      await page.getByLabel("DNS server", { exact: true }).focus();
      await page.keyboard.type(nsd!.server);
      await page.keyboard.press("Enter");
      await page.getByRole("status").filter({ hasText: `Saved: Added ${DOMAIN} (asking ${nsd!.server})` }).waitFor({ timeout: 10_000 });
      const t0 = Date.now();
      await item.waitFor({ timeout: 10_000 });
      console.log(`[wide-area] listed ${Date.now() - t0} ms after "Saved"`);
      await page.locator(".nearby-gateways h4", { hasText: `Published in ${DOMAIN}, env-only.example (wide-area DNS-SD)` }).waitFor({ timeout: 10_000 });
      expect(JSON.parse(fs.readFileSync(settingsFile, "utf8"))).toEqual({ version: 1, wideAreaDomains: [DOMAIN], domainDnsServers: { [DOMAIN]: nsd!.server } });
      const found = blocking(await axeViolations(page));
      expect(found, describeViolations(found)).toEqual([]);
      await page.screenshot({ path: screenshotPath("wide-area-domains-form") });

      await page.getByRole("button", { name: `Remove ${DOMAIN}` }).focus();
      await page.keyboard.press("Enter");
      await page.getByRole("status").filter({ hasText: `Saved: Removed ${DOMAIN}` }).waitFor({ timeout: 10_000 });
      await item.waitFor({ state: "detached", timeout: 10_000 });
      expect(JSON.parse(fs.readFileSync(settingsFile, "utf8"))).toEqual({ version: 1, wideAreaDomains: [], domainDnsServers: {} });
      // Focus went back to the Domain field (the Remove button is gone).
      expect(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document.activeElement?.id)).toBe("wide-area-domain");
    } finally {
      expect(ui.errors, ui.errors.join(" | ")).toEqual([]);
      await ui.close();
    }
  });
});
