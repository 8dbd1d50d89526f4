// One live gateway connection (a profile, or a target given on the command line) as the UI and CLI see
// it: transport and gateway session composed into one overall state by the orchestrator's reducer.
import type { Attention } from "./attention.js";
import type { ConnectedInfo, PairingPending } from "./gateway-session.js";

export type OverallState =
  | "idle"
  /** SSH transport steps, before the tunnel forwards. */
  | "ssh-connecting"
  | "verifying-host"
  | "authenticating"
  /** Transport ready (tunnel forwarding or direct plan made): opening the WebSocket. */
  | "connecting"
  /** WebSocket open: challenge, connect, hello. */
  | "handshaking"
  | "connected"
  | "pairing-required"
  | "needs-attention"
  | "reconnecting"
  | "stopped";

export interface ConnectionSnapshot {
  id: string;
  name: string;
  kind: "local" | "ssh" | "direct";
  state: OverallState;
  /** needs-attention: why and what to do; reconnecting: what went wrong last. */
  attention: Attention | null;
  /** Which layer the state comes from. */
  layer: "transport" | "gateway" | null;
  attempt: number;
  nextAttemptAt: number | null;
  /** SSH: the local forward port, once bound (stays the same across reconnects). */
  localPort: number | null;
  /** SSH: the preferred port was busy and another was chosen. */
  portFallback: boolean;
  /** SSH: which login method worked. */
  sshAuth: string | null;
  /** A problem behind the transport (e.g. nothing listening on the remote port). */
  warning: Attention | null;
  url: string | null;
  /** A pinned wss gateway presented another certificate: both fingerprints (64 hex), for the re-trust screen. */
  tlsChange: { previous: string; observed: string } | null;
  pairing: PairingPending | null;
  connected: ConnectedInfo | null;
  /** Increases with every snapshot of this connection. */
  seq: number;
  updatedAt: number;
}
