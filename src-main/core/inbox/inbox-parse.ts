// Gateway payloads → inbox items. The payloads come from a server we may not trust, so each one is read
// field by field (strings stay strings, arrays stay arrays) and anything without an id is dropped.
// Shapes seen from openclaw 2026.9.6 (exec.approval.requested/resolved, exec.approval.list entries,
// device.pair.requested/resolved, device.pair.list.pending) and documented in
// docs/gateway/protocol/rpc-devices-nodes-and-approvals.md and the protocol schema
// (DevicePairRequestedEvent, ApprovalDecision).
import type { ApprovalDecision, ExecApprovalItem, PairingRequestItem } from "../../../src-shared/inbox.js";
import { APPROVAL_DECISIONS } from "../../../src-shared/inbox.js";

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | null => (v && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : null);
const str = (v: unknown): string | null => (typeof v === "string" && v.length > 0 ? v : null);
const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string" && x.length > 0) : []);

export interface Origin {
  connectionId: string;
  gatewayName: string;
}

/** The default lifetime the gateway gives an exec approval (DEFAULT_EXEC_APPROVAL_TIMEOUT_MS, 30 min). */
export const DEFAULT_EXEC_APPROVAL_MS = 30 * 60_000;

/** One exec approval from `exec.approval.requested` or an `exec.approval.list` entry. */
export function execItemFrom(raw: unknown, origin: Origin, now = Date.now()): ExecApprovalItem | null {
  const p = obj(raw);
  const id = str(p?.id);
  if (!p || !id) return null;
  if (p.approvalKind !== undefined && p.approvalKind !== "exec") return null;
  const r = obj(p.request) ?? {};
  const plan = obj(r.systemRunPlan);
  const command = str(r.command) ?? str(plan?.commandText) ?? (strings(r.commandArgv).join(" ") || null);
  if (!command) return null;
  const analysis = obj(r.commandAnalysis);
  const allowed = strings(r.allowedDecisions).filter((d): d is ApprovalDecision => (APPROVAL_DECISIONS as string[]).includes(d));
  const unavailable = new Set(strings(r.unavailableDecisions));
  const createdAt = num(p.createdAtMs) ?? now;
  return {
    kind: "exec",
    id,
    ...origin,
    createdAt,
    command,
    cwd: str(r.cwd) ?? str(plan?.cwd),
    host: str(r.host),
    nodeId: str(r.nodeId),
    agentId: str(r.agentId) ?? str(plan?.agentId),
    sessionKey: str(r.sessionKey) ?? str(plan?.sessionKey),
    resolvedPath: str(r.resolvedPath),
    requestedVia: str(r.turnSourceChannel) ?? (obj(r.cronExecutionSource) ? "cron" : null),
    warnings: [...(str(r.warningText) ? [str(r.warningText)!] : []), ...strings(analysis?.warningLines)],
    // An older gateway that lists no decisions accepts all three, minus any it says are unavailable.
    allowedDecisions: (allowed.length ? allowed : [...APPROVAL_DECISIONS]).filter((d) => !unavailable.has(d)),
    expiresAt: num(p.expiresAtMs) ?? createdAt + DEFAULT_EXEC_APPROVAL_MS,
  };
}

/** One pairing request from `device.pair.requested` or a `device.pair.list` pending entry. */
export function pairingItemFrom(raw: unknown, origin: Origin, now = Date.now()): PairingRequestItem | null {
  const p = obj(raw);
  const id = str(p?.requestId);
  const deviceId = str(p?.deviceId);
  if (!p || !id || !deviceId) return null;
  const roles = strings(p.roles);
  return {
    kind: "pairing",
    id,
    ...origin,
    createdAt: num(p.ts) ?? num(p.createdAtMs) ?? now,
    deviceId,
    displayName: str(p.displayName),
    platform: str(p.platform),
    deviceFamily: str(p.deviceFamily),
    clientId: str(p.clientId),
    role: str(p.role) ?? roles[0] ?? null,
    scopes: strings(p.scopes),
    remoteIp: str(p.remoteIp),
    isRepair: p.isRepair === true,
  };
}

/** `exec.approval.resolved`: which approval, the decision and who made it. */
export function execResolvedFrom(raw: unknown): { id: string; decision: string; by: string | null; at: number | null } | null {
  const p = obj(raw);
  const id = str(p?.id);
  if (!p || !id) return null;
  return { id, decision: str(p.decision) ?? "resolved", by: str(p.resolvedBy), at: num(p.ts) };
}

/** `device.pair.resolved`: which request and the decision ("approved", "rejected", ...). */
export function pairingResolvedFrom(raw: unknown): { id: string; decision: string; at: number | null } | null {
  const p = obj(raw);
  const id = str(p?.requestId);
  if (!p || !id) return null;
  return { id, decision: str(p.decision) ?? "resolved", at: num(p.ts) };
}

/** The list methods' results: an array (exec.approval.list) or `{ pending: [...] }` (device.pair.list). */
export function listEntries(result: unknown, key?: string): unknown[] {
  if (Array.isArray(result)) return result;
  const o = obj(result);
  const inner = key ? o?.[key] : (o?.approvals ?? o?.items ?? o?.pending);
  return Array.isArray(inner) ? inner : [];
}
