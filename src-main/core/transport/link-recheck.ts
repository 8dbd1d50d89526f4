// What an SSH tunnel does when the machine's network changes (an address appeared or went: Wi-Fi switch,
// VPN, a docker bridge, an IPv6 temporary address rotating). Most such changes leave the route to the SSH
// host alone, so tearing a healthy link down for each one only costs the user a reconnect. Pure, so the
// rule is unit-tested apart from sockets and timers.
import type { TunnelPhase } from "./tunnel-state.js";

/**
 * - probe: the link is up; one SSH ping must be answered within the suspect grace, else it is dead.
 * - redial: nothing healthy to lose (waiting out a backoff, or a dial that may be stuck on a route that
 *   just went away): start a fresh attempt now, since the network may just have come back.
 * - none: nothing live (idle, stopped, a person must act), or a person is answering a prompt (host key,
 *   passphrase) of the attempt in flight, which a redial would throw away.
 */
export type TunnelRecheck = "probe" | "redial" | "none";

export function tunnelRecheckOnNetworkChange(phase: TunnelPhase, promptOpen: boolean): TunnelRecheck {
  switch (phase) {
    case "forwarding":
      return "probe";
    case "reconnecting":
      return "redial";
    case "connecting":
    case "verifying-host":
    case "authenticating":
      return promptOpen ? "none" : "redial";
    case "idle":
    case "needs-attention":
    case "stopped":
      return "none";
  }
}
