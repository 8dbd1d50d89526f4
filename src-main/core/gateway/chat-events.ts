// Normalises the gateway's `chat` event payloads into ChatStreamEvent: `text` is always the cumulative
// assistant text of the run (the gateway's deltas carry it in message.content; deltaText is only the
// new part and the last delta and the final can share one seq).
import type { ChatStreamEvent } from "../../../src-shared/gateway-session.js";

const STATES = new Set(["status", "delta", "final", "aborted", "error"]);

export function messageText(message: unknown): string {
  if (!message || typeof message !== "object") return "";
  const content = (message as { content?: unknown }).content;
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content
    .map((part) => (part && typeof part === "object" && (part as { type?: unknown }).type === "text" ? String((part as { text?: unknown }).text ?? "") : ""))
    .join("");
}

export function normalizeChatEvent(payload: unknown): ChatStreamEvent | null {
  if (!payload || typeof payload !== "object") return null;
  const p = payload as Record<string, unknown>;
  if (typeof p.runId !== "string" || typeof p.sessionKey !== "string" || typeof p.state !== "string" || !STATES.has(p.state)) return null;
  const ev: ChatStreamEvent = { sessionKey: p.sessionKey, runId: p.runId, state: p.state as ChatStreamEvent["state"], text: messageText(p.message) };
  if (typeof p.phase === "string") ev.phase = p.phase;
  if (typeof p.stopReason === "string") ev.stopReason = p.stopReason;
  if (typeof p.errorMessage === "string") ev.errorMessage = p.errorMessage;
  const detail = p.errorDetail as Record<string, unknown> | undefined;
  const kind = typeof p.errorKind === "string" ? p.errorKind : typeof detail?.failoverReason === "string" ? detail.failoverReason : undefined;
  if (kind) ev.errorKind = kind;
  return ev;
}
