// The effect runner for one connection: it owns the transport (a TunnelSupervisor, or a direct plan)
// and the GatewaySession, feeds their snapshots into the pure reducer in connection-state.ts, and
// carries out the hand-offs it decides. Several of these run side by side, one per live profile.
import os from "node:os";
import path from "node:path";
import type { ConnectionSnapshot } from "../../../src-shared/connection.js";
import { DEFAULT_GATEWAY_PORT, DEFAULT_LOCAL_GATEWAY_URL } from "../../../src-shared/gateway-port.js";
import { GatewaySession, type Credential, type GatewaySessionEvent } from "../gateway/gateway-session.js";
import { OutboxFile, outboxFilePath } from "../gateway/outbox-file.js";
import type { Logger } from "../log/logger.js";
import { profileScopedStore } from "../profiles/profile-keychain.js";
import type { SecretStore } from "../secrets/secret-store.js";
import { planDirectConnection } from "../transport/direct-plan.js";
import { defaultKnownHostsFiles } from "../transport/ssh-target.js";
import { renewalNotice } from "../transport/tls-pin.js";
import { TunnelSupervisor } from "../transport/tunnel-supervisor.js";
import { chooseForwardPort, shouldRemember } from "../transport/forward-port.js";
import { LocalGuard, OFFERING_PHASES, portOfUrl } from "./local-guard.js";
import { LocalWait } from "./local-wait.js";
import { localStartHint } from "../local/local-hints.js";
import { planNetworkRecheck } from "./network-recheck.js";
import { resolveSpecSshTarget } from "./spec-ssh-target.js";
import { bindPrompts, type BoundPrompts, type ConnectionNotice, type ConnectionSpec, type SupervisorDeps } from "./connection-spec.js";
import { initialConnectionModel, reduceConnection, type ConnectionEffect, type ConnectionEvent, type ConnectionModel } from "./connection-state.js";
import { ladderProbe, RouteRunner } from "./route-runner.js";
import { AuxPorts } from "./aux-ports.js";
import { applyRoute, routeLabel, type RouteSpec } from "./route-spec.js";
import type { RouteInUse } from "../../../src-shared/routes.js";

type Listener = (s: ConnectionSnapshot) => void;

/** How long a live direct session may take to answer one `health` after a network change (the SSH ping's grace is 2 s). */
const NETWORK_RECHECK_TIMEOUT_MS = 3_000;

/** One gateway behind several profiles: the same SSH target and remote port, or the same URL (restart-gate.ts). */
const restartGroup = (spec: ConnectionSpec, url: string): string => (spec.kind === "ssh" && spec.ssh ? routeLabel({ kind: "ssh", ssh: spec.ssh }) : url);

export class ConnectionSupervisor {
  private model: ConnectionModel;
  private tunnel: TunnelSupervisor | null = null;
  /** SSH: the gateway's auxiliary surfaces over the same tunnel (issue 13 §2, aux-ports.ts). */
  private aux: AuxPorts | null = null;
  private sessionValue: GatewaySession | null = null;
  /**
   * Unconfirmed chat messages on disk, one file per gateway identity (gatewayKey: a profile's uid, so a
   * rename keeps them and a new profile of the same name starts empty; or the URL/SSH target of an
   * ad-hoc CLI target, so a message never goes to another gateway); shared by every session it runs.
   */
  private readonly outboxFile: OutboxFile;
  private readonly listeners = new Set<Listener>();
  private readonly sessionListeners = new Set<(e: GatewaySessionEvent) => void>();
  private readonly noticeListeners = new Set<(n: ConnectionNotice) => void>();
  private readonly log: Logger;
  /** The deps' prompts, told which connection asks. */
  private readonly prompts: BoundPrompts;
  private planToken: Credential | undefined;
  private planPin: string | undefined;
  private stopping = false;
  /** Local mode: the listener must be this machine's gateway (local-guard.ts); session states pass in order. */
  private guard: LocalGuard | null = null;
  private localChain: Promise<void> = Promise.resolve();
  /** Local mode with no gateway here: the quiet port watch (local-wait.ts). */
  private readonly localWait = new LocalWait();
  /** A network-change round trip is in flight: a burst of changes sends one, not one each. */
  private rechecking = false;
  /** A route switch's own stop is not shown (route-runner.ts); `stops` counts the real ones, which end a switch. */
  private quiet = false;
  private stops = 0;

