// The chat's pure updates beyond text (issue 12 "Chat"), used by state.ts: tool cards streamed into a
// run in order with its text, older transcript pages merged in front, the transcript's tail replacing
// only what it covers, and "the agent is working" between delivery and the first words of the reply.
import type { ChatToolEvent, ToolCard } from "../../src-shared/chat-schema";
import type { ChatMessage } from "../../src-shared/host-api";
import { upsertCard } from "../../src-shared/tool-cards";
import type { ChatRun, ChatState } from "./state";

/** A card of a live run, with where it sits in the run's text (the text's length when the call started). */
export type RunTool = ToolCard & { at: number };

/** Runs whose end we saw, kept (bounded) after the transcript replaced them: their send shows no "working". */
const MAX_SETTLED = 100;

export function settle(chat: ChatState, runId: string): ChatState {
  if (chat.settled?.includes(runId)) return chat;
  return { ...chat, settled: [...(chat.settled ?? []), runId].slice(-MAX_SETTLED) };
}

/** A tool event: the card is added to (or updated in) its run; a run not seen yet starts with it. */
export function applyToolEvent(chat: ChatState, ev: ChatToolEvent): ChatState {
  const i = chat.runs.findIndex((r) => r.runId === ev.runId);
  const prev: ChatRun = i >= 0 ? chat.runs[i]! : { runId: ev.runId, text: "", state: "delta", errorKind: null, errorMessage: null, done: false };
  if (prev.done) return chat;
  const tools = prev.tools ?? [];
  const known = tools.find((t) => t.id === ev.card.id);
  const at = known ? known.at : prev.text.length;
  const merged = upsertCard(tools, ev.card).map((c) => ({ ...c, at: tools.find((t) => t.id === c.id)?.at ?? at }));
  const run: ChatRun = { ...prev, tools: merged };
  const runs = i >= 0 ? chat.runs.map((r, j) => (j === i ? run : r)) : [...chat.runs, run];
  return { ...chat, runs };
}

export type RunSegment = { kind: "text"; key: string; text: string } | { kind: "tool"; key: string; tool: RunTool };

/** A run's text cut at its tool calls, so cards show where they happened in the reply. */
export function runSegments(run: ChatRun): RunSegment[] {
  const tools = [...(run.tools ?? [])].sort((a, b) => a.at - b.at);
  const out: RunSegment[] = [];
  let from = 0;
  for (const t of tools) {
    const at = Math.min(Math.max(t.at, from), run.text.length);
    if (at > from) out.push({ kind: "text", key: `t${from}`, text: run.text.slice(from, at) });
    out.push({ kind: "tool", key: `c:${t.id}`, tool: t });
    from = at;
  }
  if (run.text.length > from || out.length === 0) out.push({ kind: "text", key: `t${from}`, text: run.text.slice(from) });
  return out;
}

/**
 * The transcript's tail replaces the rows it covers; older rows loaded with "load older" that come
 * before its first row stay. When the tail does not overlap them (the transcript was reset or
 * compacted), the tail alone is kept and paging starts again from it.
 */
export function mergeTail(chat: ChatState, tail: ChatMessage[], nextOffset?: number | null): ChatState {
  const first = tail[0];
  const at = first ? chat.messages.findIndex((m) => m.id === first.id) : -1;
  const keepOlder = at > 0 && chat.olderLoaded;
  const messages = keepOlder ? [...chat.messages.slice(0, at), ...tail] : tail;
  const next: ChatState = { ...chat, messages };
  if (!keepOlder) {
    next.olderLoaded = false;
    if (nextOffset !== undefined) next.nextOffset = nextOffset;
  }
  return next;
}

/** An older page goes in front; rows already shown (pages overlap when rows were added meanwhile) are skipped. */
export function mergeOlder(chat: ChatState, older: ChatMessage[], nextOffset: number | null): ChatState {
  const have = new Set(chat.messages.map((m) => m.id));
  const fresh = older.filter((m) => !have.has(m.id));
  return { ...chat, messages: [...fresh, ...chat.messages], nextOffset, olderLoaded: true };
}

/** What "the agent is working" shows, or null: a run with nothing to show yet, or a delivered send whose run has not spoken. */
export interface Working {
  key: string;
  /** The gateway's run phase (preparing_workspace, starting_model, …), when it said one. */
  phase: string | null;
}

const PHASE_WORDS: Record<string, string> = {
  preparing_workspace: "preparing the workspace",
  preparing_context: "preparing the context",
  starting_model: "starting the model",
};

export function phaseWords(phase: string | null): string | null {
  return phase ? (PHASE_WORDS[phase] ?? phase.replace(/_/g, " ")) : null;
}

export function workingOf(chat: ChatState): Working | null {
  const live = chat.runs.filter((r) => !r.done);
  if (live.length) return null;
  const settled = new Set([...(chat.settled ?? []), ...chat.runs.map((r) => r.runId)]);
  const last = chat.messages.at(-1);
  for (let i = chat.outbox.length - 1; i >= 0; i--) {
    const e = chat.outbox[i]!;
    if (e.state !== "sent" && e.state !== "delivered") continue;
    const runId = e.runId ?? e.idempotencyKey;
    if (settled.has(runId)) return null;
    // In the transcript with something after it: the reply is there (or another turn came since).
    const inHistory = chat.messages.some((m) => m.sendId === e.idempotencyKey);
    if (inHistory && last?.sendId !== e.idempotencyKey) return null;
    return { key: `w:${runId}`, phase: null };
  }
  return null;
}
