// What a GatewaySession is given (GatewaySessionOptions, Credential) and what it tells its listeners
// (GatewaySessionEvent). Its own module so the parts of the session (session-status.ts, history-watch.ts)
// and its users share them without loading the client wrapper (split out of gateway-session.ts, issue 14 §5).
import type { ChatStreamEvent, GatewayStatus, OutboxEntry, SessionSnapshot } from "../../../src-shared/gateway-session.js";
import type { Logger } from "../log/logger.js";
import type { SecretStore } from "../secrets/secret-store.js";
import type { ClientIdentity } from "./client-identity.js";
import type { OutboxPersistence } from "./outbox-file.js";
import type { ReconnectPolicy } from "./session-state.js";

/** A credential and where it came from, so the UI can say which source is in use. */
export interface Credential {
  value: string;
  source: string;
}

export interface GatewaySessionOptions {
  /** ws:// or wss:// URL (for SSH profiles: the tunnel's local port). */
  url: string;
  /** Pinned SHA-256 of the gateway's TLS leaf certificate (wss only); checked before any frame is sent. */
  tlsFingerprint?: string;
  /** Stable identity of the gateway for device tokens (a profile id, not the tunnel's local URL). */
  gatewayKey: string;
  /** Names the gateway behind this session across profiles: one session per group probes a restart (restart-gate.ts). */
  restartGroup?: string;
  /** Label used in messages ("home-desktop", "wss://gw.example.com"). */
  target: string;
  token?: Credential;
  password?: Credential;
  /**
   * A setup code's bootstrap token (profiles/pasted-secret.ts): authenticates the first connect, which
   * ends with a device token in the keychain; then dropped (single use). Memory only, never persisted.
   */
  bootstrapToken?: Credential;
  secrets: SecretStore;
  logger?: Logger;
  client?: ClientIdentity;
  scopes?: string[];
  policy?: Partial<ReconnectPolicy>;
  /** Health/status refresh while connected (ms); at most 60 s by default. */
  statusIntervalMs?: number;
  requestTimeoutMs?: number;
  /** Where unconfirmed chat messages are kept across restarts (outbox-file.ts); memory only without. */
  outbox?: OutboxPersistence;
}

/** Why a watched session's history was fetched again. */
export type HistoryReason = "watch" | "reconnect" | "gap" | "refresh";

export type GatewaySessionEvent =
  | { type: "state"; snapshot: SessionSnapshot }
  | { type: "status"; status: GatewayStatus }
  | { type: "chat"; event: ChatStreamEvent }
  | { type: "chat-history"; sessionKey: string; messages: unknown[]; reason: HistoryReason }
  | { type: "outbox"; entries: readonly OutboxEntry[] }
  | { type: "gateway-event"; event: string; payload: unknown };
