// Table tests for route-failover.ts: which route next, when to fall over, when to return.
import { describe, expect, it } from "vitest";
import { initialFailover, reduceFailover, routeFailed, type FailoverEvent, type FailoverModel } from "./route-failover.js";

type StateEvent = Extract<FailoverEvent, { type: "state" }>;
const st = (state: StateEvent["state"], reason: string | null = null): FailoverEvent => ({ type: "state", state, reason: reason as StateEvent["reason"] });

/** Runs events from a fresh 2- or 3-route model; returns the model and every effect type in order. */
function run(count: number, events: FailoverEvent[], from: FailoverModel = initialFailover(count)) {
  let m = from;
  const effects: string[] = [];
  for (const e of events) {
    const t = reduceFailover(m, e);
    m = t.model;
    for (const x of t.effects) effects.push(x.type === "use-route" ? `use-route ${x.index} (${x.why})` : x.type === "probe" ? `probe [${x.indices.join(",")}] gen ${x.gen}` : x.type);
  }
  return { m, effects };
}

describe("routeFailed: which states mean this route does not reach the gateway", () => {
  it.each([
    ["reconnecting", null, true],
    ["reconnecting", "auth-token-mismatch", true],
    ["needs-attention", "ssh-unreachable", true],
    ["needs-attention", "tls-unreachable", true],
    ["needs-attention", "dns-failed", true],
    ["needs-attention", "auth-token-mismatch", false],
    ["needs-attention", "host-key-changed", false],
    ["needs-attention", "tls-cert-changed", false],
    ["pairing-required", null, false],
    ["connected", null, false],
    ["handshaking", "timeout", false],
  ] as const)("%s with %s → %s", (state, reason, want) => {
    expect(routeFailed(state, reason)).toBe(want);
  });
});

