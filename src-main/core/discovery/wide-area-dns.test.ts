// Wide-area DNS-SD lookups through node:dns (the real Resolver, real UDP/TCP on loopback) against a tiny
// authoritative server (testing/tiny-dns.ts) that answers as the gateway's zone does — and with what a
// broken or hostile server would send.
import { afterEach, describe, expect, it } from "vitest";
import { browseWideArea, MAX_INSTANCES, parseDnsServer, parseWideAreaDomain } from "./wide-area-dns.js";
import { startTinyDns, type Reply, type Rr, type TinyDns } from "./testing/tiny-dns.js";

const SVC = "_openclaw-gw._tcp.openclaw.internal";
const INST = `desk-gateway.${SVC}`;

/** The records the gateway's zone file holds (its dist: widearea-dns renderZone), minimal mode. */
function gatewayZone(name: string, type: string | undefined): Reply {
  const zone: Rr[] = [
    { type: "PTR", name: SVC, target: INST },
    { type: "SRV", name: INST, port: 18789, target: "desk.openclaw.internal" },
    { type: "TXT", name: INST, strings: ["displayName=Desk", "role=gateway", "transport=gateway", "gatewayPort=18789"] },
    { type: "A", name: "desk.openclaw.internal", address: "100.64.0.7" },
    { type: "AAAA", name: "desk.openclaw.internal", address: "fd7a:115c:a1e0::7" },
  ];
  const hit = zone.filter((r) => r.name === name && r.type === type);
  return hit.length || zone.some((r) => r.name === name) ? hit : "nxdomain";
}

let dns: TinyDns | undefined;
afterEach(async () => {
  await dns?.close();
  dns = undefined;
});

