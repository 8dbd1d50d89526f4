// Domain types of one gateway session as the UI and CLI see it: the closed failure union, the session
// snapshot produced by the core's pure reducer, the status snapshot, and chat items. Plain data only.
import type { Attention } from "./attention.js";

/**
 * Every way a connection can fail, as a closed union decided from the gateway's error.code /
 * details.code and close codes — never from message text, which varies by client kind and version.
 */
export type GatewayFailure =
  | { kind: "auth-token-missing" }
  | { kind: "auth-token-mismatch" }
  | { kind: "auth-token-not-configured" }
  | { kind: "auth-password-missing" }
  | { kind: "auth-password-mismatch" }
  | { kind: "auth-password-not-configured" }
  | { kind: "auth-device-token-mismatch" }
  | { kind: "auth-scope-mismatch" }
  | { kind: "auth-rate-limited"; retryAfterMs: number | null }
  | { kind: "auth-other"; code: string }
  | { kind: "pairing-required"; requestId: string | null; reason: string; approveCommand: string | null; remediationHint: string | null }
  | { kind: "device-auth"; code: string }
  | { kind: "device-identity-required" }
  | { kind: "protocol-mismatch"; update: "clawlink" | "gateway" | "unknown"; expectedProtocol: number | null }
  | { kind: "gateway-starting"; retryAfterMs: number }
  | { kind: "shutdown"; restartExpectedMs: number | null }
  | { kind: "network"; errno: string | null; message: string }
  | { kind: "tls-pin-mismatch"; message: string }
  | { kind: "insecure-url"; message: string }
  | { kind: "timeout"; message: string }
  /** Something answered (HTTP, or a WebSocket that never sent connect.challenge), but not a gateway. */
  | { kind: "not-a-gateway"; message: string }
  | { kind: "closed"; code: number; reason: string }
  | { kind: "rejected"; code: string; message: string };

export type GatewayFailureKind = GatewayFailure["kind"];

export type SessionPhase =
  | "idle"
  | "connecting"
  | "connected"
  | "pairing-required"
  | "reconnecting"
  | "needs-attention"
  | "stopped";

export interface PairingPending {
  requestId: string | null;
  reason: string;
  approveCommand: string | null;
  /** When this device first saw pairing required (ms since epoch). */
  since: number;
}

export interface ConnectedInfo {
  serverVersion: string | null;
  protocol: number;
  connId: string | null;
  /** "token", "device-token", "password", ... as the gateway reports it. */
  authMethod: string | null;
  /** Where the credential came from, for people: "device token (keychain)", "shared token from keychain", ... */
  authSource: string;
  role: string | null;
  scopes: string[];
  connectedAt: number;
}

export interface SessionSnapshot {
  phase: SessionPhase;
  /** Increases with every connection attempt; events from older attempts are ignored. */
  generation: number;
  /** Consecutive failed attempts since the last hello-ok. */
  attempt: number;
  nextAttemptAt: number | null;
  failure: GatewayFailure | null;
  attention: Attention | null;
  pairing: PairingPending | null;
  connected: ConnectedInfo | null;
}

export interface GatewayStatus {
  serverVersion: string | null;
  uptimeMs: number | null;
  health: unknown;
  status: unknown;
  presence: unknown[];
  authMethod: string | null;
  authSource: string | null;
  latencyMs: number | null;
  updatedAt: number;
}

/** A streamed chat event, normalised: `text` is always the cumulative assistant text of the run. */
export interface ChatStreamEvent {
  sessionKey: string;
  runId: string;
  state: "status" | "delta" | "final" | "aborted" | "error";
  text: string;
  phase?: string;
  stopReason?: string;
  errorMessage?: string;
  errorKind?: string;
}

/**
 * queued: not sent yet (offline, or waiting its turn) · sending: chat.send in flight · sent: the gateway
 * acknowledged it · delivered: the gateway's history shows it (transcript, or held as a queued pending
 * input) · failed: the gateway refused it, or cancelled it, or lost it after acknowledging (Resend).
 */
export type OutboxState = "queued" | "sending" | "sent" | "delivered" | "failed";

/** A message the user sent, tracked until the gateway's history shows it (exactly once, by idempotency key). */
export interface OutboxEntry {
  idempotencyKey: string;
  sessionKey: string;
  text: string;
  state: OutboxState;
  runId: string | null;
  error: string | null;
  createdAt: number;
  /** When the gateway acknowledged it (ms since epoch); null before. */
  sentAt: number | null;
}
