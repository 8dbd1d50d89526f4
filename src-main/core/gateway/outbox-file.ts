// The outbox on disk: the chat messages of one connection that are not yet confirmed in the gateway's
// history, so a message the user pressed Send on survives a crash, a SIGKILL or a restart of the app or
// the CLI and is delivered exactly once afterwards (it keeps its idempotency key).
// - One file per gateway identity: <config dir>/outbox/<gatewayKey, made file-safe>.json, mode 0600, replaced atomically
//   (atomic-write.ts: temp file + fsync + rename), so a crash leaves the old list or the new one.
// - Writes are serialised and coalesced: at most one in flight, the newest list wins.
// - A file that cannot be read or is not an outbox is moved aside (<file>.corrupt-<time>, never
//   deleted) and reported as a sentence; the session then starts with an empty outbox.
// - Never a secret in it: message text, session key, idempotency key, state, times.
import fs from "node:fs/promises";
import path from "node:path";
import type { OutboxEntry } from "../../../src-shared/gateway-session.js";
import { writeFileAtomic } from "../profiles/atomic-write.js";
import { readJsonFile } from "../profiles/json-file.js";

const FILE_VERSION = 1;

// zod is imported only here, when a saved outbox exists and has to be checked: most sessions start without
// one, and zod is the largest module on the connection path (~12 MB of a connected idle core's RSS when
// loaded; issue 15, docs/notes/issue-15-idle-rss.md). Built once per process.
async function buildFileSchema() {
  const { z } = await import("zod");
  const EntrySchema = z.object({
    idempotencyKey: z.string().min(1),
    sessionKey: z.string().min(1),
    text: z.string(),
    state: z.enum(["queued", "sending", "sent", "delivered", "failed"]),
    runId: z.string().nullable(),
    error: z.string().nullable(),
    createdAt: z.number(),
    sentAt: z.number().nullable(),
  });
  return z.object({ version: z.literal(FILE_VERSION), entries: z.array(EntrySchema) });
}
let fileSchema: ReturnType<typeof buildFileSchema> | undefined;
const outboxFileSchema = () => (fileSchema ??= buildFileSchema());

export interface OutboxLoad {
  entries: OutboxEntry[];
  /** A sentence for the user when the file had to be moved aside; null when all was well. */
  problem: string | null;
}

/** What the session needs from persistence (a memory-only session passes none). */
export interface OutboxPersistence {
  load(): Promise<OutboxLoad>;
  save(entries: readonly OutboxEntry[]): void;
  /** Resolves when the newest list given to save() is on disk. */
  flush(): Promise<void>;
}

/** Entries worth keeping across a restart: everything not yet confirmed in history. */
export function persistable(entries: readonly OutboxEntry[]): OutboxEntry[] {
  return entries.filter((e) => e.state !== "delivered");
}

/** After a restart nothing is in flight: a message that was being sent goes out again (same key). */
export function reviveEntries(entries: readonly OutboxEntry[]): OutboxEntry[] {
  return entries.map((e) => (e.state === "sending" ? { ...e, state: "queued" as const } : e));
}

export function outboxFilePath(configDir: string, gatewayKey: string): string {
  // Keys hold URLs and user@host targets: keep them readable but safe as a file name anywhere.
  const safe = gatewayKey.replace(/[^A-Za-z0-9._-]/g, "_").slice(0, 150);
  return path.join(configDir, "outbox", `${safe}.json`);
}

export class OutboxFile implements OutboxPersistence {
  private pending: OutboxEntry[] | null = null;
  private writing: Promise<void> | null = null;
  private lastError: unknown = null;

  constructor(
    readonly file: string,
    private readonly onError: (message: string, error: unknown) => void = () => undefined,
  ) {}

  async load(): Promise<OutboxLoad> {
    // A session that replaced another one of this connection reads what the old one last wrote.
    await this.flush();
    const r = await readJsonFile(this.file, outboxFileSchema);
    switch (r.kind) {
      case "ok":
        return { entries: reviveEntries(r.value.entries), problem: null };
      case "missing":
        return { entries: [], problem: null };
      case "unreadable":
        return { entries: [], problem: `Could not read the saved outbox (${r.code}); unsent messages from the last run are not shown.` };
      case "set-aside": {
        const why = r.why === "is not valid JSON" ? r.why : "is not an outbox this version understands";
        if (!r.movedTo) return { entries: [], problem: `The saved outbox ${this.file} ${why} and could not be moved aside; it was left as it is and not used.` };
        return { entries: [], problem: `The saved outbox ${why}; it was moved to ${r.movedTo} (nothing was deleted) and the outbox starts empty.` };
      }
    }
  }

  save(entries: readonly OutboxEntry[]): void {
    this.pending = persistable(entries);
    this.writing ??= this.drain();
  }

  async flush(): Promise<void> {
    while (this.writing) await this.writing;
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending) {
        const next = this.pending;
        this.pending = null;
        await this.write(next);
      }
    } finally {
      this.writing = null;
    }
  }

  private async write(entries: OutboxEntry[]): Promise<void> {
    try {
      if (entries.length === 0) {
        await fs.rm(this.file, { force: true });
      } else {
        await fs.mkdir(path.dirname(this.file), { recursive: true, mode: 0o700 });
        await writeFileAtomic(this.file, JSON.stringify({ version: FILE_VERSION, entries }, null, 1) + "\n", { mode: 0o600 });
      }
      this.lastError = null;
    } catch (e) {
      // Reported once per run of failures: the messages are still in memory and are still delivered.
      if (!this.lastError) this.onError(`Could not save the outbox to ${this.file}; unsent messages would not survive a restart.`, e);
      this.lastError = e;
    }
  }
}
