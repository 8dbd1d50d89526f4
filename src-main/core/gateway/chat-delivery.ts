// Chat delivery for one connection: the outbox (persisted when a store is given), sending with one
// idempotency key per message, and the reconciliation after every reconnect that makes delivery exactly
// once *as the gateway's history shows it* (chat-reconcile.ts decides; this class fetches and applies):
// - acknowledged messages the history confirms become delivered; ones the gateway lost go out again
//   with the same key; ones the gateway cancelled become failed (with Resend);
// - runs we were following that ended while we were away end for the user too: with the reply from
//   history, or with "this reply was lost; send again?" — within one history round trip of the
//   reconnect, re-checked every RECHECK_MS while the session is still busy.
import type { ChatStreamEvent, OutboxEntry } from "../../../src-shared/gateway-session.js";
import type { Logger } from "../log/logger.js";
import { ChatOutbox } from "./chat-outbox.js";
import type { ChatAttachment } from "./chat-pictures.js";
import {
  historyPageFrom,
  isTransientSendError,
  judgeRun,
  LOST_AFTER_DISCONNECT,
  LOST_AFTER_RESTART,
  reconcileOutbox,
  type FollowedRun,
  type HistoryPage,
} from "./chat-reconcile.js";
import type { OutboxPersistence } from "./outbox-file.js";

export const RECHECK_MS = 2_000;
const SLOW_RECHECK_MS = 10_000;
export const RECOVERY_GRACE_MS = 10_000;
const WAITING_QUEUED_MS = 10 * 60_000;
/** Resends of one acknowledged message that the gateway says it has, but never puts in history. */
const MAX_RESENDS = 5;
/** chat.send attempts of one message that failed in a way worth retrying, before it is shown as failed. */
const MAX_SEND_RETRIES = 20;

export interface ChatDeliveryDeps {
  request<T>(method: string, params: unknown): Promise<T>;
  connected(): boolean;
  sendIdOf(message: unknown): string | null;
  onOutbox(entries: readonly OutboxEntry[]): void;
  /** Synthetic chat events for runs that ended while we were away. */
  onChat(event: ChatStreamEvent): void;
  /** Did the gateway process restart since the previous connection (uptime went back)? */
  gatewayRestarted(): boolean;
  /**
   * How long ago we first connected to this gateway process after it restarted (ms), or null. A
   * gateway that restarted resumes interrupted turns "a few seconds after startup"
   * (docs/gateway/restart-recovery.md, Automatic resume), so a reply is not called lost until
   * RECOVERY_GRACE_MS after we are back.
   */
  sinceRestartSeenMs(): number | null;
  logger: Logger;
  persistence?: OutboxPersistence;
}

export class ChatDelivery {
  readonly outbox: ChatOutbox;
  private readonly runs = new Map<string, FollowedRun>();
  private readonly resends = new Map<string, number>();
  /** Failed chat.send attempts per key while connected (a retry-asking refusal, a timeout). */
  private readonly retries = new Map<string, number>();
  private readonly rechecks = new Map<string, NodeJS.Timeout>();
  private readonly recheckCounts = new Map<string, number>();
  /** A message's pictures, in memory only (never in the outbox file), until the gateway first answers its chat.send. */
  private readonly pictures = new Map<string, readonly ChatAttachment[]>();
  private readonly inFlight = new Set<string>();
  /** Runs whose end we saw (bounded), so a late acknowledgement cannot make us follow them again. */
  private readonly ended = new Set<string>();

  constructor(private readonly d: ChatDeliveryDeps) {
    this.outbox = new ChatOutbox((entries) => {
      // Nothing is written before the saved outbox was read: a message typed while the file is still
      // being loaded would otherwise overwrite what an earlier run left there.
      if (this.restored) d.persistence?.save(entries);
      d.onOutbox(entries);
    });
  }

  /** Whether the saved outbox has been read (or there is none to read). */
  private restored = false;

  /** Loads what an earlier run of the app/CLI left unconfirmed (before connecting). */
  async restore(): Promise<void> {
    if (this.restored) return;
    if (!this.d.persistence) return void (this.restored = true);
    const { entries, problem } = await this.d.persistence.load();
    this.restored = true;
    if (problem) this.d.logger.warn(problem);
    if (entries.length) this.outbox.restore(entries);
    // What was typed meanwhile (and the merge) goes to disk now.
    this.d.persistence.save(this.outbox.list());
    for (const e of entries) if (e.state === "sent") this.follow({ runId: e.runId ?? e.idempotencyKey, sessionKey: e.sessionKey, sendId: e.idempotencyKey, text: "" });
  }

  flush(): Promise<void> {
    return this.d.persistence?.flush() ?? Promise.resolve();
  }

  stop(): void {
    for (const t of this.rechecks.values()) clearTimeout(t);
    this.rechecks.clear();
  }

