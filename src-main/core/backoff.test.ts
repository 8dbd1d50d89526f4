import { describe, expect, it } from "vitest";
import { backoffDelayFor, jittered } from "./backoff.js";

const p = { baseMs: 500, factor: 2, maxMs: 30_000, jitter: 0.3 };

describe("the one backoff rule", () => {
  it("grows by factor per step from baseMs and is capped at maxMs", () => {
    expect([0, 1, 2, 3, 4].map((s) => backoffDelayFor(p, s, 0))).toEqual([500, 1000, 2000, 4000, 8000]);
    expect(backoffDelayFor(p, 30, 0)).toBe(30_000);
    expect(backoffDelayFor(p, -3, 0)).toBe(500);
  });

  it("jitter only shortens: every delay lies in [d·(1−jitter), d], so the cap is never exceeded", () => {
    for (const random of [0, 0.25, 0.5, 0.75, 0.999]) {
      for (const step of [0, 3, 30]) {
        const d = backoffDelayFor(p, step, random);
        const nominal = backoffDelayFor(p, step, 0);
        expect(d).toBeLessThanOrEqual(nominal);
        expect(d).toBeGreaterThanOrEqual(Math.floor(nominal * (1 - p.jitter)));
        expect(d).toBeLessThanOrEqual(p.maxMs);
      }
    }
    expect(backoffDelayFor(p, 2, 0.5)).toBe(Math.round(2000 * (1 - 0.3 * 0.5)));
  });

  it("jittered is the same rule for a delay that is not exponential", () => {
    expect(jittered(100, 0.2, 0)).toBe(100);
    expect(jittered(100, 0.2, 0.5)).toBe(90);
    expect(jittered(100, 0.2, 1)).toBe(80);
    expect(jittered(100, 0, 0.7)).toBe(100);
  });
});
