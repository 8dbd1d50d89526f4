// The gateway's transcript rows (chat.history) → the rows the UI shows. Pure: text from the content
// parts (the same reading the stream uses), the idempotency key of user rows (so the UI can pair them
// with outbox entries), and error turns with their kind. Unknown shapes become empty text, never a throw.
import type { ChatMessage, ChatSessionInfo } from "../../../src-shared/host-api.js";
import { messageText } from "../gateway/chat-events.js";

type Row = Record<string, unknown>;

const str = (v: unknown): string | null => (typeof v === "string" && v ? v : null);

function timestampOf(m: Row): number | null {
  const t = m.timestamp ?? m.ts ?? m.createdAt;
  if (typeof t === "number" && Number.isFinite(t)) return t;
  if (typeof t === "string") {
    const n = Date.parse(t);
    return Number.isNaN(n) ? null : n;
  }
  return null;
}

function errorOf(m: Row): ChatMessage["error"] {
  const message = str(m.errorMessage);
  const detail = (m.errorDetail && typeof m.errorDetail === "object" ? m.errorDetail : {}) as Row;
  const kind = str(m.errorKind) ?? str(detail.failoverReason);
  if (m.stopReason === "error" || message || kind) return { kind: kind ?? "error", message: message ?? "the turn failed" };
  return null;
}

export function normalizeHistory(rows: readonly unknown[], sendIdOf: (m: unknown) => string | null): ChatMessage[] {
  const out: ChatMessage[] = [];
  const seen = new Set<string>();
  rows.forEach((raw, i) => {
    if (!raw || typeof raw !== "object") return;
    const m = raw as Row;
    const role = str(m.role) ?? "unknown";
    const sendId = sendIdOf(m);
    let id = str(m.id) ?? (sendId ? `${sendId}:${role}` : `${i}:${role}:${timestampOf(m) ?? ""}`);
    // Ids must be unique for the list's keys; a duplicate gets its position appended.
    if (seen.has(id)) id = `${id}#${i}`;
    seen.add(id);
    out.push({ id, role, text: messageText(m), ts: timestampOf(m), sendId, error: role === "assistant" ? errorOf(m) : null });
  });
  return out;
}

export function normalizeSessions(res: { sessions: Array<Record<string, unknown>> }): ChatSessionInfo[] {
  const out: ChatSessionInfo[] = [];
  for (const s of res.sessions) {
    const key = str(s.key);
    if (!key) continue;
    const label = str(s.label) ?? str(s.displayName) ?? str(s.title) ?? key;
    const u = s.updatedAt;
    out.push({ key, label, updatedAt: typeof u === "number" ? u : null });
  }
  return out;
}
