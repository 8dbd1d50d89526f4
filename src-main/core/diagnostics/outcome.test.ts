import type { Attention } from "../../../src-shared/attention.js";
import { describe, expect, it } from "vitest";
import type { GatewayFailure, SessionSnapshot } from "../../../src-shared/gateway-session.js";
import type { Reason } from "../../../src-shared/reasons.js";
import { describeFailure } from "../gateway/failure-hints.js";
import { hostKeyAttention, remotePortClosedAttention } from "../transport/ssh-errors.js";
import { checkPlaintextRule } from "../transport/plaintext-rule.js";
import { gatewayStepForFailure, gatewayTextOf, keepsWaiting } from "./gateway-stage.js";
import { outcomeOf } from "./ladder.js";
import { outcomeKindFor, withGatewayTextHints, type OutcomeKind } from "./outcome.js";
import { sshStepForFailure } from "./ssh-stage.js";

describe("outcome kind for every reason the layers produce", () => {
  const table: Array<[Reason, OutcomeKind]> = [
    // ladder probes
    ["dns-failed", "network"],
    ["tcp-refused", "network"],
    ["tcp-timeout", "network"],
    ["no-local-gateway", "network"],
    ["not-a-gateway", "not-a-gateway"],
    ["gateway-unavailable", "network"],
    ["challenge-closed", "network"],
    // transports
    ["plaintext-refused", "plaintext-refused"],
    ["invalid-url", "config"],
    ["ssh-target-invalid", "config"],
    ["tls-pin-invalid", "config"],
    ["tls-pin-without-tls", "config"],
    ["local-port-busy", "config"],
    ["ssh-refused", "network"],
    ["ssh-dns-failed", "network"],
    ["ssh-timeout", "network"],
    ["ssh-connection-lost", "network"],
    ["remote-port-closed", "network"],
    ["forwarding-denied", "network"],
    ["ssh-auth-failed", "ssh-auth"],
    ["ssh-handshake-failed", "protocol-mismatch"],
    ["host-key-unknown", "host-key"],
    ["host-key-declined", "host-key"],
    ["host-key-changed", "host-key"],
    ["host-key-revoked", "host-key"],
    ["tls-pin-mismatch", "tls"],
    ["tls-cert-changed", "tls"],
    ["tls-untrusted", "tls"],
    ["tls-trust-declined", "tls"],
    ["tls-unreachable", "network"],
    // gateway failure kinds
    ["auth-token-missing", "gateway-auth"],
    ["auth-token-mismatch", "gateway-auth"],
    ["auth-password-missing", "gateway-auth"],
    ["auth-rate-limited", "gateway-auth"],
    ["auth-device-token-mismatch", "gateway-auth"],
    ["device-auth", "gateway-auth"],
    ["pairing-required", "pairing-required"],
    ["protocol-mismatch", "protocol-mismatch"],
    ["local-port-not-gateway", "not-a-gateway"],
    ["local-port-reserved", "config"],
    ["insecure-url", "plaintext-refused"],
    ["network", "network"],
    ["timeout", "network"],
    ["gateway-starting", "network"],
    ["rejected", "failure"],
    ["gateway-unhealthy", "failure"],
    ["internal-error", "failure"],
  ];
  it.each(table)("%s → %s", (reason, kind) => {
    expect(outcomeKindFor(reason)).toBe(kind);
  });

  it("the reasons real modules emit map as the table says", () => {
    const ctx = { label: "gw", host: "gw", port: 22, user: "me" };
    const plaintext = checkPlaintextRule("ws://gateway.example.com");
    expect(plaintext.allowed ? null : outcomeKindFor(plaintext.attention.reason)).toBe("plaintext-refused");
    expect(outcomeKindFor(hostKeyAttention({ status: "unknown", keyType: "ssh-ed25519", fingerprint: "SHA256:x" } as never, ctx).reason)).toBe("host-key");
    expect(outcomeKindFor(remotePortClosedAttention("gw", 18789).reason)).toBe("network");
    const kinds: GatewayFailure[] = [
      { kind: "auth-token-missing" },
      { kind: "auth-rate-limited", retryAfterMs: 1000 },
      { kind: "pairing-required", requestId: "r1", reason: "not-paired", approveCommand: "openclaw devices approve r1", remediationHint: null },
      { kind: "protocol-mismatch", update: "gateway", expectedProtocol: 3 },
    ];
    expect(kinds.map((f) => outcomeKindFor(describeFailure(f, "gw").reason))).toEqual(["gateway-auth", "gateway-auth", "pairing-required", "protocol-mismatch"]);
  });
});

