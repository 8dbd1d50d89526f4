// Issue 13 §5: the tailnet's gateway candidates from a recorded `tailscale status --json`
// (fixtures/tailscale-status.json: Self, seven peers — online Linux/Windows, a tagged server, an iPhone,
// an expired offline NAS, a node shared in from another tailnet, one without a MagicDNS name).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { magicDnsName, MAX_TAILSCALE_PEERS, parseTailscaleStatus, type TailscaleCandidate } from "./tailscale-status.js";

const fixture = fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), "fixtures", "tailscale-status.json"), "utf8");

function candidates(text = fixture): TailscaleCandidate[] {
  const s = parseTailscaleStatus(text);
  if (!s.ok) throw new Error(s.message);
  return s.candidates;
}

describe("tailscale status --json → gateway candidates", () => {
  it("lists the online peers that could host a gateway, own tailnet first, by name; not phones, not offline ones", () => {
    const s = parseTailscaleStatus(fixture);
    expect(s.ok && { tailnet: s.tailnet, self: s.self, offline: s.offline }).toEqual({ tailnet: "ann@example.com", self: "ann-laptop.tailnet-4f2a.ts.net", offline: 1 });
    expect(candidates().map((c) => c.host)).toEqual(["desktop-7q2m4kd.tailnet-4f2a.ts.net", "home-desktop.tailnet-4f2a.ts.net", "100.77.90.18", "openclaw-vps.tailnet-4f2a.ts.net", "bob-mac-mini.tail9c3e1.ts.net"]);
  });

  it("prefers the MagicDNS name (trailing dot removed) over the Tailscale IPs, with the docs' routes in order", () => {
    const desk = candidates().find((c) => c.name === "home-desktop")!;
    expect(desk).toEqual({
      id: "nD3skT0p11CNTRL",
      name: "home-desktop",
      host: "home-desktop.tailnet-4f2a.ts.net",
      addresses: ["100.88.14.3", "fd7a:115c:a1e0::2c01:e03"],
      os: "linux",
      shared: false,
      tags: [],
      routes: [
        { kind: "serve", target: "wss://home-desktop.tailnet-4f2a.ts.net" },
        { kind: "tailnet-bind", target: "ws://home-desktop.tailnet-4f2a.ts.net:18789" },
        { kind: "ssh", target: "ssh://home-desktop.tailnet-4f2a.ts.net", remotePort: 18789 },
      ],
    });
  });

  it("a peer without a MagicDNS name is reached by its Tailscale IPv4, and gets no wss:// route", () => {
    const pi = candidates().find((c) => c.name === "lab-pi")!;
    expect(pi.host).toBe("100.77.90.18");
    expect(pi.routes.map((r) => r.kind)).toEqual(["tailnet-bind", "ssh"]);
  });

  it("tags and shared-in nodes are kept as such", () => {
    const cs = candidates();
    expect(cs.find((c) => c.name === "openclaw-vps")?.tags).toEqual(["tag:server"]);
    expect(cs.find((c) => c.name === "bob-mac-mini")).toMatchObject({ shared: true, os: "macOS" });
  });

  it("with MagicDNS off, IPs are used for every peer", () => {
    const doc = JSON.parse(fixture) as { CurrentTailnet: { MagicDNSEnabled: boolean } };
    doc.CurrentTailnet.MagicDNSEnabled = false;
    expect(candidates(JSON.stringify(doc)).every((c) => /^\d+\.\d+\.\d+\.\d+$/.test(c.host) && c.routes[0]!.kind === "tailnet-bind")).toBe(true);
  });

  it("the gateway port of a tailnet bind can be another one", () => {
    const s = parseTailscaleStatus(fixture, 19001);
    expect(s.ok && s.candidates[0]!.routes[1]).toEqual({ kind: "tailnet-bind", target: "ws://desktop-7q2m4kd.tailnet-4f2a.ts.net:19001" });
  });

  it.each([
    ["Stopped", /not connected on this machine \(Stopped\)/, /Start Tailscale/],
    ["NeedsLogin", /\(NeedsLogin\)/, /Log this machine in/],
  ])("BackendState %s: no candidates, and what to do", (state, message, hint) => {
    const s = parseTailscaleStatus(JSON.stringify({ BackendState: state, Self: { HostName: "ann-laptop" }, Peer: null }));
    expect(s.ok).toBe(false);
    if (!s.ok) {
      expect(s.message).toMatch(message);
      expect(s.fixHint).toMatch(hint);
    }
  });

  it("garbage in: no crash, bounded output", () => {
    expect(parseTailscaleStatus("tailscaled is not running").ok).toBe(false);
    expect(parseTailscaleStatus("[1,2]").ok).toBe(false);
    expect(candidates(JSON.stringify({ BackendState: "Running", Peer: { a: null, b: 7, c: { Online: true }, d: { Online: true, TailscaleIPs: [1, "100.64.0.9"], DNSName: "bad name!." } } }))).toEqual([
      expect.objectContaining({ host: "100.64.0.9", name: "100.64.0.9" }),
    ]);
    const many = Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`k${i}`, { Online: true, HostName: `h${i}`, DNSName: `h${i}.t.ts.net.`, TailscaleIPs: [`100.64.${i >> 8}.${i & 255}`] }]));
    expect(candidates(JSON.stringify({ BackendState: "Running", Peer: many }))).toHaveLength(MAX_TAILSCALE_PEERS);
  });

  it.each([
    ["desk.tailnet-1234.ts.net.", "desk.tailnet-1234.ts.net"],
    ["Desk.Tailnet-1234.ts.net", "desk.tailnet-1234.ts.net"],
    ["", ""],
    ["desk", ""],
    ["a b.ts.net.", ""],
  ])("magicDnsName(%j) = %j", (input, want) => {
    expect(magicDnsName(input)).toBe(want);
  });
});
