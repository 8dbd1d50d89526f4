import { describe, expect, it } from "vitest";
import type { GatewayFailure } from "../../../src-shared/gateway-session.js";
import { backoffDelay, DEFAULT_RECONNECT_POLICY as P, initialSessionModel, reduceSession, type SessionEvent, type SessionModel } from "./session-state.js";

const info = { serverVersion: "2026.9.6", protocol: 4, connId: "c1", authMethod: "token", authSource: "shared token from keychain", role: "operator", scopes: ["operator.read"], connectedAt: 0 };

function run(events: SessionEvent[], model: SessionModel = initialSessionModel("gw")) {
  let m = model;
  const effects: string[] = [];
  for (const e of events) {
    // random 0: the nominal delays (jitter only ever shortens them, core/backoff.ts).
    const t = reduceSession(m, e, P, 0);
    m = t.model;
    effects.push(...t.effects.map((x) => x.type + ("generation" in x ? `#${x.generation}` : "") + ("useDeviceTokenRetry" in x && x.useDeviceTokenRetry ? "+retry" : "")));
  }
  return { m, s: m.snapshot, effects };
}
const ended = (generation: number, failure: GatewayFailure, now = 1000, canRetryWithDeviceToken = false): SessionEvent => ({ type: "ended", generation, now, failure, canRetryWithDeviceToken });

