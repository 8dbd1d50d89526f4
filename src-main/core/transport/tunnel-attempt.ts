// One SSH connection attempt of a TunnelSupervisor: the clients, sockets and timers it owns, how it is
// torn down, and the narrow interface (AttemptDriver) through which the parts that work on an attempt
// (ssh-handshake.ts, tunnel-liveness.ts, forwarded-connections.ts) report back to the supervisor. Split
// out of tunnel-supervisor.ts (issue 14 §5).
import type net from "node:net";
import type { Client, ClientChannel } from "ssh2";
import type { Attention } from "../../../src-shared/attention.js";
import type { ErrorContext } from "./ssh-errors.js";
import type { SshHop } from "./ssh-target.js";
import type { ResolvedTunnelOptions } from "./tunnel-options.js";
import type { TunnelEvent } from "./tunnel-state.js";

export interface Attempt {
  generation: number;
  clients: Client[];
  sockets: Set<net.Socket | ClientChannel>;
  final: Client | null;
  readyTimer: NodeJS.Timeout | null;
  livenessTimer: NodeJS.Timeout | null;
  suspectTimer: NodeJS.Timeout | null;
  lastRx: number;
  /** Set once this attempt has reported its end, so ssh2's error-then-close reports once. */
  ended: boolean;
  /** Open prompts (host key, passphrase): the ready deadline waits while a person answers. */
  prompts: number;
  /** The hop being dialled, for messages about a failure on the way. */
  hop: SshHop;
}

/** How an attempt ends: with the Attention to show, and whether the supervisor retries. */
export interface AttemptEnd {
  attention: Attention;
  retry: boolean;
}

/** What the parts working on an attempt may ask of the supervisor that owns it. */
export interface AttemptDriver {
  readonly o: ResolvedTunnelOptions;
  /** Is `a` still the live attempt (not replaced, not ended)? Late callbacks check this first. */
  current(a: Attempt): boolean;
  dispatch(e: TunnelEvent): void;
  /** A failure on the way: classified (ssh-errors.ts), then ended. */
  failed(a: Attempt, err: Error & { code?: string; level?: string }, hop: SshHop): void;
  ended(a: Attempt, end: AttemptEnd): void;
  /** A prompt opened or closed: the ready deadline pauses while a person answers. */
  prompt(a: Attempt, hop: SshHop, open: boolean): void;
}

export function newAttempt(generation: number, now: number, hop: SshHop): Attempt {
  return { generation, clients: [], sockets: new Set(), final: null, readyTimer: null, livenessTimer: null, suspectTimer: null, lastRx: now, ended: false, prompts: 0, hop };
}

export function errorContext(hop: SshHop): ErrorContext {
  return { label: hop.alias, host: hop.host, port: hop.port, user: hop.user };
}

/** Stops every timer and destroys every socket and client of `a`; nothing it owns reports afterwards. */
export function tearDown(a: Attempt): void {
  a.ended = true;
  for (const t of [a.readyTimer, a.suspectTimer]) if (t) clearTimeout(t);
  if (a.livenessTimer) clearInterval(a.livenessTimer);
  // Destroy, not end(): on a dead link a polite close would wait on the very peer that stopped answering.
  for (const s of a.sockets) s.destroy();
  for (const c of [...a.clients].reverse()) {
    c.removeAllListeners("close");
    c.on("error", () => {});
    c.destroy();
  }
}
