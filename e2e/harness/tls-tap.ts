// A TLS-terminating counting relay for proving what a client sent *inside* TLS. It presents the real
// gateway's own certificate and key (so the client sees the same fingerprint it would see from the
// gateway), records every decrypted byte the client writes, and relays to the gateway over a second TLS
// connection. A client that aborts after the handshake (pin mismatch) shows up as a completed TLS
// session with zero application bytes: the gateway never got an HTTP upgrade, let alone a connect frame.
import tls from "node:tls";
import { startTlsRelay, type TlsRelay } from "./tls-relay.js";

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
  private relay: TlsRelay | null = null;

  constructor(private readonly opts: { cert: string; key: string; targetPort: number; targetHost?: string }) {}

  async start(): Promise<this> {
    const { cert, key, targetPort, targetHost } = this.opts;
    this.relay = await startTlsRelay({
      cert,
      key,
      upstream: () => tls.connect({ host: targetHost ?? "127.0.0.1", port: targetPort, rejectUnauthorized: false }),
      onSession: () => {
        const session: TapSession = { bytes: Buffer.alloc(0) };
        this.sessions.push(session);
        return (d) => {
          session.bytes = Buffer.concat([session.bytes, d]);
        };
      },
      onConnection: () => this.tcpConnections++,
    });
    this.port = this.relay.port;
    return this;
  }

  /** Total decrypted bytes clients sent across all sessions. */
  get applicationBytes(): number {
    return this.sessions.reduce((n, s) => n + s.bytes.length, 0);
  }

  async stop(): Promise<void> {
    await this.relay?.stop();
  }
}
