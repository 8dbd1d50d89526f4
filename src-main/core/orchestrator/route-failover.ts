// Which of a profile's routes a connection runs over (issue 13 §3), as a pure reducer with a generation
// number like the other lifecycles. route-runner.ts carries out what it decides (switch, probe, timers).
// The rules:
//  - Start on route 0 (the preferred one). When the active route fails — its connection drops to
//    reconnecting (the dead-link watchdog or a refused/timed-out attempt) or stops with a reason that means
//    "this way to the gateway does not answer" — move to the next route at once. After every route failed
//    in a row the last one keeps its own reconnect backoff: churning between dead routes helps nobody.
//  - A reason that needs a person (a token, a host key, a changed certificate, pairing) is never "fall
//    over": the same gateway would say the same on another route, and hopping past a changed certificate
//    would hide exactly what the person must see.
//  - While on a fallback, the routes ahead of it are probed quietly every `probeEveryMs` (the diagnostics
//    ladder, no prompts); the first that answers becomes the active route again. Probe results carry the
//    generation of the switch they were started under; one from before a switch is ignored.
//  - After every route failed in a row, the one kept (even the preferred one) is no longer the only hope:
//    every other route is probed the same way, so a fallback that comes back while the kept route stays
//    down is used (preferred first), instead of the kept route reconnecting alone for ever.
import type { OverallState } from "../../../src-shared/connection.js";
import type { Reason } from "../../../src-shared/reasons.js";

export interface FailoverModel {
  readonly count: number;
  readonly active: number;
  /** Routes that failed in a row since one last connected (the active one included once it failed). */
  readonly failedInRow: number;
  /** The active route has failed and the switch was not made (all failed): do not count it again. */
  readonly activeFailed: boolean;
  /** Bumped on every switch; a probe started under another generation is stale. */
  readonly gen: number;
  readonly probing: boolean;
  readonly running: boolean;
}

export type FailoverEvent =
  /** The active route's connection changed state. */
  | { type: "state"; state: OverallState; reason: Reason | null }
  | { type: "probe-due" }
  /** A probe of the routes ahead of the active one (every other one after all failed) ended: the first that answered, or null. */
  | { type: "probe-result"; gen: number; answered: number | null };

export type FailoverEffect =
  | { type: "use-route"; index: number; why: "failed" | "returned" }
  | { type: "schedule-probe" }
  | { type: "cancel-probe" }
  /** Probe these routes in order (ahead of the active one, or every other one after all failed); report the first that answers. */
  | { type: "probe"; indices: number[]; gen: number };

/** Reasons that mean "the gateway is not reachable this way", so another route may well work. */
const ROUTE_DOWN: ReadonlySet<Reason> = new Set<Reason>([
  "network", "timeout", "closed", "shutdown", "gateway-starting", "dns-failed", "tls-unreachable",
  "ssh-dns-failed", "ssh-refused", "ssh-timeout", "ssh-link-lost", "ssh-unreachable", "ssh-connection-lost",
  "ssh-handshake-failed", "ssh-error", "remote-port-closed", "tcp-refused", "tcp-timeout",
]);

export function routeFailed(state: OverallState, reason: Reason | null): boolean {
  if (state === "reconnecting") return true;
  return state === "needs-attention" && reason !== null && ROUTE_DOWN.has(reason);
}

export function initialFailover(count: number): FailoverModel {
  return { count, active: 0, failedInRow: 0, activeFailed: false, gen: 0, probing: false, running: false };
}

type Step = { model: FailoverModel; effects: FailoverEffect[] };

export function reduceFailover(m: FailoverModel, e: FailoverEvent): Step {
  switch (e.type) {
    case "state":
      return onState(m, e.state, e.reason);
    case "probe-due": {
      const indices = probeCandidates(m);
      if (!m.running || m.probing || indices.length === 0) return { model: m, effects: [] };
      return { model: { ...m, probing: true }, effects: [{ type: "probe", indices, gen: m.gen }] };
    }
    case "probe-result": {
      if (e.gen !== m.gen) return { model: m, effects: [] };
      const idle = { ...m, probing: false };
      if (!m.running) return { model: idle, effects: [] };
      if (e.answered === null || !probeCandidates(m).includes(e.answered)) return { model: idle, effects: probeCandidates(m).length ? [{ type: "schedule-probe" }] : [] };
      // Ahead of the active route: back towards the preferred one. Behind it: the kept route is down.
      return switchTo(idle, e.answered, e.answered < m.active ? "returned" : "failed", 0);
    }
  }
}

function onState(m: FailoverModel, state: OverallState, reason: Reason | null): Step {
  if (state === "stopped" || state === "idle") {
    // A real stop (a switch's own stop is not shown): nothing runs, nothing is probed.
    return m.running ? { model: { ...m, running: false, probing: false, gen: m.gen + 1 }, effects: [{ type: "cancel-probe" }] } : { model: m, effects: [] };
  }
  const started: FailoverModel = m.running ? m : { ...m, running: true };
  const probeOnStart: FailoverEffect[] = !m.running && probeCandidates(m).length > 0 ? [{ type: "schedule-probe" }] : [];
  if (state === "connected") {
    return { model: { ...started, failedInRow: 0, activeFailed: false }, effects: probeOnStart };
  }
  if (!routeFailed(state, reason) || started.activeFailed) return { model: started, effects: probeOnStart };
  const failedInRow = started.failedInRow + 1;
  if (failedInRow >= started.count) {
    // A fallback's switch already scheduled probing; on the preferred route nothing did, so start it now.
    const probe: FailoverEffect[] = started.active === 0 && !probeOnStart.length ? [{ type: "schedule-probe" }] : probeOnStart;
    return { model: { ...started, failedInRow, activeFailed: true }, effects: probe };
  }
  return switchTo(started, (started.active + 1) % started.count, "failed", failedInRow);
}

function switchTo(m: FailoverModel, index: number, why: "failed" | "returned", failedInRow: number): Step {
  const model: FailoverModel = { ...m, active: index, failedInRow, activeFailed: false, gen: m.gen + 1, probing: false };
  const effects: FailoverEffect[] = [{ type: "cancel-probe" }, { type: "use-route", index, why }];
  if (index > 0) effects.push({ type: "schedule-probe" });
  return { model, effects };
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/** Which routes a due probe checks: those ahead of the active one; every other one once all failed in a row. */
function probeCandidates(m: FailoverModel): number[] {
  return m.activeFailed ? range(m.count).filter((i) => i !== m.active) : range(m.active);
}
