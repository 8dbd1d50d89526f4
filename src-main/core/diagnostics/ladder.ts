// "Test connection": runs each layer in order and stops at the first failure.
//   target → resolve → TCP → [SSH handshake → host key → SSH auth → forward] → [TLS pin] → WebSocket
//   upgrade → challenge → auth → pairing → health
// SSH steps only for SSH targets, the TLS pin only for wss://. Each step reports {name, ok, ms, detail}
// and a failed one an Attention (reason, message, fix hint for a person); the outcome is the failed
// step's reason mapped to a kind (outcome.ts), which the CLI maps to its exit code.
// Built from the app's own parts: resolveSshTarget + TunnelSupervisor for SSH, planDirectConnection
// (plaintext rule, TLS trust) for direct, GatewaySession for auth/pairing/health. Only the steps those do
// not expose (DNS, TCP, the WebSocket upgrade, the challenge) are probed here, never with a credential.
import os from "node:os";
import path from "node:path";
import type { Attention } from "../../../src-shared/attention.js";
import type { Credential } from "../gateway/gateway-session.js";
import { profileScopedStore } from "../profiles/profile-keychain.js";
import { bindPrompts, type ConnectionSpec, type SupervisorDeps } from "../orchestrator/connection-spec.js";
import { resolveSpecSshTarget } from "../orchestrator/spec-ssh-target.js";
import { planDirectConnection, type DirectConnectPlan } from "../transport/direct-plan.js";
import { parseDirectUrl } from "../transport/direct-url.js";
import { checkPlaintextRule } from "../transport/plaintext-rule.js";
import { defaultKnownHostsFiles, type SshTarget } from "../transport/ssh-target.js";
import { displayTlsFingerprint, renewalNotice, type TlsTrustPrompt } from "../transport/tls-pin.js";
import { TunnelSupervisor, type TunnelSupervisorOptions } from "../transport/tunnel-supervisor.js";
import { runGatewayStage } from "./gateway-stage.js";
import { outcomeKindFor, type OutcomeKind } from "./outcome.js";
import { probeResolve, probeTcp, probeWebSocket } from "./probes.js";
import { runTunnelStage } from "./ssh-stage.js";
import { runStages, StepRecorder, timedStep, type LadderStep, type Stage } from "./steps.js";

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
  reason: string;
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

const hostPort = (host: string, port: number): string => (host.includes(":") && !host.startsWith("[") ? `[${host}]:${port}` : `${host}:${port}`);

