import { describe, expect, it } from "vitest";
import { secretSavedNotice, secretStoredLabel } from "./secret-notice.js";

describe("secretSavedNotice", () => {
  it("with a keychain, says the keychain", () => {
    expect(secretSavedNotice("token", "Home", "keychain")).toBe("The token for Home is stored in the keychain.");
  });
  it("without a keychain, says memory for this session only and does not mention storing in the keychain", () => {
    const n = secretSavedNotice("token", "Home", "memory");
    expect(n).toBe("No keychain is available: the token for Home is kept in memory for this session only; enter it again after a restart.");
    expect(n).not.toMatch(/stored in the keychain/);
  });
  it("before the host has said where, claims no place", () => {
    expect(secretSavedNotice("password", "Home", undefined)).toBe("The password for Home is saved.");
  });
});

describe("secretStoredLabel", () => {
  it("not stored", () => expect(secretStoredLabel(false, "memory")).toBe("not stored"));
  it("stored with a keychain", () => expect(secretStoredLabel(true, "keychain")).toBe("set (stored in the keychain, ••••••••)"));
  it("stored without a keychain", () => expect(secretStoredLabel(true, "memory")).toBe("set (in memory for this session only, ••••••••)"));
  it("stored, place not known yet", () => expect(secretStoredLabel(true, undefined)).toBe("set (••••••••)"));
});
