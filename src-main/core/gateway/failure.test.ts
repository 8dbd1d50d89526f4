// The failure classifier against frames recorded from the real gateway (fixtures/recorded-frames.json,
// re-checked live by e2e/gateway-frames.e2e.test.ts), plus the shapes that can't be produced on demand.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { GatewayClientRequestError } from "@openclaw/gateway-client";
import { describeFailure } from "./failure-hints.js";
import { failureFromClose, failureFromError, needsPerson, notAGatewayIfSilent } from "./failure.js";

interface Recorded {
  name: string;
  response: { error: ConstructorParameters<typeof GatewayClientRequestError>[0] };
  close: { code: number; reason: string };
  expectedKind: string;
}
const fixture = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixtures/recorded-frames.json");
const recorded = JSON.parse(fs.readFileSync(fixture, "utf8")) as Recorded[];

describe("recorded gateway frames", () => {
  it("cover the main connect rejections", () => {
    expect(recorded.map((r) => r.name).sort()).toEqual(["bad-signature", "missing-token", "protocol-mismatch", "wrong-token"]);
  });
  for (const r of recorded) {
    it(`${r.name} → ${r.expectedKind}, needs a person, with a fix hint`, () => {
      const f = failureFromError(new GatewayClientRequestError(r.response.error));
      expect(f.kind).toBe(r.expectedKind);
      expect(needsPerson(f)).toBe(true);
      const a = describeFailure(f, "home");
      expect(a.reason).toBe(f.kind);
      expect(a.fixHint.length).toBeGreaterThan(20);
    });
  }
  it("protocol mismatch says which side to update", () => {
    const r = recorded.find((x) => x.name === "protocol-mismatch")!;
    const f = failureFromError(new GatewayClientRequestError(r.response.error));
    expect(f).toMatchObject({ kind: "protocol-mismatch", expectedProtocol: 4 });
  });
});

describe("failure classification of shapes produced elsewhere", () => {
  const err = (e: ConstructorParameters<typeof GatewayClientRequestError>[0]) => failureFromError(new GatewayClientRequestError(e));

  it("startup: UNAVAILABLE with a retry hint is 'starting', retryable", () => {
    const f = err({ code: "UNAVAILABLE", message: "gateway starting; retry shortly", retryable: true, retryAfterMs: 500, details: { reason: "startup-sidecars" } });
    expect(f).toEqual({ kind: "gateway-starting", retryAfterMs: 500 });
    expect(needsPerson(f)).toBe(false);
  });

  it("draining: a 503 upgrade refusal (UNAVAILABLE, no hint) is a shutdown, retryable (seen in the restart test)", () => {
    const f = err({ code: "UNAVAILABLE", message: "gateway rejected websocket upgrade (HTTP 503): Gateway websocket admission closed" });
    expect(f.kind).toBe("shutdown");
    expect(needsPerson(f)).toBe(false);
  });

  it("an HTTP server answering the upgrade is 'not a gateway'; 503 and the gateway's own JSON refusals are not", () => {
    const upgrade = (httpStatus: number, extra: Record<string, unknown> = {}) =>
      err({ code: "UNAVAILABLE", message: `gateway rejected websocket upgrade (HTTP ${httpStatus})`, retryable: true, details: { reason: "websocket-upgrade-rejected", httpStatus, ...extra } });
    expect(upgrade(404).kind).toBe("not-a-gateway");
    expect(upgrade(200).kind).toBe("not-a-gateway");
    expect(upgrade(503).kind).toBe("shutdown");
    expect(upgrade(401, { gatewayErrorType: "unauthorized" }).kind).toBe("shutdown");
    expect(needsPerson(upgrade(404))).toBe(false);
    expect(describeFailure(upgrade(404), "home").message).toMatch(/not an OpenClaw gateway/);
  });

  it("a WebSocket that opened but never got as far as connect is 'not a gateway'", () => {
    const t = { kind: "timeout", message: "gateway connect challenge timeout" } as const;
    expect(notAGatewayIfSilent(t, true, false).kind).toBe("not-a-gateway");
    expect(notAGatewayIfSilent(t, false, false)).toBe(t); // never opened: a dead link, not a wrong peer
    expect(notAGatewayIfSilent(t, true, true)).toBe(t); // connect was sent: a gateway that went quiet
    const auth = { kind: "auth-token-missing" } as const;
    expect(notAGatewayIfSilent(auth, true, false)).toBe(auth);
  });

  it("pairing required carries the request id and the exact approve command", () => {
    const f = err({ code: "NOT_PAIRED", message: "pairing required: device is not approved yet", details: { code: "PAIRING_REQUIRED", reason: "not-paired", requestId: "abc-123" } });
    expect(f).toEqual({ kind: "pairing-required", requestId: "abc-123", reason: "not-paired", approveCommand: "openclaw devices approve abc-123", remediationHint: null });
    expect(needsPerson(f)).toBe(false);
  });

  it("rate limiting keeps the retry-after", () => {
    expect(err({ code: "INVALID_REQUEST", message: "x", retryAfterMs: 30_000, details: { code: "AUTH_RATE_LIMITED" } })).toEqual({ kind: "auth-rate-limited", retryAfterMs: 30_000 });
  });

  it("decides from codes, not wording: the same code with another message classifies the same", () => {
    const a = err({ code: "INVALID_REQUEST", message: "unauthorized: gateway token mismatch (provide gateway auth token)", details: { code: "AUTH_TOKEN_MISMATCH" } });
    const b = err({ code: "INVALID_REQUEST", message: "something else entirely", details: { code: "AUTH_TOKEN_MISMATCH" } });
    expect(a).toEqual(b);
  });

  it("socket errors keep their errno", () => {
    const e = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:18789"), { code: "ECONNREFUSED" });
    expect(failureFromError(e)).toMatchObject({ kind: "network", errno: "ECONNREFUSED" });
    const nested = Object.assign(new Error("wrapped"), { cause: Object.assign(new Error("getaddrinfo"), { code: "ENOTFOUND" }) });
    expect(failureFromError(nested)).toMatchObject({ kind: "network", errno: "ENOTFOUND" });
    expect(describeFailure(failureFromError(nested), "home").fixHint).toMatch(/DNS|resolve/);
  });

  it("close codes: 1012 shutdown, 1013 starting, 4000 tick timeout, 1006 network", () => {
    expect(failureFromClose(1012, "service restart").kind).toBe("shutdown");
    expect(failureFromClose(1013, "gateway starting").kind).toBe("gateway-starting");
    expect(failureFromClose(4000, "tick timeout").kind).toBe("timeout");
    expect(failureFromClose(1006, "").kind).toBe("network");
    expect(failureFromClose(1000, "").kind).toBe("closed");
  });

  it("TLS pin and plaintext-policy errors from the library are recognised by class, and need a person", () => {
    class GatewayWebSocketTlsPinError extends Error {}
    class GatewayWebSocketTransportConfigurationError extends Error {}
    const pin = failureFromError(new GatewayWebSocketTlsPinError("gateway tls fingerprint mismatch"));
    expect(pin.kind).toBe("tls-pin-mismatch");
    expect(needsPerson(pin)).toBe(true);
    expect(failureFromError(new GatewayWebSocketTransportConfigurationError("SECURITY ERROR ...")).kind).toBe("insecure-url");
  });
});
