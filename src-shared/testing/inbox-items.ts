// Why exists: test support, the one builder of inbox item fixtures for the tray, notification-policy and
// renderer tests (the core's inbox tests build theirs from what the real gateway sent). Tests state only
// the fields they are about. In src-shared so both tsconfigs can import it; app code never does.
import type { ExecApprovalItem, PairingRequestItem } from "../inbox.js";

/** A pending exec approval "a1" on "home" for `echo hello`; `over` replaces any field. */
export function execItem(over: Partial<ExecApprovalItem> = {}): ExecApprovalItem {
  return {
    kind: "exec",
    id: "a1",
    connectionId: "home",
    gatewayName: "Home Desktop",
    createdAt: 1_000,
    command: "echo hello",
    cwd: "/home/me",
    host: "gateway",
    nodeId: null,
    agentId: "main",
    sessionKey: "agent:main:main",
    resolvedPath: null,
    requestedVia: "webchat",
    warnings: [],
    allowedDecisions: ["allow-once", "allow-always", "deny"],
    expiresAt: 121_000,
    ...over,
  };
}

/** A pending pairing request "r1" on "home" from a phone; `over` replaces any field. */
export function pairingItem(over: Partial<PairingRequestItem> = {}): PairingRequestItem {
  return {
    kind: "pairing",
    id: "r1",
    connectionId: "home",
    gatewayName: "Home Desktop",
    createdAt: 2_000,
    deviceId: "dev-0123456789abcdef",
    displayName: "Pixel 9",
    platform: "android",
    deviceFamily: null,
    clientId: null,
    role: "operator",
    scopes: ["operator.read"],
    remoteIp: null,
    isRepair: false,
    ...over,
  };
}
