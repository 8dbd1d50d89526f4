// Proof the harness is real: the official client completes a device-signed operator handshake against
// the real gateway this run started, and a health call succeeds.
import { describe, expect, inject, it } from "vitest";
import { GatewayClient } from "@openclaw/gateway-client";
import type { HelloOk } from "@openclaw/gateway-protocol/frame-guards";
import { generateDeviceKeyPair, publicKeyRawBase64UrlFromPem, signDevicePayload } from "../src-main/core/identity/ed25519.js";

export function handshake(url: string, token: string): Promise<{ hello: HelloOk; client: GatewayClient }> {
  const identity = generateDeviceKeyPair();
  return new Promise((resolve, reject) => {
    const client = new GatewayClient({
      url,
      token,
      clientName: "openclaw-linux",
      mode: "ui",
      clientVersion: "0.1.0-test",
      clientDisplayName: "Clawlink harness test",
      platform: "linux",
      deviceFamily: "Desktop",
      role: "operator",
      scopes: ["operator.read", "operator.write", "operator.admin"],
      deviceIdentity: identity,
      hostDeps: { signDevicePayload, publicKeyRawBase64UrlFromPem },
      onHelloOk: (hello) => resolve({ hello, client }),
      onConnectError: (e) => {
        client.stop();
        reject(e);
      },
    });
    client.start();
  });
}

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
