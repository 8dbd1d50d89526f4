// The wide-area re-lookup the app's view and `clawlink discover --watch` share: rounds against a real
// loopback DNS server (testing/tiny-dns.ts through node:dns) whose zone changes between rounds.
import { afterEach, describe, expect, it } from "vitest";
import type { DiscoveredGateway, DiscoveryChange } from "../../../src-shared/discovery.js";
import { startTinyDns, type Reply, type Rr, type TinyDns } from "./testing/tiny-dns.js";
import { lookUpWideArea } from "./wide-area-config.js";
import { carryOver, diffGateways, WideAreaRefresher, type WideAreaSnapshot } from "./wide-area-refresh.js";

const svc = (d: string) => `_openclaw-gw._tcp.${d}`;
const gateway = (d: string, name: string, port = 18789, extra: string[] = []): Rr[] => [
  { type: "PTR", name: svc(d), target: `${name}.${svc(d)}` },
  { type: "SRV", name: `${name}.${svc(d)}`, port, target: `${name}.${d}` },
  { type: "TXT", name: `${name}.${svc(d)}`, strings: ["role=gateway", `displayName=${name}`, ...extra] },
];

const servers: TinyDns[] = [];
afterEach(() => servers.splice(0).forEach((s) => s.close()));

/** A server whose zone is whatever `zone.records` holds at the moment of the question; `zone.mode` "drop" makes it silent. */
async function server(records: Rr[]) {
  const zone: { records: Rr[]; mode: "answer" | "drop" } = { records, mode: "answer" };
  const s = await startTinyDns((n, t): Reply => {
    if (zone.mode === "drop") return "drop";
    const hit = zone.records.filter((r) => r.name === n && r.type === t);
    return hit.length || zone.records.some((r) => r.name === n) ? hit : "nxdomain";
  });
  servers.push(s);
  return { zone, server: s.server };
}

function refresher(config: { domains: string[]; servers: string[]; domainServers: Record<string, string> }, timeoutMs = 600) {
  const rounds: Array<{ changes: string[]; snap: WideAreaSnapshot }> = [];
  const r = new WideAreaRefresher({
    config: async () => ({ ...config, warning: null }),
    timeoutMs,
    onUpdate: (changes, snap) => rounds.push({ changes: changes.map((c) => `${c.kind} ${c.gateway.name}`), snap }),
  });
  const round = async () => {
    r.refreshNow();
    await r.idle();
    return rounds.at(-1)!;
  };
  return { r, rounds, round, config };
}

describe("WideAreaRefresher", () => {
  it("up for a new record, update when its SRV changes, down when it leaves the zone (the server answered without it)", async () => {
    const dns = await server([...gateway("openclaw.internal", "far"), ...gateway("openclaw.internal", "near")]);
    const w = refresher({ domains: ["openclaw.internal"], servers: [dns.server], domainServers: {} });
    expect((await w.round()).changes.sort()).toEqual(["up far", "up near"]);
    expect((await w.round()).changes).toEqual([]);
    dns.zone.records = [...gateway("openclaw.internal", "far", 18800), ...gateway("openclaw.internal", "near")];
    expect((await w.round()).changes).toEqual(["update far"]);
    dns.zone.records = gateway("openclaw.internal", "near");
    const after = await w.round();
    expect(after.changes).toEqual(["down far"]);
    expect(after.snap.gateways.map((g) => g.name)).toEqual(["near"]);
    // The last one goes too: the service name no longer exists (NXDOMAIN) is an answer, not a failure.
    dns.zone.records = [];
    expect((await w.round()).changes).toEqual(["down near"]);
  });

  it("a server that stops answering keeps the records it gave (no down on a timeout) and says so; they go only when it answers without them", async () => {
    const dns = await server(gateway("openclaw.internal", "far"));
    const w = refresher({ domains: ["openclaw.internal"], servers: [dns.server], domainServers: {} }, 400);
    await w.round();
    dns.zone.mode = "drop";
    const silent = await w.round();
    expect(silent.changes).toEqual([]);
    expect(silent.snap.gateways.map((g) => g.name)).toEqual(["far"]);
    expect(silent.snap.errors[0]).toMatch(/^openclaw\.internal: no answer for _openclaw-gw\._tcp\.openclaw\.internal within 0\.4 s/);
    dns.zone.mode = "answer";
    dns.zone.records = [];
    expect((await w.round()).changes).toEqual(["down far"]);
  });

  it("a domain taken out of the settings drops its records at once, before the next lookup", async () => {
    const dns = await server([...gateway("a.example", "ga"), ...gateway("b.example", "gb")]);
    const w = refresher({ domains: ["a.example", "b.example"], servers: [dns.server], domainServers: {} });
    await w.round();
    w.config.domains = ["b.example"];
    w.r.refreshNow();
    await w.r.idle();
    // The drop is its own update (the form loses the gateway before DNS answers), then the lookup round.
    expect(w.rounds.slice(-2).map((x) => x.changes)).toEqual([["down ga"], []]);
    expect(w.r.snapshot()!.domains).toEqual(["b.example"]);
  });

  it("every(ms) re-looks on its own after each round until stop()", async () => {
    const dns = await server(gateway("openclaw.internal", "far"));
    const w = refresher({ domains: ["openclaw.internal"], servers: [dns.server], domainServers: {} });
    w.r.every(50);
    const end = Date.now() + 5000;
    while (w.rounds.length < 3 && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    w.r.stop();
    expect(w.rounds.length).toBeGreaterThanOrEqual(3);
    expect(w.rounds[0]!.changes).toEqual(["up far"]);
  });
});

describe("lookUpWideArea", () => {
  it("a domain with its own DNS server is asked there; the rest on the common servers", async () => {
    const own = await server(gateway("own.example", "mine"));
    const common = await server(gateway("lab.example", "labgw"));
    const part = await lookUpWideArea({ domains: ["own.example", "lab.example"], servers: [common.server], domainServers: { "own.example": own.server } }, { timeoutMs: 600 });
    expect(part.gateways.map((g) => `${g.domain}:${g.name}`).sort()).toEqual(["lab.example:labgw", "own.example:mine"]);
    expect(part.errors).toEqual([]);
    expect(part.answered!.sort()).toEqual(["lab.example", "own.example"]);
  });
});

describe("diffGateways / carryOver", () => {
  const g = (id: string, domain: string, port = 1): DiscoveredGateway => ({
    id, source: "wide-area", domain, name: id, instance: id, host: `${id}.${domain}`, port, addresses: [], tls: false, txt: {},
    suggested: { kind: "ssh", target: `ssh://${id}`, remotePort: port, why: "" }, lastSeen: Date.now(),
  });
  const kinds = (cs: DiscoveryChange[]) => cs.map((c) => `${c.kind} ${c.gateway.id}`);

  it("by id: lastSeen alone is no update", () => {
    expect(kinds(diffGateways([g("a", "d"), g("b", "d")], [{ ...g("a", "d"), lastSeen: 1 }, g("b", "d", 2), g("c", "d")]))).toEqual(["update b", "up c"]);
    expect(kinds(diffGateways([g("a", "d")], []))).toEqual(["down a"]);
  });

  it("records of a domain that did not answer are kept; of one that answered or left the settings, not", () => {
    const prev = [g("a", "quiet.example"), g("b", "spoke.example"), g("c", "gone.example")];
    const next = carryOver(prev, { gateways: [], leftOut: 0, errors: ["quiet.example: no answer"], answered: ["spoke.example"] }, ["quiet.example", "spoke.example"]);
    expect(next.map((x) => x.id)).toEqual(["a"]);
  });
});
