// The steps of the test-connection ladder (ladder.ts) that need more than one probe call: reading the
// target, the SSH tunnel stage, the TLS pin and the WebSocket upgrade with its challenge. Each returns
// what the next steps need (the address to dial, the gateway URL, the pin) instead of filling in shared
// variables, so the ladder reads as one chain of values (split out of runLadder, issue 14 §5).
import os from "node:os";
import path from "node:path";
import type { Attention } from "../../../src-shared/attention.js";
import { DEFAULT_GATEWAY_PORT, DEFAULT_LOCAL_GATEWAY_URL } from "../../../src-shared/gateway-port.js";
import type { Credential } from "../gateway/gateway-session.js";
import type { Logger } from "../log/logger.js";
import type { BoundPrompts, ConnectionSpec, SupervisorDeps } from "../orchestrator/connection-spec.js";
import { resolveSpecSshTarget } from "../orchestrator/spec-ssh-target.js";
import type { SecretStore } from "../secrets/secret-store.js";
import { planDirectConnection, type DirectConnectPlan } from "../transport/direct-plan.js";
import { parseDirectUrl } from "../transport/direct-url.js";
import { checkPlaintextRule } from "../transport/plaintext-rule.js";
import { defaultKnownHostsFiles, type SshTarget } from "../transport/ssh-target.js";
import { displayTlsFingerprint, renewalNotice, type TlsTrustPrompt } from "../transport/tls-pin.js";
import { TunnelSupervisor, type TunnelSupervisorOptions } from "../transport/tunnel-supervisor.js";
import { probeWebSocket } from "./probes.js";
import { runTunnelStage } from "./ssh-stage.js";
import type { StepRecorder } from "./steps.js";

/** One ladder run's fixed inputs, shared read-only by every step. */
export interface LadderRun {
  spec: ConnectionSpec;
  deps: SupervisorDeps;
  /** The profile's own keychain entries (keyed by uid), as in the supervisor. */
  secrets: SecretStore;
  log: Logger;
  prompts: BoundPrompts;
  stepTimeoutMs: number;
  sshTimeoutMs: number;
  tunnel: Partial<Omit<TunnelSupervisorOptions, "target">>;
}

/** A step's verdict, with the value the later steps need when it passed. */
export type StepResult<T> = { ok: true; detail: string; data?: Record<string, unknown>; value: T } | { ok: false; attention: Attention; detail?: string };

/** Where the resolve and TCP steps dial first (the SSH server or first jump host, or the gateway). */
export interface Dial {
  host: string;
  port: number;
}

export interface SshPlanned {
  kind: "ssh";
  ssh: NonNullable<ConnectionSpec["ssh"]>;
  target: SshTarget;
  dial: Dial;
}

export interface DirectPlanned {
  kind: "direct";
  url: string;
  secure: boolean;
  /** A #token= in the URL, used when the spec has no token of its own. */
  urlToken: Credential | undefined;
  dial: Dial;
}

const hostPort = (host: string, port: number): string => (host.includes(":") && !host.startsWith("[") ? `[${host}]:${port}` : `${host}:${port}`);
const fail = (attention: Attention): { ok: false; attention: Attention } => ({ ok: false, attention });

export async function sshTargetStep(run: LadderRun): Promise<StepResult<SshPlanned>> {
  const { spec, deps } = run;
  const ssh = spec.ssh;
  if (!ssh) return fail({ reason: "ssh-target-invalid", message: `${spec.name} is an SSH profile without SSH settings.`, fixHint: "Edit the profile and set the SSH target (user@host)." });
  const r = resolveSpecSshTarget(ssh, { homeDir: deps.homeDir ?? os.homedir(), env: deps.env ?? process.env });
  if (!r.ok) return fail(r.attention);
  const t = r.target;
  const first = t.jumps[0] ?? t;
  const jumps = t.jumps.length ? ` via ${t.jumps.map((j) => `${j.user}@${hostPort(j.host, j.port)}`).join(" → ")}` : "";
  // Skipped ~/.ssh/config blocks (a Match criterion not evaluated) are part of what was resolved.
  const notes = r.notices?.length ? ` (${r.notices.join(" ")})` : "";
  return {
    ok: true,
    detail: `ssh ${t.user}@${hostPort(t.host, t.port)}${jumps}, gateway port ${ssh.remotePort ?? DEFAULT_GATEWAY_PORT} on that host${notes}`,
    value: { kind: "ssh", ssh, target: t, dial: { host: first.host, port: first.port } },
  };
}

