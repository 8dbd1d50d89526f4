// Runs the SSH tunnel: the effects around the pure reducer in tunnel-state.ts. It owns
//  - one loopback listener (loopback-listener.ts) that stays bound for the supervisor's whole life, so
//    the app, the browser Control UI and the openclaw CLI can all use ws://127.0.0.1:<port> and survive
//    reconnects; connections that arrive while SSH is down wait briefly, then are closed cleanly;
//  - one ssh2 Client per hop (ProxyJump hops first, each next hop dialled through a forwardOut of the
//    previous one), replaced wholesale on every reconnect;
//  - the liveness check: ssh2 keepalive (ServerAliveInterval-style, default 15 s × 3) plus our own
//    probe: any bytes received count as life, and when the link has been silent for livenessIntervalMs
//    we send one SSH ping; silence past livenessTimeoutMs means the link is dead. Defaults (2 s / 6 s)
//    notice a blackholed link within 7 s, where keepalive alone takes ~50 s.
//
// Every state change goes through reduceTunnel; listeners get frozen snapshots. Callbacks from an
// attempt carry that attempt's generation and are dropped once a newer attempt exists.
import net from "node:net";
import { Client, type ClientChannel, type ConnectConfig } from "ssh2";
import type { Attention } from "../../../src-shared/attention.js";
import { appendAppKnownHost, readKnownHostsFile } from "./app-known-hosts.js";
import { knownKeyTypesFor, parseKnownHosts, verifyHostKey, type HostKeyVerdict, type KnownHostEntry } from "./known-hosts.js";
import { bindLoopback, ListenError, type BoundListener } from "./loopback-listener.js";
import { tunnelRecheckOnNetworkChange } from "./link-recheck.js";
import { describeAttempts, SshAuth, type AuthAttempt, type SshAuthOptions } from "./ssh-auth.js";
import {
  classifySshError,
  forwardingDeniedAttention,
  hostKeyAttention,
  isRemoteConnectRefused,
  localPortAttention,
  remotePortClosedAttention,
  type ErrorContext,
} from "./ssh-errors.js";
import { canSshPing, sshPing } from "./ssh-ping.js";
import type { SshHop, SshTarget } from "./ssh-target.js";
import { backoffDelay, DEFAULT_BACKOFF, initialSnapshot, reduceTunnel, type BackoffPolicy, type TunnelEvent, type TunnelSnapshot } from "./tunnel-state.js";

export const DEFAULT_GATEWAY_PORT = 18789;

export interface HostKeyPrompt {
  /** `host` or `[host]:port`, as known_hosts names it. */
  host: string;
  port: number;
  keyType: string;
  /** Exactly as OpenSSH prints it: SHA256:<base64>. */
  fingerprint: string;
  /** Which hop of a ProxyJump chain asks ("bastion" before "gateway-host"). */
  hop: string;
}

export interface TunnelSupervisorOptions {
  target: SshTarget;
  remotePort?: number;
  /** 0 (the default): a free port chosen by the kernel — never 18789, which is this machine's own gateway's. */
  preferredLocalPort?: number;
  allowPortFallback?: boolean;
  /** Whose tunnel this is (the profile name), so local mode can say what holds a port (loopback-listener.ts). */
  label?: string;
  /** Also listen on ::1 where the machine has it (default true). */
  ipv6?: boolean;
  /** The user's known_hosts files: read, never written. */
  knownHostsFiles: string[];
  /** Clawlink's own known_hosts: read, and appended to when the person trusts a new host key. */
  appKnownHostsFile: string;
  /** Asked for an unknown host key; resolve true only on an explicit "trust". */
  confirmHostKey?: (p: HostKeyPrompt) => Promise<boolean>;
  auth?: Omit<SshAuthOptions, "hop" | "onPrompt">;
  /** SSH keepalive; defaults to the target's ServerAliveInterval/CountMax, else 15 s × 3. */
  keepaliveIntervalMs?: number;
  keepaliveCountMax?: number;
  /** Our liveness probe: ping after this much silence (ms, 0 disables the probe). */
  livenessIntervalMs?: number;
  /** …and declare the link dead after this much silence. */
  livenessTimeoutMs?: number;
  /** After reportLinkSuspect(), how long a ping may take before the link counts as dead. */
  suspectGraceMs?: number;
  /** TCP connect + SSH handshake + auth, per hop; paused while a person answers a prompt. */
  readyTimeoutMs?: number;
  backoff?: Partial<BackoffPolicy>;
  /** How long a local connection waits for the tunnel when SSH is down. */
  pendingConnectionWaitMs?: number;
  now?: () => number;
  random?: () => number;
  /** One line per notable event; never contains a secret. */
  log?: (line: string) => void;
}

