// discoverGateways over the real host service with wide-area DNS-SD configured: the domains come from
// <config dir>/discovery.json and OPENCLAW_WIDE_AREA_DOMAIN, the lookup runs in the background and lands
// as a `discovery` event (the call itself never waits for DNS), its gateways are listed after the LAN
// beacons with their source and domain, a broken settings file is a sentence in the view, and every
// payload passes the contract's schema.
import { afterEach, describe, expect, it } from "vitest";
import { hostEvents } from "../../../src-shared/host-api.js";
import { announce } from "../discovery/testing/fake-mdns.js";
import { discoveryHostUnderTest } from "./testing/discovery-host-under-test.js";
import { stopHostsUnderTest } from "./testing/host-under-test.js";

afterEach(stopHostsUnderTest);

async function makeService(settings: string | null, env: Record<string, string> = {}) {
  const h = await discoveryHostUnderTest("clawlink-discovery-host-", settings, env);
  return { s: h.service, mdns: h.mdns, dns: h.dns, nextView: h.nextView };
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
