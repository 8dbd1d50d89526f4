// Transition table for the connection reducer, in the style of the OpenClaw Windows companion's
// ConnectionStateMachineTests: every overall state × every event type → the next overall state and the
// effects asked for, or "ignored" (every model field the same object and no effects). Each state is
// reached by the events the supervisor really sends; each event type has one representative payload
// (tunnel: the link drops; session: hello arrived). Other payloads are covered in connection-state.test.ts.
import type { Attention } from "../../../src-shared/attention.js";
import { describe, expect, it } from "vitest";
import type { OverallState } from "../../../src-shared/connection.js";
import type { SessionSnapshot } from "../../../src-shared/gateway-session.js";
import type { TunnelSnapshot } from "../transport/tunnel-state.js";
import { initialConnectionModel, reduceConnection, type ConnectionEvent, type ConnectionModel } from "./connection-state.js";

const attention: Attention = { reason: "device-identity", message: "m", fixHint: "h" };
const tunnel = (phase: TunnelSnapshot["phase"]): TunnelSnapshot => ({
  phase, generation: 1, seq: 1, since: 0, localPort: 18790, preferredLocalPort: 18790, portFallback: false, remotePort: 18789, hop: null,
  attempt: phase === "reconnecting" ? 1 : 0, nextAt: phase === "reconnecting" ? 900 : null, authMethod: null,
  attention: phase === "reconnecting" || phase === "needs-attention" ? { reason: "ssh-link-lost", message: "m", fixHint: "h" } : null,
  remoteListening: null, remoteWarning: null,
});
const session = (phase: SessionSnapshot["phase"]): SessionSnapshot => ({
  phase, generation: 1, attempt: phase === "reconnecting" ? 1 : 0, nextAttemptAt: phase === "reconnecting" ? 900 : null,
  failure: phase === "reconnecting" ? { kind: "network", errno: "ECONNRESET", message: "reset" } : null,
  attention: null,
  // What the session reducer always records in these phases (the connection snapshot carries it on).
  pairing: phase === "pairing-required" ? { requestId: "r1", reason: "not-paired", approveCommand: "openclaw devices approve r1", since: 0 } : null,
  connected: phase === "connected" ? { serverVersion: "2026.9.1", protocol: 4, connId: "c1", authMethod: "token", authSource: "test", role: "operator", scopes: [], connectedAt: 0 } : null,
});

const on = { type: "start", now: 1 } as const;
const fwd = { type: "tunnel", snapshot: tunnel("forwarding"), now: 2 } as const;
const ses = (phase: SessionSnapshot["phase"]) => ({ type: "session", snapshot: session(phase), now: 3 }) as const;
const ready = { type: "plan-ready", url: "wss://gw.example", now: 2 } as const;
const readyLocal = { type: "plan-ready", url: "ws://127.0.0.1:18789", now: 2 } as const;
// Nothing listens on this machine's gateway port: the session's connect was refused.
const refused = { type: "session", snapshot: { ...session("reconnecting"), failure: { kind: "network", errno: "ECONNREFUSED", message: "refused" } }, now: 3 } as const;

// How each state is reached, per kind (SSH shows the transport steps; direct has no tunnel).
type Kind = "ssh" | "direct" | "local";
const reach: Record<Kind, Partial<Record<OverallState, ConnectionEvent[]>>> = {
  ssh: {
    idle: [],
    stopped: [on, fwd, { type: "stop", now: 3 }],
    "ssh-connecting": [on, { type: "tunnel", snapshot: tunnel("connecting"), now: 2 }],
    "verifying-host": [on, { type: "tunnel", snapshot: tunnel("verifying-host"), now: 2 }],
    authenticating: [on, { type: "tunnel", snapshot: tunnel("authenticating"), now: 2 }],
    connecting: [on, fwd],
    handshaking: [on, fwd, ses("connecting")],
    connected: [on, fwd, ses("connected")],
    "pairing-required": [on, fwd, ses("pairing-required")],
    "needs-attention": [on, { type: "tunnel", snapshot: tunnel("needs-attention"), now: 2 }],
    reconnecting: [on, fwd, ses("connected"), { type: "tunnel", snapshot: tunnel("reconnecting"), now: 4 }],
  },
  direct: {
    idle: [],
    stopped: [on, ready, ses("connected"), { type: "stop", now: 4 }],
    connecting: [on, { type: "plan-started", now: 2 }],
    handshaking: [on, ready, ses("connecting")],
    connected: [on, ready, ses("connected")],
    "pairing-required": [on, ready, ses("pairing-required")],
    "needs-attention": [on, { type: "plan-failed", attention, now: 2 }],
    reconnecting: [on, ready, ses("connected"), ses("reconnecting")],
  },
  // "This machine": only the states local mode adds or changes (issue 12: waiting instead of counting attempts).
  local: {
    idle: [],
    connecting: [on, { type: "plan-started", now: 2 }],
    connected: [on, readyLocal, ses("connected")],
    reconnecting: [on, readyLocal, ses("connected"), ses("reconnecting")],
    "waiting-for-gateway": [on, readyLocal, refused],
  },
};

