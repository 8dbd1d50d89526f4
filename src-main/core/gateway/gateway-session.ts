// GatewaySession: our one wrapper around the official @openclaw/gateway-client (nothing else in the app
// imports it). The library does the handshake, v3 device signing, request timeouts, tick watchdog and
// gap detection; this module adds what an always-on desktop client needs on top:
// - a keychain-held device identity and device tokens (via the SecretStore port);
// - one GatewayClient per connection attempt, so reconnect timing (pairing polls, fast retries after a
//   restart notice, backoff with jitter, stopping for a person) is decided by our pure reducer
//   (session-state.ts) instead of the library's fixed 1 s→30 s schedule, and every callback carries its
//   attempt's generation so late events from a replaced client are dropped;
// - typed failures, status snapshots, and chat with an exactly-once outbox and resync after reconnects.
import { GatewayClient, readSessionMessageIdentity, shouldRetryGatewayWithDeviceToken } from "@openclaw/gateway-client";
import type { EventFrame, HelloOk } from "@openclaw/gateway-protocol/frame-guards";
import type {
  ChatStreamEvent,
  ConnectedInfo,
  GatewayFailure,
  GatewayStatus,
  OutboxEntry,
  SessionSnapshot,
} from "../../../src-shared/gateway-session.js";
import { loadOrCreateDeviceIdentity } from "../identity/device-identity-store.js";
import { DeviceTokenStore } from "../identity/device-token-store.js";
import { publicKeyRawBase64UrlFromPem, signDevicePayload, type DeviceKeyPair } from "../identity/ed25519.js";
import { silentLogger, type Logger } from "../log/logger.js";
import type { SecretStore } from "../secrets/secret-store.js";
import { ChatDelivery } from "./chat-delivery.js";
import { normalizeChatEvent } from "./chat-events.js";
import type { OutboxPersistence } from "./outbox-file.js";
import { clientIdentity, OPERATOR_SCOPES, type ClientIdentity } from "./client-identity.js";
import { failureFromClose, failureFromError, notAGatewayIfSilent } from "./failure.js";
import {
  DEFAULT_RECONNECT_POLICY,
  initialSessionModel,
  reduceSession,
  type ReconnectPolicy,
  type SessionEffect,
  type SessionEvent,
  type SessionModel,
} from "./session-state.js";

const ROLE = "operator";

/** A credential and where it came from, so the UI can say which source is in use. */
export interface Credential {
  value: string;
  source: string;
}

export interface GatewaySessionOptions {
  /** ws:// or wss:// URL (for SSH profiles: the tunnel's local port). */
  url: string;
  /** Pinned SHA-256 of the gateway's TLS leaf certificate (wss only); checked before any frame is sent. */
  tlsFingerprint?: string;
  /** Stable identity of the gateway for device tokens (a profile id, not the tunnel's local URL). */
  gatewayKey: string;
  /** Label used in messages ("home-desktop", "wss://gw.example.com"). */
  target: string;
  token?: Credential;
  password?: Credential;
  secrets: SecretStore;
  logger?: Logger;
  client?: ClientIdentity;
  scopes?: string[];
  policy?: Partial<ReconnectPolicy>;
  /** Health/status refresh while connected (ms); at most 60 s by default. */
  statusIntervalMs?: number;
  requestTimeoutMs?: number;
  /** Where unconfirmed chat messages are kept across restarts (outbox-file.ts); memory only without. */
  outbox?: OutboxPersistence;
}

export type GatewaySessionEvent =
  | { type: "state"; snapshot: SessionSnapshot }
  | { type: "status"; status: GatewayStatus }
  | { type: "chat"; event: ChatStreamEvent }
  | { type: "chat-history"; sessionKey: string; messages: unknown[]; reason: "watch" | "reconnect" | "gap" | "refresh" }
  | { type: "outbox"; entries: readonly OutboxEntry[] }
  | { type: "gateway-event"; event: string; payload: unknown };

type Listener = (e: GatewaySessionEvent) => void;