type Listener = (s: TunnelSnapshot) => void;

interface Attempt {
  generation: number;
  clients: Client[];
  sockets: Set<net.Socket | ClientChannel>;
  final: Client | null;
  readyTimer: NodeJS.Timeout | null;
  livenessTimer: NodeJS.Timeout | null;
  suspectTimer: NodeJS.Timeout | null;
  lastRx: number;
  /** Set once this attempt has reported its end, so ssh2's error-then-close reports once. */
  ended: boolean;
  /** Open prompts (host key, passphrase): the ready deadline waits while a person answers. */
  prompts: number;
  /** The hop being dialled, for messages about a failure on the way. */
  hop: SshHop;
}

interface Pending {
  sock: net.Socket;
  timer: NodeJS.Timeout;
}

export class TunnelSupervisor {
  private state: TunnelSnapshot;
  private readonly listeners = new Set<Listener>();
  private listener: BoundListener | null = null;
  private attempt: Attempt | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private readonly pending = new Set<Pending>();
  private readonly o: Required<Omit<TunnelSupervisorOptions, "confirmHostKey" | "auth" | "backoff" | "log">> &
    Pick<TunnelSupervisorOptions, "confirmHostKey" | "auth" | "log"> & { backoff: BackoffPolicy };

  constructor(opts: TunnelSupervisorOptions) {
    const t = opts.target;
    this.o = {
      remotePort: DEFAULT_GATEWAY_PORT,
      preferredLocalPort: 0,
      allowPortFallback: true,
      label: "a Clawlink tunnel",
      ipv6: true,
      keepaliveIntervalMs: t.serverAliveIntervalS !== undefined ? t.serverAliveIntervalS * 1000 : 15_000,
      keepaliveCountMax: t.serverAliveCountMax ?? 3,
      livenessIntervalMs: 2_000,
      livenessTimeoutMs: 6_000,
      suspectGraceMs: 2_000,
      readyTimeoutMs: t.connectTimeoutS !== undefined ? t.connectTimeoutS * 1000 : 15_000,
      pendingConnectionWaitMs: 5_000,
      now: Date.now,
      random: Math.random,
      ...stripUndefined(opts),
      target: t,
      knownHostsFiles: opts.knownHostsFiles,
      appKnownHostsFile: opts.appKnownHostsFile,
      backoff: { ...DEFAULT_BACKOFF, ...(opts.backoff ?? {}) },
    };
    this.state = initialSnapshot({ preferredLocalPort: this.o.preferredLocalPort, remotePort: this.o.remotePort });
  }

  get snapshot(): TunnelSnapshot {
    return this.state;
  }

