// "This machine" with no gateway (issue 12's first run): the reducer stops counting attempts after the
// first refused connect, shows waiting-for-gateway with the same no-local-gateway words, and starts from
// the top when the quiet port watch reports an answer — only the answer of the wait it is in.
import { describe, expect, it } from "vitest";
import type { SessionSnapshot } from "../../../src-shared/gateway-session.js";
import { initialConnectionModel, reduceConnection, type ConnectionEffect, type ConnectionEvent, type ConnectionModel } from "./connection-state.js";

const session = (phase: SessionSnapshot["phase"], extra: Partial<SessionSnapshot> = {}): SessionSnapshot => ({
  phase, generation: 1, attempt: phase === "reconnecting" ? 1 : 0, nextAttemptAt: phase === "reconnecting" ? 900 : null, failure: null, attention: null, pairing: null,
  connected: phase === "connected" ? { serverVersion: "2026.9.1", protocol: 4, connId: "c1", authMethod: "token", authSource: "test", role: "operator", scopes: [], connectedAt: 0 } : null,
  ...extra,
});
const refused = (attempt = 1): ConnectionEvent => ({ type: "session", snapshot: session("reconnecting", { attempt, failure: { kind: "network", errno: "ECONNREFUSED", message: "refused" } }), now: 3 });
const start: ConnectionEvent[] = [{ type: "start", now: 1 }, { type: "plan-ready", url: "ws://127.0.0.1:18789", now: 2 }];

function run(events: ConnectionEvent[], m: ConnectionModel = initialConnectionModel("local", "This machine", "local", 0, "start it with `openclaw gateway`")) {
  const effects: ConnectionEffect[] = [];
  for (const e of events) {
    const t = reduceConnection(m, e);
    m = t.model;
    effects.push(...t.effects);
  }
  return { m, s: m.snapshot, effects };
}

describe("local: no gateway on this machine", () => {
  it("the first refused connect becomes waiting-for-gateway, not reconnecting", () => {
    expect(run([...start, refused()]).s.state).toBe("waiting-for-gateway");
  });

  it("waiting counts no attempts and schedules nothing", () => {
    const { s } = run([...start, refused(1)]);
    expect({ attempt: s.attempt, nextAttemptAt: s.nextAttemptAt }).toEqual({ attempt: 0, nextAttemptAt: null });
  });

  it("waiting says why with the no-local-gateway words and the start hint", () => {
    expect(run([...start, refused()]).s.attention).toEqual({
      reason: "no-local-gateway",
      message: "No gateway is running on this machine (nothing answers at ws://127.0.0.1:18789).",
      fixHint: "start it with `openclaw gateway`",
    });
  });

  it("asks the supervisor once to drop the session and watch the port (wait number 1)", () => {
    expect(run([...start, refused()]).effects.slice(1)).toEqual([{ type: "await-local", url: "ws://127.0.0.1:18789", gen: 1 }]);
  });

  it("the watch's answer starts from the top at once (replan), no backoff", () => {
    const r = run([...start, refused(), { type: "local-answered", gen: 1, now: 4 }]);
    expect({ state: r.s.state, last: r.effects.at(-1) }).toEqual({ state: "connecting", last: { type: "replan" } });
  });

  it("an answer from an earlier wait (stopped and started since) is ignored", () => {
    const first = run([...start, refused()]).m;
    const again = run([{ type: "stop", now: 5 }, ...start, refused()], first);
    const stale = reduceConnection(again.m, { type: "local-answered", gen: 1, now: 6 });
    expect({ state: stale.model.snapshot.state, effects: stale.effects, gen: again.m.waitGen }).toEqual({ state: "waiting-for-gateway", effects: [], gen: 2 });
  });

  it("a gateway that stops while connected is waited for the same way", () => {
    const r = run([...start, { type: "session", snapshot: session("connected"), now: 3 }, refused(2)]);
    expect({ state: r.s.state, last: r.effects.at(-1)?.type }).toEqual({ state: "waiting-for-gateway", last: "await-local" });
  });

  it("a connection reset (something answered, then dropped) is a reconnect, not a wait", () => {
    const r = run([...start, { type: "session", snapshot: session("reconnecting", { failure: { kind: "network", errno: "ECONNRESET", message: "reset" } }), now: 3 }]);
    expect(r.s.state).toBe("reconnecting");
  });

  it("a remote (direct) gateway that refuses keeps reconnecting: only this machine waits", () => {
    const r = run([{ type: "start", now: 1 }, { type: "plan-ready", url: "ws://10.0.0.5:18789", now: 2 }, refused()], initialConnectionModel("gw", "Gw", "direct"));
    expect(r.s.state).toBe("reconnecting");
  });
});
