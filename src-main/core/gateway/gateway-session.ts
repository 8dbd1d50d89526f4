// GatewaySession: our one wrapper around the official @openclaw/gateway-client (nothing else in the app
// imports it). The library does the handshake, v3 device signing, request timeouts, tick watchdog and
// gap detection; this module adds what an always-on desktop client needs on top:
// - a keychain-held device identity and device tokens (via the SecretStore port);
// - one GatewayClient per connection attempt, so reconnect timing (pairing polls, fast retries after a
//   restart notice, backoff with jitter, stopping for a person) is decided by our pure reducer
//   (session-state.ts) instead of the library's fixed 1 s→30 s schedule, and every callback carries its
//   attempt's generation so late events from a replaced client are dropped;
// - typed failures, status snapshots (session-status.ts), and chat with an exactly-once outbox
//   (chat-delivery.ts) and resync after reconnects (history-watch.ts).
// What a hello says is read in hello-info.ts; the options and events are in session-options.ts.
import { GatewayClient, readSessionMessageIdentity, shouldRetryGatewayWithDeviceToken, type GatewayClientOptions } from "@openclaw/gateway-client";
import type { EventFrame } from "@openclaw/gateway-protocol/frame-guards";
import type { GatewayStatus, OutboxEntry, SessionSnapshot } from "../../../src-shared/gateway-session.js";
import { loadOrCreateDeviceIdentity } from "../identity/device-identity-store.js";
import { DeviceTokenStore } from "../identity/device-token-store.js";
import type { DeviceKeyPair } from "../identity/ed25519.js";
import { silentLogger, type Logger } from "../log/logger.js";
import { ChatDelivery } from "./chat-delivery.js";
import type { HistoryPage } from "./chat-reconcile.js";
import { normalizeChatEvent } from "./chat-events.js";
import { clientIdentity, type ClientIdentity } from "./client-identity.js";
import { connectOptions, isTrustedEndpoint, ROLE } from "./client-options.js";
import { failureFromClose, failureFromError, notAGatewayIfSilent } from "./failure.js";
import { connectedInfo, RestartWatch } from "./hello-info.js";
import type { ChatAttachment, UploadPolicy } from "./chat-pictures.js";
import { HistoryWatch } from "./history-watch.js";
import type { Credential, GatewaySessionEvent, GatewaySessionOptions } from "./session-options.js";
import { DEFAULT_RECONNECT_POLICY, initialSessionModel, reduceSession, type ReconnectPolicy, type SessionEffect, type SessionEvent, type SessionModel } from "./session-state.js";
import { SessionStatus } from "./session-status.js";
import { RestartMembership } from "./restart-gate.js";