/**
 * The idempotency key a history row was sent with (user rows store it as "<key>:user"); null for rows
 * that were not a user submission. Uses the library's own transcript-identity reader.
 */
export function sendIdOf(message: unknown): string | null {
  return readSessionMessageIdentity(message)?.sendId ?? null;
}

export class GatewaySession {
  private model: SessionModel;
  private readonly policy: ReconnectPolicy;
  private readonly logger: Logger;
  private readonly tokens: DeviceTokenStore;
  private readonly chat: ChatDelivery;
  /** Which gateway process the last hello came from, to tell a restart from a dropped link. */
  private gatewayProcess: { id: string | null; bootAt: number | null } | null = null;
  private gatewayRestarted = false;
  private restartSeenAt: number | null = null;
  private readonly listeners = new Set<Listener>();
  private readonly watched = new Set<string>();
  private identity: DeviceKeyPair | null = null;
  private client: GatewayClient | null = null;
  private clientGeneration = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private statusTimer: NodeJS.Timeout | null = null;
  private connectErrors = new Map<number, unknown>();
  private everConnected = false;
  private statusValue: GatewayStatus | null = null;
  private mainSessionKeyValue = "agent:main:main";
  private readonly clientInfo: ClientIdentity;

  constructor(private readonly opts: GatewaySessionOptions) {
    this.policy = { ...DEFAULT_RECONNECT_POLICY, ...opts.policy };
    this.logger = (opts.logger ?? silentLogger()).child("session");
    this.logger.redactor.add(opts.token?.value);
    this.logger.redactor.add(opts.password?.value);
    this.model = initialSessionModel(opts.target);
    this.clientInfo = opts.client ?? clientIdentity();
    this.tokens = new DeviceTokenStore(opts.secrets, opts.gatewayKey, (e) => this.logger.warn("could not write the device token to the keychain", { error: e }));
    this.chat = new ChatDelivery({
      request: (method, params) => this.request(method, params),
      connected: () => this.model.snapshot.phase === "connected",
      sendIdOf,
      onOutbox: (entries) => this.emit({ type: "outbox", entries }),
      onChat: (event) => this.emit({ type: "chat", event }),
      gatewayRestarted: () => this.gatewayRestarted,
      sinceRestartSeenMs: () => (this.restartSeenAt === null ? null : Date.now() - this.restartSeenAt),
      logger: this.logger.child("chat"),
      ...(opts.outbox ? { persistence: opts.outbox } : {}),
    });
  }

  get snapshot(): SessionSnapshot {
    return this.model.snapshot;
  }
  get status(): GatewayStatus | null {
    return this.statusValue;
  }
  /** The gateway's main chat session (hello-ok snapshot.sessionDefaults.mainSessionKey). */
  get mainSessionKey(): string {
    return this.mainSessionKeyValue;
  }
  get deviceId(): string | null {
    return this.identity?.deviceId ?? null;
  }

