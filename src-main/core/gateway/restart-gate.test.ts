import { describe, expect, it } from "vitest";
import type { GatewayFailure } from "../../../src-shared/gateway-session.js";
import { RestartGate, RestartMembership } from "./restart-gate.js";
import { DEFAULT_RECONNECT_POLICY as P, initialSessionModel, reduceSession, type SessionEvent, type SessionModel } from "./session-state.js";

const info = { serverVersion: "1", protocol: 3, connId: "c", authMethod: "token", authSource: "t", role: "operator", scopes: [], connectedAt: 0 };
const refused: GatewayFailure = { kind: "network", errno: "ECONNREFUSED", message: "refused" };
const shutdown: GatewayFailure = { kind: "shutdown", restartExpectedMs: null };

/** A connected session that has just lost its connection to a restart notice, at t=1000. */
function restarting(follower: boolean, random = 0): SessionModel {
  let m = reduceSession(initialSessionModel("gw"), { type: "start", now: 0 }).model;
  m = reduceSession(m, { type: "hello", generation: 1, now: 10, info }).model;
  return reduceSession(m, { type: "ended", generation: 1, now: 1000, failure: shutdown, canRetryWithDeviceToken: false, follower }, P, random).model;
}

describe("restart poll cadence: prober vs follower (after a shutdown, t=1000)", () => {
  const rows: Array<{ who: string; follower: boolean; random: number; delay: number }> = [
    { who: "prober", follower: false, random: 0, delay: P.restartRetryMs },
    { who: "prober", follower: false, random: 0.99, delay: P.restartRetryMs },
    { who: "follower", follower: true, random: 0, delay: P.restartFollowMs },
    // jitter only shortens (core/backoff.ts): followers do not poll in lockstep with each other
    { who: "follower", follower: true, random: 1, delay: P.restartFollowMs * (1 - P.jitter) },
  ];
  it.each(rows)("$who, random $random → next attempt after $delay ms", ({ follower, random, delay }) => {
    expect(restarting(follower, random).snapshot.nextAttemptAt! - 1000).toBe(delay);
  });

  it("a follower's refused attempt within the window keeps the slow cadence, not the backoff", () => {
    const m = reduceSession(restarting(true), { type: "attempt-due", now: 3000 }).model;
    const next = reduceSession(m, { type: "ended", generation: m.snapshot.generation, now: 3005, failure: refused, canRetryWithDeviceToken: false, follower: true }, P, 0).model;
    expect(next.snapshot.nextAttemptAt! - 3005).toBe(P.restartFollowMs);
  });
});

describe("gateway-back (the prober got in): the follower tries within the release spread", () => {
  const rows: Array<{ name: string; model: () => SessionModel; random: number; at: number | "ignored" }> = [
    { name: "follower waiting, random 0", model: () => restarting(true), random: 0, at: 1500 },
    { name: "follower waiting, random 0.5", model: () => restarting(true), random: 0.5, at: 1500 + P.restartReleaseSpreadMs / 2 },
    // already due sooner than the spread would put it: left alone
    { name: "prober (due in 100 ms)", model: () => restarting(false), random: 0.9, at: "ignored" },
    { name: "connected", model: () => reduceSession(initialSessionModel("gw"), { type: "start", now: 0 }).model, random: 0, at: "ignored" },
    {
      name: "reconnecting without a restart",
      model: () => reduceSession(reduceSession(initialSessionModel("gw"), { type: "start", now: 0 }).model, { type: "ended", generation: 1, now: 1000, failure: refused, canRetryWithDeviceToken: false }).model,
      random: 0,
      at: "ignored",
    },
  ];
  it.each(rows)("$name → $at", ({ model, random, at }) => {
    const m = model();
    const t = reduceSession(m, { type: "gateway-back", now: 1500 }, P, random);
    if (at === "ignored") expect(t.model === m && t.effects.length === 0).toBe(true);
    else expect(t.effects).toEqual([{ type: "schedule", at }]);
  });
});

