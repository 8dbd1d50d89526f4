import { describe, expect, it } from "vitest";
import { stripUndefined } from "./strip-undefined.js";

describe("stripUndefined", () => {
  it("drops undefined keys only, so a spread keeps the defaults they would have hidden", () => {
    const o = stripUndefined({ a: 1, b: undefined, c: null, d: 0, e: "" });
    expect(o).toEqual({ a: 1, c: null, d: 0, e: "" });
    expect(Object.keys(o)).toEqual(["a", "c", "d", "e"]);
    expect({ ...{ a: 9, b: 2 }, ...stripUndefined({ a: undefined, b: 3 }) }).toEqual({ a: 9, b: 3 });
  });

  it("returns a copy, shallow", () => {
    const inner = { x: undefined };
    const src = { inner };
    const out = stripUndefined(src);
    expect(out).not.toBe(src);
    expect(out.inner).toBe(inner);
  });
});
