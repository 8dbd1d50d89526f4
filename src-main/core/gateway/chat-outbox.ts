// Messages the user sent, until the gateway accepted them. Each gets one idempotency key when the user
// presses send; every (re)send uses that same key, and the gateway deduplicates by it, so a message
// that was in flight during a disconnect is delivered exactly once.
import { randomUUID } from "node:crypto";
import type { OutboxEntry } from "../../../src-shared/gateway-session.js";

export class ChatOutbox {
  private entries: readonly OutboxEntry[] = [];

  constructor(private readonly onChange: (entries: readonly OutboxEntry[]) => void) {}

  list(): readonly OutboxEntry[] {
    return this.entries;
  }

  add(sessionKey: string, text: string, now = Date.now()): OutboxEntry {
    const entry: OutboxEntry = { idempotencyKey: randomUUID(), sessionKey, text, state: "queued", runId: null, error: null, createdAt: now };
    this.replace([...this.entries, entry]);
    return entry;
  }

  /** Entries still to deliver, oldest first. */
  queued(): OutboxEntry[] {
    return this.entries.filter((e) => e.state === "queued");
  }

  update(key: string, patch: Partial<Pick<OutboxEntry, "state" | "runId" | "error">>): OutboxEntry | null {
    let found: OutboxEntry | null = null;
    this.replace(this.entries.map((e) => (e.idempotencyKey === key ? (found = { ...e, ...patch }) : e)));
    return found;
  }

  /** Accepted entries are kept briefly for the UI's "sent" mark; drop them once history shows them. */
  forgetAccepted(keys: Set<string>): void {
    const next = this.entries.filter((e) => !(e.state === "accepted" && keys.has(e.idempotencyKey)));
    if (next.length !== this.entries.length) this.replace(next);
  }

  private replace(next: readonly OutboxEntry[]): void {
    this.entries = next;
    this.onChange(next);
  }
}