describe("session reducer", () => {
  it("start opens attempt 1; hello connects", () => {
    const { s, effects } = run([{ type: "start", now: 0 }, { type: "hello", generation: 1, now: 5, info }]);
    expect(effects).toEqual(["open#1"]);
    expect(s.phase).toBe("connected");
    expect(s.connected?.authSource).toBe("shared token from keychain");
  });

  it("a late hello or close from a replaced attempt is ignored (generation guard)", () => {
    const base = run([{ type: "start", now: 0 }, ended(1, { kind: "network", errno: "ECONNREFUSED", message: "" }, 10), { type: "attempt-due", now: 200 }]);
    expect(base.s.generation).toBe(2);
    const late = run([{ type: "hello", generation: 1, now: 300, info }, ended(1, { kind: "closed", code: 1000, reason: "" }, 301)], base.m);
    expect(late.m).toBe(base.m);
    expect(late.effects).toEqual([]);
  });

  it("transient failures back off exponentially, capped, with the first retry fast", () => {
    expect(backoffDelay(P, 1, 0)).toBe(P.firstReconnectMs);
    expect(backoffDelay(P, 2, 0)).toBe(500);
    expect(backoffDelay(P, 3, 0)).toBe(1000);
    expect(backoffDelay(P, 4, 0)).toBe(2000);
    expect(backoffDelay(P, 30, 0)).toBe(P.maxDelayMs);
    // jitter only shortens, by up to 20 % (the one rule, core/backoff.ts): a cap is never exceeded
    expect(backoffDelay(P, 4, 0.5)).toBe(1800);
    expect(backoffDelay(P, 4, 1)).toBe(1600);
    expect(backoffDelay(P, 1, 1)).toBe(80);
    expect(backoffDelay(P, 30, 0.999)).toBeLessThanOrEqual(P.maxDelayMs);
  });
  it("while a person waits (a reply streaming, a message unconfirmed), the backoff is capped at waitingMaxDelayMs", () => {
    let m = reduceSession(initialSessionModel("t"), { type: "start", now: 0 }, P, 0).model;
    for (let i = 0; i < 12; i++) m = reduceSession(m, { type: "ended", generation: m.snapshot.generation, now: 1000 * i, failure: { kind: "network", errno: "ECONNREFUSED", message: "refused" }, canRetryWithDeviceToken: false, waiting: true }, P, 0).model;
    expect(m.snapshot.nextAttemptAt! - 11_000).toBe(P.waitingMaxDelayMs);
    const idle = reduceSession(m, { type: "ended", generation: m.snapshot.generation, now: 20_000, failure: { kind: "network", errno: "ECONNREFUSED", message: "refused" }, canRetryWithDeviceToken: false }, P, 0).model;
    const jitteredWait = reduceSession(m, { type: "ended", generation: m.snapshot.generation, now: 11_000, failure: { kind: "network", errno: "ECONNREFUSED", message: "refused" }, canRetryWithDeviceToken: false, waiting: true }, P, 0.999).model;
    expect(jitteredWait.snapshot.nextAttemptAt! - 11_000).toBeLessThanOrEqual(P.waitingMaxDelayMs);
    expect(idle.snapshot.nextAttemptAt! - 20_000).toBe(P.maxDelayMs);
    const { s, effects } = run([{ type: "start", now: 0 }, ended(1, { kind: "network", errno: "ECONNREFUSED", message: "" }, 1000)]);
    expect(s.phase).toBe("reconnecting");
    expect(s.attempt).toBe(1);
    expect(s.nextAttemptAt).toBe(1000 + P.firstReconnectMs);
    expect(effects).toEqual(["open#1", "close", "schedule"]);
  });

  it("a failure that needs a person stops reconnecting, with a fix hint", () => {
    const { s, effects } = run([{ type: "start", now: 0 }, ended(1, { kind: "auth-token-missing" })]);
    expect(s.phase).toBe("needs-attention");
    expect(s.nextAttemptAt).toBeNull();
    expect(s.attention?.reason).toBe("auth-token-missing");
    expect(s.attention?.fixHint).toMatch(/paste/i);
    expect(effects).toEqual(["open#1", "cancel-schedule", "close"]);
    // Later closes don't restart anything; only a person's retry does.
    expect(run([ended(1, { kind: "closed", code: 1008, reason: "" })], run([{ type: "start", now: 0 }, ended(1, { kind: "auth-token-missing" })]).m).effects).toEqual([]);
    expect(run([{ type: "retry-now", now: 5000 }], run([{ type: "start", now: 0 }, ended(1, { kind: "auth-token-missing" })]).m).s.phase).toBe("connecting");
  });

  it("token mismatch with a stored device token on a trusted endpoint: exactly one fast device-token retry", () => {
    const first = run([{ type: "start", now: 0 }, ended(1, { kind: "auth-token-mismatch" }, 1000, true)]);
    expect(first.s.phase).toBe("reconnecting");
    expect(first.s.nextAttemptAt).toBe(1000 + P.deviceTokenRetryMs);
    const second = run([{ type: "attempt-due", now: 1200 }], first.m);
    expect(second.effects).toEqual(["open#2+retry"]);
    // The retry also failed with a token mismatch: no second retry, a person is needed.
    const third = run([ended(2, { kind: "auth-token-mismatch" }, 1300, true)], second.m);
    expect(third.s.phase).toBe("needs-attention");
  });

  it("device token mismatch clears the stored device token and stops", () => {
    const { s, effects } = run([{ type: "start", now: 0 }, ended(1, { kind: "auth-device-token-mismatch" })]);
    expect(s.phase).toBe("needs-attention");
    expect(effects).toContain("clear-device-token");
  });

  it("pairing required: pending request with approve command, quiet polling, slower after the 5-minute window", () => {
    const f: GatewayFailure = { kind: "pairing-required", requestId: "req-1", reason: "not-paired", approveCommand: "openclaw devices approve req-1", remediationHint: null };
    const a = run([{ type: "start", now: 0 }, ended(1, f, 1000)]);
    expect(a.s.phase).toBe("pairing-required");
    expect(a.s.pairing).toEqual({ requestId: "req-1", reason: "not-paired", approveCommand: "openclaw devices approve req-1", since: 1000 });
    expect(a.s.nextAttemptAt).toBe(1000 + P.pairingRetryMs);
    const b = run([{ type: "attempt-due", now: 4000 }], a.m);
    expect(b.s.phase).toBe("pairing-required"); // still shown as pending while the poll runs
    const late = run([ended(2, f, 1000 + P.pairingWindowMs + 1)], b.m);
    expect(late.s.pairing?.since).toBe(1000);
    expect(late.s.nextAttemptAt).toBe(1000 + P.pairingWindowMs + 1 + P.pairingSlowRetryMs);
    const approved = run([{ type: "attempt-due", now: 400_000 }, { type: "hello", generation: 3, now: 400_001, info }], late.m);
    expect(approved.s.phase).toBe("connected");
    expect(approved.s.pairing).toBeNull();
  });

  it("gateway starting (1013): retried after the hint, capped, and never a person-needed state", () => {
    const { s } = run([{ type: "start", now: 0 }, ended(1, { kind: "gateway-starting", retryAfterMs: 500 }, 1000)]);
    expect(s.phase).toBe("reconnecting");
    expect(s.nextAttemptAt).toBe(1000 + P.startingRetryMaxMs);
  });

  it("gateway starting after a shutdown notice: the restart cadence wins over the starting hint", () => {
    const a = run([{ type: "start", now: 0 }, { type: "hello", generation: 1, now: 10, info }, ended(1, { kind: "shutdown", restartExpectedMs: null }, 100)]);
    const due = run([{ type: "attempt-due", now: 200 }], a.m);
    const starting = run([ended(2, { kind: "gateway-starting", retryAfterMs: 500 }, 300)], due.m);
    expect(starting.s.nextAttemptAt).toBe(300 + P.restartRetryMs);
  });

  it("after a shutdown notice, retries stay fast while the restart is expected", () => {
    const a = run([{ type: "start", now: 0 }, { type: "hello", generation: 1, now: 10, info }, { type: "shutdown-notice", generation: 1, now: 100, restartExpectedMs: null }, ended(1, { kind: "shutdown", restartExpectedMs: null }, 110)]);
    expect(a.s.phase).toBe("reconnecting");
    expect(a.s.failure?.kind).toBe("shutdown");
    let m = a.m;
    let now = 110;
    const delays: number[] = [];
    // Ten refused attempts later it is still polling at the fast cadence, not backing off.
    for (let i = 0; i < 10; i++) {
      now = m.snapshot.nextAttemptAt!;
      const due = reduceSession(m, { type: "attempt-due", now }, P, 0.5).model;
      now += 5;
      m = reduceSession(due, ended(due.snapshot.generation, { kind: "network", errno: "ECONNREFUSED", message: "" }, now), P, 0.5).model;
      delays.push(m.snapshot.nextAttemptAt! - now);
    }
    expect(delays).toEqual(Array(10).fill(P.restartRetryMs));
    // Once the expected-restart window has passed, normal backoff resumes.
    const due = reduceSession(m, { type: "attempt-due", now: now + P.restartWindowMs }, P, 0.5).model;
    const after = reduceSession(due, ended(due.snapshot.generation, { kind: "network", errno: "ECONNREFUSED", message: "" }, now + P.restartWindowMs + 1), P, 0.5).model;
    expect(after.snapshot.nextAttemptAt! - (now + P.restartWindowMs + 1)).toBeGreaterThan(P.restartRetryMs);
  });

  it("stop closes everything and ignores what comes after", () => {
    const a = run([{ type: "start", now: 0 }, { type: "hello", generation: 1, now: 1, info }, { type: "stop" }]);
    expect(a.s.phase).toBe("stopped");
    expect(a.effects).toEqual(["open#1", "cancel-schedule", "close"]);
    const b = run([ended(1, { kind: "closed", code: 1000, reason: "" }), { type: "attempt-due", now: 5 }, { type: "retry-now", now: 6 }], a.m);
    expect(b.m).toBe(a.m);
  });

  it("snapshots are immutable values: a transition never mutates the previous one", () => {
    const a = run([{ type: "start", now: 0 }]);
    const frozen = JSON.stringify(a.s);
    run([ended(1, { kind: "network", errno: null, message: "x" }, 10)], a.m);
    expect(JSON.stringify(a.s)).toBe(frozen);
  });
});
