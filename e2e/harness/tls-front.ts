// A TLS-terminating front for a plain ws:// gateway, the shape of Tailscale Serve, HF Spaces or a
// Caddy/nginx in front of `openclaw gateway`: it presents a certificate of the test's choosing and relays
// the decrypted bytes to the gateway over plain TCP. `renew()` swaps the certificate the way a proxy
// reload after a Let's Encrypt renewal does (new handshakes get the new one) and drops live connections,
// so a connected client has to make a new handshake.
import net from "node:net";
import { startTlsRelay, type TlsRelay } from "./tls-relay.js";

export class TlsFront {
  port = 0;
  private relay: TlsRelay | null = null;

  constructor(private opts: { cert: string; key: string; targetPort: number }) {}

  async start(): Promise<this> {
    const { cert, key, targetPort } = this.opts;
    this.relay = await startTlsRelay({ cert, key, upstream: () => net.connect({ host: "127.0.0.1", port: targetPort }) });
    this.port = this.relay.port;
    return this;
  }

  /** Presents another certificate from now on and closes every open connection. */
  renew(cert: string, key: string): void {
    this.opts = { ...this.opts, cert, key };
    this.relay?.server.setSecureContext({ cert, key });
    this.relay?.dropConnections();
  }

  async stop(): Promise<void> {
    await this.relay?.stop();
  }
}
