import { describe, expect, it } from "vitest";
import { ConnectionSnapshotSchema } from "./connection-schema.js";
import { ACTION_OF_REASON, isReason, OUTCOME_OF_REASON, REASONS } from "./reasons.js";

describe("the closed reason list", () => {
  it("lists each reason once, and every table has exactly those keys", () => {
    expect(new Set(REASONS).size).toBe(REASONS.length);
    expect(Object.keys(OUTCOME_OF_REASON).sort()).toEqual([...REASONS].sort());
    expect(Object.keys(ACTION_OF_REASON).sort()).toEqual([...REASONS].sort());
  });
  it("knows its own reasons and nothing else", () => {
    expect(isReason("host-key-changed")).toBe(true);
    expect(isReason("tls-first-use")).toBe(false);
    expect(isReason("toString")).toBe(false);
  });
  it("offers a secret field only where a stored secret fixes it, and re-trust only for a changed certificate", () => {
    const by = (action: string) => REASONS.filter((r) => ACTION_OF_REASON[r] === action).sort();
    expect(by("enter-token")).toEqual(["auth-device-token-mismatch", "auth-token-mismatch", "auth-token-missing"]);
    expect(by("enter-password")).toEqual(["auth-password-mismatch", "auth-password-missing"]);
    expect(by("retrust-certificate")).toEqual(["tls-cert-changed"]);
  });
  it("offers forgetting the host key only for a changed one (a revoked key stays refused)", () => {
    expect(REASONS.filter((r) => ACTION_OF_REASON[r] === "forget-host-key")).toEqual(["host-key-changed"]);
  });
});

describe("the snapshot schema, one variant per state", () => {
  const base = { id: "a", name: "A", kind: "ssh", layer: "transport", attempt: 0, nextAttemptAt: null, localPort: null, portFallback: false, sshAuth: null, warning: null, url: null, seq: 1, updatedAt: 0, pairing: null, connected: null, tlsChange: null, attention: null };
  const ok = (v: unknown) => ConnectionSnapshotSchema.safeParse(v).success;
  const why = { reason: "ssh-error", message: "m", fixHint: "h" };
  it("needs-attention always says why, with a reason from the list", () => {
    expect(ok({ ...base, state: "handshaking" })).toBe(true);
    expect(ok({ ...base, state: "needs-attention" })).toBe(false);
    expect(ok({ ...base, state: "needs-attention", attention: why })).toBe(true);
    expect(ok({ ...base, state: "needs-attention", attention: { ...why, reason: "something-new" } })).toBe(false);
  });
  it("pairing only while pairing is required, connected facts only while connected", () => {
    const pairing = { requestId: "r1", reason: "not-paired", approveCommand: null, since: 1 };
    const connected = { serverVersion: null, protocol: 4, connId: null, authMethod: null, authSource: "test", role: null, scopes: [], connectedAt: 1 };
    expect(ok({ ...base, state: "pairing-required", layer: "gateway", pairing })).toBe(true);
    expect(ok({ ...base, state: "connected", layer: "gateway", pairing })).toBe(false);
    expect(ok({ ...base, state: "connected", layer: "gateway", connected })).toBe(true);
    expect(ok({ ...base, state: "connected", layer: "gateway" })).toBe(false);
    expect(ok({ ...base, state: "reconnecting", connected })).toBe(false);
  });
});
