// One connection = transport (SSH tunnel or a direct plan) + gateway session, composed by a pure reducer
// into one overall snapshot. The transport and the session keep their own lifecycles (tunnel-state.ts,
// session-state.ts); this reducer only watches their snapshots and decides the hand-offs between them:
// start the session once the tunnel forwards, reconnect the session at once when a tunnel comes back,
// and tell the tunnel when the session's socket died while the tunnel still believed the link was fine.
import type { Attention } from "../../../src-shared/attention.js";
import type { ConnectionSnapshot, ProgressState, SnapshotCommon, TlsChange } from "../../../src-shared/connection.js";
import type { SessionSnapshot } from "../../../src-shared/gateway-session.js";
import { DEFAULT_LOCAL_GATEWAY_URL } from "../../../src-shared/gateway-port.js";
import type { RouteInUse } from "../../../src-shared/routes.js";
import type { AuxSurfaceView } from "../../../src-shared/aux-surfaces.js";
import type { TunnelSnapshot } from "../transport/tunnel-state.js";

export interface ConnectionModel {
  readonly id: string;
  readonly name: string;
  readonly kind: "local" | "ssh" | "direct";
  readonly running: boolean;
  /** Direct/local: the plan (URL, pin) being made, made, or refused. SSH: only "failed" (target unresolvable, port refused, device identity). */
  readonly plan: { phase: "none" | "planning" | "ready" | "failed"; url: string | null; attention: Attention | null; tlsChange?: { previous: string; observed: string } };
  readonly tunnel: TunnelSnapshot | null;
  readonly session: SessionSnapshot | null;
  readonly sessionStarted: boolean;
  /** Re-plans after the session saw another certificate than the plan, since the session last connected. */
  readonly tlsReplans: number;
  /** Local profiles: what to say when nothing answers on this machine (depends on whether the openclaw CLI is installed). */
  readonly localStartHint: string | null;
  /**
   * Local profiles: no gateway answered, so the session was dropped and the port is watched quietly
   * (issue 12: not "Reconnecting (attempt 38)" for ever). `waitGen` numbers each wait; an answer from an
   * earlier wait (a stop and start in between) is ignored.
   */
  readonly waiting: Attention | null;
  readonly waitGen: number;
  /** A profile with several routes: the one this connection runs over now (set by the supervisor on a switch). */
  readonly route?: RouteInUse;
  /** SSH: the auxiliary surfaces forwarded next to the gateway port (issue 13 §2, set by aux-ports.ts). */
  readonly aux?: AuxSurfaceView[];
  readonly snapshot: ConnectionSnapshot;
}

export type ConnectionEvent =
  | { type: "start"; now: number }
  | { type: "stop"; now: number }
  | { type: "plan-started"; now: number }
  | { type: "plan-ready"; url: string; now: number }
  | { type: "plan-failed"; attention: Attention; tlsChange?: { previous: string; observed: string }; now: number }
  | { type: "tunnel"; snapshot: TunnelSnapshot; now: number }
  | { type: "session"; snapshot: SessionSnapshot; now: number }
  /** Local mode found that the listener is not this machine's gateway: the session was stopped, a later plan starts a new one. */
  | { type: "session-dropped"; now: number }
  /** While waiting for this machine's gateway: something now listens on its port (the wait numbered gen). */
  | { type: "local-answered"; gen: number; now: number }
  /** The auxiliary surfaces' forwards changed (bound, checked, degraded; [] when stopped). */
  | { type: "aux"; surfaces: AuxSurfaceView[]; now: number };

export type ConnectionEffect =
  | { type: "start-session"; url: string }
  /** The transport is back: reconnect the session now instead of waiting out its backoff. */
  | { type: "kick-session" }
  /** The session lost its socket but the tunnel looks fine: let the tunnel check its link now. */
  | { type: "link-suspect" }
  /**
   * Direct/local: the session met a certificate other than the plan's pin (a renewal between two
   * connections, or an interception). Drop the session and decide again from a fresh probe: a renewal
   * on a first-use pin is followed with a notice, anything else stops with tls-cert-changed.
   */
  | { type: "replan" }
  /** Local: no gateway runs here. Drop the session and watch the port quietly; report an answer with this gen. */
  | { type: "await-local"; url: string; gen: number };