describe("browseWideArea", () => {
  it("lists the gateway a domain publishes, with its SRV host and port, TXT and addresses, marked wide-area", async () => {
    dns = await startTinyDns(gatewayZone);
    const r = await browseWideArea({ domains: ["OpenClaw.Internal."], servers: [dns.server] });
    expect(r.errors).toEqual([]);
    expect(r.gateways).toHaveLength(1);
    const g = r.gateways[0]!;
    expect(g).toMatchObject({ source: "wide-area", domain: "openclaw.internal", name: "Desk", instance: "desk-gateway", host: "desk.openclaw.internal", port: 18789, tls: false });
    expect(g.addresses).toEqual(["100.64.0.7", "fd7a:115c:a1e0::7"]);
    expect(g.txt).toMatchObject({ role: "gateway", transport: "gateway", gatewayPort: 18789 });
    // The gateway does not say it is directly reachable (it binds loopback): SSH to the SRV host.
    expect(g.suggested).toMatchObject({ kind: "ssh", target: "ssh://desk.openclaw.internal", remotePort: 18789 });
    expect(dns.asked).toContain(`PTR ${SVC}`);
  });

  it("a domain nobody publishes in says so; the other domain's gateway is still listed", async () => {
    dns = await startTinyDns((n, t) => (n.endsWith("openclaw.internal") ? gatewayZone(n, t) : "nxdomain"));
    const r = await browseWideArea({ domains: ["nothing.example", "openclaw.internal"], servers: [dns.server] });
    expect(r.gateways.map((g) => g.host)).toEqual(["desk.openclaw.internal"]);
    expect(r.errors).toEqual([expect.stringMatching(/^nothing\.example: _openclaw-gw\._tcp\.nothing\.example does not exist \(NXDOMAIN\)/)]);
  });

  it("a malformed answer is one sentence naming it, not an exception", async () => {
    dns = await startTinyDns(() => ({ raw: (id) => Buffer.from([id >> 8, id & 255, 0x84, 0, 0, 1, 0, 9, 0, 0, 0, 0, 0xc0, 0xff, 0xee]) }));
    const r = await browseWideArea({ domains: ["openclaw.internal"], servers: [dns.server] });
    expect(r.gateways).toEqual([]);
    expect(r.errors).toEqual([expect.stringMatching(/^openclaw\.internal: the DNS server's answer for _openclaw-gw\._tcp\.openclaw\.internal was malformed \(EBADRESP\)$/)]);
  });

  it("a server that never answers ends at the deadline with a sentence that names the timeout", async () => {
    dns = await startTinyDns(() => "drop");
    const t0 = Date.now();
    const r = await browseWideArea({ domains: ["openclaw.internal"], servers: [dns.server], timeoutMs: 600 });
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(r.errors).toEqual([expect.stringContaining("no answer for _openclaw-gw._tcp.openclaw.internal within 0.6 s")]);
  });

  it("SERVFAIL and REFUSED-like failures are told apart", async () => {
    dns = await startTinyDns(() => "servfail");
    const r = await browseWideArea({ domains: ["openclaw.internal"], servers: [dns.server] });
    expect(r.errors).toEqual([expect.stringContaining("(SERVFAIL)")]);
  });

  it("a huge answer (500 PTRs, ~45 KB: truncated over UDP, whole over TCP) is bounded: 64 looked up, the rest counted", async () => {
    const many: Rr[] = Array.from({ length: 500 }, (_, i) => ({ type: "PTR", name: SVC, target: `gw-${i}.${SVC}` }));
    dns = await startTinyDns((n, t) => {
      if (n === SVC && t === "PTR") return many;
      const m = /^gw-(\d+)\./.exec(n);
      if (m && t === "SRV") return [{ type: "SRV", name: n, port: 20000 + Number(m[1]), target: `h${m[1]}.openclaw.internal` }];
      if (m && t === "TXT") return [{ type: "TXT", name: n, strings: Array.from({ length: 200 }, (_, k) => `k${k}=${"v".repeat(200)}`) }];
      return [];
    });
    const r = await browseWideArea({ domains: ["openclaw.internal"], servers: [dns.server], timeoutMs: 10_000 });
    expect(r.errors).toEqual([]);
    expect(r.gateways).toHaveLength(MAX_INSTANCES);
    expect(r.leftOut).toBe(500 - MAX_INSTANCES);
    expect(dns.asked.filter((q) => q === `PTR ${SVC}`).length).toBeGreaterThanOrEqual(2); // UDP, then TCP
    // The TXT parser keeps at most 16 undocumented keys, each value at most 255 characters.
    expect(Object.keys(r.gateways[0]!.txt.other ?? {}).length).toBeLessThanOrEqual(16);
    expect(dns.asked.filter((q) => q.startsWith("SRV")).length).toBe(MAX_INSTANCES);
  });

  it("records that are not this service's instances, bad SRV ports and escape-laden TXT are dropped or cleaned", async () => {
    dns = await startTinyDns((n, t) => {
      if (n === SVC && t === "PTR") return [{ type: "PTR", name: SVC, target: "evil.example" }, { type: "PTR", name: SVC, target: `zero.${SVC}` }, { type: "PTR", name: SVC, target: INST }];
      if (n === `zero.${SVC}` && t === "SRV") return [{ type: "SRV", name: n, port: 0, target: "z.openclaw.internal" }];
      if (n === INST && t === "SRV") return [{ type: "SRV", name: n, port: 18789, target: "desk.openclaw.internal" }];
      if (n === INST && t === "TXT") return [{ type: "TXT", name: n, strings: ["displayName=Desk\u001b[31mRED", "gatewayPort=99999", Buffer.from([0x67, 0x61, 0x3d, 0xff, 0xfe])] }];
      return [];
    });
    const r = await browseWideArea({ domains: ["openclaw.internal"], servers: [dns.server] });
    expect(r.gateways.map((g) => g.instance)).toEqual(["desk-gateway"]);
    expect(r.gateways[0]!.name).toBe("Desk[31mRED");
    expect(r.gateways[0]!.txt.gatewayPort).toBeUndefined();
    expect(r.errors).toEqual([expect.stringContaining("has no usable SRV record")]);
    expect(dns.asked).not.toContain("SRV evil.example");
  });
});

describe("domain and server input", () => {
  it("domains are normalised as the gateway does; bad ones and local. are refused with a reason", () => {
    expect(parseWideAreaDomain(" OpenClaw.Internal. ")).toEqual({ ok: true, domain: "openclaw.internal" });
    expect(parseWideAreaDomain("bad_label.example")).toMatchObject({ ok: false, message: expect.stringContaining("is not a DNS domain") });
    expect(parseWideAreaDomain("local.")).toMatchObject({ ok: false, message: expect.stringContaining("multicast DNS") });
    expect(parseWideAreaDomain("a".repeat(300))).toMatchObject({ ok: false });
  });

  it("servers are IPs with an optional port; names are refused", () => {
    expect(parseDnsServer("100.100.100.100")).toBe("100.100.100.100");
    expect(parseDnsServer("127.0.0.1:5300")).toBe("127.0.0.1:5300");
    expect(parseDnsServer("[fd7a::1]:53")).toBe("[fd7a::1]:53");
    expect(parseDnsServer("ns1.example")).toBeNull();
    expect(parseDnsServer("127.0.0.1:70000")).toBeNull();
  });

  it("invalid domains are reported and nothing is asked", async () => {
    const r = await browseWideArea({ domains: ["-bad-", "local"], servers: ["127.0.0.1:9"] });
    expect(r.gateways).toEqual([]);
    expect(r.errors).toHaveLength(2);
  });
});
