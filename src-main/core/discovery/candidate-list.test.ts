import { describe, expect, it } from "vitest";
import { buildCandidates, diffCandidates, MAX_CANDIDATES } from "./candidate-list.js";
import type { MdnsServiceRecord } from "./mdns-candidate.js";

const rec = (name: string, port: number, over: Partial<MdnsServiceRecord> = {}): MdnsServiceRecord => ({
  fqdn: `${name}._openclaw-gw._tcp.local`,
  host: `${name.toLowerCase()}.local`,
  port,
  addresses: [],
  rawTxt: [Buffer.from(`displayName=${name}`)],
  lastSeen: 1,
  ...over,
});

describe("buildCandidates", () => {
  it("a flood of 1,000 announcements: capped at 200, the first ones kept, the rest counted", () => {
    const real = rec("Real", 18789);
    const flood = Array.from({ length: 1000 }, (_, i) => rec(`fake-${i}`, 20000 + i));
    const { gateways, dropped } = buildCandidates([real, ...flood]);
    expect(gateways).toHaveLength(MAX_CANDIDATES);
    expect(dropped).toBe(1001 - MAX_CANDIDATES);
    expect(gateways.some((g) => g.name === "Real")).toBe(true);
  });

  it("malformed records in a flood are skipped, not counted and not fatal", () => {
    const junk = Array.from({ length: 1000 }, (_, i) => ({ fqdn: i % 2 ? 5 : `x${i}`, port: "nope", rawTxt: { length: -1 } }) as MdnsServiceRecord);
    expect(buildCandidates([...junk, rec("Ok", 1)])).toMatchObject({ gateways: [{ name: "Ok" }], dropped: 0 });
  });

  it("the same instance twice (IPv4 and IPv6 answers, re-announcements) is one entry: the newest", () => {
    const { gateways } = buildCandidates([rec("Desk", 1, { lastSeen: 5, rawTxt: [] }), rec("DESK", 1, { lastSeen: 9 }), rec("desk", 1, { lastSeen: 7 })]);
    expect(gateways).toHaveLength(1);
    expect(gateways[0]!.lastSeen).toBe(9);
  });

  it("two instance names for one host:port (a renamed beacon) are one entry", () => {
    const { gateways } = buildCandidates([rec("Old", 1, { host: "desk.local", lastSeen: 1 }), rec("New", 1, { host: "desk.local", lastSeen: 2 })]);
    expect(gateways.map((g) => g.name)).toEqual(["New"]);
  });

  it("two gateways on one host (different ports) are two entries, sorted by name", () => {
    const { gateways } = buildCandidates([rec("b", 2, { host: "h.local" }), rec("a", 1, { host: "h.local" })]);
    expect(gateways.map((g) => `${g.name}@${g.port}`)).toEqual(["a@1", "b@2"]);
  });
});

describe("diffCandidates", () => {
  it("up, update, down", () => {
    const a = buildCandidates([rec("A", 1), rec("B", 2)]).gateways;
    const b = buildCandidates([rec("A", 1, { rawTxt: [Buffer.from("displayName=A2")] }), rec("C", 3)]).gateways;
    const changes = diffCandidates(a, b).map((c) => `${c.kind}:${c.gateway.name}`);
    expect(changes.sort()).toEqual(["down:B", "up:C", "update:A2"]);
    expect(diffCandidates(b, b)).toEqual([]);
  });

  it("a newer lastSeen alone is not a change", () => {
    const a = buildCandidates([rec("A", 1, { lastSeen: 1 })]).gateways;
    const b = buildCandidates([rec("A", 1, { lastSeen: 2 })]).gateways;
    expect(diffCandidates(a, b)).toEqual([]);
  });
});
