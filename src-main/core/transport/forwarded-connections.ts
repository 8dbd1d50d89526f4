// The local side of the tunnel: each connection accepted on the loopback listener is piped through a
// forwardOut of the live attempt to the gateway port, or, while SSH is (re)connecting, held briefly
// until the link is back. Also the one check at ready time of whether anything listens on the remote
// port. Split out of tunnel-supervisor.ts (issue 14 §5).
import type net from "node:net";
import { forwardingDeniedAttention, isRemoteConnectRefused, remotePortClosedAttention } from "./ssh-errors.js";
import type { Attempt, AttemptDriver } from "./tunnel-attempt.js";
import type { TunnelSnapshot } from "./tunnel-state.js";

interface Pending {
  sock: net.Socket;
  timer: NodeJS.Timeout;
}

export class ForwardedConnections {
  private readonly pending = new Set<Pending>();

  constructor(
    private readonly d: AttemptDriver,
    private readonly view: { snapshot(): TunnelSnapshot; attempt(): Attempt | null },
  ) {}

  /** A new local connection: forwarded now, held while SSH reconnects, or closed when the tunnel is down. */
  accept(sock: net.Socket): void {
    sock.setNoDelay(true);
    sock.on("error", () => {});
    const phase = this.view.snapshot().phase;
    const a = this.view.attempt();
    if (phase === "forwarding" && a?.final) return this.forward(a, sock);
    if (phase === "stopped" || phase === "needs-attention" || phase === "idle") return void sock.destroy();
    // SSH is (re)connecting: hold the connection briefly rather than refusing a client that retries slowly.
    const p: Pending = {
      sock,
      timer: setTimeout(() => {
        this.pending.delete(p);
        sock.destroy();
      }, this.d.o.pendingConnectionWaitMs),
    };
    this.pending.add(p);
    sock.once("close", () => {
      clearTimeout(p.timer);
      this.pending.delete(p);
    });
  }

  /** The link is up: the held connections go through it. */
  flush(): void {
    const a = this.view.attempt();
    for (const p of [...this.pending]) {
      clearTimeout(p.timer);
      this.pending.delete(p);
      if (a?.final && !p.sock.destroyed) this.forward(a, p.sock);
    }
  }

  /** The tunnel stopped or needs a person: the held connections are closed. */
  closeHeld(): void {
    for (const p of [...this.pending]) {
      clearTimeout(p.timer);
      p.sock.destroy();
    }
    this.pending.clear();
  }

  /** One forward at ready time, so "the gateway is not running" shows before anyone connects. */
  checkRemote(a: Attempt): void {
    a.final?.forwardOut("127.0.0.1", 0, "127.0.0.1", this.d.o.remotePort, (err, stream) => {
      if (err) return this.reportRemote(a, false, err);
      stream.on("error", () => {});
      stream.destroy();
      this.reportRemote(a, true);
    });
  }

  private forward(a: Attempt, sock: net.Socket): void {
    a.sockets.add(sock);
    sock.once("close", () => a.sockets.delete(sock));
    a.final!.forwardOut(sock.remoteAddress ?? "127.0.0.1", sock.remotePort ?? 0, "127.0.0.1", this.d.o.remotePort, (err, stream) => {
      if (err) {
        // One failed forward never tears the tunnel down; it only says what is behind it.
        this.reportRemote(a, false, err);
        sock.destroy();
        return;
      }
      if (!this.d.current(a) || sock.destroyed) return void stream.destroy();
      if (this.view.snapshot().remoteListening !== true) this.reportRemote(a, true);
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

  private reportRemote(a: Attempt, listening: boolean, err?: Error & { reason?: number }): void {
    if (!this.d.current(a)) return;
    const host = this.d.o.target.alias;
    const warning = listening ? null : err && !isRemoteConnectRefused(err) ? forwardingDeniedAttention(host, err) : remotePortClosedAttention(host, this.d.o.remotePort);
    this.d.dispatch({ type: "remote-checked", generation: a.generation, listening, warning });
  }
}
