// The ladder's vocabulary and its runner, free of sockets so the ordering rules are unit-tested:
// which steps a target gets, in which order, and that the first failure ends the run (nothing after it
// runs, and cleanups always do).
import type { Attention } from "../../../src-shared/attention.js";

/**
 * Every step, in ladder order. `target` (parse the address, apply the plaintext rule) comes first so a
 * refusal happens before any network. For wss the TLS pin is checked right after TCP: the WebSocket
 * upgrade is an HTTP request inside TLS, and nothing — not even a credential-free upgrade — is sent to
 * a server whose certificate does not match.
 */
export const STEP_ORDER = [
  "target",
  "resolve",
  "tcp",
  "ssh-handshake",
  "host-key",
  "ssh-auth",
  "forward",
  "tls-pin",
  "websocket",
  "challenge",
  "auth",
  "pairing",
  "health",
] as const;

export type StepName = (typeof STEP_ORDER)[number];

export interface LadderStep {
  name: StepName;
  ok: boolean;
  /** Wall time of the step, rounded to 0.1 ms. */
  ms: number;
  /** One line for a person: what was checked and what was seen. */
  detail: string;
  /** On failure: why, and what to do. */
  attention?: Attention;
  /** Facts a caller may want (pairing requestId, fingerprints, server version). Never a secret. */
  data?: Record<string, unknown>;
}

export interface PlannedTarget {
  kind: "local" | "ssh" | "direct";
  /** direct/local: wss:// (a TLS pin step) or not. */
  secure?: boolean;
}

/** The steps a target gets, in order: SSH steps only for SSH targets, the TLS pin only for wss. */
export function planStepNames(t: PlannedTarget): StepName[] {
  return STEP_ORDER.filter((name) => {
    if (name === "ssh-handshake" || name === "host-key" || name === "ssh-auth" || name === "forward") return t.kind === "ssh";
    if (name === "tls-pin") return t.kind !== "ssh" && t.secure === true;
    return true;
  });
}

/** Records steps for one run. After the first failure nothing more is recorded. */
export class StepRecorder {
  readonly steps: LadderStep[] = [];
  private readonly cleanups: Array<() => Promise<void> | void> = [];

  get failed(): LadderStep | null {
    return this.steps.find((s) => !s.ok) ?? null;
  }

  record(step: LadderStep): void {
    if (this.failed) throw new Error(`ladder step "${step.name}" recorded after "${this.failed.name}" had failed`);
    const last = this.steps.at(-1);
    if (last && STEP_ORDER.indexOf(step.name) <= STEP_ORDER.indexOf(last.name)) {
      throw new Error(`ladder step "${step.name}" recorded out of order (after "${last.name}")`);
    }
    this.steps.push({ ...step, ms: Math.round(step.ms * 10) / 10 });
  }

  pass(name: StepName, ms: number, detail: string, data?: Record<string, unknown>): void {
    this.record({ name, ok: true, ms, detail, ...(data ? { data } : {}) });
  }

  fail(name: StepName, ms: number, attention: Attention, detail?: string, data?: Record<string, unknown>): void {
    this.record({ name, ok: false, ms, detail: detail ?? attention.message, attention, ...(data ? { data } : {}) });
  }

  /** Something to close when the run ends, however it ends. */
  onCleanup(fn: () => Promise<void> | void): void {
    this.cleanups.push(fn);
  }

  async cleanup(): Promise<void> {
    for (const fn of this.cleanups.splice(0).reverse()) {
      try {
        await fn();
      } catch {
        /* cleanup must not hide the result */
      }
    }
  }
}

/** One stage records one or more steps (e.g. the SSH tunnel reports handshake, host key, auth, forward). */
export type Stage = (rec: StepRecorder) => Promise<void>;

/** A stage that times one step: `fn` says ok (with a detail) or returns the attention that failed it. */
export function timedStep(name: StepName, fn: () => Promise<{ ok: true; detail: string; data?: Record<string, unknown> } | { ok: false; attention: Attention; detail?: string; data?: Record<string, unknown> }>): Stage {
  return async (rec) => {
    const t0 = performance.now();
    let r: Awaited<ReturnType<typeof fn>>;
    try {
      r = await fn();
    } catch (e) {
      r = { ok: false, attention: { reason: "internal-error", message: `The ${name} check failed unexpectedly: ${(e as Error).message}`, fixHint: "Export diagnostics and report this." } };
    }
    const ms = performance.now() - t0;
    if (r.ok) rec.pass(name, ms, r.detail, r.data);
    else rec.fail(name, ms, r.attention, r.detail, r.data);
  };
}

/**
 * Runs stages in order and stops at the first failure: a stage that records a failure is the last one
 * to run. Cleanups registered by any stage run at the end, whatever happened.
 */
export async function runStages(stages: Stage[], rec = new StepRecorder()): Promise<LadderStep[]> {
  try {
    for (const stage of stages) {
      try {
        await stage(rec);
      } catch (e) {
        // A bug in a stage still ends the run with a failed step (the one after the last recorded).
        const next = STEP_ORDER[rec.steps.length ? STEP_ORDER.indexOf(rec.steps.at(-1)!.name) + 1 : 0];
        if (!rec.failed && next) {
          rec.fail(next, 0, { reason: "internal-error", message: `The ladder stopped unexpectedly: ${(e as Error).message}`, fixHint: "Export diagnostics and report this." });
        }
        if (!rec.failed) break;
      }
      if (rec.failed) break;
    }
  } finally {
    await rec.cleanup();
  }
  return rec.steps;
}
