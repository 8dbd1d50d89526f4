import { describe, expect, it } from "vitest";
import type { ConnectStep } from "./state";
import { groupSteps } from "./step-groups";

const step = (state: ConnectStep["state"], at: number, detail: string | null = null): ConnectStep => ({ state, at, detail });
const refusedAttempt = (at: number) => [step("handshaking", at), step("reconnecting", at + 1, "ECONNREFUSED")];

describe("connect steps as attempts", () => {
  const steps = [step("connecting", 0), ...refusedAttempt(1), ...refusedAttempt(10), ...refusedAttempt(20), step("handshaking", 30)];
  const g = groupSteps(steps);
  it("shows only the attempt running now in full", () => {
    expect(g.current.map((s) => s.state)).toEqual(["handshaking"]);
  });
  it("folds identical earlier attempts into one line with a count", () => {
    expect(g.earlier.map((a) => ({ states: a.steps.map((s) => s.state), repeats: a.repeats }))).toEqual([
      { states: ["connecting", "handshaking", "reconnecting"], repeats: 1 },
      { states: ["handshaking", "reconnecting"], repeats: 2 },
    ]);
  });
  it("counts every attempt in the history, merged ones each", () => {
    expect(g.earlierCount).toBe(3);
  });
  it("keeps the time range of merged attempts", () => {
    expect({ first: g.earlier[1]!.firstAt, last: g.earlier[1]!.lastAt }).toEqual({ first: 10, last: 20 });
  });
  it("an attempt that just ended is the current one (its end state shown), with no history before it", () => {
    expect(groupSteps(refusedAttempt(1))).toEqual({ current: refusedAttempt(1), earlier: [], earlierCount: 0 });
  });
  it("attempts that failed differently are not merged", () => {
    const g2 = groupSteps([...refusedAttempt(1), step("handshaking", 5), step("reconnecting", 6, "timeout"), step("connected", 7)]);
    expect(g2.earlier.map((a) => a.repeats)).toEqual([1, 1]);
  });
  it("no steps: nothing current and no history", () => {
    expect(groupSteps([])).toEqual({ current: [], earlier: [], earlierCount: 0 });
  });
});
