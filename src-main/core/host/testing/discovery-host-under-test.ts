// Test fixture for the discovery host tests (discovery-wide-area, wide-area-settings-handlers): the host
// under test (host-under-test.ts) with a fake mDNS socket, no Tailscale, and a loopback DNS server
// (tiny-dns.ts) serving one wide-area gateway — far-gateway in openclaw.internal — plus a wait for the
// `discovery` event the background lookups end in (the calls themselves never wait for DNS).
import path from "node:path";
import fs from "node:fs";
import type { DiscoveryView } from "../../../../src-shared/discovery.js";
import { FakeMdns } from "../../discovery/testing/fake-mdns.js";
import { startTinyDns, type Rr } from "../../discovery/testing/tiny-dns.js";
import { TAILSCALE_NOT_FOUND } from "../../discovery/tailscale-runner.js";
import { MemorySecretStore } from "../../secrets/secret-store.js";
import { hostUnderTest, undoAfterTest } from "./host-under-test.js";

const SVC = "_openclaw-gw._tcp.openclaw.internal";
/** The zone the DNS server answers from: one gateway, far.openclaw.internal:18789, displayName Far. */
export const FAR_GATEWAY_ZONE: readonly Rr[] = [
  { type: "PTR", name: SVC, target: `far-gateway.${SVC}` },
  { type: "SRV", name: `far-gateway.${SVC}`, port: 18789, target: "far.openclaw.internal" },
  { type: "TXT", name: `far-gateway.${SVC}`, strings: ["displayName=Far", "role=gateway"] },
];

/**
 * A fresh discovery host. `settings` is discovery.json's text (`$SERVER` becomes the DNS server's
 * address), or null for no file; `env` is the host's environment.
 */
export async function discoveryHostUnderTest(dirPrefix: string, settings: string | null = null, env: Record<string, string> = {}) {
  const dns = await startTinyDns((n, t) => FAR_GATEWAY_ZONE.filter((r) => r.name === n && r.type === t));
  undoAfterTest(() => dns.close());
  const mdns = new FakeMdns();
  const host = await hostUnderTest(dirPrefix, new MemorySecretStore(), {
    env,
    discovery: { open: mdns.open, lookUpTailscale: async () => TAILSCALE_NOT_FOUND },
    beforeStart: (cfg) => {
      if (settings !== null) fs.writeFileSync(path.join(cfg, "discovery.json"), settings.replace("$SERVER", dns.server));
    },
  });
  /** A discovery event from event number `from` on that passes `ok` (the first such, or with `last` the latest). */
  const nextView = async (ok: (v: DiscoveryView) => boolean, { from = 0, last = false } = {}): Promise<DiscoveryView> => {
    const end = Date.now() + 5000;
    for (;;) {
      const views = host.events.slice(from).filter((e) => e.name === "discovery").map((e) => e.payload as DiscoveryView);
      const hit = last ? views.findLast(ok) : views.find(ok);
      if (hit) return hit;
      if (Date.now() > end) throw new Error(`no matching discovery event; last: ${JSON.stringify(host.events.at(-1)?.payload).slice(0, 400)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  return { ...host, dns, mdns, nextView, file: path.join(host.configDir, "discovery.json") };
}