export type { Credential, GatewaySessionEvent, GatewaySessionOptions } from "./session-options.js";

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
  private readonly statusTracker: SessionStatus;
  private readonly histories: HistoryWatch;
  /** Which gateway process the last hello came from, to tell a restart from a dropped link. */
  private readonly restarts = new RestartWatch();
  /** One probe per gateway while it restarts; the other sessions follow (restart-gate.ts). */
  private readonly restartGate: RestartMembership;
  private readonly listeners = new Set<Listener>();
  private identity: DeviceKeyPair | null = null;
  private client: GatewayClient | null = null;
  private clientGeneration = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private connectErrors = new Map<number, unknown>();
  private everConnected = false;
  private readonly clientInfo: ClientIdentity;

  constructor(private readonly opts: GatewaySessionOptions) {
    this.policy = { ...DEFAULT_RECONNECT_POLICY, ...opts.policy };
    this.restartGate = new RestartMembership(opts.restartGroup, () => this.dispatch({ type: "gateway-back", now: Date.now() }));
    this.logger = (opts.logger ?? silentLogger()).child("session");
    this.logger.redactor.add(opts.token?.value);
    this.logger.redactor.add(opts.password?.value);
    this.logger.redactor.add(opts.bootstrapToken?.value);
    this.model = initialSessionModel(opts.target);
    this.clientInfo = opts.client ?? clientIdentity();
    this.tokens = new DeviceTokenStore(opts.secrets, opts.gatewayKey, (e) => this.logger.warn("could not write the device token to the keychain", { error: e }));
    this.statusTracker = new SessionStatus((status) => this.emit({ type: "status", status }), this.logger);
    this.histories = new HistoryWatch((key) => this.history(key), (e) => this.emit(e), this.logger);
    this.chat = new ChatDelivery({
      request: (method, params) => this.request(method, params),
      connected: () => this.model.snapshot.phase === "connected",
      sendIdOf,
      onOutbox: (entries) => this.emit({ type: "outbox", entries }),
      onChat: (event) => this.emit({ type: "chat", event }),
      gatewayRestarted: () => this.restarts.restarted,
      sinceRestartSeenMs: () => this.restarts.sinceSeenMs(Date.now()),
      logger: this.logger.child("chat"),
      ...(opts.outbox ? { persistence: opts.outbox } : {}),
    });
  }

  get snapshot(): SessionSnapshot {
    return this.model.snapshot;
  }
  get status(): GatewayStatus | null {
    return this.statusTracker.current;
  }
  /** The gateway's main chat session (hello-ok snapshot.sessionDefaults.mainSessionKey). */
  get mainSessionKey(): string {
    return this.statusTracker.mainSessionKey;
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

  /** health (timed: it doubles as the round-trip latency probe) and status. */
  refreshStatus(): Promise<GatewayStatus | null> {
    return this.statusTracker.refresh((method, params) => this.request(method, params));
  }

  // ---- chat ---------------------------------------------------------------------------------------

  listSessions(limit = 50): Promise<{ sessions: Array<Record<string, unknown>> }> {
    return this.request("sessions.list", { limit });
  }

  /** The session's transcript rows; what they show is marked delivered in the outbox. */
  async history(sessionKey: string, limit = 200): Promise<unknown[]> {
    return (await this.chat.historyPage(sessionKey, limit)).messages;
  }

  /** A history page with its paging cursor: the tail, or the rows before `offset` (HistoryPage.nextOffset). */
  historyPage(sessionKey: string, limit: number, offset?: number): Promise<HistoryPage> {
    return this.chat.historyPage(sessionKey, limit, offset);
  }

  /** Keeps a session's history in sync: fetched now, and again after every reconnect or event gap. */
  watch(sessionKey: string): () => void {
    return this.histories.add(sessionKey, this.model.snapshot.phase === "connected");
  }

  /** Queues a message; it is sent now if connected, or as soon as the connection is back (pictures: chat-delivery.ts). */
  send(sessionKey: string, text: string, attachments?: readonly ChatAttachment[]): OutboxEntry {
    return this.chat.send(sessionKey, text, attachments);
  }
  get uploadPolicy(): UploadPolicy {
    return this.statusTracker.uploadPolicy;
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
    if (event.type === "ended") event = { ...event, follower: this.restartGate.follower(this.model, event.failure.kind, event.now) };
    const t = reduceSession(this.model, event, this.policy, Math.random());
    this.model = t.model;
    this.restartGate.update(this.model);
    for (const effect of t.effects) this.run(effect);
    if (this.model.snapshot !== before) {
      const s = this.model.snapshot;
      this.logger.info(`state ${s.phase}`, { generation: s.generation, attempt: s.attempt, failure: s.failure?.kind ?? null });
      this.emit({ type: "state", snapshot: s });
      if (s.phase === "connected" && before.phase !== "connected") this.onConnected();
      if (s.phase !== "connected" && before.phase === "connected") this.statusTracker.stopTimer();
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

  // ---- one client per attempt ---------------------------------------------------------------------

  private openClient(generation: number, useDeviceTokenRetry: boolean): void {
    const identity = this.identity;
    if (!identity) throw new Error("GatewaySession.start() must load the device identity first");
    this.client?.stop();
    this.clientGeneration = generation;
    this.connectErrors.clear();
    const stored = this.tokens.get(identity.deviceId, ROLE);
    const retryDeviceToken = useDeviceTokenRetry && this.opts.token?.value && stored ? stored.token : undefined;
    const client: GatewayClient = new GatewayClient({
      ...connectOptions({ opts: this.opts, clientInfo: this.clientInfo, identity, retryDeviceToken, storedHasScopes: Boolean(stored?.scopes.length), tokens: this.tokens, logger: this.logger }),
      ...this.bootstrapOption(Boolean(stored)),
      ...this.attemptCallbacks(generation, retryDeviceToken, () => client),
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

  /**
   * A setup code's bootstrap token, offered only while nothing else would authenticate: no shared token or
   * password and no stored device token (the library also sends it only then; docs/gateway/protocol/auth.md
   * "auth.bootstrapToken is sent only when none of the above resolved"). A second attempt with the same
   * code is right while the pairing waits for approval ("keep reconnecting with the same bootstrap token").
   */
  private bootstrapOption(hasStoredDeviceToken: boolean): { bootstrapToken?: string } {
    const b = this.opts.bootstrapToken?.value;
    return b && !hasStoredDeviceToken && !this.opts.token?.value && !this.opts.password?.value ? { bootstrapToken: b } : {};
  }

  /** The client's callbacks for one attempt: each checks it is still the current one first. */
  private attemptCallbacks(generation: number, retryDeviceToken: string | undefined, client: () => GatewayClient): Partial<GatewayClientOptions> {
    const current = () => generation === this.model.snapshot.generation && this.model.snapshot.phase !== "stopped";
    return {
      onHelloOk: (hello) => {
        if (!current()) return;
        // Before the hello is dispatched: what runs on "connected" needs to know about a restart.
        this.restarts.note(hello, Date.now());
        const info = connectedInfo(hello, this.opts, Date.now());
        // Single use: the gateway consumed it and issued the device token the library just stored.
        if (info.authMethod === "bootstrap-token") this.opts.bootstrapToken = undefined;
        this.dispatch({ type: "hello", generation, now: Date.now(), info });
        this.statusTracker.applyHello(hello, this.model.snapshot.connected, Date.now());
      },
      onConnectError: (err) => {
        if (generation === this.clientGeneration) this.connectErrors.set(generation, err);
      },
      onClose: (code, reason, closeInfo) => {
        // One client per attempt: stop the library's own reconnect; the reducer decides what's next.
        client().stop();
        if (!current()) return;
        const err = closeInfo?.connectError ?? this.connectErrors.get(generation);
        const raw = err ? failureFromError(err) : failureFromClose(code, reason);
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
        this.histories.resyncAll("gap");
      },
    };
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
      trustedEndpoint: isTrustedEndpoint(this.opts.url, this.opts.tlsFingerprint),
      errorDetails: details,
    });
  }

  // ---- connected life ------------------------------------------------------------------------------

  private onConnected(): void {
    const reconnect = this.everConnected;
    this.everConnected = true;
    this.chat.onConnected(reconnect);
    this.histories.resyncAll(reconnect ? "reconnect" : "watch");
    this.statusTracker.startTimer(this.opts.statusIntervalMs ?? 60_000, (method, params) => this.request(method, params));
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
        this.statusTracker.patch({ health: payload ?? null });
        break;
      case "presence":
        this.statusTracker.patch({ presence: Array.isArray(payload?.presence) ? (payload.presence as unknown[]) : [] });
        break;
    }
    this.emit({ type: "gateway-event", event: evt.event, payload: evt.payload });
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
