// `clawlink probe <target>`: one pass of the diagnostics ladder (diagnostics/ladder.ts). Prints one line
// per step (✓/✗, name, ms, detail) and, on failure, what happened and the fix hint; with --json exactly
// one object {ok, outcome:{kind, …}, steps:[{name, ok, ms, detail}]}. The exit code says which layer
// failed (exit-codes.ts). --file FILE also writes a diagnostics export (JSON, secrets redacted) there.
import { readRecentLog } from "../../log/file-sink.js";
import type { LogRecord } from "../../log/logger.js";
import type { LadderResult } from "../../diagnostics/ladder.js";
import { routeSummaryLine, runRouteLadders } from "../../diagnostics/route-ladder.js";
import { DiagnosticsExportError, writeDiagnosticsExport } from "../../diagnostics/export.js";
import { flag, has, parseArgs, UsageError } from "../args.js";
import { openContext, type CliIO } from "../context.js";
import { EXIT, exitCodeForOutcome } from "../exit-codes.js";

export { exitCodeForOutcome };
import { cliPrompts } from "../prompts.js";
import { resolveTarget } from "../target.js";
import { forCli } from "../../diagnostics/fix-hints.js";
import { cliHintContext } from "../hints.js";
import { PROBE_USAGE } from "../usage.js";

/** The --json document: exactly {ok, outcome, steps:[{name, ok, ms, detail}]}. */
export function probeJson(r: LadderResult): { ok: boolean; outcome: LadderResult["outcome"]; steps: Array<{ name: string; ok: boolean; ms: number; detail: string }> } {
  return { ok: r.ok, outcome: r.outcome, steps: r.steps.map((s) => ({ name: s.name, ok: s.ok, ms: s.ms, detail: s.detail })) };
}

/** The human output: one line per step, then the outcome and what to do. */
export function probeText(r: LadderResult): string[] {
  const width = Math.max(...r.steps.map((s) => s.name.length), 6);
  const lines = r.steps.map((s) => `${s.ok ? "✓" : "✗"} ${s.name.padEnd(width)} ${`${s.ms.toFixed(1)} ms`.padStart(10)}  ${s.detail}`);
  const o = r.outcome;
  if (r.ok) {
    lines.push(`connected and healthy${o.serverVersion ? ` (gateway ${o.serverVersion})` : ""}${o.authSource ? `; auth: ${o.authSource}` : ""}`);
    return lines;
  }
  lines.push("");
  lines.push(`${o.step ?? "probe"} failed: ${o.message}`);
  if (o.kind === "pairing-required") {
    lines.push(`pairing request: ${o.requestId ?? "(no request id reported)"}`);
    lines.push(`approve it on the gateway host: ${o.approveCommand ?? "openclaw devices list, then openclaw devices approve <requestId>"}`);
  }
  if (o.fixHint) lines.push(`fix: ${o.fixHint}`);
  return lines;
}

export async function probeCommand(argv: string[], io: CliIO): Promise<number> {
  const args = parseArgs(argv);
  if (args.positionals.length > 1) throw new UsageError(`one target only (got ${args.positionals.length}: ${args.positionals.join(" ")})\n${PROBE_USAGE}`);
  if (has(args, "batch") && has(args, "trust-host-key")) throw new UsageError("--batch and --trust-host-key exclude each other: --batch never accepts an unknown host key");
  for (const o of ["message", "session", "name", "connect-at-start", "no-connect-at-start", "auth", "port", "host"]) {
    if (has(args, o)) throw new UsageError(`--${o} does not apply to probe\n${PROBE_USAGE}`);
  }
  const ctx = await openContext(args, io);
  const resolved = await resolveTarget(args.positionals[0], args, ctx);
  const { spec, credentials, profile } = resolved;
  // A profile with several routes: one ladder per route (issue 13 §3); the first that connected decides.
  const ladders = await runRouteLadders(spec, { secrets: ctx.secrets, logger: ctx.logger, prompts: cliPrompts(args, io), configDir: ctx.configDir, env: io.env });
  const ran = ladders.chosen;
  // The fix hint in the words of a terminal (--token-env, --trust-host-key …), in the output and the export.
  const o = ran.outcome;
  const result = o.fixHint === null || o.reason === "connected" ? ran : { ...ran, outcome: { ...o, fixHint: forCli({ reason: o.reason, message: o.message, fixHint: o.fixHint }, cliHintContext(ctx, resolved, args.positionals[0])).fixHint } };

  const perRoute = ladders.routes.map((r) => ({ index: r.index, label: r.label, ...probeJson(r.result) }));
  if (ctx.json) io.stdout(JSON.stringify({ ...probeJson(result), ...(perRoute.length ? { routes: perRoute } : {}) }));
  else {
    if (spec.token) io.stdout(`token from ${spec.token.source}`);
    if (spec.password) io.stdout(`password from ${spec.password.source}`);
    for (const r of ladders.routes) {
      io.stdout(routeSummaryLine(r, ladders.routes.length));
      if (r.result !== ran) for (const l of probeText(r.result).filter((x) => x.startsWith("✗"))) io.stdout(`    ${l}`);
    }
    if (ladders.routes.length) io.stdout(`steps of route ${ladders.routes.find((r) => r.result === ran)!.index + 1}:`);
    for (const l of probeText(result)) io.stdout(l);
  }

  const exportFile = flag(args, "file");
  if (exportFile) {
    let recentLog: LogRecord[] = [];
    try {
      recentLog = readRecentLog(ctx.configDir, 200);
    } catch {
      recentLog = [];
    }
    try {
      const written = writeDiagnosticsExport(exportFile, {
        profile: profile ?? spec,
        ladder: result,
        recentLog,
        redactor: ctx.logger.redactor,
        extra: { credentialTrail: credentials.trail, credentialNotes: credentials.notes },
      });
      io.stderr(`clawlink probe: diagnostics written to ${written.path} (secrets redacted)`);
    } catch (e) {
      if (!(e instanceof DiagnosticsExportError)) throw e;
      // The file asked for is missing: a script must not read exit 0 as "export written".
      io.stderr(`clawlink probe: ${e.message} ${e.fixHint}`);
      return EXIT.usage;
    }
  }
  return exitCodeForOutcome(result.outcome.kind);
}
