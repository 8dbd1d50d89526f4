// The effects for issue 13 §2: each auxiliary surface the gateway runs (aux-surfaces.ts) gets its own
// loopback listener on this machine, and every connection to it is carried over the SAME SSH connection
// as the gateway port (TunnelSupervisor.link → forwardOut to 127.0.0.1:<remotePort> on the gateway host).
// A surface that cannot be bound or does not answer is degraded on its own; the gateway connection is
// never failed or restarted because of it.
import http from "node:http";
import type net from "node:net";
import { bindLoopback, ListenError, type BoundListener } from "./loopback-listener.js";
import { bindFailedStatus, boundStatus, healthStatus, preferredAuxPort, startingStatus, type AuxSurfacePlan, type AuxSurfaceStatus } from "./aux-surfaces.js";
import type { TunnelSupervisor } from "./tunnel-supervisor.js";

const HEALTH_TIMEOUT_MS = 3_000;

type Link = Pick<TunnelSupervisor, "link">;

export class AuxForwards {
  private readonly listeners: BoundListener[] = [];
  private statuses: AuxSurfaceStatus[] = [];
  private stopped = false;
  private readonly watchers = new Set<(s: readonly AuxSurfaceStatus[]) => void>();

  constructor(
    private readonly tunnel: Link,
    private readonly log: (line: string) => void = () => {},
    /** Binds 127.0.0.1 only (and ::1 when true), as the main forward does. */
    private readonly ipv6 = true,
  ) {}

  get surfaces(): readonly AuxSurfaceStatus[] {
    return this.statuses;
  }

  onChange(l: (s: readonly AuxSurfaceStatus[]) => void): () => void {
    this.watchers.add(l);
    return () => this.watchers.delete(l);
  }

  /** Binds one listener per planned surface (preferredAuxPort, else a free one), then health-checks each. */
  async start(plans: readonly AuxSurfacePlan[], ports: { gatewayRemote: number; gatewayLocal: number; ownGatewayPort: number }): Promise<readonly AuxSurfaceStatus[]> {
    this.set(plans.map(startingStatus));
    await Promise.all(plans.map((p, i) => this.open(p, i, preferredAuxPort(p, ports))));
    return this.statuses;
  }

  /** Checks every bound surface again (after a reconnect of the SSH link). */
  async recheck(): Promise<readonly AuxSurfaceStatus[]> {
    await Promise.all(this.statuses.map((s, i) => (s.localPort ? this.check(i) : Promise.resolve())));
    return this.statuses;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const ls = this.listeners.splice(0);
    await Promise.all(ls.flatMap((l) => l.servers.map((s) => new Promise<void>((r) => s.close(() => r())))));
  }

  private set(next: AuxSurfaceStatus[]): void {
    this.statuses = next;
    for (const w of [...this.watchers]) w(next);
  }

  private update(i: number, s: AuxSurfaceStatus): void {
    if (this.stopped) return;
    const next = [...this.statuses];
    next[i] = s;
    if (s.state === "degraded" && this.statuses[i]?.state !== "degraded") this.log(`aux ${s.kind}: degraded: ${s.note}`);
    if (s.state === "ok" && this.statuses[i]?.state !== "ok") this.log(`aux ${s.kind}: forwarded 127.0.0.1:${s.localPort} → gateway host 127.0.0.1:${s.remotePort}`);
    this.set(next);
  }

  private async open(p: AuxSurfacePlan, i: number, preferred: number): Promise<void> {
    let bound: BoundListener;
    try {
      bound = await bindLoopback(preferred, true, (sock) => this.forward(p, sock), this.ipv6, `the ${p.label} forward`);
    } catch (e) {
      return this.update(i, bindFailedStatus(p, e instanceof ListenError ? e.code : String((e as Error).message)));
    }
    if (this.stopped) return void bound.servers.forEach((s) => s.close());
    this.listeners.push(bound);
    this.update(i, boundStatus(p, bound.port, bound.fallback));
    await this.check(i);
  }

  /** One local connection → a channel to the surface on the gateway host over the live SSH link. */
  private forward(p: AuxSurfacePlan, sock: net.Socket): void {
    sock.setNoDelay(true);
    sock.on("error", () => {});
    const link = this.tunnel.link;
    if (!link) return void sock.destroy();
    link.sockets.add(sock);
    sock.once("close", () => link.sockets.delete(sock));
    link.client.forwardOut(sock.remoteAddress ?? "127.0.0.1", sock.remotePort ?? 0, "127.0.0.1", p.remotePort, (err, stream) => {
      if (err || sock.destroyed) {
        // A refused channel says only that this surface is not there; the SSH link stays.
        if (err) this.markDown(p, err.message);
        stream?.destroy();
        return void sock.destroy();
      }
      link.sockets.add(stream);
      stream.on("error", () => sock.destroy());
      stream.once("close", () => (link.sockets.delete(stream), sock.destroy()));
      sock.once("close", () => stream.destroy());
      sock.pipe(stream).pipe(sock);
    });
  }

  private markDown(p: AuxSurfacePlan, why: string): void {
    const i = this.statuses.findIndex((s) => s.remotePort === p.remotePort);
    if (i >= 0 && this.statuses[i]!.localPort) this.update(i, healthStatus(this.statuses[i]!, { error: why }));
  }

  /** The health check: one HTTP GET / through our own listener, so it takes exactly the path a browser would. */
  private async check(i: number): Promise<void> {
    const s = this.statuses[i];
    if (!s?.localPort) return;
    const result = await httpStatus(s.localPort);
    const now = this.statuses[i];
    if (now?.localPort === s.localPort) this.update(i, healthStatus(now, result));
  }
}

/** Any HTTP answer counts as alive (the sandbox answers 404 on /, browser control 401 without auth). */
function httpStatus(port: number): Promise<{ http: number } | { error: string }> {
  return new Promise((resolve) => {
    const req = http.get({ host: "127.0.0.1", port, path: "/", timeout: HEALTH_TIMEOUT_MS, agent: false }, (res) => {
      res.resume();
      resolve({ http: res.statusCode ?? 0 });
    });
    req.once("timeout", () => req.destroy(new Error(`no HTTP answer within ${HEALTH_TIMEOUT_MS} ms`)));
    req.once("error", (e: NodeJS.ErrnoException) => resolve({ error: e.code === "ECONNRESET" ? "the connection was closed without an answer (nothing listens there)" : e.message }));
  });
}
