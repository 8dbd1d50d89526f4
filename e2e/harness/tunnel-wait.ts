// Awaiting tunnel snapshots in tests: resolves on the first snapshot (current or future) that matches,
// rejects after a bounded timeout with the phases seen, so no test sleeps for a fixed time.
import type { TunnelSnapshot } from "../../src-main/core/transport/tunnel-state.js";

/** Anything with a current snapshot and a subscription: a tunnel supervisor, a connection supervisor. */
export interface SnapshotSource<T> {
  readonly snapshot: T;
  onSnapshot(l: (s: T) => void): () => void;
}
type Observable = SnapshotSource<TunnelSnapshot>;

/**
 * Resolves on the first snapshot (current or future) that matches; on timeout rejects with the labels of
 * the snapshots seen (consecutive repeats folded), so a failing test says the path it took.
 */
export function waitForMatch<T>(sup: SnapshotSource<T>, pred: (s: T) => boolean, timeoutMs: number, what: string, label: (s: T) => string): Promise<T> {
  if (pred(sup.snapshot)) return Promise.resolve(sup.snapshot);
  const seen: string[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; seen: ${seen.slice(-30).join(" → ") || "(none)"}; last: ${label(sup.snapshot)}`));
    }, timeoutMs);
    const off = sup.onSnapshot((s) => {
      if (seen.at(-1) !== label(s)) seen.push(label(s));
      if (pred(s)) {
        clearTimeout(timer);
        off();
        resolve(s);
      }
    });
  });
}

const tunnelLabel = (s: TunnelSnapshot): string => s.phase + (s.attention ? `(${s.attention.reason}: ${s.attention.message})` : "");

export function waitForSnapshot(sup: Observable, pred: (s: TunnelSnapshot) => boolean, timeoutMs: number, what = "a matching snapshot"): Promise<TunnelSnapshot> {
  return waitForMatch(sup, pred, timeoutMs, what, tunnelLabel);
}

export const phase = (p: TunnelSnapshot["phase"]) => (s: TunnelSnapshot) => s.phase === p;

/** Records every snapshot with the time it arrived. */
export function recordSnapshots(sup: Observable): { list: Array<{ at: number; s: TunnelSnapshot }>; stop: () => void } {
  const list: Array<{ at: number; s: TunnelSnapshot }> = [];
  const stop = sup.onSnapshot((s) => list.push({ at: Date.now(), s }));
  return { list, stop };
}