export function initialConnectionModel(id: string, name: string, kind: ConnectionModel["kind"], now = 0, localStartHint: string | null = null): ConnectionModel {
  const base = { id, name, kind, running: false, plan: { phase: "none" as const, url: null, attention: null }, tunnel: null, session: null, sessionStarted: false, tlsReplans: 0, localStartHint, waiting: null, waitGen: 0 };
  return { ...base, snapshot: derive(base, 0, now) };
}

const tunnelUrl = (t: TunnelSnapshot) => (t.localPort ? `ws://127.0.0.1:${t.localPort}` : null);

export function reduceConnection(m: ConnectionModel, e: ConnectionEvent): { model: ConnectionModel; effects: ConnectionEffect[] } {
  const effects: ConnectionEffect[] = [];
  let next: Omit<ConnectionModel, "snapshot">;
  switch (e.type) {
    case "start":
      if (m.running) return { model: m, effects };
      next = { ...m, running: true, plan: { phase: "none", url: null, attention: null }, tunnel: null, session: null, sessionStarted: false, tlsReplans: 0, waiting: null };
      break;
    case "stop":
      if (!m.running) return { model: m, effects };
      next = { ...m, running: false };
      break;
    case "plan-started":
      next = { ...m, plan: { phase: "planning", url: null, attention: null } };
      break;
    case "plan-ready":
      next = { ...m, plan: { phase: "ready", url: e.url, attention: null } };
      // While waiting for this machine's gateway, only the port watch's answer starts a session.
      if (m.running && !m.sessionStarted && !m.waiting) {
        effects.push({ type: "start-session", url: e.url });
        next = { ...next, sessionStarted: true };
      }
      break;
    case "session-dropped":
      next = { ...m, session: null, sessionStarted: false };
      break;
    case "local-answered":
      if (!m.running || !m.waiting || e.gen !== m.waitGen) return { model: m, effects };
      // From the top: the plan runs the local guard again, so whatever now listens is vetted before a session starts.
      effects.push({ type: "replan" });
      next = { ...m, waiting: null, session: null, sessionStarted: false, plan: { phase: "planning", url: null, attention: null } };
      break;
    case "aux":
      next = { ...m, aux: e.surfaces };
      break;
    case "plan-failed":
      next = { ...m, plan: { phase: "failed", url: null, attention: e.attention, ...(e.tlsChange ? { tlsChange: e.tlsChange } : {}) } };
      break;
    case "tunnel": {
      const prev = m.tunnel;
      next = { ...m, tunnel: e.snapshot };
      const url = tunnelUrl(e.snapshot);
      if (m.running && e.snapshot.phase === "forwarding" && url) {
        if (!m.sessionStarted) {
          effects.push({ type: "start-session", url });
          next = { ...next, sessionStarted: true };
        } else if (prev?.phase !== "forwarding" && m.session?.phase !== "connected") {
          effects.push({ type: "kick-session" });
        }
      }
      break;
    }
    case "session": {
      const prev = m.session;
      next = { ...m, session: e.snapshot };
      const lostLink = prev?.phase === "connected" && e.snapshot.phase === "reconnecting" && ["network", "timeout", "closed"].includes(e.snapshot.failure?.kind ?? "");
      if (m.running && lostLink && m.tunnel?.phase === "forwarding") effects.push({ type: "link-suspect" });
      if (e.snapshot.phase === "connected" && m.tlsReplans) next = { ...next, tlsReplans: 0 };
      // One re-plan per mismatch streak: if the fresh plan's pin is refused again before connecting,
      // the session's own needs-attention stands (no loop against a server that keeps changing).
      const pinRefused = e.snapshot.phase === "needs-attention" && e.snapshot.failure?.kind === "tls-pin-mismatch";
      if (m.running && m.kind !== "ssh" && pinRefused && m.tlsReplans < 1) {
        effects.push({ type: "replan" });
        next = { ...next, session: null, sessionStarted: false, tlsReplans: m.tlsReplans + 1, plan: { phase: "planning", url: null, attention: null } };
      }
      // Nothing listens on this machine's gateway port: stop counting attempts and wait for one to start.
      const none = e.snapshot.phase === "reconnecting" ? noLocalGateway(m, e.snapshot) : null;
      if (m.running && none && !m.waiting) {
        const gen = m.waitGen + 1;
        effects.push({ type: "await-local", url: m.plan.url ?? DEFAULT_LOCAL_GATEWAY_URL, gen });
        next = { ...next, session: null, sessionStarted: false, waiting: none, waitGen: gen };
      }
      break;
    }
  }
  const changed = next.running !== m.running || next.plan !== m.plan || next.tunnel !== m.tunnel || next.session !== m.session || next.waiting !== m.waiting || next.aux !== m.aux;
  const snapshot = changed ? derive(next, m.snapshot.seq + 1, e.now) : m.snapshot;
  return { model: { ...next, snapshot }, effects };
}

