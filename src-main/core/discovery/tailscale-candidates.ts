// Tailscale peers (tailscale-status.ts) as discovery candidates beside the mDNS beacons, so `clawlink
// discover` and the "Add gateway" form show both the same way. A peer is a place a gateway could run,
// not a gateway that answered: its suggested route is the first the docs prefer (remote.md "prefer …
// Tailscale Serve …, SSH tunnel is the fallback"; tailscale.md): wss://<MagicDNS name> for Serve, else
// the tailnet bind ws://<host>:18789, else SSH. The host is the MagicDNS name whenever the peer has one.
import type { DiscoveredGateway, DiscoveryView, SuggestedRoute } from "../../../src-shared/discovery.js";
import type { TailscaleLookup } from "./tailscale-runner.js";
import type { TailscaleCandidate, TailscaleRoute } from "./tailscale-status.js";

function suggestedOf(r: TailscaleRoute): SuggestedRoute {
  if (r.kind === "serve") return { kind: "direct", target: r.target, why: "Tailscale Serve (wss:// on 443 with its certificate), if that peer runs a gateway behind it" };
  if (r.kind === "tailnet-bind") return { kind: "direct", target: r.target, why: "a gateway bound to the tailnet (gateway.bind tailnet), if that peer runs one" };
  return { kind: "ssh", target: r.target, remotePort: r.remotePort, why: "an SSH tunnel to the peer's gateway port (Tailscale SSH or sshd)" };
}

export function tailscaleCandidate(c: TailscaleCandidate, now: number): DiscoveredGateway {
  const first = c.routes[0];
  const suggested: SuggestedRoute = first ? suggestedOf(first) : { kind: "ssh", target: c.host, remotePort: 18789, why: "an SSH tunnel to the peer" };
  const serve = first?.kind === "serve";
  return {
    id: `tailscale:${c.id}`,
    source: "tailscale",
    name: c.name,
    instance: c.host,
    host: c.host,
    port: serve ? 443 : suggested.kind === "ssh" ? suggested.remotePort : Number(/:(\d+)\/?$/.exec(suggested.target)?.[1] ?? 18789),
    addresses: c.addresses.slice(0, 8),
    tls: serve,
    txt: {},
    suggested,
    lastSeen: now,
  };
}

/** The Tailscale half of a DiscoveryView: its candidates, and its state in words. */
export function tailscalePart(t: TailscaleLookup, now: number): { gateways: DiscoveredGateway[]; tailscale: DiscoveryView["tailscale"] } {
  if (t.ok) return { gateways: t.candidates.map((c) => tailscaleCandidate(c, now)), tailscale: { state: "found", message: null } };
  const state = "state" in t && t.state === "not-found" ? "not-found" : "unavailable";
  return { gateways: [], tailscale: { state, message: `${t.message} ${t.fixHint}`.trim() } };
}
