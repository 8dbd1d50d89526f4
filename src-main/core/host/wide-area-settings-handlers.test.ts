// The Add gateway form's wide-area domain calls (issue 13 §1) through the contract's own call path
// (callHostMethod: argument schema, the real HostService handlers, result schema) in a fresh config dir,
// with a loopback DNS server (testing/tiny-dns.ts) serving one gateway: adding the domain writes
// discovery.json and the open form's discovered list gets that gateway without waiting for the 30 s
// round; removing it takes the gateway out; a refusal names its field and writes nothing.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { DiscoveryView } from "../../../src-shared/discovery.js";
import type { HostEventMessage, HostReply } from "../../../src-shared/host-api.js";
import { fieldOfWideAreaRefusal, type WideAreaSettings } from "../../../src-shared/wide-area-settings.js";
import { FakeMdns } from "../discovery/testing/fake-mdns.js";
import { startTinyDns, type Rr } from "../discovery/testing/tiny-dns.js";
import { TAILSCALE_NOT_FOUND } from "../discovery/tailscale-runner.js";
import { createLogger } from "../log/logger.js";
import { ProfileStore } from "../profiles/profile-store.js";
import { MemorySecretStore } from "../secrets/secret-store.js";
import { callHostMethod } from "./host-call.js";
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

async function makeService(env: Record<string, string> = {}) {
  const dns = await startTinyDns((n, t) => ZONE.filter((r) => r.name === n && r.type === t));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clawlink-wide-settings-"));
  const configDir = path.join(dir, "cfg");
  fs.mkdirSync(configDir);
  const logger = createLogger([]);
  const s = new HostService({
    host: "web", configDir, profiles: await ProfileStore.open(configDir), secrets: new MemorySecretStore(), logger, env, homeDir: dir,
    discovery: { open: new FakeMdns().open, lookUpTailscale: async () => TAILSCALE_NOT_FOUND },
  });
  const events: HostEventMessage[] = [];
  s.onEvent((e) => events.push(e));
  cleanups.push(() => dns.close(), () => fs.rmSync(dir, { recursive: true, force: true }), () => s.stop());
  const call = (method: string, ...args: unknown[]): Promise<HostReply> => callHostMethod(s.handlers, method, args, logger);
  const value = async <T>(method: string, ...args: unknown[]): Promise<T> => {
    const r = await call(method, ...args);
    if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
    return r.value as T;
  };
  /** The latest discovery event from event number `from` on that passes `ok`. */
  const nextView = async (ok: (v: DiscoveryView) => boolean, from = 0): Promise<DiscoveryView> => {
    const end = Date.now() + 5000;
    for (;;) {
      const hit = events.slice(from).filter((e) => e.name === "discovery").map((e) => e.payload as DiscoveryView).findLast(ok);
      if (hit) return hit;
      if (Date.now() > end) throw new Error(`no matching discovery event; last: ${JSON.stringify(events.at(-1)?.payload).slice(0, 400)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const file = path.join(configDir, "discovery.json");
  return { s, dns, call, value, nextView, file, events };
}

describe("editWideAreaDomains / wideAreaSettings", () => {
  it("adding a domain with its DNS server lists its gateway in the open form at once; removing it takes it out", async () => {
    const { dns, value, nextView, file, events } = await makeService();
    await value("discoverGateways");
    await nextView((v) => v.wideArea === undefined && v.gateways.length === 0);
    const added = await value<WideAreaSettings & { changes: string[] }>("editWideAreaDomains", { add: { domain: "OpenClaw.Internal", dnsServer: dns.server } });
    expect(added.changes).toEqual([`added openclaw.internal (asking ${dns.server})`]);
    expect(JSON.parse(fs.readFileSync(file, "utf8"))).toEqual({ version: 1, wideAreaDomains: ["openclaw.internal"], domainDnsServers: { "openclaw.internal": dns.server } });
    // Well inside the 30 s between rounds: the edit itself started the lookup.
    const listed = await nextView((v) => v.gateways.some((g) => g.host === "far.openclaw.internal"));
    expect(listed.wideArea).toEqual({ domains: ["openclaw.internal"], errors: [] });
    const seen = events.length;
    await value("editWideAreaDomains", { remove: "openclaw.internal" });
    const gone = await nextView((v) => v.gateways.length === 0, seen);
    expect(gone.wideArea).toBeUndefined();
  });

  it("a refusal names its field and leaves the file as it was; a malformed file is kept and the view says what to do", async () => {
    const { call, value, file } = await makeService({ OPENCLAW_WIDE_AREA_DOMAIN: "env.example" });
    const bad = await call("editWideAreaDomains", { add: { domain: "lab.example", dnsServer: "ns1.example" } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(fieldOfWideAreaRefusal(bad.error.message)).toBe("dnsServer");
    expect(fs.existsSync(file)).toBe(false);
    const env = await call("editWideAreaDomains", { remove: "env.example" });
    expect(!env.ok && env.error.message).toMatch(/^Domain: env\.example comes from the environment/);
    expect(!env.ok && env.error.fixHint).toMatch(/Unset OPENCLAW_WIDE_AREA_DOMAIN/);
    expect((await value<WideAreaSettings>("wideAreaSettings")).domains).toEqual([{ domain: "env.example", dnsServer: null, from: "environment" }]);

    fs.writeFileSync(file, "{ half written");
    const kept = await call("editWideAreaDomains", { add: { domain: "lab.example" } });
    expect(!kept.ok && kept.error.message).toMatch(/discovery\.json was not changed: it is not JSON/);
    expect(fs.readFileSync(file, "utf8")).toBe("{ half written");
    expect((await value<WideAreaSettings>("wideAreaSettings")).problem).toMatch(/was ignored: it is not JSON\. Fix it or move it aside/);
    // The contract refuses what is neither an add nor a remove before any handler runs.
    expect((await call("editWideAreaDomains", { add: { domain: "a.example" }, remove: "b.example" })).ok).toBe(false);
  });
});
