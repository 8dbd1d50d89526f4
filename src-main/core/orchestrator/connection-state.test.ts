import type { Attention } from "../../../src-shared/attention.js";
import { describe, expect, it } from "vitest";
import type { SessionSnapshot } from "../../../src-shared/gateway-session.js";
import type { TunnelSnapshot } from "../transport/tunnel-state.js";
import { initialConnectionModel, reduceConnection, type ConnectionEvent, type ConnectionModel } from "./connection-state.js";

const tunnel = (phase: TunnelSnapshot["phase"], extra: Partial<TunnelSnapshot> = {}): TunnelSnapshot => ({
  phase, generation: 1, seq: 1, since: 0, localPort: 18789, preferredLocalPort: 18789, portFallback: false, remotePort: 18789, hop: null,
  attempt: 0, nextAt: null, authMethod: null, attention: null, remoteListening: null, remoteWarning: null, ...extra,
});
const session = (phase: SessionSnapshot["phase"], extra: Partial<SessionSnapshot> = {}): SessionSnapshot => ({
  phase, generation: 1, attempt: 0, nextAttemptAt: null, failure: null, attention: null, pairing: null,
  // What the session reducer always records on hello (the connection snapshot carries it on).
  connected: phase === "connected" ? { serverVersion: "2026.9.1", protocol: 4, connId: "c1", authMethod: "token", authSource: "test", role: "operator", scopes: [], connectedAt: 0 } : null,
  ...extra,
});

function run(kind: ConnectionModel["kind"], events: ConnectionEvent[]) {
  let m = initialConnectionModel("home", "Home", kind);
  const effects: string[] = [];
  const states: string[] = [];
  for (const e of events) {
    const t = reduceConnection(m, e);
    if (t.model.snapshot !== m.snapshot) states.push(t.model.snapshot.state);
    m = t.model;
    effects.push(...t.effects.map((x) => x.type + ("url" in x ? ` ${x.url}` : "")));
  }
  return { m, s: m.snapshot, effects, states };
}

