import { describe, expect, it } from "vitest";
import type { DiscoveredGateway } from "../../src-shared/discovery";
import { candidateDetail, fillFromCandidate } from "./discovery-model";

const base: DiscoveredGateway = {
  id: "desk._openclaw-gw._tcp.local",
  source: "mdns",
  name: "Desk",
  instance: "Desk",
  host: "desk.local",
  port: 18789,
  addresses: ["192.168.1.20"],
  tls: false,
  txt: {},
  suggested: { kind: "ssh", target: "ssh://desk.local:2222", remotePort: 18789, why: "binds loopback" },
  lastSeen: 0,
};

describe("choosing a discovered gateway", () => {
  it("an SSH suggestion fills the SSH tab: host[:ssh port] without ssh://, the gateway port as remote port, the name", () => {
    expect(fillFromCandidate(base)).toEqual({ mode: "ssh", fields: { name: "Desk", target: "desk.local:2222", remotePort: "18789" } });
  });

  it("a direct suggestion (wss://, or ws:// the plaintext rule allows) fills the URL tab", () => {
    const g = { ...base, tls: true, suggested: { kind: "direct" as const, target: "wss://desk.local:18789", why: "TLS" } };
    expect(fillFromCandidate(g)).toEqual({ mode: "direct", fields: { name: "Desk", url: "wss://desk.local:18789" } });
  });

  it("the detail line says where it is and how it would be reached; a Tailscale peer is said to be unprobed", () => {
    expect(candidateDetail(base)).toBe("desk.local:18789 — SSH to desk.local:2222 (gateway port 18789)");
    const ts = { ...base, source: "tailscale" as const, host: "desk.tail1.ts.net", suggested: { kind: "direct" as const, target: "wss://desk.tail1.ts.net", why: "Serve" } };
    expect(candidateDetail(ts)).toBe("Tailscale peer, not probed — wss://desk.tail1.ts.net");
  });
});
