// Pure decisions for exactly-once chat after a reconnect: which outbox entries the gateway's history
// confirms, which must go out again (same idempotency key), and how each run we were following ended
// while we were away. GatewaySession fetches the history page and applies the verdicts.
// Sources: docs/gateway/protocol/rpc-session-control.md (chat.send acknowledgements are admission,
// not transcript; reconcile by submission identity; sessionInfo.hasActiveRun), docs/concepts/queue.md
// ("Input durability": a queued input that never reached the transcript before a gateway stop is kept
// as *interrupted* and needs an explicit resend), docs/gateway/restart-recovery.md.
import type { OutboxEntry } from "../../../src-shared/gateway-session.js";
import { messageText } from "./chat-events.js";

/** One pending input as chat.history reports it (`pendingInputs.items[]`). */
export interface PendingInput {
  runId: string | null;
  state: string;
}

/** The parts of one chat.history answer the decisions need. */
export interface HistoryPage {
  messages: unknown[];
  pending: PendingInput[];
  /** sessionInfo.hasActiveRun: a run is going or queued follow-ups wait (those are in no list). */
  hasActiveRun: boolean;
  /** Older rows exist than this page holds (`hasMore`). */
  hasMore?: boolean;
  /** The oldest row's timestamp on this page (ms), when the rows carry one. */
  oldestTs?: number;
  /**
   * chat.history's cursor for the page before this one: pass it back as `offset` (counted from the
   * transcript's end, so rows added meanwhile make pages overlap, never skip; docs/gateway/clients.md
   * "Page backward with the response's hasMore and nextOffset").
   */
  nextOffset?: number;
}

export function historyPageFrom(res: Record<string, unknown>): HistoryPage {
  const messages = Array.isArray(res.messages) ? res.messages : [];
  const items = (res.pendingInputs as { items?: unknown } | undefined)?.items;
  const pending = Array.isArray(items)
    ? items.flatMap((i) => {
        const o = i as { runId?: unknown; state?: unknown };
        return typeof o?.state === "string" ? [{ runId: typeof o.runId === "string" ? o.runId : null, state: o.state }] : [];
      })
    : [];
  const info = res.sessionInfo as { hasActiveRun?: unknown } | undefined;
  const page: HistoryPage = { messages, pending, hasActiveRun: info?.hasActiveRun === true };
  if (res.hasMore === true) page.hasMore = true;
  if (res.hasMore === true && typeof res.nextOffset === "number" && Number.isInteger(res.nextOffset) && res.nextOffset >= 0) page.nextOffset = res.nextOffset;
  const ts = messages.map((m) => (m as { timestamp?: unknown })?.timestamp).filter((t): t is number => typeof t === "number");
  if (ts.length) page.oldestTs = Math.min(...ts);
  return page;
}

export interface OutboxVerdict {
  /** In the transcript, or held by the gateway as a queued pending input. */
  delivered: Set<string>;
  /** Acknowledged once, but the gateway no longer has it anywhere: send again with the same key. */
  resend: string[];
  /** The gateway cancelled it (a person or policy did): not replayed, shown as failed. */
  cancelled: string[];
}

/**
 * Reconciles the outbox of one chat session against its history page. `sendIds` are the idempotency
 * keys of the page's user turns. While the session has an active run, an acknowledged message that is
 * in no list may still sit in the gateway's in-memory follow-up queue (seen on the real gateway:
 * queued follow-ups show in neither `messages` nor `pendingInputs`), so it is left alone until the
 * session is idle; a resend is harmless anyway (same key → `in_flight`), but it is not needed.
 */
export function reconcileOutbox(entries: readonly OutboxEntry[], sessionKey: string, page: HistoryPage, sendIds: ReadonlySet<string>): OutboxVerdict {
  const pendingByRun = new Map(page.pending.flatMap((p) => (p.runId ? [[p.runId, p.state] as const] : [])));
  const v: OutboxVerdict = { delivered: new Set(), resend: [], cancelled: [] };
  for (const e of entries) {
    if (e.sessionKey !== sessionKey || e.state === "delivered") continue;
    if (e.state === "failed") {
      // Refused or given up on, but the history shows it after all (a late resend went through).
      if (sendIds.has(e.idempotencyKey)) v.delivered.add(e.idempotencyKey);
      continue;
    }
    const pendingState = pendingByRun.get(e.idempotencyKey) ?? (e.runId ? pendingByRun.get(e.runId) : undefined);
    if (sendIds.has(e.idempotencyKey) || pendingState === "queued") v.delivered.add(e.idempotencyKey);
    else if (e.state !== "sent") continue; // queued/sending: the send path owns it
    else if (pendingState === "interrupted") v.resend.push(e.idempotencyKey);
    else if (pendingState === "cancelled") v.cancelled.push(e.idempotencyKey);
    else if (page.hasMore && page.oldestTs !== undefined && (e.sentAt ?? e.createdAt) < page.oldestTs) {
      // Older than the oldest row of a full page: its turn would be further back, beyond this page.
      // Sending it again could duplicate it (the gateway forgets keys across restarts), so it counts
      // as delivered.
      v.delivered.add(e.idempotencyKey);
    } else if (!page.hasActiveRun) v.resend.push(e.idempotencyKey);
  }
  return v;
}

