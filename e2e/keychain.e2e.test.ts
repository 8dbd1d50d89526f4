// Proof the keychain half of the harness is real: @napi-rs/keyring against gnome-keyring's Secret
// Service on the private session bus that run-tests.sh/sandbox.sh starts.
import { randomBytes } from "node:crypto";
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { Entry } from "@napi-rs/keyring";

describe("real Secret Service", () => {
  it("sets, reads and deletes a secret", () => {
    const service = `clawlink-test-${randomBytes(4).toString("hex")}`;
    const value = randomBytes(16).toString("base64url");
    const entry = new Entry(service, "harness-proof");
    entry.setPassword(value);
    expect(entry.getPassword()).toBe(value);
    // Another client of the same Secret Service sees it too: it really is in gnome-keyring, not in memory.
    const viaSecretTool = execFileSync("secret-tool", ["lookup", "service", service, "username", "harness-proof"], { encoding: "utf8" });
    expect(viaSecretTool).toBe(value);
    expect(entry.deletePassword()).toBe(true);
    expect(entry.getPassword()).toBeNull();
  });
});
