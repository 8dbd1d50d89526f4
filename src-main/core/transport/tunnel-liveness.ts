// Is the SSH link of a live attempt still alive? ssh2's keepalive alone takes ~50 s to notice a
// blackholed link; here any bytes received count as life, one SSH ping goes out after
// livenessIntervalMs of silence, and silence past livenessTimeoutMs ends the attempt (retried). A probe
// on demand (a suspect link, a network change) gets suspectGraceMs to answer. Split out of
// tunnel-supervisor.ts (issue 14 §5).
import { canSshPing, sshPing } from "./ssh-ping.js";
import type { Attempt, AttemptDriver } from "./tunnel-attempt.js";

/** Ends `a` as a lost link (the supervisor then retries with backoff). */
export function linkDead(d: AttemptDriver, a: Attempt, why: string): void {
  if (!d.current(a)) return;
  const alias = d.o.target.alias;
  d.o.log?.(`link to ${alias} declared dead: ${why}`);
  d.ended(a, {
    retry: true,
    attention: { reason: "ssh-link-lost", message: `The link to ${alias} stopped answering (${why}).`, fixHint: "Check your network or VPN; Clawlink reconnects as soon as the host answers again." },
  });
}

/** The periodic check, from the moment the final hop is ready; its timer is the attempt's (torn down with it). */
export function startLiveness(d: AttemptDriver, a: Attempt): void {
  const every = d.o.livenessIntervalMs;
  if (!every || !a.final || !canSshPing(a.final)) return;
  a.lastRx = d.o.now();
  let lastPing = 0;
  // Tick faster than the ping interval so the deadline is seen within a second of passing:
  // worst case from the last byte received to "dead" is livenessTimeoutMs + 1 s (7 s by default).
  const tick = Math.max(100, Math.min(1_000, Math.floor(every / 2)));
  a.livenessTimer = setInterval(() => {
    if (!d.current(a) || !a.final) return;
    const now = d.o.now();
    const silent = now - a.lastRx;
    if (silent > d.o.livenessTimeoutMs) return linkDead(d, a, `nothing received for ${Math.round(silent / 100) / 10} s`);
    if (silent >= every && now - lastPing >= every) {
      lastPing = now;
      sshPing(a.final);
    }
  }, tick);
}

/** One SSH ping now; nothing received within suspectGraceMs ends the attempt as dead (`whyDead`). */
export function probeLink(d: AttemptDriver, a: Attempt, whyDead: string): void {
  if (!a.final || a.suspectTimer) return;
  const since = d.o.now();
  // Without the ping internals there is no cheap probe; the keepalive and liveness timers still run.
  if (!sshPing(a.final)) return;
  a.suspectTimer = setTimeout(() => {
    a.suspectTimer = null;
    if (a.lastRx < since) linkDead(d, a, whyDead);
  }, d.o.suspectGraceMs);
}
