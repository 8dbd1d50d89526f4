// The live log tail's source (issue 12 "Logs in the app"): a sink next to the file sink in the same logger,
// so it hears exactly the records the file gets, already redacted (logger.ts redacts before any sink).
// Records are handed on in batches (at most one every BATCH_MS, at most BATCH_MAX each; a burst beyond
// that is counted, not queued without bound) so a chatty debug log cannot flood the UI's event stream.
// Records logged while a batch is being handed on (by the event path itself) are not tapped: sending a
// batch must never log its way into the next one.
import type { LogRecord, LogSink } from "./logger.js";

export const BATCH_MS = 250;
export const BATCH_MAX = 500;

export interface LogTap {
  readonly sink: LogSink;
  /** Batches of new records; returns the unsubscribe. */
  on(listener: (records: LogRecord[], dropped: number) => void): () => void;
}

export function createLogTap(o: { batchMs?: number; batchMax?: number; timer?: (fn: () => void, ms: number) => unknown } = {}): LogTap {
  const listeners = new Set<(records: LogRecord[], dropped: number) => void>();
  const batchMs = o.batchMs ?? BATCH_MS;
  const batchMax = o.batchMax ?? BATCH_MAX;
  const timer = o.timer ?? ((fn, ms) => setTimeout(fn, ms).unref());
  let pending: LogRecord[] = [];
  let dropped = 0;
  let scheduled = false;
  let flushing = false;
  const flush = () => {
    scheduled = false;
    const batch = pending;
    const lost = dropped;
    pending = [];
    dropped = 0;
    flushing = true;
    try {
      for (const l of listeners) l(batch, lost);
    } finally {
      flushing = false;
    }
  };
  return {
    sink: (r) => {
      if (listeners.size === 0 || flushing) return;
      if (pending.length >= batchMax) dropped++;
      else pending.push(r);
      if (!scheduled) {
        scheduled = true;
        timer(flush, batchMs);
      }
    },
    on: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
}