/** Runs the ladder once against `spec`. Never throws for a connection problem: that is a failed step. */
export async function runLadder(spec: ConnectionSpec, deps: SupervisorDeps, opts: LadderOptions = {}): Promise<LadderResult> {
  // A profile's pins, SSH passwords and device tokens are its own (keyed by uid), as in the supervisor.
  const secrets = profileScopedStore(deps.secrets, spec.secretScope);
  const stepTimeoutMs = opts.stepTimeoutMs ?? 5_000;
  const log = deps.logger.child("probe");
  const prompts = bindPrompts(deps.prompts, { connectionId: spec.id, name: spec.name });
  log.redactor.add(spec.token?.value);
  log.redactor.add(spec.password?.value);
  const startedAt = new Date();
  const t0 = performance.now();
  const rec = new StepRecorder();
  const stages: Stage[] = [];

  // What the later stages need, filled in as earlier ones pass.
  let gatewayUrl = "";
  let pin: string | undefined;
  let urlToken: Credential | undefined;
  let sshTarget: SshTarget | null = null;
  let addresses: string[] = [];
  let dialHost = "";
  let dialPort = 0;
  let secure = false;

  if (spec.kind === "ssh") {
    stages.push(
      timedStep("target", async () => {
        const ssh = spec.ssh;
        if (!ssh) return { ok: false, attention: { reason: "ssh-target-invalid", message: `${spec.name} is an SSH profile without SSH settings.`, fixHint: "Edit the profile and set the SSH target (user@host)." } };
        const r = resolveSpecSshTarget(ssh, { homeDir: deps.homeDir ?? os.homedir(), env: deps.env ?? process.env });
        if (!r.ok) return { ok: false, attention: r.attention };
        const t = r.target;
        sshTarget = t;
        const first = t.jumps[0] ?? t;
        dialHost = first.host;
        dialPort = first.port;
        const jumps = t.jumps.length ? ` via ${t.jumps.map((j) => `${j.user}@${hostPort(j.host, j.port)}`).join(" → ")}` : "";
        return { ok: true, detail: `ssh ${t.user}@${hostPort(t.host, t.port)}${jumps}, gateway port ${ssh.remotePort ?? 18789} on that host` };
      }),
    );
  } else {
    stages.push(
      timedStep("target", async () => {
        const input = spec.url ?? "ws://127.0.0.1:18789";
        const parsed = parseDirectUrl(input);
        if (!parsed.ok) return { ok: false, attention: parsed.attention };
        const v = parsed.value;
        if (v.token) {
          log.redactor.add(v.token);
          if (!spec.token) urlToken = { value: v.token, source: "the URL's #token= fragment" };
        }
        // The plaintext rule first: a refusal must happen before any name is looked up or socket opened.
        const rule = checkPlaintextRule(v.url);
        if (!rule.allowed) return { ok: false, attention: rule.attention };
        secure = v.secure;
        gatewayUrl = v.url;
        dialHost = v.host;
        dialPort = v.port;
        if (!v.secure) {
          // ws:// plan: no network inside (only wss probes TLS); it also refuses a pin given for ws://.
          const plan = await planDirectConnection({ input: v.url, store: secrets, ...(spec.tlsFingerprint ? { explicitPin: spec.tlsFingerprint } : {}) });
          if (!plan.ok) return { ok: false, attention: plan.attention };
        }
        return { ok: true, detail: `${v.url}${v.secure ? "" : ` (plain ws:// allowed: ${rule.why})`}` };
      }),
    );
  }

  stages.push(
    timedStep("resolve", async () => {
      const r = await probeResolve(dialHost, stepTimeoutMs);
      if (!r.ok) return r;
      addresses = r.value;
      return { ok: true, detail: r.detail };
    }),
    timedStep("tcp", async () => {
      const r = await probeTcp(addresses, dialPort, {
        local: spec.kind === "local",
        what: spec.kind === "ssh" ? "the SSH server" : "the gateway",
        timeoutMs: stepTimeoutMs,
      });
      if (!r.ok) return r;
      return { ok: true, detail: r.detail };
    }),
  );

  if (spec.kind === "ssh") {
    stages.push(async (r) => {
      const ssh = spec.ssh!;
      const target = sshTarget!;
      const home = deps.homeDir ?? os.homedir();
      const tunnel = new TunnelSupervisor({
        target,
        ...(ssh.remotePort ? { remotePort: ssh.remotePort } : {}),
        // A probe does not need the person's preferred port; an ephemeral one never collides.
        preferredLocalPort: ssh.localPort ?? 0,
        knownHostsFiles: [...(ssh.knownHostsFiles ?? []), ...(target.userKnownHostsFiles ?? defaultKnownHostsFiles(home))],
        appKnownHostsFile: path.join(deps.configDir, "known_hosts"),
        ...(prompts.confirmHostKey ? { confirmHostKey: prompts.confirmHostKey } : {}),
        auth: {
          store: secrets,
          ...(prompts.askPassphrase ? { askPassphrase: prompts.askPassphrase } : {}),
          env: deps.env ?? process.env,
          homeDir: home,
        },
        livenessIntervalMs: 0,
        log: (line) => log.info(line),
        ...(deps.tunnel ?? {}),
        ...(opts.tunnel ?? {}),
      });
      r.onCleanup(() => tunnel.stop());
      const res = await runTunnelStage(r, tunnel, target, opts.sshTimeoutMs ?? 20_000);
      if (res.localUrl) gatewayUrl = res.localUrl;
    });
  }

  if (spec.kind !== "ssh") {
    stages.push(async (r) => {
      if (!secure) return;
      let shown: TlsTrustPrompt | null = null;
      const confirm = prompts.confirmTls;
      await timedStep("tls-pin", async () => {
        const plan = await planDirectConnection({
          input: gatewayUrl,
          store: secrets,
          ...(spec.tlsFingerprint ? { explicitPin: spec.tlsFingerprint } : {}),
          ...(confirm
            ? {
                confirm: async (p: TlsTrustPrompt) => {
                  shown = p;
                  return confirm(p);
                },
              }
            : {}),
        });
        if (!plan.ok) {
          const a = plan.attention;
          const seen = shown as TlsTrustPrompt | null;
          if (a.reason === "tls-trust-declined" && seen) {
            return {
              ok: false,
              attention: {
                reason: seen.systemTrusted ? "tls-trust-declined" : "tls-untrusted",
                message: `${seen.authority} is not pinned${seen.systemTrusted ? "" : ` and ${seen.trustProblem ?? "is not trusted by the system"}`}, and it was not trusted now. Its certificate fingerprint is ${seen.fingerprintDisplay}. Nothing was sent.`,
                fixHint: `Compare that fingerprint with the gateway's certificate (on the gateway host: openssl x509 -noout -fingerprint -sha256 -in <cert>), then pin it: --tls-fingerprint ${seen.fingerprint} (or answer y when asked on a terminal).`,
              },
            };
          }
          return { ok: false, attention: a };
        }
        pin = (plan.plan as DirectConnectPlan).tlsFingerprint;
        // A followed renewal is said in the same words as on `connect`, so a probe never hides it.
        if (plan.renewed) return { ok: true, detail: renewalNotice(plan.renewed.authority, plan.renewed.observed), data: { fingerprint: pin, pinSource: plan.pinSource } };
        return { ok: true, detail: `certificate matches the ${plan.pinSource === "first-use" ? "pin just taken" : `${plan.pinSource ?? ""} pin`}: ${pin ? displayTlsFingerprint(pin) : "?"}`, data: { fingerprint: pin, pinSource: plan.pinSource } };
      })(r);
    });
  }

  stages.push(async (r) => {
    const res = await probeWebSocket(gatewayUrl, { ...(pin ? { tlsFingerprint: pin } : {}), handshakeTimeoutMs: stepTimeoutMs, challengeTimeoutMs: stepTimeoutMs });
    const w = res.websocket;
    if (!w.ok) return r.fail("websocket", w.ms, w.attention, w.detail);
    r.pass("websocket", w.ms, w.detail);
    const c = res.challenge!;
    if (!c.ok) return r.fail("challenge", c.ms, c.attention, c.detail);
    r.pass("challenge", c.ms, c.detail);
  });

  stages.push((r) =>
    runGatewayStage(r, {
      session: {
        url: gatewayUrl,
        ...(pin ? { tlsFingerprint: pin } : {}),
        gatewayKey: spec.gatewayKey,
        target: spec.name,
        ...(spec.token ? { token: spec.token } : urlToken ? { token: urlToken } : {}),
        ...(spec.password ? { password: spec.password } : {}),
        secrets,
        logger: deps.logger,
      },
      timeoutMs: opts.gatewayTimeoutMs ?? 20_000,
      healthTimeoutMs: stepTimeoutMs * 2,
    }),
  );

  const steps = await runStages(stages, rec);
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
