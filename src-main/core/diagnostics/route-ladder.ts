// The diagnostics ladder per route (issue 13 §3): a profile with several routes gets one ladder per
// route, in order, so `clawlink probe` and Test connection show which ways to the gateway work. The
// result that decides the outcome (and the CLI's exit code) is the first route that connected, else
// route 1's: "can Clawlink reach this gateway" is answered the way the connection would answer it.
import type { ConnectionSpec, SupervisorDeps } from "../orchestrator/connection-spec.js";
import { routeLabel, specForRoute } from "../orchestrator/route-spec.js";
import { runLadder, type LadderOptions, type LadderResult } from "./ladder.js";

export interface RouteLadder {
  index: number;
  label: string;
  result: LadderResult;
}

export interface RouteLadders {
  chosen: LadderResult;
  /** One entry per route when the spec has more than one; empty otherwise. */
  routes: RouteLadder[];
}

export async function runRouteLadders(spec: ConnectionSpec, deps: SupervisorDeps, opts: LadderOptions = {}): Promise<RouteLadders> {
  const list = spec.routes && spec.routes.length > 1 ? spec.routes : null;
  if (!list) return { chosen: await runLadder(spec, deps, opts), routes: [] };
  const routes: RouteLadder[] = [];
  // One after another: each may ask a person (host key, certificate) and the answers must not interleave.
  for (const [index, r] of list.entries()) routes.push({ index, label: routeLabel(r), result: await runLadder(specForRoute(spec, r), deps, opts) });
  return { chosen: (routes.find((x) => x.result.ok) ?? routes[0]!).result, routes };
}

/** `route 2 of 2  ssh me@desk → 127.0.0.1:18789  ✓ connected` — the CLI's summary line per route. */
export function routeSummaryLine(r: RouteLadder, count: number): string {
  const o = r.result.outcome;
  return `route ${r.index + 1} of ${count}  ${r.label}  ${r.result.ok ? "✓ connected" : `✗ ${o.step ?? "probe"}: ${o.message}`}`;
}
