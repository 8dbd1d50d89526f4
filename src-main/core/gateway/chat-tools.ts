// Tool activity as cards (issue 12 "Chat"): the gateway's live `agent` events on the "tool" stream
// (phase start → update → result; docs/concepts/agent-loop.md "Event streams", delivered only to
// connections that advertise the tool-events cap, docs/gateway/clients.md) and, in chat.history,
// assistant rows' `toolCall` content parts with the `toolResult` rows that answer them. Pure; every
// argument and result is cut to an excerpt here, so no large payload travels to the UI.
import { TOOL_EXCERPT_CHARS, type ChatToolEvent, type ToolCard } from "../../../src-shared/chat-schema.js";

type Row = Record<string, unknown>;
const obj = (v: unknown): Row | null => (v && typeof v === "object" && !Array.isArray(v) ? (v as Row) : null);

export function excerpt(s: string, max = TOOL_EXCERPT_CHARS): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** Arguments as compact JSON (a string argument as it is). */
export function argsExcerpt(args: unknown): string {
  if (args === undefined || args === null) return "";
  if (typeof args === "string") return excerpt(args);
  try {
    return excerpt(JSON.stringify(args));
  } catch {
    return "";
  }
}

/** A tool result's text: its text content parts, else its JSON. */
export function resultExcerpt(result: unknown): string | null {
  if (result === undefined || result === null) return null;
  if (typeof result === "string") return excerpt(result);
  const content = obj(result)?.content ?? (Array.isArray(result) ? result : undefined);
  if (Array.isArray(content)) {
    const text = content.map((p) => (obj(p)?.type === "text" ? String(obj(p)!.text ?? "") : "")).join("");
    if (text) return excerpt(text);
  }
  return argsExcerpt(result) || null;
}

/** One `agent` event payload → a tool event, or null for every other stream (assistant, lifecycle, …). */
export function normalizeToolEvent(payload: unknown): ChatToolEvent | null {
  const p = obj(payload);
  const data = obj(p?.data);
  if (!p || !data || p.stream !== "tool") return null;
  if (typeof p.runId !== "string" || typeof p.sessionKey !== "string" || typeof data.toolCallId !== "string") return null;
  const phase = data.phase;
  const name = typeof data.name === "string" ? data.name : "tool";
  const ended = phase === "result" || phase === "end";
  const card: ToolCard = {
    id: data.toolCallId,
    name,
    args: argsExcerpt(data.args),
    status: ended ? (data.isError === true ? "error" : "done") : "running",
    result: ended ? resultExcerpt(data.result) : resultExcerpt(data.partialResult),
  };
  return { sessionKey: p.sessionKey, runId: p.runId, card };
}

/** The toolCall parts of an assistant row as running cards (a later toolResult row finishes them). */
export function toolCallsOf(m: Row): ToolCard[] {
  if (!Array.isArray(m.content)) return [];
  return (m.content as unknown[]).flatMap((part) => {
    const c = obj(part);
    if (!c || (c.type !== "toolCall" && c.type !== "tool_use" && c.type !== "toolUse")) return [];
    const id = typeof c.id === "string" ? c.id : null;
    if (!id) return [];
    return [{ id, name: typeof c.name === "string" ? c.name : "tool", args: argsExcerpt(c.arguments ?? c.input), status: "running" as const, result: null }];
  });
}

/** A `toolResult` row: which call it answers and how. */
export function toolResultOf(m: Row): { id: string; name: string; status: "done" | "error"; result: string | null } | null {
  if (m.role !== "toolResult" && m.role !== "tool") return null;
  const id = typeof m.toolCallId === "string" ? m.toolCallId : null;
  if (!id) return null;
  return { id, name: typeof m.toolName === "string" ? m.toolName : "tool", status: m.isError === true ? "error" : "done", result: resultExcerpt({ content: m.content }) };
}