describe("gateway text hints", () => {
  const base: Attention = { reason: "closed", message: "gw closed the connection.", fixHint: "Clawlink reconnects by itself." };
  it('"Proxy headers detected from untrusted address" → gateway.trustedProxies / OPENCLAW_GATEWAY_TRUSTED_PROXIES', () => {
    const a = withGatewayTextHints(base, [null, "Proxy headers detected from untrusted address. Connection will not be treated as local."]);
    expect(a.reason).toBe("closed");
    expect(a.fixHint).toContain("gateway.trustedProxies");
    expect(a.fixHint).toContain("OPENCLAW_GATEWAY_TRUSTED_PROXIES");
    expect(a.message).toContain("Proxy headers detected from untrusted address");
  });
  it("the current gateway's wording of the same problem is recognised too", () => {
    const a = withGatewayTextHints(base, ["unauthorized: proxy client attribution is required (configure gateway.trustedProxies narrowly …)"]);
    expect(a.fixHint).toContain("OPENCLAW_GATEWAY_TRUSTED_PROXIES");
  });
  it("other text leaves the attention as it was", () => {
    expect(withGatewayTextHints(base, ["protocol mismatch"])).toBe(base);
  });
  it("collects the gateway's own words from failures", () => {
    expect(gatewayTextOf({ kind: "closed", code: 1008, reason: "Proxy headers detected from untrusted address" })).toEqual(["Proxy headers detected from untrusted address"]);
    expect(gatewayTextOf({ kind: "pairing-required", requestId: null, reason: "not-paired", approveCommand: null, remediationHint: "behind a proxy?" })).toEqual(["not-paired", "behind a proxy?"]);
    expect(gatewayTextOf({ kind: "auth-token-missing" })).toEqual([]);
  });
});

describe("which step a failure belongs to", () => {
  it("SSH: by the phase the tunnel was in, and by reason where it is unambiguous", () => {
    expect(sshStepForFailure("connecting", "ssh-refused")).toBe("ssh-handshake");
    expect(sshStepForFailure("verifying-host", "host-key-changed")).toBe("host-key");
    expect(sshStepForFailure("connecting", "host-key-unknown")).toBe("host-key");
    expect(sshStepForFailure("authenticating", "ssh-connection-lost")).toBe("ssh-auth");
    expect(sshStepForFailure("verifying-host", "ssh-auth-failed")).toBe("ssh-auth");
    expect(sshStepForFailure("forwarding", "remote-port-closed")).toBe("forward");
    expect(sshStepForFailure("connecting", "local-port-busy")).toBe("forward");
  });
  it("gateway: pairing-required is the pairing step, everything else the auth (connect) step", () => {
    expect(gatewayStepForFailure({ kind: "pairing-required", requestId: null, reason: "not-paired", approveCommand: null, remediationHint: null })).toBe("pairing");
    expect(gatewayStepForFailure({ kind: "auth-token-mismatch" })).toBe("auth");
    expect(gatewayStepForFailure({ kind: "protocol-mismatch", update: "unknown", expectedProtocol: null })).toBe("auth");
  });
  it("a probe waits through 'still starting' and the one device-token retry, nothing else", () => {
    const snap = (failure: GatewayFailure | null, phase: SessionSnapshot["phase"] = "reconnecting"): SessionSnapshot => ({
      phase,
      generation: 1,
      attempt: 1,
      nextAttemptAt: 0,
      failure,
      attention: null,
      pairing: null,
      connected: null,
    });
    expect(keepsWaiting(snap({ kind: "gateway-starting", retryAfterMs: 500 }))).toBe(true);
    expect(keepsWaiting(snap({ kind: "auth-token-mismatch" }))).toBe(true);
    expect(keepsWaiting(snap({ kind: "auth-token-mismatch" }, "needs-attention"))).toBe(false);
    expect(keepsWaiting(snap({ kind: "network", errno: "ECONNREFUSED", message: "x" }))).toBe(false);
    expect(keepsWaiting(snap({ kind: "shutdown", restartExpectedMs: null }))).toBe(false);
  });
});

describe("outcomeOf", () => {
  it("all steps passed through health: connected", () => {
    const o = outcomeOf([
      { name: "target", ok: true, ms: 1, detail: "" },
      { name: "auth", ok: true, ms: 1, detail: "", data: { serverVersion: "2026.9.6", authSource: "shared token from --token-env X" } },
      { name: "pairing", ok: true, ms: 0, detail: "" },
      { name: "health", ok: true, ms: 2, detail: "health answered in 2 ms (ok)" },
    ]);
    expect(o).toMatchObject({ kind: "connected", step: null, serverVersion: "2026.9.6", authSource: "shared token from --token-env X" });
  });
  it("passing steps that never reached health are not 'connected'", () => {
    expect(outcomeOf([{ name: "target", ok: true, ms: 1, detail: "" }]).kind).toBe("failure");
  });
  it("pairing failure carries the request id and approve command", () => {
    const o = outcomeOf([
      { name: "auth", ok: true, ms: 1, detail: "" },
      { name: "pairing", ok: false, ms: 1, detail: "", attention: { reason: "pairing-required", message: "m", fixHint: "f" }, data: { requestId: "req-1", approveCommand: "openclaw devices approve req-1" } },
    ]);
    expect(o).toMatchObject({ kind: "pairing-required", step: "pairing", requestId: "req-1", approveCommand: "openclaw devices approve req-1" });
  });
});