  /**
   * A person waits on this connection: a run is being followed, a message is not yet confirmed, or one
   * was typed in the last WAITING_QUEUED_MS (older queued ones wait at the normal backoff).
   */
  waiting(now = Date.now()): boolean {
    return this.runs.size > 0 || this.outbox.list().some((e) => e.state === "sending" || e.state === "sent" || (e.state === "queued" && now - e.createdAt < WAITING_QUEUED_MS));
  }

  send(sessionKey: string, text: string, attachments?: readonly ChatAttachment[]): OutboxEntry {
    const entry = this.outbox.add(sessionKey, text);
    if (attachments?.length) this.pictures.set(entry.idempotencyKey, attachments);
    if (this.d.connected()) void this.deliver(entry.idempotencyKey);
    return entry;
  }

  /** The user's Resend of a failed message (a new submission). */
  resend(key: string): OutboxEntry | null {
    const entry = this.outbox.resend(key);
    if (entry && this.d.connected()) void this.deliver(entry.idempotencyKey);
    return entry;
  }

  /** Live chat events: follow runs until they end. */
  onChatEvent(ev: ChatStreamEvent): void {
    if (ev.state === "final" || ev.state === "error" || ev.state === "aborted") {
      this.endRun(ev.runId);
      // The run started, so its user turn is in the transcript: confirm our message by history.
      if (this.outbox.unconfirmed().some((e) => e.sessionKey === ev.sessionKey)) this.scheduleRecheck(ev.sessionKey, 0);
      return;
    }
    const known = this.runs.get(ev.runId);
    const mine = this.outbox.get(ev.runId);
    this.runs.set(ev.runId, { ...known, runId: ev.runId, sessionKey: ev.sessionKey, sendId: known?.sendId ?? (mine ? mine.idempotencyKey : null), text: ev.text || known?.text || "" });
  }

  /** After every hello-ok: send what waits, then reconcile every session with something unresolved. */
  onConnected(reconnect: boolean): void {
    this.recheckCounts.clear();
    // Runs from before a gateway restart cannot be running in the new process.
    if (reconnect && this.d.gatewayRestarted()) for (const r of this.runs.values()) r.orphaned = true;
    for (const e of this.outbox.queued()) void this.deliver(e.idempotencyKey);
    if (!reconnect && this.outbox.unconfirmed().length === 0) return;
    for (const key of this.unresolvedSessions()) this.scheduleRecheck(key, 0);
  }

  /** One chat.history page (the tail, or older rows from `offset`), with its confirmations applied to the outbox. */
  async historyPage(sessionKey: string, limit: number, offset?: number): Promise<HistoryPage> {
    const res = await this.d.request<Record<string, unknown>>("chat.history", offset === undefined ? { sessionKey, limit } : { sessionKey, limit, offset });
    const page = historyPageFrom(res);
    this.applyConfirmations(sessionKey, page);
    return page;
  }

  private unresolvedSessions(): Set<string> {
    const keys = new Set(this.outbox.unconfirmed().map((e) => e.sessionKey));
    for (const r of this.runs.values()) keys.add(r.sessionKey);
    return keys;
  }

  private follow(run: FollowedRun): void {
    if (!this.runs.has(run.runId) && !this.ended.has(run.runId)) this.runs.set(run.runId, run);
  }

  private endRun(runId: string): void {
    this.runs.delete(runId);
    this.ended.add(runId);
    if (this.ended.size > 1000) this.ended.delete(this.ended.values().next().value as string);
  }

  private async deliver(key: string): Promise<void> {
    const entry = this.outbox.get(key);
    if (!entry || (entry.state !== "queued" && entry.state !== "sent") || this.inFlight.has(key)) return;
    this.inFlight.add(key);
    const wasSent = entry.state === "sent";
    if (!wasSent) this.outbox.update(key, { state: "sending", error: null });
    try {
      const attachments = this.pictures.get(key);
      const res = await this.d.request<{ runId?: string; status?: string }>("chat.send", { sessionKey: entry.sessionKey, message: entry.text, idempotencyKey: key, ...(attachments ? { attachments } : {}) });
      this.pictures.delete(key);
      const runId = typeof res.runId === "string" ? res.runId : key;
      if (wasSent) {
        // "started": the gateway had lost it and admitted it now. Only answers claiming it already has
        // the message (in_flight / ok) while its history shows no such turn count towards giving up.
        if (res.status !== "started") this.resends.set(key, (this.resends.get(key) ?? 0) + 1);
        this.d.logger.info(`the gateway answered the resend: ${String(res.status)}`, { sessionKey: entry.sessionKey });
      }
      if (this.outbox.get(key)?.state !== "delivered") this.outbox.update(key, { state: "sent", runId, sentAt: Date.now() });
      this.follow({ runId, sessionKey: entry.sessionKey, sendId: key, text: "" });
    } catch (e) {
      // A gateway rejection (bad params, forbidden) is final for this message; a transport failure
      // (disconnect, timeout) is not: it goes out again, same key, on the next hello (or shortly, if
      // the connection is still up, e.g. after a request timeout).
      // Only the gateway's own answers count: a link that drops mid-send never gives up on a message.
      const answered = typeof (e as { gatewayCode?: unknown }).gatewayCode === "string";
      const retries = (this.retries.get(key) ?? 0) + (answered ? 1 : 0);
      this.retries.set(key, retries);
      const refused = !isTransientSendError(e) || retries > MAX_SEND_RETRIES;
      if (refused) this.pictures.delete(key);
      if (refused) this.outbox.update(key, { state: "failed", error: (e as Error).message });
      else if (!wasSent) this.outbox.update(key, { state: "queued", error: null });
      if (!refused && this.d.connected()) setTimeout(() => this.d.connected() && void this.deliver(key), 1000).unref();
    } finally {
      this.inFlight.delete(key);
    }
  }

