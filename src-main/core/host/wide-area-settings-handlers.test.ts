// The Add gateway form's wide-area domain calls (issue 13 §1) through the contract's own call path
// (callHostMethod: argument schema, the real HostService handlers, result schema) in a fresh config dir,
// with a loopback DNS server (testing/tiny-dns.ts) serving one gateway: adding the domain writes
// discovery.json and the open form's discovered list gets that gateway without waiting for the 30 s
// round; removing it takes the gateway out; a refusal names its field and writes nothing.
import fs from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import type { DiscoveryView } from "../../../src-shared/discovery.js";
import { fieldOfWideAreaRefusal, type WideAreaSettings } from "../../../src-shared/wide-area-settings.js";
import { discoveryHostUnderTest } from "./testing/discovery-host-under-test.js";
import { stopHostsUnderTest } from "./testing/host-under-test.js";

afterEach(stopHostsUnderTest);

async function makeService(env: Record<string, string> = {}) {
  const h = await discoveryHostUnderTest("clawlink-wide-settings-", null, env);
  /** The latest discovery event from event number `from` on that passes `ok`. */
  const nextView = (ok: (v: DiscoveryView) => boolean, from = 0) => h.nextView(ok, { from, last: true });
  return { s: h.service, dns: h.dns, call: h.call, value: h.value, nextView, file: h.file, events: h.events };
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
