// discoverGateways over the real host service with wide-area DNS-SD configured: the domains come from
// <config dir>/discovery.json and OPENCLAW_WIDE_AREA_DOMAIN, the lookup runs in the background and lands
// as a `discovery` event (the call itself never waits for DNS), its gateways are listed after the LAN
// beacons with their source and domain, a broken settings file is a sentence in the view, and every
// payload passes the contract's schema.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { hostEvents, type HostEventMessage } from "../../../src-shared/host-api.js";
import type { DiscoveryView } from "../../../src-shared/discovery.js";
import { announce, FakeMdns } from "../discovery/testing/fake-mdns.js";
import { startTinyDns, type Rr } from "../discovery/testing/tiny-dns.js";
import { TAILSCALE_NOT_FOUND } from "../discovery/tailscale-runner.js";
import { createLogger } from "../log/logger.js";
import { ProfileStore } from "../profiles/profile-store.js";
import { MemorySecretStore } from "../secrets/secret-store.js";
import { HostService } from "./host-service.js";

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const SVC = "_openclaw-gw._tcp.openclaw.internal";
const ZONE: Rr[] = [
  { type: "PTR", name: SVC, target: `far-gateway.${SVC}` },
  { type: "SRV", name: `far-gateway.${SVC}`, port: 18789, target: "far.openclaw.internal" },
  { type: "TXT", name: `far-gateway.${SVC}`, strings: ["displayName=Far", "role=gateway"] },
];

async function makeService(settings: string | null, env: Record<string, string> = {}) {
  const dns = await startTinyDns((n, t) => ZONE.filter((r) => r.name === n && r.type === t));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clawlink-discovery-host-"));
  const configDir = path.join(dir, "cfg");
  fs.mkdirSync(configDir);
  if (settings !== null) fs.writeFileSync(path.join(configDir, "discovery.json"), settings.replace("$SERVER", dns.server));
  const mdns = new FakeMdns();
  const s = new HostService({
    host: "web", configDir, profiles: await ProfileStore.open(configDir), secrets: new MemorySecretStore(), logger: createLogger([]), env, homeDir: dir,
    discovery: { open: mdns.open, lookUpTailscale: async () => TAILSCALE_NOT_FOUND },
  });
  const events: HostEventMessage[] = [];
  s.onEvent((e) => events.push(e));
  cleanups.push(() => dns.close(), () => fs.rmSync(dir, { recursive: true, force: true }), () => s.stop());
  const nextView = async (ok: (v: DiscoveryView) => boolean): Promise<DiscoveryView> => {
    const end = Date.now() + 5000;
    for (;;) {
      const hit = events.filter((e) => e.name === "discovery").map((e) => e.payload as DiscoveryView).find(ok);
      if (hit) return hit;
      if (Date.now() > end) throw new Error(`no matching discovery event; last: ${JSON.stringify(events.at(-1)?.payload).slice(0, 400)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  return { s, mdns, dns, nextView };
}

describe("discoverGateways with wide-area DNS-SD domains", () => {
  it("discovery.json's domain is looked up on its server; its gateway follows the LAN beacon, source and domain named", async () => {
    const { s, mdns, nextView } = await makeService(JSON.stringify({ version: 1, wideAreaDomains: ["openclaw.internal"], dnsServers: ["$SERVER"] }));
    await s.handlers.discoverGateways();
    mdns.send(announce("Desk", 18789));
    const v = await nextView((x) => x.gateways.length === 2);
    expect(v.gateways.map((g) => `${g.source}:${g.host}:${g.domain ?? "-"}`)).toEqual(["mdns:desk.local:-", "wide-area:far.openclaw.internal:openclaw.internal"]);
    expect(v.wideArea).toEqual({ domains: ["openclaw.internal"], errors: [] });
    expect(() => hostEvents.discovery.parse(v)).not.toThrow();
  });

  it("OPENCLAW_WIDE_AREA_DOMAIN alone adds the domain; an unreadable server is a sentence in the view, not a failed call", async () => {
    const { s, nextView } = await makeService(null, { OPENCLAW_WIDE_AREA_DOMAIN: "openclaw.internal" });
    const first = await s.handlers.discoverGateways();
    expect(first.gateways).toEqual([]);
    // The system resolver in the test sandbox has no server for openclaw.internal: whatever it answers, it is one sentence.
    const v = await nextView((x) => (x.wideArea?.errors.length ?? 0) > 0 || x.gateways.length > 0);
    expect(v.wideArea?.domains).toEqual(["openclaw.internal"]);
    expect(v.wideArea?.errors[0]).toMatch(/^openclaw\.internal: /);
  });

  it("a settings file that is not ours is named in the view and ignored", async () => {
    const { s, nextView } = await makeService(JSON.stringify({ version: 1, wideAreaDomains: "openclaw.internal" }));
    await s.handlers.discoverGateways();
    const v = await nextView((x) => (x.wideArea?.errors.length ?? 0) > 0);
    expect(v.wideArea?.errors[0]).toMatch(/discovery\.json was ignored: it is not \{"version":1/);
    expect(v.gateways).toEqual([]);
  });
});