  private scheduleRecheck(sessionKey: string, ms: number): void {
    if (this.rechecks.has(sessionKey)) return;
    const t = setTimeout(() => {
      this.rechecks.delete(sessionKey);
      if (this.d.connected()) void this.reconcile(sessionKey);
    }, ms);
    t.unref();
    this.rechecks.set(sessionKey, t);
  }

  private async reconcile(sessionKey: string): Promise<void> {
    let page: HistoryPage;
    try {
      page = await this.historyPage(sessionKey, 200);
    } catch (e) {
      this.d.logger.debug("history for reconciliation failed; retrying", { sessionKey, error: e });
      if (this.d.connected()) this.scheduleRecheck(sessionKey, RECHECK_MS);
      return;
    }
    let unresolved = this.judgeRuns(sessionKey, page);
    const left = this.outbox.unconfirmed().filter((e) => e.sessionKey === sessionKey).length;
    if (left) unresolved = true;
    this.d.logger.debug("reconciled a chat session", { sessionKey, unconfirmed: left, busy: page.hasActiveRun, rows: page.messages.length });
    // Every RECHECK_MS for the first ten checks, then every SLOW_RECHECK_MS: a long run keeps a
    // queued follow-up unconfirmed for minutes, and that needs no history read every 2 s.
    const n = unresolved ? (this.recheckCounts.get(sessionKey) ?? 0) + 1 : 0;
    this.recheckCounts.set(sessionKey, n);
    if (unresolved && this.d.connected()) this.scheduleRecheck(sessionKey, n > 10 ? SLOW_RECHECK_MS : RECHECK_MS);
  }

  private applyConfirmations(sessionKey: string, page: HistoryPage): void {
    const sendIds = new Set(page.messages.map((m) => this.d.sendIdOf(m)).filter((k): k is string => k !== null));
    const v = reconcileOutbox(this.outbox.list(), sessionKey, page, sendIds);
    if (v.delivered.size) this.outbox.markDelivered(v.delivered);
    for (const key of v.cancelled) this.outbox.update(key, { state: "failed", error: "the gateway cancelled this message before it ran" });
    for (const key of v.resend) {
      // Counted when the gateway answers a resend (deliver), so reads of history in between don't add up.
      if (this.inFlight.has(key)) continue;
      if ((this.resends.get(key) ?? 0) >= MAX_RESENDS) {
        this.outbox.update(key, { state: "failed", error: "the gateway acknowledged this message but it never reached the conversation" });
        continue;
      }
      this.d.logger.info("an acknowledged message is not in the gateway's history; sending it again with the same key", { sessionKey });
      void this.deliver(key);
    }
  }

  /** Ends the followed runs of this session that ended while we were away; true while any is still open. */
  private judgeRuns(sessionKey: string, page: HistoryPage): boolean {
    let open = false;
    for (const run of [...this.runs.values()].filter((r) => r.sessionKey === sessionKey)) {
      const since = this.d.sinceRestartSeenMs();
      const recovering = this.d.gatewayRestarted() && since !== null && since < RECOVERY_GRACE_MS;
      const v = judgeRun(run, page, this.d.sendIdOf, { recovering });
      if (v.kind === "running" || v.kind === "not-started") {
        open = true;
        continue;
      }
      this.endRun(run.runId);
      if (v.kind === "finished") this.d.onChat({ sessionKey, runId: run.runId, state: "final", text: v.text });
      else if (v.kind === "settled") this.d.onChat({ sessionKey, runId: run.runId, state: "final", text: run.text });
      else {
        const errorMessage = this.d.gatewayRestarted() ? LOST_AFTER_RESTART : LOST_AFTER_DISCONNECT;
        this.d.logger.info("a followed run ended while disconnected without a reply", { sessionKey });
        this.d.onChat({ sessionKey, runId: run.runId, state: "error", text: run.text, errorKind: "lost", errorMessage });
      }
    }
    return open;
  }
}