  constructor(
    readonly spec: ConnectionSpec,
    private readonly deps: SupervisorDeps,
  ) {
    this.model = initialConnectionModel(spec.id, spec.name, spec.kind, Date.now(), spec.kind === "local" ? localStartHint(deps.env ?? process.env) : null);
    this.log = deps.logger.child(`conn.${spec.id}`);
    this.prompts = bindPrompts(deps.prompts, { connectionId: spec.id, name: spec.name });
    this.log.redactor.add(spec.token?.value);
    this.log.redactor.add(spec.bootstrapToken?.value);
    this.log.redactor.add(spec.password?.value);
    this.outboxFile = new OutboxFile(outboxFilePath(deps.configDir, spec.gatewayKey), (m, e) => this.log.warn(m, { error: e }));
    if (spec.routes && spec.routes.length > 1) {
      applyRoute(spec, spec.routes[0]!);
      this.model = { ...this.model, kind: spec.kind, route: new RouteRunner(this, ladderProbe(deps), this.log).initial };
    }
  }

  /** Failover (issue 13 §3): the same connection over another route. Its id, listeners and outbox stay, so chat and queued messages carry over. */
  async useRoute(route: RouteSpec, inUse: RouteInUse): Promise<void> {
    const stops = this.stops;
    this.quiet = true;
    await this.stop().finally(() => (this.quiet = false));
    if (this.stops !== stops) return;
    applyRoute(this.spec, route);
    this.model = { ...this.model, kind: route.kind, route: inUse };
    await this.start();
  }

  /** The keychain as this connection sees it: a profile's own entries, or the unscoped ones for a bare URL. */
  private get secrets(): SecretStore {
    return profileScopedStore(this.deps.secrets, this.spec.secretScope);
  }

  get snapshot(): ConnectionSnapshot {
    return this.model.snapshot;
  }
  /** The gateway session once the transport is up (chat, status, requests). */
  get session(): GatewaySession | null {
    return this.sessionValue;
  }
  /** The certificate pin the current direct plan connects with (the chat's media fetch checks the same one). */
  get tlsPin(): string | null {
    return this.planPin ?? null;
  }