describe("connection reducer (transport + session → one state)", () => {
  it("ssh: tunnel steps, then the session starts on the forwarded local port and takes over", () => {
    const r = run("ssh", [
      { type: "start", now: 1 },
      { type: "tunnel", snapshot: tunnel("connecting"), now: 2 },
      { type: "tunnel", snapshot: tunnel("verifying-host"), now: 3 },
      { type: "tunnel", snapshot: tunnel("authenticating"), now: 4 },
      { type: "tunnel", snapshot: tunnel("forwarding", { localPort: 18790, portFallback: true, authMethod: { method: "publickey", detail: "~/.ssh/id_ed25519" } }), now: 5 },
      { type: "session", snapshot: session("connecting"), now: 6 },
      { type: "session", snapshot: session("connected"), now: 7 },
    ]);
    expect(r.states).toEqual(["ssh-connecting", "ssh-connecting", "verifying-host", "authenticating", "connecting", "handshaking", "connected"]);
    expect(r.effects).toEqual(["start-session ws://127.0.0.1:18790"]);
    expect(r.s.localPort).toBe(18790);
    expect(r.s.portFallback).toBe(true);
    expect(r.s.sshAuth).toBe("publickey (~/.ssh/id_ed25519)");
  });

  it("ssh: the transport decides while it is down; when it forwards again the session is kicked at once", () => {
    const up = run("ssh", [
      { type: "start", now: 1 },
      { type: "tunnel", snapshot: tunnel("forwarding"), now: 2 },
      { type: "session", snapshot: session("connected"), now: 3 },
    ]).m;
    const steps: ConnectionEvent[] = [
      { type: "tunnel", snapshot: tunnel("reconnecting", { attempt: 2, nextAt: 900, attention: { reason: "ssh-link-lost", message: "m", fixHint: "h" } }), now: 4 },
      { type: "session", snapshot: session("reconnecting", { failure: { kind: "network", errno: null, message: "" } }), now: 5 },
      { type: "tunnel", snapshot: tunnel("forwarding"), now: 6 },
    ];
    let m = up;
    const seen: string[] = [];
    const effects: string[] = [];
    for (const e of steps) {
      const t = reduceConnection(m, e);
      m = t.model;
      seen.push(m.snapshot.state);
      effects.push(...t.effects.map((x) => x.type));
    }
    expect(seen[0]).toBe("reconnecting");
    expect(m.snapshot.state).toBe("reconnecting"); // the session still has to come back
    expect(effects).toEqual(["kick-session"]);
  });

  it("ssh: when the session's socket dies while the tunnel still says forwarding, the tunnel is asked to check its link", () => {
    const r = run("ssh", [
      { type: "start", now: 1 },
      { type: "tunnel", snapshot: tunnel("forwarding"), now: 2 },
      { type: "session", snapshot: session("connected"), now: 3 },
      { type: "session", snapshot: session("reconnecting", { failure: { kind: "timeout", message: "tick" } }), now: 4 },
    ]);
    expect(r.effects).toEqual(["start-session ws://127.0.0.1:18789", "link-suspect"]);
  });

  it("needs-attention comes from the layer that failed, with its fix hint", () => {
    const t = run("ssh", [{ type: "start", now: 1 }, { type: "tunnel", snapshot: tunnel("needs-attention", { attention: { reason: "host-key-changed", message: "changed", fixHint: "check" } }), now: 2 }]);
    expect(t.s).toMatchObject({ state: "needs-attention", layer: "transport", attention: { reason: "host-key-changed" } });
    const g = run("direct", [
      { type: "start", now: 1 },
      { type: "plan-ready", url: "wss://gw:443", now: 2 },
      { type: "session", snapshot: session("needs-attention", { attention: { reason: "auth-token-missing", message: "m", fixHint: "paste" } }), now: 3 },
    ]);
    expect(g.s).toMatchObject({ state: "needs-attention", layer: "gateway", url: "wss://gw:443" });
    const p = run("direct", [{ type: "start", now: 1 }, { type: "plan-failed", attention: { reason: "plaintext-refused", message: "m", fixHint: "h" }, now: 2 }]);
    expect(p.s).toMatchObject({ state: "needs-attention", layer: "transport", attention: { reason: "plaintext-refused" }, tlsChange: null });
    expect(p.effects).toEqual([]);
    const changed = { previous: "aa".repeat(32), observed: "bb".repeat(32) };
    const c = run("direct", [{ type: "start", now: 1 }, { type: "plan-failed", attention: { reason: "tls-cert-changed", message: "m", fixHint: "h" }, tlsChange: changed, now: 2 }]);
    expect(c.s.tlsChange).toEqual(changed);
  });

  it("direct: plan first, then the session; pairing-required carries the approve command", () => {
    const r = run("direct", [
      { type: "start", now: 1 },
      { type: "plan-started", now: 2 },
      { type: "plan-ready", url: "ws://10.0.0.5:18789", now: 3 },
      { type: "session", snapshot: session("pairing-required", { pairing: { requestId: "r1", reason: "not-paired", approveCommand: "openclaw devices approve r1", since: 3 } }), now: 4 },
    ]);
    expect(r.states).toEqual(["connecting", "connecting", "connecting", "pairing-required"]);
    expect(r.effects).toEqual(["start-session ws://10.0.0.5:18789"]);
    expect(r.s.pairing?.approveCommand).toBe("openclaw devices approve r1");
  });

  it("local: a refused connection says no gateway is running on this machine, with the start hint", () => {
    let m = initialConnectionModel("local", "This machine", "local", 0, "start it with `openclaw gateway`");
    for (const e of [
      { type: "start", now: 1 },
      { type: "plan-ready", url: "ws://127.0.0.1:18789", now: 2 },
      { type: "session", snapshot: session("reconnecting", { failure: { kind: "network", errno: "ECONNREFUSED", message: "" }, attention: { reason: "network", message: "m", fixHint: "h" } }), now: 3 },
    ] as ConnectionEvent[]) m = reduceConnection(m, e).model;
    expect(m.snapshot.attention).toEqual({ reason: "no-local-gateway", message: "No gateway is running on this machine (nothing answers at ws://127.0.0.1:18789).", fixHint: "start it with `openclaw gateway`" });
  });

  it("stop: stopped, and nothing restarts the session afterwards; seq grows with every snapshot", () => {
    const r = run("ssh", [
      { type: "start", now: 1 },
      { type: "tunnel", snapshot: tunnel("forwarding"), now: 2 },
      { type: "stop", now: 3 },
      { type: "tunnel", snapshot: tunnel("forwarding", { generation: 2 }), now: 4 },
    ]);
    expect(r.s.state).toBe("stopped");
    expect(r.effects).toEqual(["start-session ws://127.0.0.1:18789"]);
    expect(r.s.seq).toBe(4);
  });

  it("direct: the session refused by the pin re-plans once (a renewal is decided from a fresh probe), then the next refusal stands", () => {
    const pinRefused = session("needs-attention", { failure: { kind: "tls-pin-mismatch", message: "gateway tls fingerprint mismatch" }, attention: { reason: "tls-pin-mismatch", message: "m", fixHint: "h" } });
    const r = run("direct", [
      { type: "start", now: 1 },
      { type: "plan-ready", url: "wss://gw:443", now: 2 },
      { type: "session", snapshot: session("connected"), now: 3 },
      { type: "session", snapshot: pinRefused, now: 4 },
      { type: "plan-ready", url: "wss://gw:443", now: 5 },
      { type: "session", snapshot: pinRefused, now: 6 },
    ]);
    expect(r.effects).toEqual(["start-session wss://gw:443", "replan", "start-session wss://gw:443"]);
    expect(r.states).toEqual(["connecting", "connecting", "connected", "connecting", "connecting", "needs-attention"]);
    expect(r.s.attention?.reason).toBe("tls-pin-mismatch");
  });

  it("ssh: a pin refusal is not re-planned (a tunnel has no certificate plan)", () => {
    const r = run("ssh", [
      { type: "start", now: 1 },
      { type: "tunnel", snapshot: tunnel("forwarding"), now: 2 },
      { type: "session", snapshot: session("needs-attention", { failure: { kind: "tls-pin-mismatch", message: "x" } }), now: 3 },
    ]);
    expect(r.effects).toEqual(["start-session ws://127.0.0.1:18789"]);
  });

  it("ssh: a forward refused before any tunnel exists (a reserved local port) shows its attention, not ssh-connecting", () => {
    const attention: Attention = { reason: "local-port-reserved", message: "ssh.localPort 18789 is …", fixHint: "Remove ssh.localPort …" };
    const r = run("ssh", [{ type: "start", now: 1 }, { type: "plan-failed", attention, now: 2 }]);
    expect(r.states).toEqual(["ssh-connecting", "needs-attention"]);
    expect(r.s.attention).toEqual(attention);
    expect(r.effects).toEqual([]);
  });

  it("local: a session dropped because the listener is not this machine's gateway is replaced by the next plan's session", () => {
    const attention: Attention = { reason: "local-port-not-gateway", message: "127.0.0.1:18789 is Clawlink's tunnel to Home, not a gateway on this machine.", fixHint: "…" };
    const r = run("local", [
      { type: "start", now: 1 },
      { type: "plan-ready", url: "ws://127.0.0.1:18789", now: 2 },
      { type: "session-dropped", now: 3 },
      { type: "plan-failed", attention, now: 4 },
      { type: "plan-started", now: 5 },
      { type: "plan-ready", url: "ws://127.0.0.1:18789", now: 6 },
    ]);
    expect(r.effects).toEqual(["start-session ws://127.0.0.1:18789", "start-session ws://127.0.0.1:18789"]);
    expect(r.states).toEqual(["connecting", "connecting", "needs-attention", "connecting", "connecting"]);
  });
});

