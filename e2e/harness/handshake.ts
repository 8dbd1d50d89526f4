// A bare device-signed operator handshake with the official client, used by the harness proofs (the app
// itself goes through src-main/core's GatewaySession).
import { GatewayClient } from "@openclaw/gateway-client";
import type { HelloOk } from "@openclaw/gateway-protocol/frame-guards";
import { generateDeviceKeyPair, publicKeyRawBase64UrlFromPem, signDevicePayload } from "../../src-main/core/identity/ed25519.js";

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
