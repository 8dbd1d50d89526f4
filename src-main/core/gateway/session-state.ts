// The gateway session lifecycle as a pure reducer: (model, event) → (model, effects). No timers, no
// sockets, no clock reads — `now` arrives inside events — so every transition is unit-tested with plain
// data. gateway-session.ts is the thin effect runner around it.
//
// Every connection attempt gets a new generation; events carry the generation of the attempt they came
// from and are dropped when it is not the current one, so a late close from a replaced socket can never
// knock over the connection that replaced it.
import type { Attention } from "../../../src-shared/attention.js";
import type { ConnectedInfo, GatewayFailure, SessionSnapshot } from "../../../src-shared/gateway-session.js";
import { backoffDelayFor, jittered } from "../backoff.js";
import { describeFailure } from "./failure-hints.js";
import { needsPerson } from "./failure.js";

export interface ReconnectPolicy {
  /** First retry after a transient failure; doubles per attempt up to maxDelayMs. */
  initialDelayMs: number;
  maxDelayMs: number;
  /**
   * While a person waits on this connection (a reply was streaming, or a sent message is not yet
   * confirmed), retries are capped at this, so the lost-or-finished verdict comes within seconds of
   * the gateway being back rather than after a 30 s backoff step.
   */
  waitingMaxDelayMs: number;
  multiplier: number;
  /** The share of each delay jitter may take off (core/backoff.ts), so many clients don't reconnect in lockstep. */
  jitter: number;
  /** The first reconnect after a live connection drops goes this fast (the common case: a blip). */
  firstReconnectMs: number;
  /** After a `shutdown` notice the gateway is expected back: retry this often for restartWindowMs. */
  restartRetryMs: number;
  restartWindowMs: number;
  /**
   * While another session to the same gateway probes the restart (restart-gate.ts), this one only polls
   * this often, as a fallback should that probe stall; it is released when the probe gets in.
   */
  restartFollowMs: number;
  /** Released followers spread their attempts over this, so the gateway is not hit by all at once. */
  restartReleaseSpreadMs: number;
  /** The gateway hints 500 ms while starting; don't wait longer than this. */
  startingRetryMaxMs: number;
  /** Pairing: poll quietly this often within the gateway's 5-minute request window, slower after. */
  pairingRetryMs: number;
  pairingWindowMs: number;
  pairingSlowRetryMs: number;
  /** The single device-token retry after AUTH_TOKEN_MISMATCH goes out this fast (≤ 250 ms). */
  deviceTokenRetryMs: number;
}

export const DEFAULT_RECONNECT_POLICY: ReconnectPolicy = {
  initialDelayMs: 500,
  maxDelayMs: 30_000,
  waitingMaxDelayMs: 2_000,
  multiplier: 2,
  jitter: 0.2,
  firstReconnectMs: 100,
  restartRetryMs: 100,
  restartWindowMs: 120_000,
  restartFollowMs: 2_000,
  restartReleaseSpreadMs: 200,
  startingRetryMaxMs: 250,
  pairingRetryMs: 3_000,
  pairingWindowMs: 5 * 60_000,
  pairingSlowRetryMs: 15_000,
  deviceTokenRetryMs: 200,
};

export interface SessionModel {
  snapshot: SessionSnapshot;
  /** The one trusted device-token retry per failure streak: unused → pending (next attempt) → used. */
  deviceTokenRetry: "unused" | "pending" | "used";
  /** Until when a restart is expected (after a `shutdown` event): fast retries. */
  restartExpectedUntil: number | null;
  /** Label used in messages: the profile name or URL. */
  target: string;
}

export type SessionEvent =
  | { type: "start"; now: number }
  | { type: "stop" }
  /** User action (retry button, credentials changed) or wake/network change: reconnect now. */
  | { type: "retry-now"; now: number }
  | { type: "attempt-due"; now: number }
  | { type: "hello"; generation: number; now: number; info: ConnectedInfo }
  | { type: "shutdown-notice"; generation: number; now: number; restartExpectedMs: number | null }
  /** Another session to the same gateway got in after its restart (restart-gate.ts): try soon. */
  | { type: "gateway-back"; now: number }
  /**
   * The attempt or the live connection ended. `canRetryWithDeviceToken` is the runner's reading of the
   * gateway's recovery advice plus "trusted endpoint (loopback or pinned wss) and a stored token exists".
   */
  | { type: "ended"; generation: number; now: number; failure: GatewayFailure; canRetryWithDeviceToken: boolean; waiting?: boolean; follower?: boolean };

