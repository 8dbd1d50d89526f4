// The one reconnect-backoff rule, shared by the SSH tunnel (transport/tunnel-state.ts) and the gateway
// session (gateway/session-state.ts), which each had their own jitter rule before (issue 14 §8). It lives
// at the top of core because both building blocks use it and neither may import the other's internals.
//
// The rule: the nominal delay grows by `factor` per step from `baseMs`, is capped at `maxMs`, and jitter
// only ever shortens it — the delay is spread over [d·(1−jitter), d] — so a cap is a cap (the session's
// "at most 2 s while a person waits", the tunnel's 30 s ceiling) and `random` 0 gives the nominal delay.

export interface ExponentialBackoff {
  baseMs: number;
  factor: number;
  maxMs: number;
  /** 0..1: the share of the delay that jitter may take off. */
  jitter: number;
}

/** `delayMs` shortened by up to `jitter` of itself; `random` in [0,1) comes from the caller. */
export function jittered(delayMs: number, jitter: number, random: number): number {
  return Math.max(0, Math.round(delayMs * (1 - jitter * random)));
}

/** The delay for backoff step `step` (0 = the first), jittered by `random` in [0,1). */
export function backoffDelayFor(p: ExponentialBackoff, step: number, random: number): number {
  const nominal = Math.min(p.maxMs, p.baseMs * Math.pow(p.factor, Math.max(0, step)));
  return jittered(nominal, p.jitter, random);
}