export async function directTargetStep(run: LadderRun): Promise<StepResult<DirectPlanned>> {
  const { spec, log } = run;
  const parsed = parseDirectUrl(spec.url ?? DEFAULT_LOCAL_GATEWAY_URL);
  if (!parsed.ok) return fail(parsed.attention);
  const v = parsed.value;
  if (v.token) log.redactor.add(v.token);
  const urlToken: Credential | undefined = v.token && !spec.token ? { value: v.token, source: "the URL's #token= fragment" } : undefined;
  // The plaintext rule first: a refusal must happen before any name is looked up or socket opened.
  const rule = checkPlaintextRule(v.url);
  if (!rule.allowed) return fail(rule.attention);
  if (!v.secure) {
    // ws:// plan: no network inside (only wss probes TLS); it also refuses a pin given for ws://.
    const plan = await planDirectConnection({ input: v.url, store: run.secrets, ...(spec.tlsFingerprint ? { explicitPin: spec.tlsFingerprint } : {}) });
    if (!plan.ok) return fail(plan.attention);
  }
  return {
    ok: true,
    detail: `${v.url}${v.secure ? "" : ` (plain ws:// allowed: ${rule.why})`}`,
    value: { kind: "direct", url: v.url, secure: v.secure, urlToken, dial: { host: v.host, port: v.port } },
  };
}

/** The SSH steps, read off a real TunnelSupervisor; resolves the forwarded local URL ("" when a step failed). */
export async function tunnelStage(run: LadderRun, rec: StepRecorder, planned: SshPlanned): Promise<string> {
  const { deps, prompts, secrets } = run;
  const { ssh, target } = planned;
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
    log: (line) => run.log.info(line),
    ...run.tunnel,
  });
  rec.onCleanup(() => tunnel.stop());
  const res = await runTunnelStage(rec, tunnel, target, run.sshTimeoutMs);
  return res.localUrl ?? "";
}

/** wss only: the certificate against the pin (or trusted now); resolves the pin the later steps use. */
export async function tlsPinStep(run: LadderRun, url: string): Promise<StepResult<string | undefined>> {
  const { spec } = run;
  let shown: TlsTrustPrompt | null = null;
  const confirm = run.prompts.confirmTls;
  const plan = await planDirectConnection({
    input: url,
    store: run.secrets,
    ...(spec.tlsFingerprint ? { explicitPin: spec.tlsFingerprint } : {}),
    ...(confirm
      ? {
          confirm: (p: TlsTrustPrompt) => {
            shown = p;
            return confirm(p);
          },
        }
      : {}),
  });
  if (!plan.ok) return fail(declinedAttention(plan.attention, shown));
  const pin = (plan.plan as DirectConnectPlan).tlsFingerprint;
  const data = { fingerprint: pin, pinSource: plan.pinSource };
  // A followed renewal is said in the same words as on `connect`, so a probe never hides it.
  if (plan.renewed) return { ok: true, detail: renewalNotice(plan.renewed.authority, plan.renewed.observed), data, value: pin };
  const source = plan.pinSource === "first-use" ? "pin just taken" : `${plan.pinSource ?? ""} pin`;
  return { ok: true, detail: `certificate matches the ${source}: ${pin ? displayTlsFingerprint(pin) : "?"}`, data, value: pin };
}

/** A trust question that was shown and declined: say what was seen and how to pin it. */
function declinedAttention(a: Attention, seen: TlsTrustPrompt | null): Attention {
  if (a.reason !== "tls-trust-declined" || !seen) return a;
  return {
    reason: seen.systemTrusted ? "tls-trust-declined" : "tls-untrusted",
    message: `${seen.authority} is not pinned${seen.systemTrusted ? "" : ` and ${seen.trustProblem ?? "is not trusted by the system"}`}, and it was not trusted now. Its certificate fingerprint is ${seen.fingerprintDisplay}. Nothing was sent.`,
    fixHint: `Compare that fingerprint with the gateway's certificate (on the gateway host: openssl x509 -noout -fingerprint -sha256 -in <cert>), then pin it: --tls-fingerprint ${seen.fingerprint} (or answer y when asked on a terminal).`,
  };
}

/** The WebSocket upgrade, then the gateway's connect challenge; both without a credential. */
export async function websocketStage(run: LadderRun, rec: StepRecorder, url: string, pin: string | undefined): Promise<void> {
  const t = run.stepTimeoutMs;
  const res = await probeWebSocket(url, { ...(pin ? { tlsFingerprint: pin } : {}), handshakeTimeoutMs: t, challengeTimeoutMs: t });
  const w = res.websocket;
  if (!w.ok) return rec.fail("websocket", w.ms, w.attention, w.detail);
  rec.pass("websocket", w.ms, w.detail);
  const c = res.challenge!;
  if (!c.ok) return rec.fail("challenge", c.ms, c.attention, c.detail);
  rec.pass("challenge", c.ms, c.detail);
}
