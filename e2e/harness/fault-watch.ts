// Cross-cutting invariants for fault tests: no unhandled rejection or uncaught exception in this process,
// and no tight loop while a connection waits (CPU of this process measured over a window), plus
// bounded waits on ConnectionSupervisor snapshots.
import type { ConnectionSnapshot } from "../../src-shared/connection.js";
import { waitForMatch, type SnapshotSource } from "./tunnel-wait.js";

export interface ProcessHealth {
  readonly problems: string[];
  dispose(): void;
}

/** Records every unhandled rejection and uncaught exception from now until dispose(). */
export function watchProcessHealth(): ProcessHealth {
  const problems: string[] = [];
  const onRejection = (reason: unknown) => problems.push(`unhandledRejection: ${reason instanceof Error ? reason.stack ?? reason.message : String(reason)}`);
  const onException = (err: Error, origin: string) => problems.push(`${origin}: ${err.stack ?? err.message}`);
  process.on("unhandledRejection", onRejection);
  process.on("uncaughtExceptionMonitor", onException);
  return {
    problems,
    dispose() {
      process.off("unhandledRejection", onRejection);
      process.off("uncaughtExceptionMonitor", onException);
    },
  };
}

/** CPU time this process used during `ms` of wall time, as a fraction of one core. */
export async function cpuShareOver(ms: number): Promise<number> {
  const before = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  await new Promise((r) => setTimeout(r, ms));
  const used = process.cpuUsage(before);
  const wallUs = Number(process.hrtime.bigint() - t0) / 1000;
  return (used.user + used.system) / wallUs;
}

type ConnObservable = SnapshotSource<ConnectionSnapshot>;

/** Resolves on the first snapshot (current or future) that matches; rejects with the states seen. */
export function waitConn(sup: ConnObservable, pred: (s: ConnectionSnapshot) => boolean, timeoutMs: number, what: string): Promise<ConnectionSnapshot> {
  return waitForMatch(sup, pred, timeoutMs, what, (s) => s.state + (s.attention ? ` ${s.attention.reason}: ${s.attention.message}` : ""));
}


/** Every snapshot with its arrival time. */
export function recordConn(sup: ConnObservable): { list: Array<{ at: number; s: ConnectionSnapshot }>; stop: () => void } {
  const list: Array<{ at: number; s: ConnectionSnapshot }> = [{ at: Date.now(), s: sup.snapshot }];
  const stop = sup.onSnapshot((s) => list.push({ at: Date.now(), s }));
  return { list, stop };
}

export const isState = (st: ConnectionSnapshot["state"]) => (s: ConnectionSnapshot) => s.state === st;
