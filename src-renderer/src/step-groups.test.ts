import { describe, expect, it } from "vitest";
import type { ConnectStep } from "./state";
import { groupSteps } from "./step-groups";

const step = (state: ConnectStep["state"], at: number, detail: string | null = null): ConnectStep => ({ state, at, detail });
const retry = (at: number, why = "ECONNREFUSED") => [step("reconnecting", at, why), step("handshaking", at + 1)];

describe("connect steps as attempts", () => {
  const steps = [step("connecting", 0), step("handshaking", 1), ...retry(10), ...retry(20), ...retry(30)];
  const g = groupSteps(steps);
  it("shows the attempt running now in full, starting with why it was made", () => {
    expect(g.current).toEqual(retry(30));
  });
  it("folds identical earlier attempts into one line with a count", () => {
    expect(g.earlier.map((a) => ({ states: a.steps.map((s) => s.state), repeats: a.repeats }))).toEqual([
      { states: ["connecting", "handshaking"], repeats: 1 },
      { states: ["reconnecting", "handshaking"], repeats: 2 },
    ]);
  });
  it("counts every attempt in the history, merged ones each", () => {
    expect(g.earlierCount).toBe(3);
  });
  it("keeps the time range of merged attempts", () => {
    expect({ first: g.earlier[1]!.firstAt, last: g.earlier[1]!.lastAt }).toEqual({ first: 10, last: 20 });
  });
  it("a recovery reads as one attempt: reconnecting with its reason, then connected", () => {
    const g2 = groupSteps([step("connecting", 0), step("connected", 1), step("reconnecting", 5, "closed"), step("handshaking", 6), step("connected", 7)]);
    expect(g2.current.map((s) => s.state)).toEqual(["reconnecting", "handshaking", "connected"]);
  });
  it("one attempt so far: all of it is current, with no history", () => {
    expect(groupSteps([step("connecting", 0), step("handshaking", 1)])).toEqual({ current: [step("connecting", 0), step("handshaking", 1)], earlier: [], earlierCount: 0 });
  });
  it("attempts that failed differently are not merged", () => {
    const g2 = groupSteps([...retry(1), ...retry(5, "timeout"), ...retry(9)]);
    expect(g2.earlier.map((a) => a.repeats)).toEqual([1, 1]);
  });
  it("no steps: nothing current and no history", () => {
    expect(groupSteps([])).toEqual({ current: [], earlier: [], earlierCount: 0 });
  });
});