/** A refused connection to this machine's own gateway means no gateway is running here: say that. */
function noLocalGateway(m: Omit<ConnectionModel, "snapshot">, s: SessionSnapshot): Attention | null {
  if (m.kind !== "local" || s.failure?.kind !== "network" || s.failure.errno !== "ECONNREFUSED") return null;
  return {
    reason: "no-local-gateway",
    message: `No gateway is running on this machine (nothing answers at ${(m.plan.url ?? DEFAULT_LOCAL_GATEWAY_URL).replace(/\/$/, "")}).`,
    fixHint: m.localStartHint ?? "Start the OpenClaw gateway on this machine (`openclaw gateway`); Clawlink connects as soon as it answers.",
  };
}

/** needs-attention always says why; a layer that stopped without an attention gets this one. */
const UNEXPLAINED: Attention = { reason: "internal-error", message: "The connection stopped without saying why.", fixHint: "Export diagnostics and report this." };

type Common = Omit<SnapshotCommon, "layer" | "attempt" | "nextAttemptAt">;
type Layer = ConnectionSnapshot["layer"];
type Counts = { attempt: number; nextAttemptAt: number | null };
const NO_COUNTS: Counts = { attempt: 0, nextAttemptAt: null };
const NO_STATE_FIELDS = { pairing: null, connected: null, tlsChange: null } as const;

// One builder per kind of variant: each sets exactly the fields its state has.
const progressSnapshot = (c: Common, state: ProgressState, layer: Layer, attention: Attention | null = null, counts = NO_COUNTS): ConnectionSnapshot => ({ ...c, ...NO_STATE_FIELDS, ...counts, state, layer, attention });
const settledSnapshot = (c: Common, state: "reconnecting" | "stopped", layer: Layer, attention: Attention | null = null, counts = NO_COUNTS): ConnectionSnapshot => ({ ...c, ...NO_STATE_FIELDS, ...counts, state, layer, attention });
const attentionSnapshot = (c: Common, layer: Layer, attention: Attention | null, tlsChange: TlsChange | null, counts = NO_COUNTS): ConnectionSnapshot => ({
  ...c,
  ...NO_STATE_FIELDS,
  ...counts,
  state: "needs-attention",
  layer,
  attention: attention ?? UNEXPLAINED,
  tlsChange,
});

