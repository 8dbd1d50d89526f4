// Runs the SSH tunnel: the effects around the pure reducer in tunnel-state.ts. It owns
//  - one loopback listener (loopback-listener.ts) that stays bound for the supervisor's whole life, so
//    the app, the browser Control UI and the openclaw CLI can all use ws://127.0.0.1:<port> and survive
//    reconnects; connections that arrive while SSH is down wait briefly, then are closed cleanly
//    (forwarded-connections.ts);
//  - one ssh2 Client per hop (ProxyJump hops first, each next hop dialled through a forwardOut of the
//    previous one: ssh-dial.ts, ssh-handshake.ts), replaced wholesale on every reconnect (tunnel-attempt.ts);
//  - the liveness check: ssh2 keepalive (ServerAliveInterval-style, default 15 s × 3) plus our own
//    probe (tunnel-liveness.ts): any bytes received count as life, and when the link has been silent for
//    livenessIntervalMs we send one SSH ping; silence past livenessTimeoutMs means the link is dead.
//    Defaults (2 s / 6 s) notice a blackholed link within 7 s, where keepalive alone takes ~50 s.
//
// Every state change goes through reduceTunnel; listeners get frozen snapshots. Callbacks from an
// attempt carry that attempt's generation and are dropped once a newer attempt exists.
import type { Client } from "ssh2";
import { ForwardedConnections } from "./forwarded-connections.js";
import { bindLoopback, ListenError, type BoundListener } from "./loopback-listener.js";
import { tunnelRecheckOnNetworkChange } from "./link-recheck.js";
import type { AuthAttempt } from "./ssh-auth.js";
import { streamThrough, tcpConnect } from "./ssh-dial.js";
import { classifySshError, localPortAttention } from "./ssh-errors.js";
import { handshake } from "./ssh-handshake.js";
import type { SshHop } from "./ssh-target.js";
import { errorContext, newAttempt, tearDown, type Attempt, type AttemptDriver, type AttemptEnd } from "./tunnel-attempt.js";
import { probeLink, startLiveness } from "./tunnel-liveness.js";
import { resolveTunnelOptions, type ResolvedTunnelOptions, type TunnelSupervisorOptions } from "./tunnel-options.js";
import { backoffDelay, initialSnapshot, reduceTunnel, type TunnelEvent, type TunnelSnapshot } from "./tunnel-state.js";

export type { HostKeyPrompt, TunnelSupervisorOptions } from "./tunnel-options.js";

type Listener = (s: TunnelSnapshot) => void;

export class TunnelSupervisor {
  private state: TunnelSnapshot;
  private readonly listeners = new Set<Listener>();
  private listener: BoundListener | null = null;
  private attempt: Attempt | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private readonly o: ResolvedTunnelOptions;
  /** What the parts working on an attempt (handshake, liveness, forwards) may ask of this supervisor. */
  private readonly driver: AttemptDriver;
  private readonly forwards: ForwardedConnections;

  constructor(opts: TunnelSupervisorOptions) {
    this.o = resolveTunnelOptions(opts);
    this.state = initialSnapshot({ preferredLocalPort: this.o.preferredLocalPort, remotePort: this.o.remotePort });
    this.driver = {
      o: this.o,
      current: (a) => this.current(a),
      dispatch: (e) => this.dispatch(e),
      failed: (a, err, hop) => this.attemptFailed(a, err, hop),
      ended: (a, end) => this.attemptEnded(a, end),
      prompt: (a, hop, open) => this.prompt(a, hop, open),
    };
    this.forwards = new ForwardedConnections(this.driver, { snapshot: () => this.state, attempt: () => this.attempt });
  }

  get snapshot(): TunnelSnapshot {
    return this.state;
  }

  /** The URL the gateway session connects to once the phase is "forwarding". */
  get localUrl(): string | null {
    return this.state.localPort ? `ws://127.0.0.1:${this.state.localPort}` : null;
  }

