// Awaiting tunnel snapshots in tests: resolves on the first snapshot (current or future) that matches,
// rejects after a bounded timeout with the phases seen, so no test sleeps for a fixed time.
import type { TunnelSnapshot } from "../../src-main/core/transport/tunnel-state.js";

interface Observable {
  readonly snapshot: TunnelSnapshot;
  onSnapshot(l: (s: TunnelSnapshot) => void): () => void;
}

export function waitForSnapshot(sup: Observable, pred: (s: TunnelSnapshot) => boolean, timeoutMs: number, what = "a matching snapshot"): Promise<TunnelSnapshot> {
  if (pred(sup.snapshot)) return Promise.resolve(sup.snapshot);
  const seen: string[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      const s = sup.snapshot;
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; phases seen: ${seen.join(" → ") || "(none)"}; last: ${s.phase}${s.attention ? ` ${s.attention.reason}: ${s.attention.message}` : ""}`));
    }, timeoutMs);
    const off = sup.onSnapshot((s) => {
      seen.push(s.phase + (s.attention ? `(${s.attention.reason})` : ""));
      if (pred(s)) {
        clearTimeout(timer);
        off();
        resolve(s);
      }
    });
  });
}

export const phase = (p: TunnelSnapshot["phase"]) => (s: TunnelSnapshot) => s.phase === p;

/** Records every snapshot with the time it arrived. */
export function recordSnapshots(sup: Observable): { list: Array<{ at: number; s: TunnelSnapshot }>; stop: () => void } {
  const list: Array<{ at: number; s: TunnelSnapshot }> = [];
  const stop = sup.onSnapshot((s) => list.push({ at: Date.now(), s }));
  return { list, stop };
}
