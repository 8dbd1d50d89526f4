// One live gateway connection (a profile, or a target given on the command line) as the UI and CLI see
// it: transport and gateway session composed into one overall state by the orchestrator's reducer.
// The snapshot is one variant per state (issue 14 §3): what only one state has (the pairing request, the
// connected gateway's facts, a changed certificate) is typed null everywhere else, so no reader can take
// a stale pairing request for a connected gateway, and needs-attention always says why.
import type { Attention } from "./attention.js";
import type { AuxSurfaceView } from "./aux-surfaces.js";
import type { ConnectedInfo, PairingPending } from "./gateway-session.js";
import type { RouteInUse } from "./routes.js";

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
  /** "This machine" and nothing listens there: checked quietly, connected as soon as a gateway starts (issue 12). */
  | "waiting-for-gateway"
  | "stopped";

/** A pinned wss gateway presented another certificate: both fingerprints (64 hex), for the re-trust screen. */
export interface TlsChange {
  previous: string;
  observed: string;
}

/** What every state carries: who, which transport facts are known, and the attempt counter. */
export interface SnapshotCommon {
  id: string;
  name: string;
  /** The transport in use now: with several routes, the route's kind (a URL profile on an SSH fallback is "ssh"). */
  kind: "local" | "ssh" | "direct";
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
  /** A profile with several routes (issue 13 §3): the one in use now. Absent for a single route. */
  route?: RouteInUse;
  /** SSH (issue 13 §2): the gateway's auxiliary surfaces forwarded over the same connection. Absent when there are none. */
  aux?: AuxSurfaceView[];
  /** Increases with every snapshot of this connection. */
  seq: number;
  updatedAt: number;
}

/**
 * The fields that belong to one state only (pairing to pairing-required, connected to connected,
 * tlsChange to needs-attention) are null in every other state: the keys stay on the wire in every state,
 * and only narrowing on `state` reaches their content.
 */
interface NoStateFields {
  pairing: null;
  connected: null;
  tlsChange: null;
}

/** The steps before a connection is up: SSH, then the WebSocket and the handshake. */
export type ProgressState = "ssh-connecting" | "verifying-host" | "authenticating" | "connecting" | "handshaking";

export interface IdleSnapshot extends SnapshotCommon, NoStateFields {
  state: "idle";
  layer: null;
  attention: null;
}

export interface ProgressSnapshot extends SnapshotCommon, NoStateFields {
  state: ProgressState;
  /** After a failed attempt: what went wrong last, while the next one runs. */
  attention: Attention | null;
}

export interface ConnectedSnapshot extends SnapshotCommon, Omit<NoStateFields, "connected"> {
  state: "connected";
  layer: "gateway";
  attention: null;
  connected: ConnectedInfo;
}

export interface PairingRequiredSnapshot extends SnapshotCommon, Omit<NoStateFields, "pairing"> {
  state: "pairing-required";
  layer: "gateway";
  /** What the gateway said (with the approve command in its fix hint). */
  attention: Attention | null;
  pairing: PairingPending;
}

export interface NeedsAttentionSnapshot extends SnapshotCommon, Omit<NoStateFields, "tlsChange"> {
  state: "needs-attention";
  /** Why, and what to do. */
  attention: Attention;
  /** tls-cert-changed: the pinned and the presented fingerprint. */
  tlsChange: TlsChange | null;
}

export interface ReconnectingSnapshot extends SnapshotCommon, NoStateFields {
  state: "reconnecting";
  /** What went wrong last. */
  attention: Attention | null;
}

/**
 * No gateway runs on this machine (the local profile's connection was refused). Not an error and not a
 * reconnect loop: no attempts are counted, the port is checked quietly, and the connection starts the
 * moment something listens there. `attention` says so (reason no-local-gateway) with how to start one.
 */
export interface WaitingForGatewaySnapshot extends SnapshotCommon, NoStateFields {
  state: "waiting-for-gateway";
  layer: null;
  attention: Attention;
}

export interface StoppedSnapshot extends SnapshotCommon, NoStateFields {
  state: "stopped";
  attention: Attention | null;
}

/** One variant per overall state (`state` is the discriminant). */
export type ConnectionSnapshot = IdleSnapshot | ProgressSnapshot | ConnectedSnapshot | PairingRequiredSnapshot | NeedsAttentionSnapshot | ReconnectingSnapshot | WaitingForGatewaySnapshot | StoppedSnapshot;
