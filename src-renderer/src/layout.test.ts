import { describe, expect, it } from "vitest";
import { addressRequest, COMPACT_MAX_WIDTH, layoutFor } from "./layout";

describe("layout by width", () => {
  it("a tray popover (380) and the quick-chat window are compact; 1280 and the 720 minimum are full", () => {
    expect(layoutFor(380)).toBe("compact");
    expect(layoutFor(COMPACT_MAX_WIDTH)).toBe("compact");
    expect(layoutFor(COMPACT_MAX_WIDTH + 1)).toBe("full");
    expect(layoutFor(720)).toBe("full");
    expect(layoutFor(1280)).toBe("full");
  });
  it("a forced layout wins", () => {
    expect(layoutFor(1280, "compact")).toBe("compact");
    expect(layoutFor(380, "full")).toBe("full");
  });
});

describe("what the address asks for", () => {
  it("#quick-chat=<id> and #layout=…, in any order", () => {
    expect(addressRequest("#quick-chat=home")).toEqual({ quickChat: "home", layout: null });
    expect(addressRequest("#layout=compact&quick-chat=a%20b")).toEqual({ quickChat: "a b", layout: "compact" });
    expect(addressRequest("")).toEqual({ quickChat: null, layout: null });
  });
  it("an unknown layout or an overlong id is ignored", () => {
    expect(addressRequest("#layout=tiny").layout).toBeNull();
    expect(addressRequest(`#quick-chat=${"x".repeat(129)}`).quickChat).toBeNull();
    expect(addressRequest("#quick-chat=").quickChat).toBeNull();
  });
});
