// A TLS-terminating counting relay for proving what a client sent *inside* TLS. It presents the real
// gateway's own certificate and key (so the client sees the same fingerprint it would see from the
// gateway), records every decrypted byte the client writes, and relays to the gateway over a second TLS
// connection. A client that aborts after the handshake (pin mismatch) shows up as a completed TLS
// session with zero application bytes: the gateway never got an HTTP upgrade, let alone a connect frame.
import type net from "node:net";
import tls from "node:tls";

export interface TapSession {
  /** Decrypted bytes the client sent, in order. */
  bytes: Buffer;
}

export class TlsTap {
  port = 0;
  /** TCP connections accepted (before TLS). */
  tcpConnections = 0;
  /** Completed TLS handshakes with what each client then sent. */
  readonly sessions: TapSession[] = [];
  private server: tls.Server | null = null;
  private readonly sockets = new Set<net.Socket>();

  constructor(private readonly opts: { cert: string; key: string; targetPort: number; targetHost?: string }) {}

  async start(): Promise<this> {
    const srv = tls.createServer({ cert: this.opts.cert, key: this.opts.key }, (client) => {
      const session: TapSession = { bytes: Buffer.alloc(0) };
      this.sessions.push(session);
      this.sockets.add(client);
      const upstream = tls.connect({ host: this.opts.targetHost ?? "127.0.0.1", port: this.opts.targetPort, rejectUnauthorized: false });
      this.sockets.add(upstream);
      client.on("data", (d: Buffer) => {
        session.bytes = Buffer.concat([session.bytes, d]);
        upstream.write(d);
      });
      upstream.pipe(client);
      const end = () => {
        client.destroy();
        upstream.destroy();
        this.sockets.delete(client);
        this.sockets.delete(upstream);
      };
      client.on("close", end);
      upstream.on("close", end);
      client.on("error", end);
      upstream.on("error", end);
    });
    srv.on("connection", () => this.tcpConnections++);
    srv.on("tlsClientError", () => {});
    this.server = srv;
    await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
    this.port = (srv.address() as net.AddressInfo).port;
    return this;
  }

  /** Total decrypted bytes clients sent across all sessions. */
  get applicationBytes(): number {
    return this.sessions.reduce((n, s) => n + s.bytes.length, 0);
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}
