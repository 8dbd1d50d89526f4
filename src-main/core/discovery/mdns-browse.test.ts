// The browse runner over bonjour-service's real Browser, fed decoded mDNS packets by a fake socket (the
// e2e test, e2e/discovery.e2e.test.ts, does the same over the real multicast socket and a real gateway).
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { DiscoveryChange } from "../../../src-shared/discovery.js";
import { browseGateways, HOLD_MS, MAX_BROWSER_RECORDS, type MdnsSocket } from "./mdns-browse.js";
import { announce, FakeMdns, goodbye } from "./testing/fake-mdns.js";

let mdns: FakeMdns;
const open = (): MdnsSocket => mdns.open();
const flush = async () => {
  await vi.advanceTimersByTimeAsync(0);
};

beforeEach(() => {
  vi.useFakeTimers();
  mdns = new FakeMdns();
});
afterEach(() => vi.useRealTimers());

describe("browseGateways", () => {
  it("a gateway appears on its announcement and disappears on its goodbye", async () => {
    const seen: string[] = [];
    const b = browseGateways({ open, onChange: (cs: DiscoveryChange[]) => cs.forEach((c) => seen.push(`${c.kind}:${c.gateway.name}@${c.gateway.port}`)) });
    expect(mdns.queries).toBe(1);
    mdns.send(announce("Desk", 18789));
    await flush();
    expect(b.list().gateways.map((g) => [g.name, g.host, g.port])).toEqual([["Desk", "desk.local", 18789]]);
    mdns.send(goodbye("Desk"));
    await flush();
    expect(seen).toEqual(["up:Desk@18789", "down:Desk@18789"]);
    await b.stop();
  });

  it("queries again after 1, 2, 4 s", async () => {
    const b = browseGateways({ open });
    await vi.advanceTimersByTimeAsync(1000);
    expect(mdns.queries).toBe(2);
    await vi.advanceTimersByTimeAsync(2000);
    expect(mdns.queries).toBe(3);
    await vi.advanceTimersByTimeAsync(4000);
    expect(mdns.queries).toBe(4);
    await b.stop();
  });

  it("malformed TXT strings: the gateway is listed, the bad fields ignored", async () => {
    const b = browseGateways({ open });
    const bad = [Buffer.from([0xff, 0xfe]), Buffer.from("gatewayPort=abc"), Buffer.from("=x"), Buffer.from("x".repeat(255)), Buffer.from("displayName=Ok")];
    mdns.send(announce("Weird", 1234, bad));
    await flush();
    expect(b.list().gateways).toMatchObject([{ name: "Ok", port: 1234 }]);
    // Non-UTF-8, a bad port, an empty key and a 255-character key are all left out.
    expect(b.list().gateways[0]!.txt).toEqual({ displayName: "Ok" });
    await b.stop();
  });

  it("1,000 fake announcements: the list stays capped, the gateway heard first stays, no crash", async () => {
    const b = browseGateways({ open });
    mdns.send(announce("Real", 18789));
    for (let i = 0; i < 1000; i++) mdns.send(announce(`fake-${i}`, 20000 + i, [Buffer.from([0x80 + (i % 64)]), Buffer.from(`k${i}=${"v".repeat(200)}`)]));
    await flush();
    const { gateways, dropped } = b.list();
    expect(gateways).toHaveLength(200);
    expect(dropped).toBe(801);
    expect(gateways.some((g) => g.name === "Real")).toBe(true);
    await b.stop();
  });

  it("a flood past the browser's own bound replaces it and holds the listed gateways", async () => {
    const b = browseGateways({ open });
    mdns.send(announce("Real", 18789));
    for (let i = 0; i < MAX_BROWSER_RECORDS + 500; i++) mdns.send(announce(`fake-${i}`, 20000 + (i % 40000)));
    await flush();
    expect(b.restarts()).toBeGreaterThanOrEqual(1);
    expect(mdns.browsers).toBe(1 + b.restarts());
    expect(b.list().gateways).toHaveLength(200);
    expect(b.list().gateways.some((g) => g.name === "Real")).toBe(true);
    // The real gateway answers the fresh browser's query; the held fakes that stay silent go after HOLD_MS.
    mdns.send(announce("Real", 18789));
    await vi.advanceTimersByTimeAsync(HOLD_MS + 1000);
    const names = b.list().gateways.map((g) => g.name);
    expect(names).toContain("Real");
    expect(names).not.toContain("fake-0");
    expect(names).toHaveLength(200);
    await b.stop();
  });

  it("socket errors become one sentence for the person, never a throw", async () => {
    let report = "";
    const failing = (onError: (e: Error) => void): MdnsSocket => {
      setTimeout(() => onError(Object.assign(new Error("bind EADDRINUSE 0.0.0.0:5353"), { code: "EADDRINUSE" })), 10);
      return open();
    };
    const b = browseGateways({ open: failing, onError: (m) => (report = m) });
    await vi.advanceTimersByTimeAsync(20);
    expect(report).toBe("mDNS browsing is unavailable here: bind EADDRINUSE 0.0.0.0:5353");
    await b.stop();
  });
});
