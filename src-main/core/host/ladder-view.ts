// The test-connection ladder's result as the host API sends it (LadderView in src-shared/host-api.ts):
// the outcome and each step, with an attention only where a step has one.
import type { LadderView } from "../../../src-shared/host-api.js";
import type { LadderResult } from "../diagnostics/ladder.js";
import type { RouteLadder } from "../diagnostics/route-ladder.js";

export function ladderView(r: LadderResult, routes: RouteLadder[] = []): LadderView {
  return {
    ...(routes.length ? { routes: routes.map((x) => ({ index: x.index, label: x.label, ok: x.result.ok, step: x.result.outcome.step, message: x.result.outcome.message })) } : {}),
    ok: r.ok,
    totalMs: r.totalMs,
    outcome: { kind: r.outcome.kind, reason: r.outcome.reason, step: r.outcome.step, message: r.outcome.message, fixHint: r.outcome.fixHint },
    steps: r.steps.map((s) => ({ name: s.name, ok: s.ok, ms: s.ms, detail: s.detail, ...(s.attention ? { attention: s.attention } : {}) })),
  };
}
