import type { Attention } from "../../../src-shared/attention.js";
import { describe, expect, it } from "vitest";
import { backoffDelay, DEFAULT_BACKOFF, initialSnapshot, reduceTunnel, type TunnelEvent, type TunnelSnapshot } from "./tunnel-state.js";

const lost: Attention = { reason: "ssh-link-lost", message: "gone", fixHint: "wait" };
const run = (events: TunnelEvent[], s: TunnelSnapshot = initialSnapshot({ preferredLocalPort: 18789, remotePort: 18789 })) => events.reduce(reduceTunnel, s);

describe("tunnel reducer", () => {
  it("walks idle → connecting → verifying-host → authenticating → forwarding", () => {
    const s0 = initialSnapshot({ preferredLocalPort: 18789, remotePort: 18789 });
    const s1 = reduceTunnel(s0, { type: "start", now: 1 });
    expect(s1).toMatchObject({ phase: "connecting", generation: 1, seq: 1 });
    const g = s1.generation;
    const s = run(
      [
        { type: "listening", port: 18789, fallback: false },
        { type: "dial", generation: g, hop: "gw", now: 2 },
        { type: "verifying-host", generation: g, hop: "gw", now: 3 },
        { type: "authenticating", generation: g, hop: "gw", now: 4 },
        { type: "ready", generation: g, auth: { method: "agent", detail: "/sock" }, now: 5 },
      ],
      s1,
    );
    expect(s).toMatchObject({ phase: "forwarding", localPort: 18789, authMethod: { method: "agent" }, attempt: 0, since: 5, hop: null });
  });

  it("every snapshot is frozen and a new object", () => {
    const s0 = initialSnapshot({ preferredLocalPort: 1, remotePort: 2 });
    const s1 = reduceTunnel(s0, { type: "start", now: 1 });
    expect(Object.isFrozen(s0)).toBe(true);
    expect(Object.isFrozen(s1)).toBe(true);
    expect(s1).not.toBe(s0);
    expect(s0.phase).toBe("idle");
    expect(() => ((s1 as { phase: string }).phase = "x")).toThrow();
  });

  it("ignores late events from a replaced attempt (generation mismatch)", () => {
    const s = run([{ type: "start", now: 1 }, { type: "reconnect-now", now: 2 }]);
    expect(s.generation).toBe(2);
    const same = reduceTunnel(s, { type: "ready", generation: 1, auth: null, now: 3 });
    expect(same).toBe(s);
    expect(reduceTunnel(s, { type: "lost", generation: 1, attention: lost, delayMs: 5, now: 3 })).toBe(s);
    expect(reduceTunnel(s, { type: "fatal", generation: 1, attention: lost, now: 3 })).toBe(s);
  });

  it("lost → reconnecting(attempt, nextAt); retry keeps counting until ready resets it", () => {
    let s = run([{ type: "start", now: 0 }, { type: "ready", generation: 1, auth: null, now: 1 }]);
    s = reduceTunnel(s, { type: "lost", generation: 1, attention: lost, delayMs: 500, now: 10 });
    expect(s).toMatchObject({ phase: "reconnecting", attempt: 1, nextAt: 510, attention: lost });
    s = reduceTunnel(s, { type: "retry", generation: 1, now: 510 });
    expect(s).toMatchObject({ phase: "connecting", generation: 2, attempt: 1, nextAt: null });
    s = reduceTunnel(s, { type: "lost", generation: 2, attention: lost, delayMs: 1000, now: 600 });
    expect(s).toMatchObject({ phase: "reconnecting", attempt: 2, nextAt: 1600 });
    s = reduceTunnel(reduceTunnel(s, { type: "retry", generation: 2, now: 1600 }), { type: "ready", generation: 3, auth: null, now: 1700 });
    expect(s).toMatchObject({ phase: "forwarding", attempt: 0, attention: null });
  });

  it("fatal → needs-attention with the reason; start() again resumes", () => {
    const why: Attention = { reason: "host-key-changed", message: "m", fixHint: "f" };
    let s = run([{ type: "start", now: 0 }, { type: "fatal", generation: 1, attention: why, now: 1 }]);
    expect(s).toMatchObject({ phase: "needs-attention", attention: why });
    expect(reduceTunnel(s, { type: "reconnect-now", now: 2 })).toBe(s); // wake does not override a person's decision
    s = reduceTunnel(s, { type: "start", now: 3 });
    expect(s).toMatchObject({ phase: "connecting", generation: 2, attention: null });
  });

  it("wake/network change from reconnecting starts at once with a fresh backoff", () => {
    let s = run([{ type: "start", now: 0 }, { type: "lost", generation: 1, attention: lost, delayMs: 30_000, now: 1 }]);
    s = reduceTunnel(s, { type: "lost", generation: 1, attention: lost, delayMs: 1, now: 1 }); // not live: ignored
    expect(s.attempt).toBe(1);
    s = reduceTunnel(s, { type: "reconnect-now", now: 2 });
    expect(s).toMatchObject({ phase: "connecting", generation: 2, attempt: 0, nextAt: null });
  });

  it("remote check only applies while forwarding", () => {
    const warn: Attention = { reason: "remote-port-closed", message: "nothing is listening", fixHint: "start it" };
    const s = run([{ type: "start", now: 0 }]);
    expect(reduceTunnel(s, { type: "remote-checked", generation: 1, listening: false, warning: warn })).toBe(s);
    const f = reduceTunnel(s, { type: "ready", generation: 1, auth: null, now: 1 });
    expect(reduceTunnel(f, { type: "remote-checked", generation: 1, listening: false, warning: warn })).toMatchObject({ remoteListening: false, remoteWarning: warn });
  });

  it("stop is terminal and invalidates the current generation", () => {
    const s = run([{ type: "start", now: 0 }, { type: "stop", now: 1 }]);
    expect(s).toMatchObject({ phase: "stopped", generation: 2 });
    expect(reduceTunnel(s, { type: "start", now: 2 })).toBe(s);
    expect(reduceTunnel(s, { type: "ready", generation: 2, auth: null, now: 2 })).toBe(s);
  });
});

describe("backoff", () => {
  it("grows exponentially, is capped, and jitter only shortens", () => {
    const p = DEFAULT_BACKOFF;
    expect(backoffDelay(1, p, 0)).toBe(500);
    expect(backoffDelay(2, p, 0)).toBe(1000);
    expect(backoffDelay(5, p, 0)).toBe(8000);
    expect(backoffDelay(20, p, 0)).toBe(30_000);
    expect(backoffDelay(20, p, 0.999)).toBeGreaterThanOrEqual(30_000 * (1 - p.jitter));
    expect(backoffDelay(3, p, 0.5)).toBe(Math.round(2000 * (1 - p.jitter * 0.5)));
  });
});