const events: Record<ConnectionEvent["type"], ConnectionEvent> = {
  start: { type: "start", now: 10 },
  stop: { type: "stop", now: 10 },
  "plan-started": { type: "plan-started", now: 10 },
  "plan-ready": { type: "plan-ready", url: "wss://gw.example", now: 10 },
  "plan-failed": { type: "plan-failed", attention, now: 10 },
  tunnel: { type: "tunnel", snapshot: tunnel("reconnecting"), now: 10 },
  session: { type: "session", snapshot: session("connected"), now: 10 },
  "session-dropped": { type: "session-dropped", now: 10 },
  // The answer to the first wait (gen 1); a later wait's number is checked in connection-state.test.ts.
  "local-answered": { type: "local-answered", gen: 1, now: 10 },
  // The aux forwards (issue 13 §2) never change the state: a failed surface is degraded on its own.
  aux: { type: "aux", surfaces: [{ kind: "mcp-apps", label: "MCP Apps sandbox", remotePort: 18790, state: "degraded", localPort: 41001, url: "http://127.0.0.1:41001/", note: "down" }], now: 10 },
};

function build(kind: Kind, steps: ConnectionEvent[]): ConnectionModel {
  return steps.reduce((m, e) => reduceConnection(m, e).model, initialConnectionModel("home", "Home", kind, 0, kind === "local" ? "start it" : null));
}

function outcome(m: ConnectionModel, e: ConnectionEvent): string {
  const t = reduceConnection(m, e);
  const keys = Object.keys(m) as (keyof ConnectionModel)[];
  if (t.effects.length === 0 && keys.every((k) => t.model[k] === m[k])) return "ignored";
  return t.model.snapshot.state + (t.effects.length ? ` +${t.effects.map((x) => x.type).join(",")}` : "");
}

