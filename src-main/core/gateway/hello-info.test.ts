import type { HelloOk } from "@openclaw/gateway-protocol/frame-guards";
import { describe, expect, it } from "vitest";
import { connectedInfo, gatewayProcessOf, isRestart } from "./hello-info.js";

const hello = (o: { server?: Record<string, unknown>; snapshot?: Record<string, unknown>; auth?: Record<string, unknown> }) => ({ protocol: 4, ...o }) as unknown as HelloOk;

describe("hello-info", () => {
  it("says where the credential in use came from", () => {
    const creds = { token: { value: "t", source: "keychain" } };
    expect(connectedInfo(hello({ auth: { method: "token", scopes: ["operator.read"] }, server: { version: "1", connId: "c" } }), creds, 7)).toEqual({
      serverVersion: "1",
      protocol: 4,
      connId: "c",
      authMethod: "token",
      authSource: "shared token from keychain",
      role: null,
      scopes: ["operator.read"],
      connectedAt: 7,
    });
    expect(connectedInfo(hello({ auth: { method: "device-token" } }), {}, 0).authSource).toBe("device token (keychain)");
    expect(connectedInfo(hello({ auth: { method: "password" } }), {}, 0).authSource).toBe("password from settings");
    expect(connectedInfo(hello({}), {}, 0).authSource).toBe("unknown");
  });

  it("tells a restarted gateway by boot id, else by uptime going back more than 5 s", () => {
    const a = gatewayProcessOf(hello({ server: { bootId: "b1" }, snapshot: { uptimeMs: 1000 } }), 10_000);
    expect(a).toEqual({ id: "b1", bootAt: 9_000 });
    expect(isRestart(null, a)).toBe(false);
    expect(isRestart(a, { id: "b1", bootAt: 0 })).toBe(false);
    expect(isRestart(a, { id: "b2", bootAt: 9_000 })).toBe(true);
    const u = gatewayProcessOf(hello({ snapshot: { uptimeMs: 1000 } }), 10_000);
    expect(isRestart(u, gatewayProcessOf(hello({ snapshot: { uptimeMs: 5000 } }), 14_000 + 4_000))).toBe(false);
    expect(isRestart(u, gatewayProcessOf(hello({ snapshot: { uptimeMs: 100 } }), 30_000))).toBe(true);
    expect(isRestart(u, gatewayProcessOf(hello({}), 30_000))).toBe(false);
  });
});
