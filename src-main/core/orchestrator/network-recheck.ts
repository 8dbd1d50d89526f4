// Which parts of one connection a network change (an address appearing or going) should re-check. The
// rule: probe what is live, retry at once what is already waiting to retry, and leave alone what the
// network cannot have touched. Pure, so it is unit-tested; connection-supervisor.ts carries it out.
import type { SessionPhase } from "../../../src-shared/gateway-session.js";
import type { TunnelPhase } from "../transport/tunnel-state.js";

export interface NetworkRecheckInput {
  kind: "local" | "ssh" | "direct";
  /** The SSH tunnel's phase (ssh profiles), else null. */
  tunnel: TunnelPhase | null;
  /** The gateway session's phase once one was started, else null. */
  session: SessionPhase | null;
}

export interface NetworkRecheckPlan {
  /** recheck: hand the event to the tunnel, which probes or redials by its own rule (link-recheck.ts). */
  tunnel: "recheck" | "none";
  /**
   * check-alive: one gateway round trip over the live WebSocket with a short timeout; reconnect only if
   * it goes unanswered. retry-now: the session is between attempts anyway; try now, the route may be back.
   */
  session: "check-alive" | "retry-now" | "none";
}

export function planNetworkRecheck(i: NetworkRecheckInput): NetworkRecheckPlan {
  switch (i.kind) {
    // ws://127.0.0.1: no address change on this machine can cut loopback.
    case "local":
      return { tunnel: "none", session: "none" };
    // The session talks to the tunnel's loopback listener, and from the SSH host to the gateway on that
    // host's loopback: only the SSH link crosses the network. When the tunnel comes back it kicks the
    // session itself (connection-state.ts), so the session is never touched here.
    case "ssh":
      return { tunnel: i.tunnel ? "recheck" : "none", session: "none" };
    case "direct":
      return { tunnel: "none", session: directSession(i.session) };
  }
}

function directSession(p: SessionPhase | null): NetworkRecheckPlan["session"] {
  switch (p) {
    case "connected":
      return "check-alive";
    // Between attempts, or an attempt that may hang on a route that just went away: nothing healthy to lose.
    case "connecting":
    case "reconnecting":
      return "retry-now";
    // pairing-required polls on its own schedule while a person approves; needs-attention waits for a
    // person; idle/stopped have nothing live.
    default:
      return "none";
  }
}
