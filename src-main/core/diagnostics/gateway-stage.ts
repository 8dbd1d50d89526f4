// The gateway part of the ladder (auth → pairing → health), read off a real GatewaySession — the same
// wrapper the app uses, so the probe authenticates exactly like a connection would (device identity and
// device token from the keychain, the official client's signing). One pass: the first failure ends it,
// except the two waits a connection would also make (the gateway still starting, and the single
// trusted retry with this device's token after a rejected shared token).
import type { Attention } from "../../../src-shared/attention.js";
import type { GatewayFailure, SessionSnapshot } from "../../../src-shared/gateway-session.js";
import { describeFailure } from "../gateway/failure-hints.js";
import { GatewaySession, type GatewaySessionOptions } from "../gateway/gateway-session.js";
import { withGatewayTextHints } from "./outcome.js";
import type { StepName, StepRecorder } from "./steps.js";

/** Text the gateway itself sent with a failure (messages, close reasons, remediation hints). */
export function gatewayTextOf(f: GatewayFailure | null): string[] {
  if (!f) return [];
  const out: string[] = [];
  if ("message" in f && typeof f.message === "string") out.push(f.message);
  if (f.kind === "closed") out.push(f.reason);
  if (f.kind === "pairing-required") {
    out.push(f.reason);
    if (f.remediationHint) out.push(f.remediationHint);
  }
  return out;
}

/** Failures a probe waits through instead of reporting at once. */
export function keepsWaiting(s: SessionSnapshot): boolean {
  if (s.phase !== "reconnecting" || !s.failure) return false;
  // gateway-starting: connect answered "not yet" with a retry hint. auth-token-mismatch while
  // reconnecting: the session's one trusted retry with this device's token is scheduled.
  return s.failure.kind === "gateway-starting" || s.failure.kind === "auth-token-mismatch";
}

/** The step a session failure belongs to: pairing for pairing-required, auth for everything else. */
export function gatewayStepForFailure(f: GatewayFailure | null): StepName {
  return f?.kind === "pairing-required" ? "pairing" : "auth";
}

export interface GatewayStageOptions {
  session: Omit<GatewaySessionOptions, "policy">;
  timeoutMs: number;
  healthTimeoutMs: number;
}

/** The health step, once the session is connected: ok unless the gateway says ok: false or does not answer. */
async function checkHealth(rec: StepRecorder, session: GatewaySession, target: string, timeoutMs: number): Promise<void> {
  const t0 = performance.now();
  try {
    const health = await session.request<Record<string, unknown>>("health", {}, { timeoutMs });
    const ms = performance.now() - t0;
    if (health && health.ok === false) {
      rec.fail("health", ms, { reason: "gateway-unhealthy", message: `${target} answered health with ok: false.`, fixHint: "Check the gateway log on the gateway host (`openclaw logs`) and `openclaw doctor`." }, undefined, { health });
    } else {
      rec.pass("health", ms, `health answered in ${Math.round(ms)} ms${health && health.ok === true ? " (ok)" : ""}`);
    }
  } catch (e) {
    const ms = performance.now() - t0;
    rec.fail("health", ms, { reason: "gateway-unhealthy", message: `${target} did not answer the health request: ${(e as Error).message}.`, fixHint: "Check the gateway log on the gateway host (`openclaw logs`)." });
  }
}

export async function runGatewayStage(rec: StepRecorder, o: GatewayStageOptions): Promise<void> {
  const session = new GatewaySession({ ...o.session, statusIntervalMs: 3_600_000 });
  rec.onCleanup(() => session.stop());
  const target = o.session.target;
  let mark = performance.now();
  const lap = (): number => {
    const now = performance.now();
    const ms = now - mark;
    mark = now;
    return ms;
  };

  const settled = await new Promise<SessionSnapshot | "timeout">((resolve) => {
    const timer = setTimeout(() => {
      off();
      resolve("timeout");
    }, o.timeoutMs);
    const off = session.on((e) => {
      if (e.type !== "state") return;
      const s = e.snapshot;
      if (s.phase === "connected" || s.phase === "pairing-required" || s.phase === "needs-attention" || (s.phase === "reconnecting" && !keepsWaiting(s))) {
        clearTimeout(timer);
        off();
        resolve(s);
      }
    });
    session.start().catch((err: unknown) => {
      clearTimeout(timer);
      off();
      const fixHint = (err as { fixHint?: string }).fixHint ?? "Check that the OS keychain is unlocked, then try again.";
      rec.fail("auth", lap(), { reason: "device-identity", message: `Could not load this device's identity: ${(err as Error).message}`, fixHint });
      resolve("timeout");
    });
  });
  if (rec.failed) return;

  if (settled === "timeout") {
    const last = session.snapshot;
    const a: Attention = last.failure
      ? describeFailure(last.failure, target)
      : { reason: "timeout", message: `${target} did not finish the connect handshake within ${Math.round(o.timeoutMs / 1000)} s.`, fixHint: "The gateway may be overloaded or still starting; check `openclaw gateway status` on the gateway host and try again." };
    rec.fail("auth", lap(), a);
    return;
  }

  const s = settled;
  if (s.phase === "connected" && s.connected) {
    const c = s.connected;
    rec.pass("auth", lap(), `hello-ok from gateway ${c.serverVersion ?? "(version not reported)"}, protocol v${c.protocol}; auth: ${c.authSource}`, {
      serverVersion: c.serverVersion,
      protocol: c.protocol,
      authMethod: c.authMethod,
      authSource: c.authSource,
    });
    rec.pass("pairing", 0, `this device is paired (role ${c.role ?? "?"}; scopes ${c.scopes.join(", ") || "none"})`, { role: c.role, scopes: c.scopes });
    await checkHealth(rec, session, target, o.healthTimeoutMs);
    return;
  }

  const f = s.failure;
  if (s.phase === "pairing-required" || f?.kind === "pairing-required") {
    rec.pass("auth", lap(), "the gateway accepted the credentials; this device is not approved yet");
    const requestId = s.pairing?.requestId ?? (f?.kind === "pairing-required" ? f.requestId : null);
    const approveCommand = s.pairing?.approveCommand ?? (f?.kind === "pairing-required" ? f.approveCommand : null);
    const base = f ? describeFailure(f, target) : { reason: "pairing-required", message: `${target} has not approved this device yet.`, fixHint: "On the gateway host run `openclaw devices list` and approve the pending request." };
    const a = withGatewayTextHints({ ...base, reason: "pairing-required" }, gatewayTextOf(f));
    rec.fail("pairing", lap(), a, `pairing required${requestId ? ` (request ${requestId})` : ""}; approve with: ${approveCommand ?? "openclaw devices list, then openclaw devices approve <requestId>"}`, {
      requestId,
      approveCommand,
    });
    return;
  }

  const base = f ? describeFailure(f, target) : (s.attention ?? { reason: "rejected", message: `${target} refused the connection.`, fixHint: "Check the gateway log (`openclaw logs`)." });
  rec.fail(gatewayStepForFailure(f), lap(), withGatewayTextHints(base, gatewayTextOf(f)), undefined, f?.kind === "protocol-mismatch" ? { expectedProtocol: f.expectedProtocol, update: f.update } : undefined);
}