  on(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Loads the device identity and stored device token from the keychain, then starts connecting. */
  async start(): Promise<void> {
    await this.chat.restore();
    this.identity ??= await loadOrCreateDeviceIdentity(this.opts.secrets);
    this.logger.redactor.add(this.identity.privateKeyPem);
    const stored = await this.tokens.load(this.identity.deviceId, ROLE);
    this.logger.redactor.add(stored?.token);
    this.dispatch({ type: "start", now: Date.now() });
  }

  async stop(): Promise<void> {
    this.dispatch({ type: "stop" });
    const client = this.client;
    this.client = null;
    this.chat.stop();
    if (client) await client.stopAndWait({ timeoutMs: 2000 }).catch(() => undefined);
    await Promise.all([this.tokens.flush(), this.chat.flush()]);
  }

  /** Reconnect now: after the user changed something, or on wake / network change. */
  retryNow(): void {
    this.dispatch({ type: "retry-now", now: Date.now() });
  }

  /** New credentials (from settings) take effect with an immediate fresh attempt. */
  setCredentials(creds: { token?: Credential | null; password?: Credential | null }): void {
    if (creds.token !== undefined) this.opts.token = creds.token ?? undefined;
    if (creds.password !== undefined) this.opts.password = creds.password ?? undefined;
    this.logger.redactor.add(this.opts.token?.value);
    this.logger.redactor.add(this.opts.password?.value);
    if (this.model.snapshot.phase !== "idle" && this.model.snapshot.phase !== "stopped") this.retryNow();
  }

  /** Any gateway method, once connected. */
  request<T = Record<string, unknown>>(method: string, params: unknown = {}, opts?: { timeoutMs?: number }): Promise<T> {
    const client = this.client;
    if (!client || this.model.snapshot.phase !== "connected") return Promise.reject(new Error("not connected to the gateway"));
    return client.request<T>(method, params, opts);
  }

  /**
   * Is the live socket still carrying frames? One `health` round trip with a short timeout (used after a
   * network change, instead of reconnecting on sight). Any answer, even a gateway error, proves the link.
   */
  async checkAlive(timeoutMs = 3_000): Promise<boolean> {
    try {
      await this.request("health", {}, { timeoutMs });
      return true;
    } catch (e) {
      return typeof (e as { gatewayCode?: unknown }).gatewayCode === "string";
    }
  }

  // ---- chat ---------------------------------------------------------------------------------------

  listSessions(limit = 50): Promise<{ sessions: Array<Record<string, unknown>> }> {
    return this.request("sessions.list", { limit });
  }

  /** The session's transcript rows; what they show is marked delivered in the outbox. */
  async history(sessionKey: string, limit = 200): Promise<unknown[]> {
    return (await this.chat.historyPage(sessionKey, limit)).messages;
  }

  /** Keeps a session's history in sync: fetched now, and again after every reconnect or event gap. */
  watch(sessionKey: string): () => void {
    this.watched.add(sessionKey);
    if (this.model.snapshot.phase === "connected") void this.resync(sessionKey, "watch");
    return () => this.watched.delete(sessionKey);
  }

  /** Queues a message; it is sent now if connected, or as soon as the connection is back. */
  send(sessionKey: string, text: string): OutboxEntry {
    return this.chat.send(sessionKey, text);
  }

  /** Resend of a failed message, as a new submission (the old one was refused). */
  resend(idempotencyKey: string): OutboxEntry | null {
    return this.chat.resend(idempotencyKey);
  }

  /** Drops a failed message from the outbox. */
  discard(idempotencyKey: string): boolean {
    return this.chat.outbox.discard(idempotencyKey);
  }

  outboxEntries(): readonly OutboxEntry[] {
    return this.chat.outbox.list();
  }

  abort(sessionKey: string, runId?: string): Promise<{ aborted?: boolean; runIds?: string[] }> {
    return this.request("chat.abort", runId ? { sessionKey, runId } : { sessionKey });
  }

  // ---- reducer + effects --------------------------------------------------------------------------

  private dispatch(event: SessionEvent): void {
    const before = this.model.snapshot;
    const t = reduceSession(this.model, event, this.policy, Math.random());
    this.model = t.model;
    for (const effect of t.effects) this.run(effect);
    if (this.model.snapshot !== before) {
      const s = this.model.snapshot;
      this.logger.info(`state ${s.phase}`, { generation: s.generation, attempt: s.attempt, failure: s.failure?.kind ?? null });
      this.emit({ type: "state", snapshot: s });
      if (s.phase === "connected" && before.phase !== "connected") this.onConnected();
      if (s.phase !== "connected" && before.phase === "connected") this.stopStatusTimer();
    }
  }

  private run(effect: SessionEffect): void {
    switch (effect.type) {
      case "open":
        this.openClient(effect.generation, effect.useDeviceTokenRetry);
        return;
      case "close": {
        const client = this.client;
        this.client = null;
        client?.stop();
        return;
      }
      case "schedule":
        if (this.retryTimer) clearTimeout(this.retryTimer);
        this.retryTimer = setTimeout(() => {
          this.retryTimer = null;
          this.dispatch({ type: "attempt-due", now: Date.now() });
        }, Math.max(0, effect.at - Date.now()));
        return;
      case "cancel-schedule":
        if (this.retryTimer) clearTimeout(this.retryTimer);
        this.retryTimer = null;
        return;
      case "clear-device-token":
        if (this.identity) this.tokens.clear(this.identity.deviceId, ROLE);
        this.logger.info("removed the stale device token for this gateway");
        return;
    }
  }

  private isTrustedEndpoint(): boolean {
    try {
      const u = new URL(this.opts.url);
      const host = u.hostname.replace(/^\[|\]$/g, "");
      if (host === "localhost" || host === "::1" || /^127\./.test(host)) return true;
      return u.protocol === "wss:" && Boolean(this.opts.tlsFingerprint);
    } catch {
      return false;
    }
  }

  private openClient(generation: number, useDeviceTokenRetry: boolean): void {
    const identity = this.identity;
    if (!identity) throw new Error("GatewaySession.start() must load the device identity first");
    this.client?.stop();
    this.clientGeneration = generation;
    this.connectErrors.clear();
    const stored = this.tokens.get(identity.deviceId, ROLE);
    const token = this.opts.token?.value;
    const retryDeviceToken = useDeviceTokenRetry && token && stored ? stored.token : undefined;
    const current = () => generation === this.model.snapshot.generation && this.model.snapshot.phase !== "stopped";
    const info = this.clientInfo;
    const client: GatewayClient = new GatewayClient({
      url: this.opts.url,
      ...(this.opts.tlsFingerprint ? { tlsFingerprint: this.opts.tlsFingerprint } : {}),
      ...(token ? { token } : {}),
      ...(this.opts.password ? { password: this.opts.password.value } : {}),
      ...(retryDeviceToken ? { deviceToken: retryDeviceToken } : {}),
      clientName: info.clientName,
      mode: info.mode,
      clientVersion: info.clientVersion,
      clientDisplayName: info.clientDisplayName,
      platform: info.platform,
      deviceFamily: info.deviceFamily,
      role: ROLE,
      // On a device-token-only reconnect ask for exactly what the token grants (asking for more fails).
      ...(!token && !this.opts.password && stored?.scopes.length ? {} : { scopes: this.opts.scopes ?? OPERATOR_SCOPES }),
      deviceIdentity: identity,
      requestTimeoutMs: this.opts.requestTimeoutMs ?? 30_000,
      notifyOnStartupRetry: true,
      hostDeps: {
        signDevicePayload,
        publicKeyRawBase64UrlFromPem,
        loadDeviceAuthToken: ({ deviceId, role }) => this.tokens.get(deviceId, role),
        storeDeviceAuthToken: ({ deviceId, role, token: issued, scopes }) => {
          this.logger.redactor.add(issued);
          this.tokens.set(deviceId, role, issued, scopes);
        },
        clearDeviceAuthToken: ({ deviceId, role }) => this.tokens.clear(deviceId, role),
        logDebug: (m) => this.logger.debug(m),
        logError: (m) => this.logger.warn(m),
        redactForLog: (m) => this.logger.redactor.redact(m),
      },
      onHelloOk: (hello) => {
        if (!current()) return;
        // Before the hello is dispatched: what runs on "connected" needs to know about a restart.
        this.noteGatewayProcess(hello);
        this.dispatch({ type: "hello", generation, now: Date.now(), info: this.connectedInfo(hello) });
        this.applyHelloSnapshot(hello);
      },
      onConnectError: (err) => {
        if (generation === this.clientGeneration) this.connectErrors.set(generation, err);
      },
      onClose: (code, reason, closeInfo) => {
        // One client per attempt: stop the library's own reconnect; the reducer decides what's next.
        client.stop();
        if (!current()) return;
        const err = closeInfo?.connectError ?? this.connectErrors.get(generation);
        const raw: GatewayFailure = err ? failureFromError(err) : failureFromClose(code, reason);
        const failure = notAGatewayIfSilent(raw, closeInfo?.socketOpened ?? false, closeInfo?.connectRequestSent ?? false);
        this.logger.info(`connection ended (${code})`, { failure: failure.kind, reason });
        this.dispatch({ type: "ended", generation, now: Date.now(), failure, canRetryWithDeviceToken: this.canRetryWithDeviceToken(err, retryDeviceToken), waiting: this.chat.waiting() });
      },
      onEvent: (evt) => {
        if (current()) this.onGatewayEvent(generation, evt);
      },
      onGap: (gap) => {
        if (!current()) return;
        this.logger.info("event gap; refetching chat history", gap);
        for (const key of this.watched) void this.resync(key, "gap");
      },
    });
    this.client = client;
    try {
      client.start();
    } catch (e) {
      this.connectErrors.set(generation, e);
    }
    // Configuration errors (e.g. plaintext to a public host) fail inside start() and never open a socket.
    const early = this.connectErrors.get(generation);
    if (early && failureFromError(early).kind === "insecure-url") {
      client.stop();
      this.dispatch({ type: "ended", generation, now: Date.now(), failure: failureFromError(early), canRetryWithDeviceToken: false });
    }
  }

  private canRetryWithDeviceToken(err: unknown, currentDeviceToken: string | undefined): boolean {
    const identity = this.identity;
    if (!identity || !err) return false;
    const details = (err as { details?: unknown }).details;
    return shouldRetryGatewayWithDeviceToken({
      retryBudgetUsed: false,
      currentDeviceToken,
      explicitToken: this.opts.token?.value,
      storedToken: this.tokens.get(identity.deviceId, ROLE)?.token,
      trustedEndpoint: this.isTrustedEndpoint(),
      errorDetails: details,
    });
  }

  private connectedInfo(hello: HelloOk): ConnectedInfo {
    const auth = (hello.auth ?? {}) as { method?: string; role?: string; scopes?: string[] };
    const method = typeof auth.method === "string" ? auth.method : null;
    let source: string;
    if (method === "device-token") source = "device token (keychain)";
    else if (method === "token") source = `shared token from ${this.opts.token?.source ?? "settings"}`;
    else if (method === "password") source = `password from ${this.opts.password?.source ?? "settings"}`;
    else if (method === "none") source = "none (the gateway's auth mode is none)";
    else source = method ?? "unknown";
    return {
      serverVersion: (hello.server as { version?: string } | undefined)?.version ?? null,
      protocol: hello.protocol,
      connId: (hello.server as { connId?: string } | undefined)?.connId ?? null,
      authMethod: method,
      authSource: source,
      role: auth.role ?? null,
      scopes: Array.isArray(auth.scopes) ? auth.scopes : [],
      connectedAt: Date.now(),
    };
  }

  // ---- connected life ------------------------------------------------------------------------------

  private onConnected(): void {
    const reconnect = this.everConnected;
    this.everConnected = true;
    this.chat.onConnected(reconnect);
    for (const key of this.watched) void this.resync(key, reconnect ? "reconnect" : "watch");
    void this.refreshStatus();
    this.stopStatusTimer();
    this.statusTimer = setInterval(() => void this.refreshStatus(), this.opts.statusIntervalMs ?? 60_000);
    this.statusTimer.unref();
  }

  private stopStatusTimer(): void {
    if (this.statusTimer) clearInterval(this.statusTimer);
    this.statusTimer = null;
  }

  private async resync(sessionKey: string, reason: "watch" | "reconnect" | "gap" | "refresh"): Promise<void> {
    try {
      const messages = await this.history(sessionKey);
      this.emit({ type: "chat-history", sessionKey, messages, reason });
    } catch (e) {
      this.logger.warn("chat history refetch failed", { sessionKey, error: e });
    }
  }

  private onGatewayEvent(generation: number, evt: EventFrame): void {
    const payload = evt.payload as Record<string, unknown> | undefined;
    switch (evt.event) {
      case "tick":
        return;
      case "shutdown":
        this.dispatch({ type: "shutdown-notice", generation, now: Date.now(), restartExpectedMs: typeof payload?.restartExpectedMs === "number" ? payload.restartExpectedMs : null });
        break;
      case "chat": {
        const ev = normalizeChatEvent(payload);
        if (!ev) return;
        this.chat.onChatEvent(ev);
        this.emit({ type: "chat", event: ev });
        return;
      }
      case "health":
        this.patchStatus({ health: payload ?? null });
        break;
      case "presence":
        this.patchStatus({ presence: Array.isArray(payload?.presence) ? (payload.presence as unknown[]) : [] });
        break;
    }
    this.emit({ type: "gateway-event", event: evt.event, payload: evt.payload });
  }

  /** Did the gateway process change since the last hello (server.bootId, else uptime going back)? */
  private noteGatewayProcess(hello: HelloOk): void {
    const bootId = (hello.server as { bootId?: unknown } | undefined)?.bootId;
    const uptimeMs = (hello.snapshot as { uptimeMs?: unknown } | undefined)?.uptimeMs;
    // Without a boot id: uptime is reported in ms at hello; 5 s of slack covers clock and request skew.
    const bootAt = typeof uptimeMs === "number" ? Date.now() - uptimeMs : null;
    const id = typeof bootId === "string" ? bootId : null;
    const prev = this.gatewayProcess;
    this.gatewayRestarted = prev !== null && (id !== null && prev.id !== null ? id !== prev.id : bootAt !== null && prev.bootAt !== null && Math.abs(bootAt - prev.bootAt) > 5_000);
    if (this.gatewayRestarted) this.restartSeenAt = Date.now();
    this.gatewayProcess = { id, bootAt };
  }

  private applyHelloSnapshot(hello: HelloOk): void {
    const snap = (hello.snapshot ?? {}) as { uptimeMs?: number; health?: unknown; presence?: unknown[]; sessionDefaults?: { mainSessionKey?: unknown } };
    if (typeof snap.sessionDefaults?.mainSessionKey === "string") this.mainSessionKeyValue = snap.sessionDefaults.mainSessionKey;
    const c = this.model.snapshot.connected;
    this.statusValue = {
      serverVersion: c?.serverVersion ?? null,
      uptimeMs: typeof snap.uptimeMs === "number" ? snap.uptimeMs : null,
      health: snap.health ?? null,
      status: this.statusValue?.status ?? null,
      presence: Array.isArray(snap.presence) ? snap.presence : [],
      authMethod: c?.authMethod ?? null,
      authSource: c?.authSource ?? null,
      latencyMs: this.statusValue?.latencyMs ?? null,
      updatedAt: Date.now(),
    };
    this.emit({ type: "status", status: this.statusValue });
  }

  private patchStatus(patch: Partial<GatewayStatus>): void {
    if (!this.statusValue) return;
    this.statusValue = { ...this.statusValue, ...patch, updatedAt: Date.now() };
    this.emit({ type: "status", status: this.statusValue });
  }

  /** health (timed: it doubles as the round-trip latency probe) and status. */
  async refreshStatus(): Promise<GatewayStatus | null> {
    try {
      const t0 = performance.now();
      const health = await this.request("health", {});
      const latencyMs = Math.round((performance.now() - t0) * 10) / 10;
      const status = await this.request("status", {}).catch((e: unknown) => ({ unavailable: (e as Error).message }));
      const uptimeMs = typeof (status as { uptimeMs?: unknown }).uptimeMs === "number" ? (status as { uptimeMs: number }).uptimeMs : this.statusValue?.uptimeMs ?? null;
      this.patchStatus({ health, status, latencyMs, uptimeMs });
    } catch (e) {
      this.logger.debug("status refresh failed", { error: e });
    }
    return this.statusValue;
  }

  private emit(e: GatewaySessionEvent): void {
    for (const l of this.listeners) {
      try {
        l(e);
      } catch (err) {
        this.logger.warn("session listener threw", { error: err });
      }
    }
  }
}
