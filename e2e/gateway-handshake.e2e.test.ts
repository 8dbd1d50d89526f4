// Proof the harness is real: the official client completes a device-signed operator handshake against
// the real gateway this run started, and a health call succeeds.
import { describe, expect, inject, it } from "vitest";
import { handshake } from "./harness/handshake.js";

describe("real gateway handshake", () => {
  it("hello-ok with granted scopes, an issued device token, and a working health call", async () => {
    const gw = inject("gateway");
    const { hello, client } = await handshake(gw.url, gw.token);
    try {
      expect(hello.type).toBe("hello-ok");
      expect(hello.protocol).toBe(4);
      expect(hello.auth?.scopes).toEqual(expect.arrayContaining(["operator.read", "operator.write", "operator.admin"]));
      expect(typeof hello.auth?.deviceToken).toBe("string");
      expect((hello.auth?.deviceToken ?? "").length).toBeGreaterThan(16);
      const health = await client.request<{ ok?: boolean }>("health", {});
      expect(health).toBeTypeOf("object");
      expect(health.ok).toBe(true);
    } finally {
      client.stop();
    }
  });
});
