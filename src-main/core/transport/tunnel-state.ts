// The SSH tunnel's state as a pure reducer: (snapshot, event) → snapshot. No timers, sockets or clocks
// in here: the supervisor passes the time and the backoff delay in the events, so every transition can
// be unit-tested and every snapshot the UI sees is a frozen value.
//
// `generation` names one connection attempt. Every event from an attempt carries the generation it
// belongs to; once a newer attempt (or stop) has begun, the old one's late events (a 'close' after we
// replaced the client, a host-key answer after a wake) no longer match and are ignored.
import type { Attention } from "../../../src-shared/attention.js";
import { backoffDelayFor } from "../backoff.js";
import type { AuthAttempt } from "./ssh-auth.js";

export type TunnelPhase =
  | "idle"
  | "connecting"
  | "verifying-host"
  | "authenticating"
  | "forwarding"
  | "reconnecting"
  | "needs-attention"
  | "stopped";

export interface TunnelSnapshot {
  readonly phase: TunnelPhase;
  readonly generation: number;
  /** Increases with every snapshot, so listeners can order them. */
  readonly seq: number;
  /** When this phase began (ms since epoch, from the event). */
  readonly since: number;
  /** The local port the listener holds, once bound (it stays bound across reconnects). */
  readonly localPort: number | null;
  readonly preferredLocalPort: number;
  /** True when the preferred port was taken and another one was chosen. */
  readonly portFallback: boolean;
  readonly remotePort: number;
  /** Which hop is being dialled ("bastion", then "gateway-host"), for ProxyJump chains. */
  readonly hop: string | null;
  /** Reconnect attempt number while reconnecting (1, 2, …); 0 otherwise. */
  readonly attempt: number;
  /** When the next attempt starts, while reconnecting. */
  readonly nextAt: number | null;
  /** The login method that worked, while forwarding. */
  readonly authMethod: AuthAttempt | null;
  /** needs-attention: why and what to do. reconnecting: the error that caused it. */
  readonly attention: Attention | null;
  /** forwarding: whether something answered on the remote port (null until checked). */
  readonly remoteListening: boolean | null;
  /** forwarding: a problem behind the tunnel (the gateway is not running), not with the tunnel. */
  readonly remoteWarning: Attention | null;
}

export type TunnelEvent =
  | { type: "start"; now: number }
  | { type: "listening"; port: number; fallback: boolean }
  | { type: "dial"; generation: number; hop: string; now: number }
  | { type: "verifying-host"; generation: number; hop: string; now: number }
  | { type: "authenticating"; generation: number; hop: string; now: number }
  | { type: "ready"; generation: number; auth: AuthAttempt | null; now: number }
  | { type: "remote-checked"; generation: number; listening: boolean; warning: Attention | null }
  | { type: "lost"; generation: number; attention: Attention; delayMs: number; now: number }
  | { type: "fatal"; generation: number; attention: Attention; now: number }
  | { type: "retry"; generation: number; now: number }
  | { type: "reconnect-now"; now: number }
  | { type: "stop"; now: number };

export function initialSnapshot(opts: { preferredLocalPort: number; remotePort: number }): TunnelSnapshot {
  return Object.freeze({
    phase: "idle",
    generation: 0,
    seq: 0,
    since: 0,
    localPort: null,
    preferredLocalPort: opts.preferredLocalPort,
    portFallback: false,
    remotePort: opts.remotePort,
    hop: null,
    attempt: 0,
    nextAt: null,
    authMethod: null,
    attention: null,
    remoteListening: null,
    remoteWarning: null,
  });
}

function next(s: TunnelSnapshot, patch: Partial<TunnelSnapshot>): TunnelSnapshot {
  return Object.freeze({ ...s, ...patch, seq: s.seq + 1 });
}

/** A new attempt: new generation, fresh per-connection fields. */
function beginAttempt(s: TunnelSnapshot, now: number, attempt: number, attention: Attention | null): TunnelSnapshot {
  return next(s, {
    attention,
    phase: "connecting",
    generation: s.generation + 1,
    since: now,
    hop: null,
    attempt,
    nextAt: null,
    authMethod: null,
    remoteListening: null,
    remoteWarning: null,
  });
}

const live = new Set<TunnelPhase>(["connecting", "verifying-host", "authenticating", "forwarding"]);

export function reduceTunnel(s: TunnelSnapshot, e: TunnelEvent): TunnelSnapshot {
  if (s.phase === "stopped") return s; // terminal: a stopped supervisor is replaced, not revived
  if ("generation" in e && e.generation !== s.generation) return s; // late event from a replaced attempt
  switch (e.type) {
    case "start":
      if (s.phase !== "idle" && s.phase !== "needs-attention") return s;
      return beginAttempt(s, e.now, 0, null);
    case "listening":
      return next(s, { localPort: e.port, portFallback: e.fallback });
    case "dial":
      if (!live.has(s.phase)) return s;
      return next(s, { phase: "connecting", hop: e.hop, since: e.now });
    case "verifying-host":
      if (!live.has(s.phase)) return s;
      return next(s, { phase: "verifying-host", hop: e.hop, since: e.now });
    case "authenticating":
      if (!live.has(s.phase)) return s;
      return next(s, { phase: "authenticating", hop: e.hop, since: e.now });
    case "ready":
      if (!live.has(s.phase)) return s;
      return next(s, { phase: "forwarding", since: e.now, hop: null, attempt: 0, authMethod: e.auth, attention: null });
    case "remote-checked":
      if (s.phase !== "forwarding") return s;
      return next(s, { remoteListening: e.listening, remoteWarning: e.warning });
    case "lost":
      if (!live.has(s.phase)) return s;
      return next(s, {
        phase: "reconnecting",
        since: e.now,
        attempt: s.attempt + 1,
        nextAt: e.now + e.delayMs,
        attention: e.attention,
        authMethod: null,
        remoteListening: null,
        remoteWarning: null,
      });
    case "fatal":
      if (!live.has(s.phase) && s.phase !== "reconnecting") return s;
      return next(s, { phase: "needs-attention", since: e.now, nextAt: null, attention: e.attention, authMethod: null, remoteListening: null, remoteWarning: null });
    case "retry":
      if (s.phase !== "reconnecting") return s;
      return beginAttempt(s, e.now, s.attempt, s.attention);
    case "reconnect-now":
      // wake()/networkChanged(): whatever is in flight is stale; start over at once with a clean backoff.
      if (s.phase === "idle" || s.phase === "needs-attention") return s;
      return beginAttempt(s, e.now, 0, null);
    case "stop":
      return next(s, { phase: "stopped", generation: s.generation + 1, since: e.now, nextAt: null, hop: null, authMethod: null });
  }
}

export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
  factor: number;
  /** 0..1: the delay is spread over [d·(1−jitter), d]. */
  jitter: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 500, maxMs: 30_000, factor: 2, jitter: 0.3 };

/** Delay before reconnect attempt `attempt` (1-based), by the one backoff rule (core/backoff.ts). `rand` in [0,1). */
export function backoffDelay(attempt: number, p: BackoffPolicy, rand: number): number {
  return backoffDelayFor(p, attempt - 1, rand);
}
