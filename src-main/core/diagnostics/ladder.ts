// "Test connection": runs each layer in order and stops at the first failure.
//   target → resolve → TCP → [SSH handshake → host key → SSH auth → forward] → [TLS pin] → WebSocket
//   upgrade → challenge → auth → pairing → health
// SSH steps only for SSH targets, the TLS pin only for wss://. Each step reports {name, ok, ms, detail}
// and a failed one an Attention (reason, message, fix hint for a person); the outcome is the failed
// step's reason mapped to a kind (outcome.ts), which the CLI maps to its exit code.
// Built from the app's own parts: resolveSshTarget + TunnelSupervisor for SSH, planDirectConnection
// (plaintext rule, TLS trust) for direct, GatewaySession for auth/pairing/health. Only the steps those do
// not expose (DNS, TCP, the WebSocket upgrade, the challenge) are probed here, never with a credential.
// Each step returns what the next one needs (ladder-steps.ts); runLadder chains them.
import type { Attention } from "../../../src-shared/attention.js";
import { profileScopedStore } from "../profiles/profile-keychain.js";
import { bindPrompts, type ConnectionSpec, type SupervisorDeps } from "../orchestrator/connection-spec.js";
import type { TunnelSupervisorOptions } from "../transport/tunnel-supervisor.js";
import { runGatewayStage } from "./gateway-stage.js";
import { directTargetStep, sshTargetStep, tlsPinStep, tunnelStage, websocketStage, type DirectPlanned, type LadderRun, type SshPlanned, type StepResult } from "./ladder-steps.js";
import { outcomeKindFor, type OutcomeKind } from "./outcome.js";
import { probeResolve, probeTcp } from "./probes.js";
import { runStages, StepRecorder, timedStep, type LadderStep, type StepName } from "./steps.js";

export interface LadderOptions {
  /** Per network step (DNS, TCP, WebSocket upgrade, challenge). */
  stepTimeoutMs?: number;
  /** The SSH part (handshake to forward) as a whole. */
  sshTimeoutMs?: number;
  /** The connect handshake (auth/pairing). */
  gatewayTimeoutMs?: number;
  /** Overrides for the tunnel (tests). */
  tunnel?: Partial<Omit<TunnelSupervisorOptions, "target">>;
}

export interface LadderOutcome {
  kind: OutcomeKind;
  /** The failed step's reason code ("connected" when all passed). */
  reason: Attention["reason"] | "connected";
  /** The step that failed; null when all passed. */
  step: LadderStep["name"] | null;
  message: string;
  fixHint: string | null;
  /** pairing-required: the request to approve, and the exact command. */
  requestId?: string | null;
  approveCommand?: string | null;
  /** connected: what answered. */
  serverVersion?: string | null;
  authSource?: string;
}

export interface LadderResult {
  ok: boolean;
  target: { id: string; name: string; kind: ConnectionSpec["kind"] };
  startedAt: string;
  totalMs: number;
  outcome: LadderOutcome;
  steps: LadderStep[];
}

/** The outcome of a finished run, from its steps. */
export function outcomeOf(steps: LadderStep[]): LadderOutcome {
  const failed = steps.find((s) => !s.ok);
  if (!failed) {
    const auth = steps.find((s) => s.name === "auth")?.data ?? {};
    const health = steps.find((s) => s.name === "health");
    if (!health) {
      return { kind: "failure", reason: "incomplete", step: null, message: "The ladder ended before the health check.", fixHint: "Export diagnostics and report this." };
    }
    return {
      kind: "connected",
      reason: "connected",
      step: null,
      message: `connected and healthy (${health.detail})`,
      fixHint: null,
      serverVersion: (auth.serverVersion as string | null | undefined) ?? null,
      ...(typeof auth.authSource === "string" ? { authSource: auth.authSource } : {}),
    };
  }
  const a: Attention = failed.attention ?? { reason: "failure", message: failed.detail, fixHint: "Export diagnostics and report this." };
  const out: LadderOutcome = { kind: outcomeKindFor(a.reason), reason: a.reason, step: failed.name, message: a.message, fixHint: a.fixHint };
  if (a.reason === "pairing-required") {
    out.requestId = (failed.data?.requestId as string | null | undefined) ?? null;
    out.approveCommand = (failed.data?.approveCommand as string | null | undefined) ?? null;
  }
  return out;
}

