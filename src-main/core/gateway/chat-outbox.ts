// Messages the user sent, until the gateway's history shows them. Each gets one idempotency key when the
// user presses Send; every (re)send uses that same key and the gateway deduplicates by it (checked
// against the real gateway: a second chat.send with the key answers `in_flight` or `ok` and adds no
// turn), so a message in flight during a disconnect is delivered exactly once.
// States: queued (not sent yet) → sending → sent (the gateway acknowledged chat.send) → delivered (its
// user turn is in chat.history, or the gateway holds it as a queued pending input); failed (the gateway
// refused it) is final until the user chooses Resend, which sends it as a new submission.
// An acknowledgement alone is not delivery (docs/gateway/protocol/rpc-session-control.md: "`status:
// "started"` ... alone do not establish a transcript row. Reconcile provisional input by its submission
// identity"): sent entries are reconciled against history after every reconnect (gateway-session.ts).
import { randomUUID } from "node:crypto";
import type { OutboxEntry } from "../../../src-shared/gateway-session.js";

type Patch = Partial<Pick<OutboxEntry, "state" | "runId" | "error" | "sentAt">>;

/** How many delivered entries stay listed (for the "delivered" mark) before they are dropped. */
const KEEP_DELIVERED = 50;

export class ChatOutbox {
  private entries: readonly OutboxEntry[];

  constructor(
    private readonly onChange: (entries: readonly OutboxEntry[]) => void,
    initial: readonly OutboxEntry[] = [],
  ) {
    this.entries = initial;
  }

  list(): readonly OutboxEntry[] {
    return this.entries;
  }

  get(key: string): OutboxEntry | null {
    return this.entries.find((e) => e.idempotencyKey === key) ?? null;
  }

  add(sessionKey: string, text: string, now = Date.now()): OutboxEntry {
    const entry: OutboxEntry = { idempotencyKey: randomUUID(), sessionKey, text, state: "queued", runId: null, error: null, createdAt: now, sentAt: null };
    this.replace([...this.entries, entry]);
    return entry;
  }

  /** Adds entries an earlier run left on disk (ahead of anything sent since), skipping known keys. */
  restore(saved: readonly OutboxEntry[]): void {
    const known = new Set(this.entries.map((e) => e.idempotencyKey));
    const fresh = saved.filter((e) => !known.has(e.idempotencyKey));
    if (fresh.length) this.replace([...fresh, ...this.entries]);
  }

  /** Entries still to send, oldest first. */
  queued(): OutboxEntry[] {
    return this.entries.filter((e) => e.state === "queued");
  }

  /** Acknowledged by the gateway but not yet seen in its history. */
  unconfirmed(): OutboxEntry[] {
    return this.entries.filter((e) => e.state === "sent");
  }

  update(key: string, patch: Patch): OutboxEntry | null {
    let found: OutboxEntry | null = null;
    this.replace(this.entries.map((e) => (e.idempotencyKey === key ? (found = { ...e, ...patch }) : e)));
    return found;
  }

  /** History shows these keys: the messages are delivered. Returns the entries that changed. */
  markDelivered(keys: ReadonlySet<string>): OutboxEntry[] {
    const changed: OutboxEntry[] = [];
    // Older delivered entries are pruned first, so every entry is listed as delivered at least once
    // (a listener sees the state change, never an entry that just vanished).
    const delivered = this.entries.filter((e) => e.state === "delivered");
    const drop = new Set(delivered.slice(0, Math.max(0, delivered.length - KEEP_DELIVERED)).map((e) => e.idempotencyKey));
    const next = this.entries.flatMap((e) => {
      if (drop.has(e.idempotencyKey)) return [];
      if (e.state === "delivered" || !keys.has(e.idempotencyKey)) return [e];
      // A failed entry the history shows after all (e.g. a late resend went through) is delivered.
      const d: OutboxEntry = { ...e, state: "delivered", error: null };
      changed.push(d);
      return [d];
    });
    if (changed.length === 0) return changed;
    this.replace(next);
    return changed;
  }

  /**
   * The user's Resend of a failed message: a new submission with a new key (the old one was refused, so
   * nothing can be duplicated by it). Returns the new entry, or null when there is no such failed entry.
   */
  resend(key: string, now = Date.now()): OutboxEntry | null {
    const old = this.get(key);
    if (!old || old.state !== "failed") return null;
    const entry: OutboxEntry = { ...old, idempotencyKey: randomUUID(), state: "queued", runId: null, error: null, createdAt: now, sentAt: null };
    this.replace([...this.entries.filter((e) => e.idempotencyKey !== key), entry]);
    return entry;
  }

  /** The user dismisses a failed message. */
  discard(key: string): boolean {
    const next = this.entries.filter((e) => !(e.idempotencyKey === key && e.state === "failed"));
    if (next.length === this.entries.length) return false;
    this.replace(next);
    return true;
  }

  private replace(next: readonly OutboxEntry[]): void {
    this.entries = next;
    this.onChange(next);
  }
}
