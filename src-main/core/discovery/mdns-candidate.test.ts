import { describe, expect, it } from "vitest";
import { decodeDnsEscapes, instanceOf, suggestRoute, toCandidate, type MdnsServiceRecord } from "./mdns-candidate.js";

const txt = (...s: string[]) => s.map((x) => Buffer.from(x));
const rec = (over: Partial<MdnsServiceRecord> = {}): MdnsServiceRecord => ({
  fqdn: "Desk (OpenClaw)._openclaw-gw._tcp.local",
  host: "desk.local",
  port: 18789,
  addresses: ["fe80::1", "192.168.1.20"],
  rawTxt: txt("role=gateway", "gatewayPort=18789", "lanHost=desk.local", "displayName=Desk", "transport=gateway"),
  lastSeen: 1000,
  ...over,
});

describe("toCandidate", () => {
  it("a minimal-mode beacon of a loopback-bound gateway: the .local name, the SRV port, an SSH suggestion", () => {
    expect(toCandidate(rec())).toEqual({
      id: "desk (openclaw)._openclaw-gw._tcp.local",
      source: "mdns",
      name: "Desk",
      instance: "Desk (OpenClaw)",
      host: "desk.local",
      port: 18789,
      addresses: ["192.168.1.20", "fe80::1"],
      tls: false,
      txt: { role: "gateway", gatewayPort: 18789, lanHost: "desk.local", displayName: "Desk", transport: "gateway" },
      suggested: { kind: "ssh", target: "ssh://desk.local", remotePort: 18789, why: expect.stringContaining("does not say it is directly reachable") },
      lastSeen: 1000,
    });
  });

  it("directly reachable on the LAN without TLS: ws:// to the .local name (the plaintext rule allows it)", () => {
    const g = toCandidate(rec({ rawTxt: txt("gatewayDirectReachable=1", "displayName=Desk") }))!;
    expect(g.suggested).toEqual({ kind: "direct", target: "ws://desk.local:18789", why: "plain ws:// is allowed to a .local name" });
  });

  it("TLS: wss://, whatever the host; the advertised pin is a hint in txt only", () => {
    const pin = "cd".repeat(32);
    const g = toCandidate(rec({ rawTxt: txt("gatewayTls=1", `gatewayTlsSha256=${pin}`) }))!;
    expect(g.tls).toBe(true);
    expect(g.suggested).toEqual({ kind: "direct", target: "wss://desk.local:18789", why: "the gateway serves TLS" });
    expect(g.txt.gatewayTlsSha256).toBe(pin);
  });

  it("routes by the resolved SRV endpoint, not the TXT gatewayPort / lanHost hints", () => {
    const g = toCandidate(rec({ port: 4000, rawTxt: txt("gatewayPort=5000", "lanHost=elsewhere.local") }))!;
    expect([g.host, g.port]).toEqual(["desk.local", 4000]);
  });

  it("prefers a name to a raw address: MagicDNS, then the LAN name, then an address", () => {
    const magic = toCandidate(rec({ host: "100.64.0.7", rawTxt: txt("tailnetDns=desk.tail1234.ts.net", "lanHost=desk.local") }))!;
    expect(magic.host).toBe("desk.tail1234.ts.net");
    expect(toCandidate(rec({ host: "", rawTxt: txt("lanHost=desk.local") }))!.host).toBe("desk.local");
    expect(toCandidate(rec({ host: undefined, rawTxt: [] }))!.host).toBe("192.168.1.20");
    expect(toCandidate(rec({ host: "not a name!", rawTxt: [], addresses: ["10.0.0.9"] }))!.host).toBe("10.0.0.9");
  });

  it("a public address without TLS but directly reachable: plain ws:// is refused, so SSH (sshPort kept)", () => {
    const g = toCandidate(rec({ host: undefined, addresses: ["203.0.113.5"], rawTxt: txt("gatewayDirectReachable=1", "sshPort=2222") }))!;
    expect(g.suggested).toEqual({ kind: "ssh", target: "ssh://203.0.113.5:2222", remotePort: 18789, why: expect.stringContaining("refused") });
  });

  it("IPv6 hosts are bracketed in targets", () => {
    expect(suggestRoute("fd00::5", 18789, false, true).target).toBe("ws://[fd00::5]:18789");
    expect(suggestRoute("2001:db8::5", 18789, false, true).target).toBe("ssh://[2001:db8::5]");
  });

  it("no usable instance, port or host → null, never a throw", () => {
    const bad: MdnsServiceRecord[] = [
      {}, rec({ fqdn: 42 }), rec({ fqdn: "printer._ipp._tcp.local" }), rec({ fqdn: "._openclaw-gw._tcp.local" }),
      rec({ port: 0 }), rec({ port: 70000 }), rec({ port: "18789" }), rec({ port: 1.5 }),
      rec({ host: undefined, addresses: "x", rawTxt: null }), rec({ host: 7, addresses: [1, null], rawTxt: 3 }),
    ];
    for (const r of bad) expect(toCandidate(r)).toBeNull();
  });

  it("the name shown is printable even when the beacon is not", () => {
    const g = toCandidate(rec({ fqdn: "Evil\u001b[2J\u0007 GW._openclaw-gw._tcp.local", rawTxt: [] }))!;
    expect(g.name).toBe("Evil[2J GW");
  });
});

describe("instance names", () => {
  it("decodes DNS-SD escapes (\\032 is a space) and keeps dots inside the instance", () => {
    expect(decodeDnsEscapes("My\\032Desk\\.home")).toBe("My Desk.home");
    expect(decodeDnsEscapes("caf\\195\\169")).toBe("café");
    expect(instanceOf("My.Desk (OpenClaw)._openclaw-gw._tcp.local")).toBe("My.Desk (OpenClaw)");
    expect(instanceOf("x._OPENCLAW-GW._TCP.openclaw.internal.")).toBe("x");
  });
});
