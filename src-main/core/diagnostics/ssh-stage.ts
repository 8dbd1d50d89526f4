// The SSH part of the ladder, read off a real TunnelSupervisor (the same one the app runs) rather than
// re-implemented: its snapshots move connecting → verifying-host (the key exchange reached the host
// key) → authenticating (the host key was accepted) → forwarding (logged in) → remoteListening (one
// forward to the gateway port opened), or to needs-attention/reconnecting with the reason. Each move
// closes one step; the phase a failure comes from names the step that failed.
import type { Attention, Reason } from "../../../src-shared/attention.js";
import { describeAttempts } from "../transport/ssh-auth.js";
import type { SshTarget } from "../transport/ssh-target.js";
import type { TunnelSnapshot } from "../transport/tunnel-state.js";
import type { TunnelSupervisor } from "../transport/tunnel-supervisor.js";
import type { StepName, StepRecorder } from "./steps.js";

export interface TunnelStageResult {
  /** ws://127.0.0.1:<port> once forwarding and something answers behind it; null when a step failed. */
  localUrl: string | null;
}

/** Reasons that name their step whatever phase the tunnel was in; every other reason goes by the phase. */
const STEP_OF_REASON: Partial<Record<Reason, StepName>> = {
  "local-port-busy": "forward",
  "local-port-unusable": "forward",
  "local-port-reserved": "forward",
  "local-port-not-gateway": "forward",
  "host-key-unknown": "host-key",
  "host-key-declined": "host-key",
  "host-key-changed": "host-key",
  "host-key-revoked": "host-key",
  "ssh-auth-failed": "ssh-auth",
};

/** Which step a failure belongs to, from the phase the tunnel was in when it failed. */
export function sshStepForFailure(phase: TunnelSnapshot["phase"], reason: Reason): StepName {
  const named = STEP_OF_REASON[reason];
  if (named) return named;
  switch (phase) {
    case "verifying-host":
      return "host-key";
    case "authenticating":
      return "ssh-auth";
    case "forwarding":
      return "forward";
    default:
      return "ssh-handshake";
  }
}

/**
 * Starts `tunnel` and records ssh-handshake, host-key, ssh-auth and forward as its snapshots arrive.
 * Stops at the first failure, including a retryable one (a probe is one pass). `timeoutMs` bounds the
 * whole tunnel part, prompts excluded only as far as the supervisor's own deadline pauses for them.
 */
export function runTunnelStage(rec: StepRecorder, tunnel: TunnelSupervisor, target: SshTarget, timeoutMs: number): Promise<TunnelStageResult> {
  const finalHop = target.alias;
  const via = target.jumps.length ? ` via ${target.jumps.map((j) => j.alias).join(" → ")}` : "";
  return new Promise<TunnelStageResult>((resolve) => {
    let mark = performance.now();
    let lastLive: TunnelSnapshot["phase"] = "connecting";
    let done = false;
    const lap = (): number => {
      const now = performance.now();
      const ms = now - mark;
      mark = now;
      return ms;
    };
    const end = (r: TunnelStageResult) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      off();
      resolve(r);
    };
    const fail = (step: StepName, a: Attention) => {
      rec.fail(step, lap(), a);
      end({ localUrl: null });
    };
    const timer = setTimeout(() => {
      const step = sshStepForFailure(lastLive, "ssh-timeout");
      fail(step, { reason: "ssh-timeout", message: `The SSH connection to ${finalHop} did not get past "${lastLive}" within ${Math.round(timeoutMs / 1000)} s.`, fixHint: "Check the network or VPN, and the SSH server's logs; `ssh -v " + finalHop + "` shows where it stops." });
    }, timeoutMs);
    const onSnap = (s: TunnelSnapshot) => {
      if (done) return;
      const isFinal = s.hop === finalHop;
      switch (s.phase) {
        case "verifying-host":
          if (isFinal && lastLive === "connecting") rec.pass("ssh-handshake", lap(), `SSH key exchange with ${finalHop}${via} completed`);
          lastLive = "verifying-host";
          return;
        case "authenticating":
          if (isFinal && lastLive === "verifying-host") rec.pass("host-key", lap(), `${finalHop}'s host key matches a known_hosts entry (or you trusted it)`);
          lastLive = "authenticating";
          return;
        case "forwarding":
          if (s.remoteListening === null) {
            if (lastLive !== "forwarding") {
              rec.pass("ssh-auth", lap(), `logged in as ${target.user}@${finalHop}${s.authMethod ? ` with ${describeAttempts([s.authMethod])}` : ""}; local port ${s.localPort}${s.portFallback ? " (preferred port busy)" : ""}`);
            }
            lastLive = "forwarding";
            return;
          }
          if (lastLive !== "forwarding") rec.pass("ssh-auth", lap(), `logged in as ${target.user}@${finalHop}`);
          lastLive = "forwarding";
          if (s.remoteListening) {
            rec.pass("forward", lap(), `127.0.0.1:${s.localPort} → ${finalHop}:127.0.0.1:${s.remotePort}, and something answers there`);
            end({ localUrl: `ws://127.0.0.1:${s.localPort}` });
          } else {
            fail("forward", s.remoteWarning ?? { reason: "remote-port-closed", message: `nothing is listening on 127.0.0.1:${s.remotePort} on ${finalHop}`, fixHint: "Start the gateway on that host (openclaw gateway)." });
          }
          return;
        case "needs-attention":
        case "reconnecting": {
          const a = s.attention ?? { reason: "ssh-error", message: `SSH to ${finalHop} failed.`, fixHint: "`ssh -v` from a terminal may say more." };
          const hopNote = s.hop && s.hop !== finalHop ? { ...a, message: `(at jump host ${s.hop}) ${a.message}` } : a;
          fail(sshStepForFailure(lastLive, a.reason), hopNote);
          return;
        }
        case "connecting":
          // Dialling a hop (ProxyJump: each hop in turn); steps are recorded for the final hop.
          lastLive = "connecting";
          return;
        default:
          return;
      }
    };
    const off = tunnel.onSnapshot(onSnap);
    void tunnel.start().then(() => {
      // start() resolves once the listener is bound or binding failed; a bind failure is already a snapshot.
      onSnap(tunnel.snapshot);
    });
  });
}
