// The gateway's transcript rows (chat.history) → the rows the UI shows. Pure: text from the content
// parts (the same reading the stream uses), the idempotency key of user rows (so the UI can pair them
// with outbox entries), error turns with their kind, and tool calls as cards (a toolResult row is
// folded into the card of the call it answers), pictures as references (chat-media.ts, artifact-image.ts). Unknown shapes become empty text, never a throw.
// Row ids come from the transcript identity (`__openclaw.id`, docs/gateway/clients.md "Use history
// metadata and stable anchors") so pages fetched at different times merge without duplicates.
import type { ChatMessage, ChatSessionInfo } from "../../../src-shared/host-api.js";
import { upsertCard } from "../../../src-shared/tool-cards.js";
import { messageText } from "../gateway/chat-events.js";
import { sessionsFrom } from "../gateway/chat-sessions.js";
import { artifactRefsOf } from "../gateway/artifact-image.js";
import { mediaRefsOf } from "../gateway/chat-media.js";
import { toolCallsOf, toolResultOf } from "../gateway/chat-tools.js";

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

function transcriptId(m: Row): string | null {
  const meta = m.__openclaw && typeof m.__openclaw === "object" ? (m.__openclaw as Row) : null;
  return str(meta?.id);
}

export function normalizeHistory(rows: readonly unknown[], sendIdOf: (m: unknown) => string | null): ChatMessage[] {
  const out: ChatMessage[] = [];
  const seen = new Set<string>();
  /** Which output row holds the card of a tool call, so its result row can finish it. */
  const cardAt = new Map<string, number>();
  rows.forEach((raw, i) => {
    if (!raw || typeof raw !== "object") return;
    const m = raw as Row;
    const role = str(m.role) ?? "unknown";
    const result = toolResultOf(m);
    if (result && cardAt.has(result.id)) {
      const at = cardAt.get(result.id)!;
      const row = out[at]!;
      out[at] = { ...row, tools: upsertCard(row.tools ?? [], { id: result.id, name: result.name, args: "", status: result.status, result: result.result }) };
      return;
    }
    const sendId = sendIdOf(m);
    let id = str(m.id) ?? transcriptId(m) ?? (sendId ? `${sendId}:${role}` : `${i}:${role}:${timestampOf(m) ?? ""}`);
    // Ids must be unique for the list's keys; siblings of one transcript record get a suffix.
    for (let n = 1; seen.has(id); n++) id = `${id.replace(/#\d+$/, "")}#${n}`;
    seen.add(id);
    const tools = result ? [{ id: result.id, name: result.name, args: "", status: result.status, result: result.result }] : toolCallsOf(m);
    const msg: ChatMessage = { id, role: result ? "tool" : role, text: result ? "" : messageText(m), ts: timestampOf(m), sendId, error: role === "assistant" ? errorOf(m) : null };
    // Inbound files (__openclaw.media) and an assistant row's generated image blocks (artifact-image.ts).
    const media = [...mediaRefsOf(m), ...artifactRefsOf(m)];
    if (media.length) msg.media = media;
    if (tools.length) {
      msg.tools = tools;
      for (const t of tools) cardAt.set(t.id, out.length);
    }
    out.push(msg);
  });
  return out;
}

export function normalizeSessions(res: { sessions: Array<Record<string, unknown>> }): ChatSessionInfo[] {
  return sessionsFrom(res);
}