describe("RestartGate", () => {
  const member = () => {
    const m = { released: 0, release: () => void m.released++ };
    return m;
  };

  it("the first to join probes, the others follow, and a member keeps its role on rejoining", () => {
    const gate = new RestartGate();
    const [a, b, c] = [member(), member(), member()];
    expect([gate.join("g", a), gate.join("g", b), gate.join("g", c), gate.join("g", a), gate.join("other", b)]).toEqual(["probe", "follow", "follow", "probe", "probe"]);
  });

  it("the prober leaving releases every follower once and empties the group", () => {
    const gate = new RestartGate();
    const [a, b, c] = [member(), member(), member()];
    gate.join("g", a);
    gate.join("g", b);
    gate.join("g", c);
    gate.leave("g", b); // b got in on its own fallback poll: not released again
    gate.leave("g", a);
    expect([b.released, c.released, gate.size("g")]).toEqual([0, 1, 0]);
  });

  it("a follower leaving releases nobody", () => {
    const gate = new RestartGate();
    const [a, b, c] = [member(), member(), member()];
    gate.join("g", a);
    gate.join("g", b);
    gate.join("g", c);
    gate.leave("g", c);
    expect([b.released, gate.size("g")]).toEqual([0, 2]);
  });
});

// 25 sessions of one gateway through the reducer and the gate, on a simulated clock: the gateway is down
// from t=0 to t=6000 (a restart as benchmark 8 sees it), every attempt answers 5 ms later.
function simulate(grouped: boolean, upAt = 6000, n = 25) {
  const gate = new RestartGate();
  const sessions = Array.from({ length: n }, (_, i) => {
    const s = { m: restarting(false), gate: null as unknown as RestartMembership, attempts: 0, backAt: null as number | null, i };
    s.m = { ...s.m, snapshot: { ...s.m.snapshot, nextAttemptAt: null } };
    return s;
  });
  let now = 0;
  let seed = 1;
  const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  const pendingEnd = new Map<number, number>(); // session → when its open attempt answers
  const dispatch = (s: (typeof sessions)[number], e: SessionEvent) => {
    if (e.type === "ended") e = { ...e, follower: s.gate.follower(s.m, e.failure.kind, e.now) };
    const t = reduceSession(s.m, e, P, random());
    s.m = t.model;
    if (t.effects.some((x) => x.type === "open")) {
      s.attempts++;
      pendingEnd.set(s.i, now + 5);
    }
    s.gate.update(s.m);
  };
  for (const s of sessions) s.gate = new RestartMembership(grouped ? "gw" : undefined, () => dispatch(s, { type: "gateway-back", now }), gate);
  for (const s of sessions) dispatch(s, { type: "ended", generation: s.m.snapshot.generation, now: 0, failure: shutdown, canRetryWithDeviceToken: false });
  for (now = 0; now < 20_000 && sessions.some((s) => s.backAt === null); now++) {
    for (const s of sessions) {
      if (pendingEnd.get(s.i) === now) {
        pendingEnd.delete(s.i);
        const g = s.m.snapshot.generation;
        if (now >= upAt) s.backAt = now;
        if (now >= upAt) dispatch(s, { type: "hello", generation: g, now, info });
        else dispatch(s, { type: "ended", generation: g, now, failure: refused, canRetryWithDeviceToken: false });
      }
      if (s.m.snapshot.phase === "reconnecting" && s.m.snapshot.nextAttemptAt !== null && s.m.snapshot.nextAttemptAt <= now) dispatch(s, { type: "attempt-due", now });
    }
  }
  const total = sessions.reduce((a, s) => a + s.attempts, 0);
  const lastBack = Math.max(...sessions.map((s) => s.backAt ?? Infinity)) - upAt;
  const firstBack = Math.min(...sessions.map((s) => s.backAt ?? Infinity)) - upAt;
  return { total, lastBack, firstBack };
}

describe("25 sessions of one gateway through a 6 s restart (simulated clock)", () => {
  const ungrouped = simulate(false);
  const grouped = simulate(true);

  it("without a group every session polls every 100 ms (the herd benchmark 8 measured)", () => {
    expect(ungrouped.total).toBeGreaterThan(25 * 55);
  });

  it("with one group, attempts fall below a fifth of that", () => {
    expect(grouped.total).toBeLessThan(ungrouped.total / 5);
  });

  it("the first session is still back within one fast poll of the gateway being up", () => {
    expect(grouped.firstBack).toBeLessThanOrEqual(P.restartRetryMs + 5);
  });

  it("the last is back within the release spread after the first", () => {
    expect(grouped.lastBack - grouped.firstBack).toBeLessThanOrEqual(P.restartReleaseSpreadMs + 10);
  });
});