// Columns: start, stop, plan-started, plan-ready, plan-failed, tunnel (reconnecting), session (connected), session-dropped, local-answered, aux
const table: Record<Kind, Partial<Record<OverallState, string[]>>> = {
  ssh: {
    idle: ["ssh-connecting", "ignored", "idle", "idle", "idle", "stopped", "stopped", "ignored", "ignored", "idle"],
    stopped: ["ssh-connecting", "ignored", "stopped", "stopped", "stopped", "stopped", "stopped", "stopped", "ignored", "stopped"],
    "ssh-connecting": ["ignored", "stopped", "ssh-connecting", "ssh-connecting +start-session", "ssh-connecting", "reconnecting", "ssh-connecting", "ignored", "ignored", "ssh-connecting"],
    "verifying-host": ["ignored", "stopped", "verifying-host", "verifying-host +start-session", "verifying-host", "reconnecting", "verifying-host", "ignored", "ignored", "verifying-host"],
    authenticating: ["ignored", "stopped", "authenticating", "authenticating +start-session", "authenticating", "reconnecting", "authenticating", "ignored", "ignored", "authenticating"],
    connecting: ["ignored", "stopped", "connecting", "connecting", "needs-attention", "reconnecting", "connected", "connecting", "ignored", "connecting"],
    handshaking: ["ignored", "stopped", "handshaking", "handshaking", "needs-attention", "reconnecting", "connected", "connecting", "ignored", "handshaking"],
    connected: ["ignored", "stopped", "connected", "connected", "needs-attention", "reconnecting", "connected", "connecting", "ignored", "connected"],
    "pairing-required": ["ignored", "stopped", "pairing-required", "pairing-required", "needs-attention", "reconnecting", "connected", "connecting", "ignored", "pairing-required"],
    "needs-attention": ["ignored", "stopped", "needs-attention", "needs-attention +start-session", "needs-attention", "reconnecting", "needs-attention", "ignored", "ignored", "needs-attention"],
    reconnecting: ["ignored", "stopped", "reconnecting", "reconnecting", "reconnecting", "reconnecting", "reconnecting", "reconnecting", "ignored", "reconnecting"],
  },
  direct: {
    idle: ["connecting", "ignored", "idle", "idle", "idle", "stopped", "stopped", "ignored", "ignored", "idle"],
    stopped: ["connecting", "ignored", "stopped", "stopped", "stopped", "stopped", "stopped", "idle", "ignored", "stopped"],
    connecting: ["ignored", "idle", "connecting", "connecting +start-session", "needs-attention", "connecting", "connecting", "ignored", "ignored", "connecting"],
    handshaking: ["ignored", "stopped", "connecting", "handshaking", "needs-attention", "handshaking", "connected", "connecting", "ignored", "handshaking"],
    connected: ["ignored", "stopped", "connecting", "connected", "needs-attention", "connected", "connected", "connecting", "ignored", "connected"],
    "pairing-required": ["ignored", "stopped", "connecting", "pairing-required", "needs-attention", "pairing-required", "connected", "connecting", "ignored", "pairing-required"],
    "needs-attention": ["ignored", "idle", "connecting", "connecting +start-session", "needs-attention", "needs-attention", "needs-attention", "ignored", "ignored", "needs-attention"],
    reconnecting: ["ignored", "stopped", "connecting", "reconnecting", "needs-attention", "reconnecting", "connected", "connecting", "ignored", "reconnecting"],
  },
  local: {
    idle: ["connecting", "ignored", "idle", "idle", "idle", "stopped", "stopped", "ignored", "ignored", "idle"],
    connecting: ["ignored", "idle", "connecting", "connecting +start-session", "needs-attention", "connecting", "connecting", "ignored", "ignored", "connecting"],
    connected: ["ignored", "stopped", "connecting", "connected", "needs-attention", "connected", "connected", "connecting", "ignored", "connected"],
    reconnecting: ["ignored", "stopped", "connecting", "reconnecting", "needs-attention", "reconnecting", "connected", "connecting", "ignored", "reconnecting"],
    // Waiting: nothing but the port watch's answer (or a stop) moves it; a late plan or session event starts nothing.
    "waiting-for-gateway": ["ignored", "idle", "waiting-for-gateway", "waiting-for-gateway", "waiting-for-gateway", "waiting-for-gateway", "waiting-for-gateway", "ignored", "connecting +replan", "waiting-for-gateway"],
  },
};

const eventTypes = Object.keys(events) as ConnectionEvent["type"][];
const rows = (["ssh", "direct", "local"] as const).flatMap((kind) =>
  (Object.keys(reach[kind]) as OverallState[]).flatMap((state) => eventTypes.map((event, i) => ({ kind, state, event, expected: table[kind][state]?.[i] }))),
);

describe("connection transition table (overall state × event → next state +effects)", () => {
  it("each fixture really is in the state it is named for", () => {
    for (const kind of ["ssh", "direct", "local"] as const) {
      for (const [state, steps] of Object.entries(reach[kind])) expect(`${kind} ${build(kind, steps!).snapshot.state}`).toBe(`${kind} ${state}`);
    }
  });

  it("covers every overall state for ssh and every event type", () => {
    // Every state but waiting-for-gateway, which only "This machine" has.
    expect(Object.keys(reach.ssh)).toHaveLength(11);
    expect(rows).toHaveLength((11 + 8 + 5) * 10);
  });

  it.each(rows)("$kind $state + $event → $expected", ({ kind, state, event, expected }) => {
    expect(outcome(build(kind, reach[kind][state]!), events[event])).toBe(expected);
  });
});