/** A run this client was following (its deltas, or our own acknowledged send) when the link went. */
export interface FollowedRun {
  runId: string;
  sessionKey: string;
  /** Our message's key when we started the run (run id = idempotency key for chat.send). */
  sendId: string | null;
  /** The assistant text streamed so far. */
  text: string;
  /**
   * Started before the gateway process restarted: it cannot be running in the new process (a
   * resumed turn runs under a new run id), so the session's busy flag does not speak for it.
   */
  orphaned?: boolean;
}

export type RunVerdict =
  | { kind: "running" }
  /** The reply finished while we were away: history has it. */
  | { kind: "finished"; text: string }
  /** The gateway no longer has this run and no reply came: tell the user, offer to send again. */
  | { kind: "lost" }
  /** Our message never reached the transcript: the outbox resends it; keep following. */
  | { kind: "not-started" }
  /** Someone else's run (no send id to find it by) that is no longer active: history shows its end. */
  | { kind: "settled" };

const role = (m: unknown) => (m && typeof m === "object" ? (m as { role?: unknown }).role : undefined);

/**
 * The assistant text that follows the user turn `sendId`, up to the next submitted user turn. Rows
 * without a send id don't end it: the gateway's restart recovery adds its own "your turn was
 * interrupted, continue" message before the resumed reply.
 */
export function replyAfter(messages: readonly unknown[], sendId: string, sendIdOf: (m: unknown) => string | null): string | null {
  const at = messages.findIndex((m) => role(m) === "user" && sendIdOf(m) === sendId);
  if (at < 0) return null;
  let text = "";
  for (const m of messages.slice(at + 1)) {
    if (role(m) === "user" && sendIdOf(m) !== null) break;
    if (role(m) === "assistant") text += messageText(m);
  }
  return text;
}

/**
 * How a followed run ended, from the session's history page after a reconnect. A run of someone
 * else's message (sendId null) can only be judged by the session being idle.
 */
export function judgeRun(run: FollowedRun, page: HistoryPage, sendIdOf: (m: unknown) => string | null, opts: { recovering?: boolean } = {}): RunVerdict {
  const reply = run.sendId === null ? null : replyAfter(page.messages, run.sendId, sendIdOf);
  if (run.orphaned && reply?.trim()) return { kind: "finished", text: reply };
  // After a gateway restart the session can report an active run for a minute (the stale marker of
  // the run that died, until the gateway's own startup reconciliation); while the gateway may still
  // be resuming the turn (opts.recovering) we wait, after that it does not speak for an orphaned run.
  if (page.hasActiveRun && (!run.orphaned || opts.recovering)) return { kind: "running" };
  if (run.sendId === null) return { kind: "settled" };
  if (reply === null) return { kind: "not-started" };
  if (reply.trim()) return { kind: "finished", text: reply };
  return opts.recovering ? { kind: "running" } : { kind: "lost" };
}

export const LOST_AFTER_RESTART = "The gateway restarted and this reply was lost; send again?";
export const LOST_AFTER_DISCONNECT = "The connection dropped and the gateway no longer has this reply; send again?";

/**
 * Is a chat.send error worth sending again (same key) rather than final? Transport failures are (no
 * gateway code); so are UNAVAILABLE and errors the gateway marks retryable; and refusals whose message
 * asks for a plain retry — the 2026.9 gateway answers a send racing the creation of its session with
 * "session changed before chat.send; retry the request" (INVALID_REQUEST, not marked retryable). A
 * refusal that asks the user to review first ("review and retry") is final: a person decides.
 */
export function isTransientSendError(e: unknown): boolean {
  const err = e as { gatewayCode?: unknown; retryable?: unknown; message?: unknown };
  if (typeof err?.gatewayCode !== "string") return true;
  if (err.gatewayCode === "UNAVAILABLE" || err.retryable === true) return true;
  const message = typeof err.message === "string" ? err.message : "";
  return /\bretry\b/i.test(message) && !/\breview\b/i.test(message);
}
