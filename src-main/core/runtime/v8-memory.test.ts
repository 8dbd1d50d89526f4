import { describe, expect, it } from "vitest";
import { v8MemoryFlags, YOUNG_GENERATION_FLAGS } from "./v8-memory.js";

describe("v8MemoryFlags", () => {
  it("caps the young generation when nothing says otherwise", () => {
    expect(v8MemoryFlags({ execArgv: [] })).toEqual(["--semi-space-growth-factor=1"]);
  });

  it("returns a copy, so a caller cannot change the constant", () => {
    const flags = v8MemoryFlags({ execArgv: [] });
    flags.push("--x");
    expect(YOUNG_GENERATION_FLAGS).toEqual(["--semi-space-growth-factor=1"]);
  });

  it("keeps other unrelated flags from counting as a choice", () => {
    expect(v8MemoryFlags({ execArgv: ["--expose-gc", "--max-old-space-size=512"], nodeOptions: "--enable-source-maps" })).toEqual([...YOUNG_GENERATION_FLAGS]);
  });

  it.each([
    ["execArgv --max-semi-space-size", { execArgv: ["--max-semi-space-size=16"] }],
    ["execArgv --semi-space-growth-factor", { execArgv: ["--semi-space-growth-factor=2"] }],
    ["NODE_OPTIONS --max-semi-space-size", { execArgv: [], nodeOptions: "--enable-source-maps --max-semi-space-size=8" }],
    ["NODE_OPTIONS underscore spelling", { execArgv: [], nodeOptions: "--max_semi_space_size=8" }],
    ["NODE_OPTIONS --max-heap-size", { execArgv: [], nodeOptions: "--max-heap-size=256" }],
    ["Electron --js-flags --min-semi-space-size", { execArgv: [], jsFlags: "--min-semi-space-size=4" }],
  ])("leaves the young generation alone when the person chose its size (%s)", (_what, p) => {
    expect(v8MemoryFlags(p)).toEqual([]);
  });
});