  /**
   * The live SSH link, for more forwards over the same connection (aux-forwards.ts, issue 13 §2): its
   * final hop's client and the socket set that is torn down with it. Null while SSH is not forwarding.
   */
  get link(): { client: Client; sockets: Attempt["sockets"] } | null {
    const a = this.attempt;
    return this.state.phase === "forwarding" && a?.final && !a.ended ? { client: a.final, sockets: a.sockets } : null;
  }

  /** Calls `l` with every new snapshot (not the current one); returns the unsubscribe function. */
  onSnapshot(l: Listener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  private dispatch(e: TunnelEvent): void {
    const before = this.state;
    this.state = reduceTunnel(before, e);
    if (this.state === before) return;
    const s = this.state;
    this.o.log?.(`tunnel ${s.phase} gen=${s.generation}${s.hop ? ` hop=${s.hop}` : ""}${s.attempt ? ` attempt=${s.attempt}` : ""}${s.attention ? ` (${s.attention.reason})` : ""}`);
    for (const l of [...this.listeners]) {
      try {
        l(s);
      } catch {
        /* a listener's bug must not stop the tunnel */
      }
    }
  }

  /** Binds the local port, then connects. Resolves once the listener is bound (or binding failed). */
  async start(): Promise<void> {
    if (this.state.phase !== "idle" && this.state.phase !== "needs-attention") return;
    this.dispatch({ type: "start", now: this.o.now() });
    if (!this.listener) {
      try {
        this.listener = await bindLoopback(this.o.preferredLocalPort, this.o.allowPortFallback, (s) => this.forwards.accept(s), this.o.ipv6, this.o.label);
      } catch (e) {
        const code = e instanceof ListenError ? e.code : ((e as NodeJS.ErrnoException).code ?? "EUNKNOWN");
        this.dispatch({ type: "fatal", generation: this.state.generation, attention: localPortAttention(this.o.preferredLocalPort, code, this.o.allowPortFallback), now: this.o.now() });
        return;
      }
      // stop() may have run while we were binding.
      if ((this.state.phase as string) === "stopped") return void this.closeListener();
      this.dispatch({ type: "listening", port: this.listener.port, fallback: this.listener.fallback });
      if (this.listener.fallback) this.o.log?.(`local port ${this.o.preferredLocalPort} is taken; listening on ${this.listener.port} instead`);
    }
    this.connect(this.state.generation);
  }

  /** Stops for good: closes the SSH connection, the listener and every forwarded connection. */
  async stop(): Promise<void> {
    this.dispatch({ type: "stop", now: this.o.now() });
    this.clearRetry();
    this.teardownAttempt();
    this.forwards.closeHeld();
    await this.closeListener();
  }

  /** After sleep: every socket may be stale. Drop them and reconnect now, with a fresh backoff. */
  wake(): void {
    this.reconnectNow("wake");
  }

  /**
   * An address appeared or went (Wi-Fi, VPN, a docker bridge, an IPv6 temporary address). Unlike wake,
   * a healthy link is kept: it is probed, and only a link that stays silent is replaced (link-recheck.ts).
   */
  networkChanged(): void {
    const action = tunnelRecheckOnNetworkChange(this.state.phase, (this.attempt?.prompts ?? 0) > 0);
    if (action !== "none") this.o.log?.(`network changed: ${action === "probe" ? "probing the SSH link" : "dialling again now"}`);
    if (action === "probe") this.probeLink("an SSH ping after a network change went unanswered");
    else if (action === "redial") this.reconnectNow("network changed");
  }

  /**
   * Outside evidence that the link may be dead (the gateway session's WebSocket ping went unanswered).
   * We ping over SSH at once; if nothing comes back within suspectGraceMs the link is declared dead.
   */
  reportLinkSuspect(): void {
    this.probeLink("the gateway session's ping and an SSH ping both went unanswered");
  }

  private probeLink(whyDead: string): void {
    if (this.attempt && this.state.phase === "forwarding") probeLink(this.driver, this.attempt, whyDead);
  }

  private reconnectNow(why: string): void {
    if (this.state.phase === "idle" || this.state.phase === "stopped" || this.state.phase === "needs-attention") return;
    this.o.log?.(`reconnecting at once: ${why}`);
    this.clearRetry();
    this.teardownAttempt();
    this.dispatch({ type: "reconnect-now", now: this.o.now() });
    this.connect(this.state.generation);
  }

  private clearRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private async closeListener(): Promise<void> {
    const l = this.listener;
    this.listener = null;
    if (!l) return;
    await Promise.all(l.servers.map((s) => new Promise<void>((r) => s.close(() => r()))));
  }

  // ---- one attempt --------------------------------------------------------------------------------

  private current(a: Attempt): boolean {
    return this.attempt === a && this.state.generation === a.generation && !a.ended;
  }

  private connect(generation: number): void {
    this.teardownAttempt();
    const a = newAttempt(generation, this.o.now(), this.o.target);
    this.attempt = a;
    void this.dialChain(a, [...this.o.target.jumps, this.o.target]).catch((e: Error) => this.attemptFailed(a, e, a.hop));
  }

  private armReadyTimer(a: Attempt, hop: SshHop): void {
    if (a.readyTimer) clearTimeout(a.readyTimer);
    a.readyTimer = null;
    if (a.prompts > 0) return;
    a.readyTimer = setTimeout(() => {
      const err = Object.assign(new Error(`no SSH handshake within ${this.o.readyTimeoutMs} ms`), { level: "client-timeout" });
      this.attemptFailed(a, err, hop);
    }, this.o.readyTimeoutMs);
  }

  private prompt(a: Attempt, hop: SshHop, open: boolean): void {
    a.prompts += open ? 1 : -1;
    if (open && a.readyTimer) {
      clearTimeout(a.readyTimer);
      a.readyTimer = null;
    } else if (!open && a.prompts === 0 && this.current(a)) {
      this.armReadyTimer(a, hop);
    }
  }

  private async dialChain(a: Attempt, hops: SshHop[]): Promise<void> {
    let prev: Client | null = null;
    let auth: AuthAttempt | null = null;
    for (let i = 0; i < hops.length; i++) {
      const hop = hops[i]!;
      if (!this.current(a)) return;
      a.hop = hop;
      this.dispatch({ type: "dial", generation: a.generation, hop: hop.alias, now: this.o.now() });
      this.armReadyTimer(a, hop);
      const sock = prev ? await streamThrough(prev, hop) : await tcpConnect(a.sockets, hop);
      if (!this.current(a)) {
        sock.destroy();
        return;
      }
      const done = await handshake(this.driver, a, hop, sock, i === hops.length - 1);
      if (!done) return;
      prev = done.client;
      auth = done.auth;
    }
    if (!this.current(a) || !prev) return;
    if (a.readyTimer) clearTimeout(a.readyTimer);
    a.readyTimer = null;
    a.final = prev;
    startLiveness(this.driver, a);
    this.dispatch({ type: "ready", generation: a.generation, auth, now: this.o.now() });
    this.forwards.flush();
    this.forwards.checkRemote(a);
  }

  private attemptFailed(a: Attempt, err: Error & { code?: string; level?: string }, hop: SshHop): void {
    if (!this.current(a)) return;
    this.attemptEnded(a, classifySshError(err, errorContext(hop)));
  }

  /** The single exit of an attempt: report once, tear down, and either schedule a retry or stop. */
  private attemptEnded(a: Attempt, c: AttemptEnd): void {
    if (!this.current(a)) return;
    a.ended = true;
    this.teardownAttempt();
    const now = this.o.now();
    if (!c.retry) {
      this.dispatch({ type: "fatal", generation: a.generation, attention: c.attention, now });
      this.forwards.closeHeld();
      return;
    }
    const delay = backoffDelay(this.state.attempt + 1, this.o.backoff, this.o.random());
    this.dispatch({ type: "lost", generation: a.generation, attention: c.attention, delayMs: delay, now });
    this.clearRetry();
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.state.phase !== "reconnecting" || this.state.generation !== a.generation) return;
      this.dispatch({ type: "retry", generation: a.generation, now: this.o.now() });
      this.connect(this.state.generation);
    }, delay);
  }

  private teardownAttempt(): void {
    const a = this.attempt;
    if (!a) return;
    this.attempt = null;
    tearDown(a);
  }
}