export type SessionEffect =
  | { type: "open"; generation: number; useDeviceTokenRetry: boolean }
  | { type: "close" }
  | { type: "schedule"; at: number }
  | { type: "cancel-schedule" }
  | { type: "clear-device-token" };

export interface Transition {
  model: SessionModel;
  effects: SessionEffect[];
}

export function initialSessionModel(target: string): SessionModel {
  return {
    snapshot: {
      phase: "idle",
      generation: 0,
      attempt: 0,
      nextAttemptAt: null,
      failure: null,
      attention: null,
      pairing: null,
      connected: null,
    },
    deviceTokenRetry: "unused",
    restartExpectedUntil: null,
    target,
  };
}

/**
 * Delay before the next attempt after a transient failure (attempt counts from 1): firstReconnectMs, then
 * initialDelayMs growing by multiplier, by the one backoff rule (core/backoff.ts: jitter only shortens).
 */
export function backoffDelay(policy: ReconnectPolicy, attempt: number, random: number): number {
  if (attempt <= 1) return jittered(policy.firstReconnectMs, policy.jitter, random);
  return backoffDelayFor({ baseMs: policy.initialDelayMs, factor: policy.multiplier, maxMs: policy.maxDelayMs, jitter: policy.jitter }, attempt - 2, random);
}

function open(model: SessionModel, useDeviceTokenRetry: boolean): Transition {
  const generation = model.snapshot.generation + 1;
  return {
    model: {
      ...model,
      deviceTokenRetry: useDeviceTokenRetry ? "used" : model.deviceTokenRetry,
      snapshot: { ...model.snapshot, phase: model.snapshot.phase === "pairing-required" ? "pairing-required" : "connecting", generation, nextAttemptAt: null },
    },
    effects: [{ type: "open", generation, useDeviceTokenRetry }],
  };
}

export function reduceSession(model: SessionModel, event: SessionEvent, policy: ReconnectPolicy = DEFAULT_RECONNECT_POLICY, random = 0.5): Transition {
  const s = model.snapshot;
  switch (event.type) {
    case "start":
      if (s.phase !== "idle" && s.phase !== "stopped") return { model, effects: [] };
      return open({ ...model, snapshot: { ...s, attempt: 0, failure: null, attention: null } }, false);

    case "stop":
      if (s.phase === "stopped") return { model, effects: [] };
      return {
        model: { ...model, snapshot: { ...s, phase: "stopped", nextAttemptAt: null, connected: null }, restartExpectedUntil: null },
        effects: [{ type: "cancel-schedule" }, { type: "close" }],
      };

    case "retry-now": {
      if (s.phase === "stopped" || s.phase === "idle") return { model, effects: [] };
      // A person acted (or the machine woke): start a fresh streak, with a fresh device-token retry.
      const fresh: SessionModel = {
        ...model,
        deviceTokenRetry: "unused",
        snapshot: { ...s, phase: s.phase === "pairing-required" ? "pairing-required" : "connecting", attempt: 0, attention: s.phase === "pairing-required" ? s.attention : null, failure: s.phase === "pairing-required" ? s.failure : null },
      };
      const t = open(fresh, false);
      return { model: t.model, effects: [{ type: "cancel-schedule" }, { type: "close" }, ...t.effects] };
    }

    case "attempt-due": {
      if (s.phase !== "reconnecting" && s.phase !== "pairing-required" && s.phase !== "connecting") return { model, effects: [] };
      if (s.nextAttemptAt === null) return { model, effects: [] };
      return open(model, model.deviceTokenRetry === "pending");
    }

    case "hello":
      if (event.generation !== s.generation || s.phase === "stopped") return { model, effects: [] };
      return {
        model: {
          ...model,
          deviceTokenRetry: "unused",
          restartExpectedUntil: null,
          snapshot: { ...s, phase: "connected", attempt: 0, nextAttemptAt: null, failure: null, attention: null, pairing: null, connected: event.info },
        },
        effects: [],
      };

    case "shutdown-notice":
      if (event.generation !== s.generation) return { model, effects: [] };
      return { model: { ...model, restartExpectedUntil: event.now + (event.restartExpectedMs ?? 0) + policy.restartWindowMs }, effects: [] };

    case "gateway-back": {
      if (s.phase !== "reconnecting" || s.nextAttemptAt === null || model.restartExpectedUntil === null) return { model, effects: [] };
      const at = Math.min(s.nextAttemptAt, event.now + Math.round(policy.restartReleaseSpreadMs * random));
      if (at === s.nextAttemptAt) return { model, effects: [] };
      return { model: { ...model, snapshot: { ...s, nextAttemptAt: at } }, effects: [{ type: "schedule", at }] };
    }

    case "ended":
      if (event.generation !== s.generation || s.phase === "stopped" || s.phase === "idle" || s.phase === "needs-attention") {
        return { model, effects: [] };
      }
      return ended(model, event, policy, random);
  }
}

