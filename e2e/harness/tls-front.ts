// A TLS-terminating front for a plain ws:// gateway, the shape of Tailscale Serve, HF Spaces or a
// Caddy/nginx in front of `openclaw gateway`: it presents a certificate of the test's choosing and relays
// the decrypted bytes to the gateway over plain TCP. `renew()` swaps the certificate the way a proxy
// reload after a Let's Encrypt renewal does (new handshakes get the new one) and drops live connections,
// so a connected client has to make a new handshake.
import net from "node:net";
import tls from "node:tls";

export class TlsFront {
  port = 0;
  private server: tls.Server | null = null;
  private readonly sockets = new Set<net.Socket>();

  constructor(private opts: { cert: string; key: string; targetPort: number }) {}

  async start(): Promise<this> {
    const srv = tls.createServer({ cert: this.opts.cert, key: this.opts.key }, (client) => {
      const upstream = net.connect({ host: "127.0.0.1", port: this.opts.targetPort });
      for (const s of [client, upstream]) this.sockets.add(s);
      client.pipe(upstream);
      upstream.pipe(client);
      const end = () => {
        client.destroy();
        upstream.destroy();
        this.sockets.delete(client);
        this.sockets.delete(upstream);
      };
      for (const s of [client, upstream]) {
        s.on("close", end);
        s.on("error", end);
      }
    });
    srv.on("tlsClientError", () => {});
    this.server = srv;
    await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
    this.port = (srv.address() as net.AddressInfo).port;
    return this;
  }

  /** Presents another certificate from now on and closes every open connection. */
  renew(cert: string, key: string): void {
    this.opts = { ...this.opts, cert, key };
    this.server?.setSecureContext({ cert, key });
    for (const s of this.sockets) s.destroy();
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}
