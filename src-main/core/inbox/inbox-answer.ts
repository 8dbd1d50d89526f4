// Answering one inbox item on its gateway: the request to send, and what the gateway's answer means for
// the person (done, an id it does not know, already resolved, a missing scope). Decided from the error's
// code and details.reason only, never its message text; seen from openclaw 2026.9.6:
//   exec.approval.resolve on a resolved id → INVALID_REQUEST, details.reason APPROVAL_ALREADY_RESOLVED
//   on an unknown or expired id            → INVALID_REQUEST, details.reason APPROVAL_NOT_FOUND
import type { ApprovalDecision, InboxAnswerOutcome, InboxItem, ResolvedItem } from "../../../src-shared/inbox.js";

export type PairingDecision = "approve" | "reject";

export function resolveRequest(kind: "exec", id: string, decision: ApprovalDecision): { method: string; params: Record<string, unknown> };
export function resolveRequest(kind: "pairing", id: string, decision: PairingDecision): { method: string; params: Record<string, unknown> };
export function resolveRequest(kind: "exec" | "pairing", id: string, decision: ApprovalDecision | PairingDecision): { method: string; params: Record<string, unknown> } {
  if (kind === "exec") return { method: "exec.approval.resolve", params: { id, decision } };
  return { method: decision === "approve" ? "device.pair.approve" : "device.pair.reject", params: { requestId: id } };
}

const rec = (v: unknown): Record<string, unknown> | null => (v && typeof v === "object" ? (v as Record<string, unknown>) : null);

function errorCodes(e: unknown): { code: string | null; reason: string | null; message: string } {
  const o = rec(e);
  const details = rec(o?.details);
  const code = typeof o?.gatewayCode === "string" ? o.gatewayCode : typeof o?.code === "string" ? o.code : null;
  const reason = typeof details?.reason === "string" ? details.reason : typeof details?.code === "string" ? details.code : null;
  const raw = e instanceof Error ? e.message : String(e);
  return { code, reason, message: raw.replace(/^GatewayClientRequestError:\s*/, "") };
}

/** "allow-once by Clawlink on laptop 2 min ago"-style words for an item that already left. */
export function resolvedWords(r: ResolvedItem): string {
  if (r.decision === "expired") return "it expired";
  return `${r.decision}${r.by ? ` by ${r.by}` : ""}`;
}

/** What a failed resolve request means. `known` is the item if we still had it, `gone` if it left. */
export function outcomeOfError(e: unknown, id: string, gone: ResolvedItem | null): InboxAnswerOutcome {
  const { code, reason, message } = errorCodes(e);
  if (reason === "APPROVAL_ALREADY_RESOLVED") return { kind: "already-resolved", message: `${id} was already resolved${gone ? ` (${resolvedWords(gone)})` : ""}.` };
  if (reason === "APPROVAL_NOT_FOUND" || reason === "PAIRING_REQUEST_NOT_FOUND" || reason === "NOT_FOUND") {
    return gone
      ? { kind: "already-resolved", message: `${id} was already resolved (${resolvedWords(gone)}).` }
      : { kind: "unknown-id", message: `The gateway has no pending request ${id}: it expired, was resolved, or the gateway restarted.` };
  }
  if (code === "FORBIDDEN" || reason === "MISSING_SCOPE" || reason === "SCOPE_MISSING") return { kind: "scope-missing", scope: "operator.approvals", message: `The gateway refused: ${message}` };
  return { kind: "failed", message: `The gateway refused: ${message}` };
}

/** Checks made before sending anything: the decision must be one the gateway offers for this item. */
export function precheck(item: InboxItem | null, decision: ApprovalDecision | PairingDecision): InboxAnswerOutcome | null {
  if (!item || item.kind !== "exec") return null;
  const d = decision as ApprovalDecision;
  if (!item.allowedDecisions.includes(d)) {
    return { kind: "not-allowed", message: `The gateway does not offer "${d}" for this request (it offers ${item.allowedDecisions.join(", ")})${d === "allow-always" ? ": its exec policy asks every time, so a standing allow is not accepted" : ""}.` };
  }
  return null;
}