// The supervisor dispatches plan-failed (reason "device-identity") when session.start() throws; for SSH
// that happens after the tunnel forwards and the start-session effect ran.
describe("a device-identity failure from session.start() shows needs-attention", () => {
  const attention: Attention = { reason: "device-identity", message: "the device identity file is unreadable", fixHint: "Delete the damaged identity file." };

  it("ssh: with the tunnel forwarding, the state is needs-attention with the failure's reason and hint", () => {
    const r = run("ssh", [
      { type: "start", now: 1 },
      { type: "tunnel", snapshot: tunnel("forwarding"), now: 2 },
      { type: "plan-failed", attention, now: 3 },
    ]);
    expect(r.effects).toEqual(["start-session ws://127.0.0.1:18789"]);
    expect({ state: r.s.state, reason: r.s.attention?.reason, fixHint: r.s.attention?.fixHint }).toEqual({ state: "needs-attention", reason: "device-identity", fixHint: "Delete the damaged identity file." });
  });

  it("direct: after plan-ready started the session, the state is needs-attention with the failure's reason and hint", () => {
    const r = run("direct", [
      { type: "start", now: 1 },
      { type: "plan-ready", url: "wss://gw.example:443", now: 2 },
      { type: "plan-failed", attention, now: 3 },
    ]);
    expect(r.effects).toEqual(["start-session wss://gw.example:443"]);
    expect({ state: r.s.state, reason: r.s.attention?.reason, fixHint: r.s.attention?.fixHint }).toEqual({ state: "needs-attention", reason: "device-identity", fixHint: "Delete the damaged identity file." });
  });
});