/** Runs the ladder once against `spec`. Never throws for a connection problem: that is a failed step. */
export async function runLadder(spec: ConnectionSpec, deps: SupervisorDeps, opts: LadderOptions = {}): Promise<LadderResult> {
  const log = deps.logger.child("probe");
  log.redactor.add(spec.token?.value);
  log.redactor.add(spec.password?.value);
  const run: LadderRun = {
    spec,
    deps,
    // A profile's pins, SSH passwords and device tokens are its own (keyed by uid), as in the supervisor.
    secrets: profileScopedStore(deps.secrets, spec.secretScope),
    log,
    prompts: bindPrompts(deps.prompts, { connectionId: spec.id, name: spec.name }),
    stepTimeoutMs: opts.stepTimeoutMs ?? 5_000,
    sshTimeoutMs: opts.sshTimeoutMs ?? 20_000,
    tunnel: { ...(deps.tunnel ?? {}), ...(opts.tunnel ?? {}) },
  };
  const startedAt = new Date();
  const t0 = performance.now();
  const steps = await runStages([(rec) => climb(run, rec, opts.gatewayTimeoutMs ?? 20_000)], new StepRecorder());
  const outcome = outcomeOf(steps);
  const result: LadderResult = {
    ok: outcome.kind === "connected",
    target: { id: spec.id, name: spec.name, kind: spec.kind },
    startedAt: startedAt.toISOString(),
    totalMs: Math.round((performance.now() - t0) * 10) / 10,
    outcome,
    steps,
  };
  log.info(`probe ${result.ok ? "passed" : `failed at ${outcome.step}`}`, { outcome: outcome.kind, reason: outcome.reason, steps: steps.map((s) => `${s.ok ? "ok" : "FAIL"} ${s.name} ${s.ms}ms`) });
  return result;
}

/** The steps in order, each handing the next what it found; the first failure ends the climb. */
async function climb(run: LadderRun, rec: StepRecorder, gatewayTimeoutMs: number): Promise<void> {
  const { spec, stepTimeoutMs } = run;
  const planned = await passed<SshPlanned | DirectPlanned>(rec, "target", () => (spec.kind === "ssh" ? sshTargetStep(run) : directTargetStep(run)));
  if (!planned) return;
  const p = planned.value;
  const addresses = await passed(rec, "resolve", () => probeResolve(p.dial.host, stepTimeoutMs));
  if (!addresses) return;
  const what = spec.kind === "ssh" ? "the SSH server" : "the gateway";
  if (!(await passed(rec, "tcp", () => probeTcp(addresses.value, p.dial.port, { local: spec.kind === "local", what, timeoutMs: stepTimeoutMs })))) return;
  const gateway = p.kind === "ssh" ? { url: await tunnelStage(run, rec, p), pin: undefined } : await directGateway(run, rec, p);
  if (!gateway || rec.failed) return;
  await websocketStage(run, rec, gateway.url, gateway.pin);
  if (rec.failed) return;
  const token = spec.token ?? (p.kind === "direct" ? p.urlToken : undefined);
  await runGatewayStage(rec, {
    session: {
      url: gateway.url,
      ...(gateway.pin ? { tlsFingerprint: gateway.pin } : {}),
      gatewayKey: spec.gatewayKey,
      target: spec.name,
      ...(token ? { token } : {}),
      ...(spec.password ? { password: spec.password } : {}),
      secrets: run.secrets,
      logger: run.deps.logger,
    },
    timeoutMs: gatewayTimeoutMs,
    healthTimeoutMs: stepTimeoutMs * 2,
  });
}

/** A direct target's gateway URL, and for wss:// the pin its certificate passed (null: the pin step failed). */
async function directGateway(run: LadderRun, rec: StepRecorder, p: DirectPlanned): Promise<{ url: string; pin: string | undefined } | null> {
  if (!p.secure) return { url: p.url, pin: undefined };
  const pin = await passed(rec, "tls-pin", () => tlsPinStep(run, p.url));
  return pin ? { url: p.url, pin: pin.value } : null;
}

/** One timed step (steps.ts), recorded either way; resolves its value when it passed, null when it failed. */
async function passed<T>(rec: StepRecorder, name: StepName, fn: () => Promise<StepResult<T>>): Promise<{ value: T } | null> {
  const out: { result?: StepResult<T> } = {};
  await timedStep(name, async () => (out.result = await fn()))(rec);
  return out.result?.ok && !rec.failed ? { value: out.result.value } : null;
}