  onSnapshot(l: Listener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
  onNotice(l: (n: ConnectionNotice) => void): () => void {
    this.noticeListeners.add(l);
    return () => this.noticeListeners.delete(l);
  }
  /** Session events (chat, status, outbox) of whichever session this connection runs. */
  onSessionEvent(l: (e: GatewaySessionEvent) => void): () => void {
    this.sessionListeners.add(l);
    return () => this.sessionListeners.delete(l);
  }

  async start(): Promise<void> {
    this.stopping = false;
    this.dispatch({ type: "start", now: Date.now() });
    if (this.spec.kind === "ssh") await this.startTunnel();
    else await this.makeDirectPlan();
  }

  async stop(): Promise<void> {
    if (!this.quiet) this.stops++;
    this.stopping = true;
    this.dispatch({ type: "stop", now: Date.now() });
    this.guard?.stop();
    this.localWait.stop();
    const session = this.sessionValue;
    const tunnel = this.tunnel;
    const aux = this.aux;
    this.sessionValue = null;
    this.tunnel = null;
    this.aux = null;
    await Promise.all([session?.stop(), tunnel?.stop(), aux?.stop()]);
    if (aux) this.dispatch({ type: "aux", surfaces: [], now: Date.now() });
  }

  /** After sleep/unlock: drop what may be stale and reconnect now. */
  wake(): void {
    this.tunnel?.wake();
    this.sessionValue?.retryNow();
    if (this.model.snapshot.state === "needs-attention" && this.model.plan.phase === "failed") void this.makeDirectPlan();
  }

  /**
   * An address appeared or went. Unlike wake, nothing healthy is dropped: live links are probed and only
   * what fails the probe (or was between attempts anyway) reconnects; network-recheck.ts decides.
   */
  networkChanged(): void {
    const session = this.sessionValue;
    const plan = planNetworkRecheck({ kind: this.spec.kind, tunnel: this.tunnel?.snapshot.phase ?? null, session: session?.snapshot.phase ?? null });
    if (plan.tunnel === "recheck") this.tunnel?.networkChanged();
    if (plan.session === "retry-now") session?.retryNow();
    else if (plan.session === "check-alive" && session && !this.rechecking) void this.recheckSession(session);
  }

  private async recheckSession(session: GatewaySession): Promise<void> {
    this.rechecking = true;
    const generation = session.snapshot.generation;
    try {
      if (await session.checkAlive(NETWORK_RECHECK_TIMEOUT_MS)) return;
      // Only the socket that was checked: if the session already moved on by itself, leave it be.
      if (this.sessionValue !== session || session.snapshot.phase !== "connected" || session.snapshot.generation !== generation) return;
      this.log.info(`network changed: the gateway did not answer within ${NETWORK_RECHECK_TIMEOUT_MS} ms; reconnecting`);
      session.retryNow();
    } finally {
      this.rechecking = false;
    }
  }

  /** A person fixed something (new token, approved a host key elsewhere): try again from the top. */
  async retry(): Promise<void> {
    await this.stop();
    await this.start();
  }

  setCredentials(creds: { token?: Credential | null; password?: Credential | null }): void {
    if (creds.token !== undefined) this.spec.token = creds.token ?? undefined;
    if (creds.password !== undefined) this.spec.password = creds.password ?? undefined;
    this.log.redactor.add(this.spec.token?.value);
    this.log.redactor.add(this.spec.password?.value);
    this.sessionValue?.setCredentials(creds);
  }

  // ---- transport ----------------------------------------------------------------------------------

  private async startTunnel(): Promise<void> {
    const ssh = this.spec.ssh;
    if (!ssh) throw new Error(`connection ${this.spec.id} is ssh but has no ssh settings`);
    const home = this.deps.homeDir ?? os.homedir();
    const resolved = resolveSpecSshTarget(ssh, { homeDir: home, env: this.deps.env ?? process.env });
    if (!resolved.ok) {
      this.dispatch({ type: "plan-failed", attention: resolved.attention, now: Date.now() });
      return;
    }
    const target = resolved.target;
    for (const notice of resolved.notices ?? []) this.log.warn(notice);
    const own = ssh.ownGatewayPort ?? DEFAULT_GATEWAY_PORT;
    const port = chooseForwardPort({ explicit: ssh.localPort, remembered: ssh.rememberedLocalPort, ownGatewayPort: own });
    if (!port.ok) return void this.dispatch({ type: "plan-failed", attention: port.attention, now: Date.now() });
    const tunnel = new TunnelSupervisor({
      target,
      ...(ssh.remotePort ? { remotePort: ssh.remotePort } : {}),
      preferredLocalPort: port.preferred,
      label: this.spec.name,
      knownHostsFiles: [...(ssh.knownHostsFiles ?? []), ...(target.userKnownHostsFiles ?? defaultKnownHostsFiles(home))],
      appKnownHostsFile: path.join(this.deps.configDir, "known_hosts"),
      ...(this.prompts.confirmHostKey ? { confirmHostKey: this.prompts.confirmHostKey } : {}),
      auth: {
        store: this.secrets,
        ...(this.prompts.askPassphrase ? { askPassphrase: this.prompts.askPassphrase } : {}),
        env: this.deps.env ?? process.env,
        homeDir: home,
      },
      log: (line) => this.log.info(line),
      ...this.deps.tunnel,
    });
    this.tunnel = tunnel;
    const onAux = (surfaces: NonNullable<ConnectionSnapshot["aux"]>) => this.aux === aux && this.dispatch({ type: "aux", surfaces, now: Date.now() });
    const aux = (this.aux = new AuxPorts({ tunnel, gatewayRemotePort: ssh.remotePort ?? DEFAULT_GATEWAY_PORT, ownGatewayPort: own, onChange: onAux, log: (l) => this.log.info(l) }));
    tunnel.onSnapshot((snapshot) => {
      if (this.tunnel !== tunnel) return;
      if (snapshot.localPort && shouldRemember(port, snapshot.localPort, ssh.rememberedLocalPort, own)) {
        const p = (ssh.rememberedLocalPort = snapshot.localPort);
        void Promise.resolve(this.deps.rememberLocalPort?.(this.spec.id, p)).catch((e: Error) => this.log.warn(`could not remember local port ${p}: ${e.message}`));
      }
      this.dispatch({ type: "tunnel", snapshot, now: Date.now() });
    });
    await tunnel.start();
  }

  private async makeDirectPlan(): Promise<void> {
    const input = this.spec.url ?? DEFAULT_LOCAL_GATEWAY_URL;
    this.dispatch({ type: "plan-started", now: Date.now() });
    const res = await planDirectConnection({
      input,
      store: this.secrets,
      ...(this.spec.tlsFingerprint ? { explicitPin: this.spec.tlsFingerprint } : {}),
      ...(this.prompts.confirmTls ? { confirm: this.prompts.confirmTls } : {}),
    });
    if (this.stopping) return;
    if (!res.ok) {
      this.dispatch({ type: "plan-failed", attention: res.attention, ...(res.changed ? { tlsChange: res.changed } : {}), now: Date.now() });
      return;
    }
    // A token carried in a pasted dashboard URL (#token=) is an explicit credential for this target.
    if (res.token && !this.spec.token) this.planToken = { value: res.token, source: "the URL's #token= fragment" };
    this.log.redactor.add(res.token);
    if (res.renewed) {
      const message = renewalNotice(res.renewed.authority, res.renewed.observed);
      this.log.info(`${message}; previous ${res.renewed.previous}`);
      for (const l of this.noticeListeners) l({ level: "info", message });
    }
    this.planPin = res.plan.tlsFingerprint;
    const refused = this.spec.kind === "local" ? await this.localGuard().admit(res.plan.url) : null;
    if (this.stopping) return;
    if (refused) return void this.dispatch({ type: "plan-failed", attention: refused, now: Date.now() });
    this.dispatch({ type: "plan-ready", url: res.plan.url, now: Date.now() });
  }

  // ---- reducer + effects --------------------------------------------------------------------------

  private dispatch(e: ConnectionEvent): void {
    const before = this.model.snapshot;
    const t = reduceConnection(this.model, e);
    this.model = t.model;
    for (const effect of t.effects) this.run(effect);
    if (this.model.snapshot !== before && !this.quiet) for (const l of this.listeners) l(this.model.snapshot);
  }

  private run(effect: ConnectionEffect): void {
    switch (effect.type) {
      case "start-session":
        void this.startSession(effect.url);
        return;
      case "kick-session":
        this.sessionValue?.retryNow();
        return;
      case "link-suspect":
        this.tunnel?.reportLinkSuspect();
        return;
      case "replan":
        void this.replan();
        return;
      case "await-local":
        void this.awaitLocal(effect.url, effect.gen);
        return;
    }
  }

  /** The session's pin was refused: drop that session (its events no longer count) and plan afresh. */
  private async replan(): Promise<void> {
    const old = this.sessionValue;
    this.sessionValue = null;
    this.planPin = undefined;
    await old?.stop();
    if (!this.stopping) await this.makeDirectPlan();
  }

  /** No gateway on this machine: drop the session (no more counted attempts) and watch the port quietly. */
  private async awaitLocal(url: string, gen: number): Promise<void> {
    const old = this.sessionValue;
    this.sessionValue = null;
    await old?.stop();
    if (this.stopping) return;
    this.log.info(`no gateway answers at ${url}; watching its port quietly and connecting as soon as one starts`);
    this.localWait.watch(portOfUrl(url), () => {
      this.log.info(`something listens at ${url} now; connecting`);
      this.dispatch({ type: "local-answered", gen, now: Date.now() });
    });
  }

  private localGuard(): LocalGuard {
    const o = { env: this.deps.env ?? process.env, homeDir: this.deps.homeDir, log: (l: string) => this.log.warn(l) };
    return (this.guard ??= new LocalGuard({ ...o, onCleared: () => void (!this.stopping && this.makeDirectPlan()) }));
  }

  /** A local session state that offers something is shown only once the listener is known to be ours. */
  private async vetLocal(session: GatewaySession, snapshot: GatewaySession["snapshot"]): Promise<void> {
    // Once per phase change (a lookup scans /proc, ~50 ms), not for every update within a phase.
    const vet = OFFERING_PHASES.has(snapshot.phase) && snapshot.phase !== this.model.session?.phase && this.model.plan.url;
    const refused = vet ? await this.localGuard().admit(this.model.plan.url!) : null;
    if (this.sessionValue !== session) return;
    if (refused) {
      this.sessionValue = null;
      this.dispatch({ type: "session-dropped", now: Date.now() });
      this.dispatch({ type: "plan-failed", attention: refused, now: Date.now() });
      return session.stop();
    }
    this.dispatch({ type: "session", snapshot, now: Date.now() });
    for (const l of this.sessionListeners) l({ type: "state", snapshot });
  }

  private async startSession(url: string): Promise<void> {
    const token = this.spec.token ?? this.planToken;
    const session = new GatewaySession({
      url,
      ...(this.planPin ? { tlsFingerprint: this.planPin } : {}),
      gatewayKey: this.spec.gatewayKey,
      restartGroup: restartGroup(this.spec, url),
      target: this.spec.name,
      ...(token ? { token } : {}),
      ...(this.spec.password ? { password: this.spec.password } : {}),
      ...(this.spec.bootstrapToken ? { bootstrapToken: this.spec.bootstrapToken } : {}),
      secrets: this.secrets,
      logger: this.deps.logger,
      ...(this.deps.sessionPolicy ? { policy: this.deps.sessionPolicy } : {}),
      outbox: this.outboxFile,
    });
    this.sessionValue = session;
    session.on((e) => {
      if (this.sessionValue !== session) return;
      if (e.type === "state" && this.spec.kind === "local") return void (this.localChain = this.localChain.then(() => this.vetLocal(session, e.snapshot)));
      // A setup code pairs once; after that the stored device token is this connection's credential.
      if (e.type === "state" && e.snapshot.phase === "connected") delete this.spec.bootstrapToken;
      if (e.type === "state" && e.snapshot.phase === "connected") this.aux?.connected(session, e.snapshot.generation);
      if (e.type === "state") this.dispatch({ type: "session", snapshot: e.snapshot, now: Date.now() });
      for (const l of this.sessionListeners) l(e);
    });
    try {
      await session.start();
    } catch (err) {
      const fixHint = (err as { fixHint?: string }).fixHint ?? "Export diagnostics and report this.";
      this.dispatch({ type: "plan-failed", attention: { reason: "device-identity", message: (err as Error).message, fixHint }, now: Date.now() });
    }
  }
}