describe("reduceFailover", () => {
  it.each<[string, number, FailoverEvent[], string[], number]>([
    ["the preferred route connects: nothing to do", 2, [st("connecting"), st("connected")], [], 0],
    ["the preferred route drops to reconnecting: over to route 2 at once, probing scheduled", 2, [st("connected"), st("reconnecting", "timeout")], ["cancel-probe", "use-route 1 (failed)", "schedule-probe"], 1],
    ["a route-down attention falls over too", 2, [st("ssh-connecting"), st("needs-attention", "ssh-unreachable")], ["cancel-probe", "use-route 1 (failed)", "schedule-probe"], 1],
    ["a person-needed attention stays on the route", 2, [st("handshaking"), st("needs-attention", "auth-token-mismatch")], [], 0],
    ["pairing stays on the route", 2, [st("handshaking"), st("pairing-required")], [], 0],
    ["every route failed in a row: the last one keeps its own backoff (no churn)", 2, [st("connecting"), st("reconnecting"), st("ssh-connecting"), st("reconnecting")], ["cancel-probe", "use-route 1 (failed)", "schedule-probe"], 1],
    ["3 routes: 1 fails → 2, 2 fails → 3", 3, [st("connecting"), st("reconnecting"), st("ssh-connecting"), st("reconnecting")], ["cancel-probe", "use-route 1 (failed)", "schedule-probe", "cancel-probe", "use-route 2 (failed)", "schedule-probe"], 2],
    ["the fallback connected then failed (preferred untried since): back to route 1", 2, [st("reconnecting"), st("connected"), st("reconnecting")], ["cancel-probe", "use-route 1 (failed)", "schedule-probe", "cancel-probe", "use-route 0 (failed)"], 0],
  ])("%s", (_name, count, events, want, active) => {
    const { m, effects } = run(count, events);
    expect(effects).toEqual(want);
    expect(m.active).toBe(active);
  });

  const onFallback = run(3, [st("connected"), st("reconnecting"), st("ssh-connecting"), st("reconnecting"), st("connected")]).m;

  it("on a fallback, a due probe checks every route ahead of it, preferred first", () => {
    expect(onFallback.active).toBe(2);
    expect(run(3, [{ type: "probe-due" }], onFallback).effects).toEqual([`probe [0,1] gen ${onFallback.gen}`]);
  });

  it("a second due probe while one runs starts nothing", () => {
    expect(run(3, [{ type: "probe-due" }, { type: "probe-due" }], onFallback).effects).toHaveLength(1);
  });

  it.each<[string, number | null, string[], number]>([
    ["the preferred route answered: back on it, no more probing", 0, ["cancel-probe", "use-route 0 (returned)"], 0],
    ["only route 2 answered: onto it, and route 1 is still probed", 1, ["cancel-probe", "use-route 1 (returned)", "schedule-probe"], 1],
    ["nothing answered: probe again later", null, ["schedule-probe"], 2],
  ])("probe result: %s", (_name, answered, want, active) => {
    const { m, effects } = run(3, [{ type: "probe-due" }, { type: "probe-result", gen: onFallback.gen, answered }], onFallback);
    expect(effects).toEqual([`probe [0,1] gen ${onFallback.gen}`, ...want]);
    expect(m.active).toBe(active);
  });

  it("a probe result from before a switch is ignored", () => {
    const { m, effects } = run(3, [{ type: "probe-result", gen: onFallback.gen - 1, answered: 0 }], onFallback);
    expect({ effects, active: m.active }).toEqual({ effects: [], active: 2 });
  });

  it("on the preferred route a due probe does nothing", () => {
    expect(run(2, [st("connected"), { type: "probe-due" }]).effects).toEqual([]);
  });

  it("a real stop cancels probing and makes a running probe's result stale", () => {
    const stopped = run(3, [{ type: "probe-due" }, st("stopped")], onFallback);
    expect(stopped.effects).toEqual([`probe [0,1] gen ${onFallback.gen}`, "cancel-probe"]);
    expect(run(3, [{ type: "probe-result", gen: onFallback.gen, answered: 0 }], stopped.m).effects).toEqual([]);
  });

  it("started again while on a fallback: probing resumes", () => {
    const stopped = run(3, [st("stopped")], onFallback).m;
    expect(run(3, [st("ssh-connecting")], stopped).effects).toEqual(["schedule-probe"]);
  });

  // The failover note's "seen, left alone": all routes failed in a row while back on route 1, and route 1
  // kept reconnecting alone; a fallback that came back was never looked at.
  const allFailedOnPreferred = run(2, [st("reconnecting"), st("connected"), st("reconnecting"), st("reconnecting")]);

  it("every route failed in a row, ending on the preferred route: the fallback is probed from then on", () => {
    expect({ active: allFailedOnPreferred.m.active, last: allFailedOnPreferred.effects.at(-1) }).toEqual({ active: 0, last: "schedule-probe" });
    expect(run(2, [{ type: "probe-due" }], allFailedOnPreferred.m).effects).toEqual([`probe [1] gen ${allFailedOnPreferred.m.gen}`]);
  });

  it.each<[string, number | null, string[], number]>([
    ["the fallback came back: onto it (the preferred route is still down), and the preferred route is probed", 1, ["cancel-probe", "use-route 1 (failed)", "schedule-probe"], 1],
    ["nothing came back: probe again later, still on the preferred route's own backoff", null, ["schedule-probe"], 0],
  ])("after all failed on the preferred route, probe result: %s", (_name, answered, want, active) => {
    const m0 = allFailedOnPreferred.m;
    const { m, effects } = run(2, [{ type: "probe-due" }, { type: "probe-result", gen: m0.gen, answered }], m0);
    expect(effects).toEqual([`probe [1] gen ${m0.gen}`, ...want]);
    expect(m.active).toBe(active);
  });

  it("the preferred route connects again by itself before the probe answers: the late answer is ignored and probing stops", () => {
    const m0 = allFailedOnPreferred.m;
    const { m, effects } = run(2, [{ type: "probe-due" }, st("connected"), { type: "probe-result", gen: m0.gen, answered: 1 }, { type: "probe-due" }], m0);
    expect({ effects, active: m.active }).toEqual({ effects: [`probe [1] gen ${m0.gen}`], active: 0 });
  });

  it("3 routes, all failed, kept on route 2: both others are probed, preferred first", () => {
    const kept = run(3, [st("reconnecting"), st("reconnecting"), st("connected"), st("reconnecting"), st("reconnecting"), st("reconnecting")]).m;
    expect({ active: kept.active, activeFailed: kept.activeFailed }).toEqual({ active: 1, activeFailed: true });
    expect(run(3, [{ type: "probe-due" }], kept).effects).toEqual([`probe [0,2] gen ${kept.gen}`]);
  });

  it("connecting resets the run of failures: a later failure falls over again", () => {
    const { effects } = run(2, [st("reconnecting"), st("reconnecting"), st("connected"), st("reconnecting")]);
    expect(effects.filter((e) => e.startsWith("use-route"))).toEqual(["use-route 1 (failed)", "use-route 0 (failed)"]);
  });
});
