// Choosing a discovered gateway in "Add gateway" (issue 13 §1): which tab and which fields it fills.
// Direct when the suggestion is direct (core/discovery/ applied the plaintext rule: wss://, or ws://
// only where it is allowed and the gateway says it is reachable), otherwise SSH with the host filled in
// and the gateway's port as the remote port. The host is the name discovery chose (MagicDNS / .local /
// LAN name over a raw address). Nothing is saved or trusted by choosing: the person still presses Add.
import { DEFAULT_GATEWAY_PORT } from "../../src-shared/gateway-port";
import type { DiscoveredGateway } from "../../src-shared/discovery";

export interface CandidateFill {
  mode: "ssh" | "direct";
  /** Form fields to set (the rest are left as they are). */
  fields: { name: string; url?: string; target?: string; remotePort?: string };
}

export function fillFromCandidate(g: DiscoveredGateway): CandidateFill {
  const s = g.suggested;
  if (s.kind === "direct") return { mode: "direct", fields: { name: g.name, url: s.target } };
  // The SSH field takes user@host[:port], not the ssh:// form discovery suggests for the CLI.
  return { mode: "ssh", fields: { name: g.name, target: s.target.replace(/^ssh:\/\//i, ""), remotePort: String(s.remotePort || DEFAULT_GATEWAY_PORT) } };
}

/** One line under the name: where it is and how it would be reached. */
export function candidateDetail(g: DiscoveredGateway): string {
  const via = g.suggested.kind === "direct" ? g.suggested.target : `SSH to ${g.suggested.target.replace(/^ssh:\/\//i, "")} (gateway port ${g.suggested.remotePort})`;
  const from = g.source === "tailscale" ? "Tailscale peer, not probed" : `${g.host}:${g.port}${g.tls ? ", TLS" : ""}`;
  return `${from} — ${via}`;
}
