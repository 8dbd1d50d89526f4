// Transition table for the gateway session reducer, in the style of the OpenClaw Windows companion's
// ConnectionStateMachineTests: every phase × every event type → the next phase, or "ignored" (the very
// same model comes back and no effects). Events carry the current generation; a replaced attempt's late
// events, and the failure kinds other than a plain network loss, are covered in session-state.test.ts.
import type { Attention } from "../../../src-shared/attention.js";
import { describe, expect, it } from "vitest";
import type { ConnectedInfo, SessionPhase } from "../../../src-shared/gateway-session.js";
import { initialSessionModel, reduceSession, type SessionEvent, type SessionModel } from "./session-state.js";

const attention: Attention = { reason: "network", message: "m", fixHint: "h" };
// A model in each phase as the reducer leaves it: reconnecting and pairing-required have an attempt due.
const model = (phase: SessionPhase): SessionModel => {
  const m = initialSessionModel("Home");
  const waiting = phase === "reconnecting" || phase === "pairing-required";
  return {
    ...m,
    snapshot: {
      ...m.snapshot,
      phase,
      generation: phase === "idle" ? 0 : 1,
      attempt: waiting ? 1 : 0,
      nextAttemptAt: waiting ? 900 : null,
      attention: phase === "needs-attention" || waiting ? attention : null,
    },
  };
};

const info: ConnectedInfo = { serverVersion: "1", protocol: 3, connId: "c", authMethod: "token", authSource: "test", role: "operator", scopes: [], connectedAt: 10 };
const events: Record<SessionEvent["type"], (g: number) => SessionEvent> = {
  start: () => ({ type: "start", now: 10 }),
  stop: () => ({ type: "stop" }),
  "retry-now": () => ({ type: "retry-now", now: 10 }),
  "attempt-due": () => ({ type: "attempt-due", now: 10 }),
  hello: (g) => ({ type: "hello", generation: g, now: 10, info }),
  "shutdown-notice": (g) => ({ type: "shutdown-notice", generation: g, now: 10, restartExpectedMs: 1000 }),
  // No restart is expected in these models, so a release changes nothing (restart rows: session-state.test.ts).
  "gateway-back": () => ({ type: "gateway-back", now: 10 }),
  ended: (g) => ({ type: "ended", generation: g, now: 10, failure: { kind: "network", errno: "ECONNRESET", message: "reset" }, canRetryWithDeviceToken: false }),
};

type Next = SessionPhase | "ignored";
// Columns: start, stop, retry-now, attempt-due, hello, shutdown-notice, gateway-back, ended (network)
const table: Record<SessionPhase, Next[]> = {
  idle: ["connecting", "stopped", "ignored", "ignored", "connected", "idle", "ignored", "ignored"],
  connecting: ["ignored", "stopped", "connecting", "ignored", "connected", "connecting", "ignored", "reconnecting"],
  connected: ["ignored", "stopped", "connecting", "ignored", "connected", "connected", "ignored", "reconnecting"],
  "pairing-required": ["ignored", "stopped", "pairing-required", "pairing-required", "connected", "pairing-required", "ignored", "reconnecting"],
  reconnecting: ["ignored", "stopped", "connecting", "connecting", "connected", "reconnecting", "ignored", "reconnecting"],
  "needs-attention": ["ignored", "stopped", "connecting", "ignored", "connected", "needs-attention", "ignored", "ignored"],
  stopped: ["connecting", "ignored", "ignored", "ignored", "ignored", "stopped", "ignored", "ignored"],
};

const eventTypes = Object.keys(events) as SessionEvent["type"][];
const rows = (Object.keys(table) as SessionPhase[]).flatMap((phase) => eventTypes.map((event, i) => ({ phase, event, expected: table[phase][i]! })));

describe("session transition table (phase × event → next phase)", () => {
  it("covers every phase and every event type", () => {
    expect(rows).toHaveLength(7 * 8);
  });

  it.each(rows)("$phase + $event → $expected", ({ phase, event, expected }) => {
    const m = model(phase);
    const t = reduceSession(m, events[event](m.snapshot.generation));
    const ignored = t.model === m && t.effects.length === 0;
    expect(ignored ? "ignored" : t.model.snapshot.phase).toBe(expected);
  });
});
