// Transition table for the tunnel reducer, in the style of the OpenClaw Windows companion's
// ConnectionStateMachineTests: every phase × every event type → the next phase, or "ignored" (the very
// same snapshot comes back). Events carry the current generation; late events of a replaced attempt
// are covered in tunnel-state.test.ts.
import type { Attention } from "../../../src-shared/attention.js";
import { describe, expect, it } from "vitest";
import { initialSnapshot, reduceTunnel, type TunnelEvent, type TunnelPhase, type TunnelSnapshot } from "./tunnel-state.js";

const G = 1;
const attention: Attention = { reason: "ssh-link-lost", message: "m", fixHint: "h" };
const state = (phase: TunnelPhase): TunnelSnapshot =>
  Object.freeze({
    ...initialSnapshot({ preferredLocalPort: 18789, remotePort: 18789 }),
    phase,
    generation: phase === "idle" ? 0 : G,
    seq: 5,
    ...(phase === "reconnecting" ? { attempt: 1, nextAt: 900, attention } : {}),
    ...(phase === "needs-attention" ? { attention } : {}),
  });

const events: Record<TunnelEvent["type"], (g: number) => TunnelEvent> = {
  start: () => ({ type: "start", now: 10 }),
  listening: () => ({ type: "listening", port: 18790, fallback: true }),
  dial: (g) => ({ type: "dial", generation: g, hop: "gw", now: 10 }),
  "verifying-host": (g) => ({ type: "verifying-host", generation: g, hop: "gw", now: 10 }),
  authenticating: (g) => ({ type: "authenticating", generation: g, hop: "gw", now: 10 }),
  ready: (g) => ({ type: "ready", generation: g, auth: null, now: 10 }),
  "remote-checked": (g) => ({ type: "remote-checked", generation: g, listening: true, warning: null }),
  lost: (g) => ({ type: "lost", generation: g, attention, delayMs: 500, now: 10 }),
  fatal: (g) => ({ type: "fatal", generation: g, attention, now: 10 }),
  retry: (g) => ({ type: "retry", generation: g, now: 10 }),
  "reconnect-now": () => ({ type: "reconnect-now", now: 10 }),
  stop: () => ({ type: "stop", now: 10 }),
};

type Next = TunnelPhase | "ignored";
// Columns: start, listening, dial, verifying-host, authenticating, ready, remote-checked, lost, fatal, retry, reconnect-now, stop
const table: Record<TunnelPhase, Next[]> = {
  idle: ["connecting", "idle", "ignored", "ignored", "ignored", "ignored", "ignored", "ignored", "ignored", "ignored", "ignored", "stopped"],
  connecting: ["ignored", "connecting", "connecting", "verifying-host", "authenticating", "forwarding", "ignored", "reconnecting", "needs-attention", "ignored", "connecting", "stopped"],
  "verifying-host": ["ignored", "verifying-host", "connecting", "verifying-host", "authenticating", "forwarding", "ignored", "reconnecting", "needs-attention", "ignored", "connecting", "stopped"],
  authenticating: ["ignored", "authenticating", "connecting", "verifying-host", "authenticating", "forwarding", "ignored", "reconnecting", "needs-attention", "ignored", "connecting", "stopped"],
  forwarding: ["ignored", "forwarding", "connecting", "verifying-host", "authenticating", "forwarding", "forwarding", "reconnecting", "needs-attention", "ignored", "connecting", "stopped"],
  reconnecting: ["ignored", "reconnecting", "ignored", "ignored", "ignored", "ignored", "ignored", "ignored", "needs-attention", "connecting", "connecting", "stopped"],
  "needs-attention": ["connecting", "needs-attention", "ignored", "ignored", "ignored", "ignored", "ignored", "ignored", "ignored", "ignored", "ignored", "stopped"],
  stopped: ["ignored", "ignored", "ignored", "ignored", "ignored", "ignored", "ignored", "ignored", "ignored", "ignored", "ignored", "ignored"],
};

const eventTypes = Object.keys(events) as TunnelEvent["type"][];
const rows = (Object.keys(table) as TunnelPhase[]).flatMap((phase) => eventTypes.map((event, i) => ({ phase, event, expected: table[phase][i]! })));

describe("tunnel transition table (phase × event → next phase)", () => {
  it("covers every phase and every event type", () => {
    expect(rows).toHaveLength(8 * 12);
  });

  it.each(rows)("$phase + $event → $expected", ({ phase, event, expected }) => {
    const s = state(phase);
    const after = reduceTunnel(s, events[event](s.generation));
    expect(after === s ? "ignored" : after.phase).toBe(expected);
  });
});