function ended(model: SessionModel, event: Extract<SessionEvent, { type: "ended" }>, policy: ReconnectPolicy, random: number): Transition {
  const s = model.snapshot;
  const f = event.failure;
  const now = event.now;
  const attention: Attention = describeFailure(f, model.target);
  const wasConnected = s.phase === "connected";
  const restartExpectedUntil = f.kind === "shutdown" ? now + (f.restartExpectedMs ?? 0) + policy.restartWindowMs : model.restartExpectedUntil;

  // The single trusted retry: shared token rejected, but this device holds a token for this gateway.
  if (f.kind === "auth-token-mismatch" && event.canRetryWithDeviceToken && model.deviceTokenRetry === "unused") {
    const at = now + policy.deviceTokenRetryMs;
    return {
      model: { ...model, deviceTokenRetry: "pending", snapshot: { ...s, phase: "reconnecting", attempt: s.attempt + 1, nextAttemptAt: at, failure: f, attention, connected: null } },
      effects: [{ type: "close" }, { type: "schedule", at }],
    };
  }

  if (f.kind === "pairing-required") {
    const since = s.pairing?.since ?? now;
    const at = now + (now - since < policy.pairingWindowMs ? policy.pairingRetryMs : policy.pairingSlowRetryMs);
    return {
      model: {
        ...model,
        deviceTokenRetry: "unused",
        snapshot: {
          ...s,
          phase: "pairing-required",
          attempt: s.attempt + 1,
          nextAttemptAt: at,
          failure: f,
          attention,
          connected: null,
          pairing: { requestId: f.requestId, reason: f.reason, approveCommand: f.approveCommand, since },
        },
      },
      effects: [{ type: "close" }, { type: "schedule", at }],
    };
  }

  if (needsPerson(f)) {
    const effects: SessionEffect[] = [{ type: "cancel-schedule" }, { type: "close" }];
    if (f.kind === "auth-device-token-mismatch") effects.push({ type: "clear-device-token" });
    return {
      model: { ...model, restartExpectedUntil: null, snapshot: { ...s, phase: "needs-attention", nextAttemptAt: null, failure: f, attention, connected: null, pairing: null } },
      effects,
    };
  }

  const attempt = wasConnected ? 1 : s.attempt + 1;
  let delay: number;
  // A restart we were told about: poll fast, so a gateway that is back is used within ~100 ms; but only
  // one session per gateway does (the gate's prober), the others wait for it to get in (no herd).
  if (restartExpectedUntil !== null && now < restartExpectedUntil) delay = event.follower ? jittered(policy.restartFollowMs, policy.jitter, random) : policy.restartRetryMs;
  else if (f.kind === "gateway-starting") delay = Math.max(50, Math.min(f.retryAfterMs, policy.startingRetryMaxMs));
  else delay = backoffDelay(event.waiting ? { ...policy, maxDelayMs: Math.min(policy.maxDelayMs, policy.waitingMaxDelayMs) } : policy, attempt, random);
  const at = now + delay;
  return {
    model: {
      ...model,
      restartExpectedUntil,
      deviceTokenRetry: model.deviceTokenRetry === "pending" ? "pending" : model.deviceTokenRetry,
      snapshot: { ...s, phase: "reconnecting", attempt, nextAttemptAt: at, failure: f, attention, connected: null },
    },
    effects: [{ type: "close" }, { type: "schedule", at }],
  };
}