  /** The URL the gateway session connects to once the phase is "forwarding". */
  get localUrl(): string | null {
    return this.state.localPort ? `ws://127.0.0.1:${this.state.localPort}` : null;
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
        this.listener = await bindLoopback(this.o.preferredLocalPort, this.o.allowPortFallback, (s) => this.onLocalConnection(s), this.o.ipv6, this.o.label);
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
    for (const p of this.pending) {
      clearTimeout(p.timer);
      p.sock.destroy();
    }
    this.pending.clear();
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
    const a = this.attempt;
    if (!a || !a.final || this.state.phase !== "forwarding" || a.suspectTimer) return;
    const since = this.o.now();
    // Without the ping internals there is no cheap probe; the keepalive and liveness timers still run.
    if (!sshPing(a.final)) return;
    a.suspectTimer = setTimeout(() => {
      a.suspectTimer = null;
      if (a.lastRx < since) this.linkDead(a, whyDead);
    }, this.o.suspectGraceMs);
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

  private ctxFor(hop: SshHop): ErrorContext {
    return { label: hop.alias, host: hop.host, port: hop.port, user: hop.user };
  }

  private connect(generation: number): void {
    this.teardownAttempt();
    const a: Attempt = {
      generation,
      clients: [],
      sockets: new Set(),
      final: null,
      readyTimer: null,
      livenessTimer: null,
      suspectTimer: null,
      lastRx: this.o.now(),
      ended: false,
      prompts: 0,
      hop: this.o.target,
    };
    this.attempt = a;
    const hops = [...this.o.target.jumps, this.o.target];
    this.lastAuth = null;
    void this.dialChain(a, hops).catch((e: Error) => this.attemptFailed(a, e, a.hop));
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
    for (let i = 0; i < hops.length; i++) {
      const hop = hops[i]!;
      if (!this.current(a)) return;
      a.hop = hop;
      this.dispatch({ type: "dial", generation: a.generation, hop: hop.alias, now: this.o.now() });
      this.armReadyTimer(a, hop);
      const sock = prev ? await this.streamThrough(prev, hop) : await this.tcpConnect(a, hop);
      if (!this.current(a)) {
        sock.destroy();
        return;
      }
      const client = await this.handshake(a, hop, sock, i === hops.length - 1);
      if (!client) return;
      prev = client;
    }
    if (!this.current(a) || !prev) return;
    if (a.readyTimer) clearTimeout(a.readyTimer);
    a.readyTimer = null;
    a.final = prev;
    this.startLiveness(a);
    this.dispatch({ type: "ready", generation: a.generation, auth: this.lastAuth, now: this.o.now() });
    this.flushPending();
    this.checkRemote(a);
  }

  /** The login method of the final hop in the attempt that just became ready. */
  private lastAuth: AuthAttempt | null = null;

  private tcpConnect(a: Attempt, hop: SshHop): Promise<net.Socket> {
    return new Promise((resolve, reject) => {
      const sock = net.connect({ host: hop.host, port: hop.port });
      a.sockets.add(sock);
      // The ssh2 Nagle trap: without this every small round trip through the forward waits ~40 ms.
      sock.setNoDelay(true);
      sock.once("connect", () => {
        sock.removeListener("error", reject);
        resolve(sock);
      });
      sock.once("error", reject);
    });
  }

  private streamThrough(prev: Client, hop: SshHop): Promise<ClientChannel> {
    return new Promise((resolve, reject) => {
      prev.forwardOut("127.0.0.1", 0, hop.host, hop.port, (err, stream) => {
        if (err) return reject(Object.assign(new Error(`the jump host could not reach ${hop.host}:${hop.port}: ${err.message}`), { code: (err as { code?: string }).code }));
        resolve(stream);
      });
    });
  }

  private loadKnownHosts(): KnownHostEntry[] {
    const entries: KnownHostEntry[] = [];
    for (const f of this.o.knownHostsFiles) entries.push(...parseKnownHosts(readKnownHostsFile(f), f));
    entries.push(...parseKnownHosts(readKnownHostsFile(this.o.appKnownHostsFile), this.o.appKnownHostsFile));
    return entries;
  }

  /** Resolves the ready client, or null when the attempt ended (already reported). */
  private handshake(a: Attempt, hop: SshHop, sock: net.Socket | ClientChannel, isFinal: boolean): Promise<Client | null> {
    return new Promise((resolve) => {
      const client = new Client();
      a.clients.push(client);
      const ctx = this.ctxFor(hop);
      const auth = new SshAuth({ ...(this.o.auth ?? {}), hop, onPrompt: (open) => this.prompt(a, hop, open) });
      const entries = this.loadKnownHosts();
      let settled = false;
      const settle = (c: Client | null) => {
        if (settled) return;
        settled = true;
        resolve(c);
      };
      if (isFinal) sock.on("data", () => (a.lastRx = this.o.now()));
      client.on("ready", () => {
        if (!this.current(a)) return settle(null);
        const ok = auth.succeeded;
        this.o.log?.(`${hop.alias}: logged in with ${ok ? describeAttempts([ok]) : "no authentication"}`);
        if (isFinal) this.lastAuth = ok;
        settle(client);
      });
      client.on("error", (err: Error & { level?: string }) => {
        settle(null);
        if (err.level === "client-authentication") {
          this.attemptEnded(a, { attention: classifySshError(err, ctx, describeAttempts(auth.tried, auth.skipped)).attention, retry: false });
          return;
        }
        this.attemptFailed(a, err, hop);
      });
      client.on("close", () => {
        settle(null);
        const err = Object.assign(new Error(`the SSH connection to ${hop.alias} closed`), { code: "ECONNRESET" });
        this.attemptFailed(a, err, hop);
      });
      // Callback form only: a Promise-returning verifier is treated as "accept" by ssh2 (ssh2 #1268).
      const hostVerifier = (key: Buffer, verify: (ok: boolean) => void): void => {
        if (!this.current(a)) return verify(false);
        this.dispatch({ type: "verifying-host", generation: a.generation, hop: hop.alias, now: this.o.now() });
        const verdict = verifyHostKey(entries, hop.host, hop.port, key);
        void this.decideHostKey(a, hop, key, verdict).then((accepted) => {
          if (!this.current(a)) return verify(false);
          if (accepted) this.dispatch({ type: "authenticating", generation: a.generation, hop: hop.alias, now: this.o.now() });
          verify(accepted);
        });
      };
      const known = knownKeyTypesFor(entries, hop.host, hop.port);
      const cfg: ConnectConfig = {
        sock: sock as ConnectConfig["sock"],
        username: hop.user,
        hostVerifier: hostVerifier as unknown as ConnectConfig["hostVerifier"],
        authHandler: auth.handler(),
        // Our own deadline (armReadyTimer) replaces ssh2's: it must pause while a person answers a prompt.
        readyTimeout: 0,
        keepaliveInterval: this.o.keepaliveIntervalMs,
        keepaliveCountMax: this.o.keepaliveCountMax,
        ...(known.length ? { algorithms: { serverHostKey: hostKeyAlgorithmsFor(known) as never } } : {}),
      };
      try {
        client.connect(cfg);
      } catch (e) {
        settle(null);
        this.attemptFailed(a, e as Error, hop);
      }
    });
  }

  private async decideHostKey(a: Attempt, hop: SshHop, key: Buffer, v: HostKeyVerdict): Promise<boolean> {
    const ctx = this.ctxFor(hop);
    if (v.status === "known") return true;
    if (v.status !== "unknown" || !this.o.confirmHostKey) {
      this.attemptEnded(a, { attention: hostKeyAttention(v, ctx), retry: false });
      return false;
    }
    this.prompt(a, hop, true);
    let trusted = false;
    try {
      trusted = await this.o.confirmHostKey({ host: hop.port === 22 ? hop.host : `[${hop.host}]:${hop.port}`, port: hop.port, keyType: v.keyType, fingerprint: v.fingerprint, hop: hop.alias });
    } catch {
      trusted = false;
    } finally {
      this.prompt(a, hop, false);
    }
    if (!trusted) {
      this.attemptEnded(a, { attention: hostKeyAttention(v, ctx, true), retry: false });
      return false;
    }
    if (!this.current(a)) return false;
    appendAppKnownHost(this.o.appKnownHostsFile, hop.host, hop.port, key);
    this.o.log?.(`trusted ${v.keyType} ${v.fingerprint} for ${hop.alias}; saved to ${this.o.appKnownHostsFile}`);
    return true;
  }

  private attemptFailed(a: Attempt, err: Error & { code?: string; level?: string }, hop: SshHop): void {
    if (!this.current(a)) return;
    this.attemptEnded(a, classifySshError(err, this.ctxFor(hop)));
  }

  /** The single exit of an attempt: report once, tear down, and either schedule a retry or stop. */
  private attemptEnded(a: Attempt, c: { attention: Attention; retry: boolean }): void {
    if (!this.current(a)) return;
    a.ended = true;
    this.teardownAttempt();
    const now = this.o.now();
    if (!c.retry) {
      this.dispatch({ type: "fatal", generation: a.generation, attention: c.attention, now });
      this.closePending();
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

  private linkDead(a: Attempt, why: string): void {
    if (!this.current(a)) return;
    this.o.log?.(`link to ${this.o.target.alias} declared dead: ${why}`);
    this.attemptEnded(a, {
      retry: true,
      attention: { reason: "ssh-link-lost", message: `The link to ${this.o.target.alias} stopped answering (${why}).`, fixHint: "Check your network or VPN; Clawlink reconnects as soon as the host answers again." },
    });
  }

  private startLiveness(a: Attempt): void {
    const every = this.o.livenessIntervalMs;
    if (!every || !a.final || !canSshPing(a.final)) return;
    a.lastRx = this.o.now();
    let lastPing = 0;
    // Tick faster than the ping interval so the deadline is seen within a second of passing:
    // worst case from the last byte received to "dead" is livenessTimeoutMs + 1 s (7 s by default).
    const tick = Math.max(100, Math.min(1_000, Math.floor(every / 2)));
    a.livenessTimer = setInterval(() => {
      if (!this.current(a) || !a.final) return;
      const now = this.o.now();
      const silent = now - a.lastRx;
      if (silent > this.o.livenessTimeoutMs) return this.linkDead(a, `nothing received for ${Math.round(silent / 100) / 10} s`);
      if (silent >= every && now - lastPing >= every) {
        lastPing = now;
        sshPing(a.final);
      }
    }, tick);
  }

  private teardownAttempt(): void {
    const a = this.attempt;
    if (!a) return;
    this.attempt = null;
    a.ended = true;
    for (const t of [a.readyTimer, a.suspectTimer]) if (t) clearTimeout(t);
    if (a.livenessTimer) clearInterval(a.livenessTimer);
    // Destroy, not end(): on a dead link a polite close would wait on the very peer that stopped answering.
    for (const s of a.sockets) s.destroy();
    for (const c of [...a.clients].reverse()) {
      c.removeAllListeners("close");
      c.on("error", () => {});
      c.destroy();
    }
  }

  // ---- the forwarded connections -------------------------------------------------------------------

  private onLocalConnection(sock: net.Socket): void {
    sock.setNoDelay(true);
    sock.on("error", () => {});
    const phase = this.state.phase;
    if (phase === "forwarding" && this.attempt?.final) return this.forward(this.attempt, sock);
    if (phase === "stopped" || phase === "needs-attention" || phase === "idle") return void sock.destroy();
    // SSH is (re)connecting: hold the connection briefly rather than refusing a client that retries slowly.
    const p: Pending = {
      sock,
      timer: setTimeout(() => {
        this.pending.delete(p);
        sock.destroy();
      }, this.o.pendingConnectionWaitMs),
    };
    this.pending.add(p);
    sock.once("close", () => {
      clearTimeout(p.timer);
      this.pending.delete(p);
    });
  }

  private flushPending(): void {
    const a = this.attempt;
    for (const p of [...this.pending]) {
      clearTimeout(p.timer);
      this.pending.delete(p);
      if (a?.final && !p.sock.destroyed) this.forward(a, p.sock);
    }
  }

  private closePending(): void {
    for (const p of [...this.pending]) {
      clearTimeout(p.timer);
      p.sock.destroy();
    }
    this.pending.clear();
  }

  private forward(a: Attempt, sock: net.Socket): void {
    a.sockets.add(sock);
    sock.once("close", () => a.sockets.delete(sock));
    a.final!.forwardOut(sock.remoteAddress ?? "127.0.0.1", sock.remotePort ?? 0, "127.0.0.1", this.o.remotePort, (err, stream) => {
      if (err) {
        // One failed forward never tears the tunnel down; it only says what is behind it.
        this.reportRemote(a, false, err);
        sock.destroy();
        return;
      }
      if (!this.current(a) || sock.destroyed) return void stream.destroy();
      if (this.state.remoteListening !== true) this.reportRemote(a, true);
      a.sockets.add(stream);
      stream.on("error", () => sock.destroy());
      stream.once("close", () => {
        a.sockets.delete(stream);
        sock.destroy();
      });
      sock.once("close", () => stream.destroy());
      sock.pipe(stream).pipe(sock);
    });
  }

  /** One forward at ready time, so "the gateway is not running" shows before anyone connects. */
  private checkRemote(a: Attempt): void {
    a.final?.forwardOut("127.0.0.1", 0, "127.0.0.1", this.o.remotePort, (err, stream) => {
      if (err) return this.reportRemote(a, false, err);
      stream.on("error", () => {});
      stream.destroy();
      this.reportRemote(a, true);
    });
  }

  private reportRemote(a: Attempt, listening: boolean, err?: Error & { reason?: number }): void {
    if (!this.current(a)) return;
    const host = this.o.target.alias;
    const warning = listening ? null : err && !isRemoteConnectRefused(err) ? forwardingDeniedAttention(host, err) : remotePortClosedAttention(host, this.o.remotePort);
    this.dispatch({ type: "remote-checked", generation: a.generation, listening, warning });
  }
}

/** Host key algorithms with the types already on record first, as OpenSSH orders them for a known host. */
export function hostKeyAlgorithmsFor(knownTypes: string[]): string[] {
  const all = ["ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "rsa-sha2-512", "rsa-sha2-256", "ssh-rsa"];
  const first: string[] = [];
  for (const t of knownTypes) {
    const algs = t === "ssh-rsa" ? ["rsa-sha2-512", "rsa-sha2-256", "ssh-rsa"] : [t];
    for (const alg of algs) if (all.includes(alg) && !first.includes(alg)) first.push(alg);
  }
  return [...first, ...all.filter((x) => !first.includes(x))];
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