/** The overall state a person sees, from the layer that currently decides it. */
function derive(m: Omit<ConnectionModel, "snapshot">, seq: number, now: number): ConnectionSnapshot {
  const t = m.tunnel;
  const s = m.session;
  const c: Common = {
    id: m.id,
    name: m.name,
    kind: m.kind,
    localPort: t?.localPort ?? null,
    portFallback: t?.portFallback ?? false,
    sshAuth: t?.authMethod ? `${t.authMethod.method}${t.authMethod.detail ? ` (${t.authMethod.detail})` : ""}` : null,
    warning: t?.remoteWarning ?? null,
    url: m.kind === "ssh" ? (t ? tunnelUrl(t) : null) : m.plan.url,
    seq,
    updatedAt: now,
    ...(m.route ? { route: m.route } : {}),
    ...(m.aux?.length ? { aux: m.aux } : {}),
  };
  const planFailed = () => attentionSnapshot(c, "transport", m.plan.attention, m.plan.tlsChange ?? null);

  if (!m.running) return s || t ? settledSnapshot(c, "stopped", null) : { ...c, ...NO_STATE_FIELDS, ...NO_COUNTS, state: "idle", layer: null, attention: null };

  // Transport first: nothing above it matters until it is up.
  if (m.kind === "ssh") {
    // Refused before a tunnel exists (unresolvable target, a reserved local port).
    if (m.plan.phase === "failed" && !t) return planFailed();
    if (!t) return progressSnapshot(c, "ssh-connecting", "transport");
    switch (t.phase) {
      case "idle":
      case "connecting":
        return progressSnapshot(c, "ssh-connecting", "transport");
      case "verifying-host":
        return progressSnapshot(c, "verifying-host", "transport");
      case "authenticating":
        return progressSnapshot(c, "authenticating", "transport");
      case "needs-attention":
        return attentionSnapshot(c, "transport", t.attention, null);
      case "reconnecting":
        return settledSnapshot(c, "reconnecting", "transport", t.attention, { attempt: t.attempt, nextAttemptAt: t.nextAt });
      case "stopped":
        return settledSnapshot(c, "stopped", "transport");
      case "forwarding":
        // Refused once the tunnel forwards: session.start() threw (device identity). Shown like a direct plan failure.
        if (m.plan.phase === "failed") return planFailed();
        break;
    }
  } else {
    if (m.waiting) return { ...c, ...NO_STATE_FIELDS, ...NO_COUNTS, state: "waiting-for-gateway", layer: null, attention: m.waiting };
    if (m.plan.phase === "failed") return planFailed();
    if (m.plan.phase !== "ready") return progressSnapshot(c, "connecting", "transport");
  }

  if (!s) return progressSnapshot(c, "connecting", "gateway");
  return gatewaySnapshot(c, s, noLocalGateway(m, s) ?? s.attention, now);
}

/** Once the transport is up, the session decides; only its own state's fields reach the snapshot. */
function gatewaySnapshot(c: Common, s: SessionSnapshot, attention: Attention | null, now: number): ConnectionSnapshot {
  const counts = { attempt: s.attempt, nextAttemptAt: s.nextAttemptAt };
  switch (s.phase) {
    case "idle":
      return progressSnapshot(c, "connecting", "gateway", attention, counts);
    case "connecting":
      return progressSnapshot(c, "handshaking", "gateway", attention, counts);
    case "connected":
      // The session always says what answered when it connects; without that it is still handshaking.
      if (!s.connected) return progressSnapshot(c, "handshaking", "gateway", attention, counts);
      return { ...c, ...counts, state: "connected", layer: "gateway", attention: null, connected: s.connected, pairing: null, tlsChange: null };
    case "pairing-required":
      return {
        ...c,
        ...counts,
        state: "pairing-required",
        layer: "gateway",
        attention,
        // The session always records the request when pairing is required; the fallback only keeps the type honest.
        pairing: s.pairing ?? { requestId: null, reason: "not-paired", approveCommand: null, since: now },
        connected: null,
        tlsChange: null,
      };
    case "needs-attention":
      return attentionSnapshot(c, "gateway", attention, null, counts);
    case "reconnecting":
      return settledSnapshot(c, "reconnecting", "gateway", attention, counts);
    case "stopped":
      return settledSnapshot(c, "stopped", "gateway", attention, counts);
  }
}
