import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { announce, FakeMdns, goodbye } from "../../discovery/testing/fake-mdns.js";
import { UsageError } from "../args.js";
import type { CliIO } from "../context.js";
import { discoverCommand, formatDiscoverTable } from "./discover.js";
import { buildCandidates } from "../../discovery/candidate-list.js";
import { TAILSCALE_NOT_FOUND } from "../../discovery/tailscale-runner.js";
import { parseTailscaleStatus } from "../../discovery/tailscale-status.js";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

let mdns: FakeMdns;
let out: string[];
let err: string[];
const io: CliIO = { stdout: (l) => out.push(l), stderr: (l) => err.push(l), write: () => undefined, readStdin: async () => "", env: { CLAWLINK_CONFIG_DIR: "/nonexistent/clawlink-discover-test" } };

beforeEach(() => {
  vi.useFakeTimers();
  mdns = new FakeMdns();
  out = [];
  err = [];
});
afterEach(() => vi.useRealTimers());

describe("clawlink discover", () => {
  it("--json --timeout 1: one JSON array after the timeout, with port, TLS, TXT and the suggested target", async () => {
    const run = discoverCommand(["--json", "--timeout", "1"], io, { open: mdns.open });
    mdns.send(announce("Desk", 18789, [Buffer.from("displayName=Desk"), Buffer.from("gatewayTls=1")]));
    await vi.advanceTimersByTimeAsync(1100);
    expect(await run).toBe(0);
    expect(out).toHaveLength(1);
    expect(JSON.parse(out[0]!)).toMatchObject([
      { name: "Desk", host: "desk.local", port: 18789, tls: true, txt: { gatewayTls: true }, suggested: { kind: "direct", target: "wss://desk.local:18789" } },
    ]);
  });

  it("nothing answered: [] on stdout and a sentence on stderr saying how a gateway announces itself", async () => {
    const run = discoverCommand(["--json"], io, { open: mdns.open });
    await vi.advanceTimersByTimeAsync(3100);
    expect(await run).toBe(0);
    expect(out).toEqual(["[]"]);
    expect(err.join("\n")).toContain("openclaw plugins enable bonjour");
  });

  it("--watch --json: one object per change (up, then down on the goodbye) until the timeout", async () => {
    const run = discoverCommand(["--watch", "--json", "--timeout", "2"], io, { open: mdns.open });
    mdns.send(announce("Desk", 18789));
    await vi.advanceTimersByTimeAsync(10);
    mdns.send(goodbye("Desk"));
    await vi.advanceTimersByTimeAsync(2100);
    expect(await run).toBe(0);
    expect(out.map((l) => (JSON.parse(l) as { change: string; name: string; port: number })).map((o) => `${o.change}:${o.name}:${o.port}`)).toEqual([
      "up:Desk:18789",
      "down:Desk:18789",
    ]);
  });

  it("a socket error ends it with exit 3 and says why", async () => {
    const open = (onError: (e: Error) => void) => (setTimeout(() => onError(new Error("bind EACCES")), 5), mdns.open());
    const run = discoverCommand(["--timeout", "5"], io, { open });
    await vi.advanceTimersByTimeAsync(300);
    expect(await run).toBe(3);
    expect(err.at(-1)).toBe("clawlink discover: mDNS browsing is unavailable here: bind EACCES");
  });

  it("takes no target", async () => {
    await expect(discoverCommand(["home"], io, { open: mdns.open })).rejects.toThrow(UsageError);
  });

  it("the table: one row per gateway, SSH suggestions carry --remote-port", () => {
    const { gateways } = buildCandidates([
      { fqdn: `Desk.${"_openclaw-gw._tcp.local"}`, host: "desk.local", port: 18789, rawTxt: [] },
      { fqdn: `Lab.${"_openclaw-gw._tcp.local"}`, host: "lab.local", port: 443, rawTxt: [Buffer.from("gatewayTls=1")] },
    ]);
    expect(formatDiscoverTable(gateways).split("\n")).toEqual([
      "NAME  HOST:PORT         TLS  SUGGESTED TARGET",
      "Desk  desk.local:18789  no   ssh://desk.local --remote-port 18789",
      "Lab   lab.local:443     yes  wss://lab.local:443",
    ]);
  });
});

describe("clawlink discover with Tailscale (issue 13 §5)", () => {
  const fixture = fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), "../../discovery/fixtures/tailscale-status.json"), "utf8");

  it("the tailnet's candidate peers follow the LAN beacons in --json, marked source tailscale, MagicDNS names as hosts", async () => {
    const run = discoverCommand(["--json", "--timeout", "1"], io, { open: mdns.open, lookUpTailscale: async () => parseTailscaleStatus(fixture) });
    mdns.send(announce("Desk", 18789));
    await vi.advanceTimersByTimeAsync(1100);
    expect(await run).toBe(0);
    const list = JSON.parse(out[0]!) as Array<{ source: string; host: string; suggested: { target: string } }>;
    expect(list[0]!.source).toBe("mdns");
    const peers = list.filter((g) => g.source === "tailscale");
    expect(peers.length).toBeGreaterThan(0);
    expect(peers.every((p) => p.host.endsWith(".ts.net") || /^100\./.test(p.host))).toBe(true);
    expect(peers[0]!.suggested.target).toMatch(/^wss:\/\/.+\.ts\.net/);
  });

  it("the table lists them under their own heading, 'not probed'", async () => {
    const run = discoverCommand(["--timeout", "1"], io, { open: mdns.open, lookUpTailscale: async () => parseTailscaleStatus(fixture) });
    await vi.advanceTimersByTimeAsync(1100);
    expect(await run).toBe(0);
    expect(out.join("\n")).toMatch(/Tailscale peers that could host a gateway \(not probed\):\nNAME/);
  });

  it("without the tailscale CLI, stderr says Tailscale was not found and the JSON has only the beacons", async () => {
    const run = discoverCommand(["--json", "--timeout", "1"], io, { open: mdns.open, lookUpTailscale: async () => TAILSCALE_NOT_FOUND });
    await vi.advanceTimersByTimeAsync(1100);
    expect(await run).toBe(0);
    expect(out).toEqual(["[]"]);
    expect(err.join("\n")).toContain("Tailscale was not found on this machine");
  });
});
