// The TLS-terminating relay both TLS harness servers are built on (tls-front.ts, tls-tap.ts): a loopback
// TLS server with the test's certificate that, for each client, opens an upstream connection, relays both
// ways and tears both sockets down when either side closes or fails. What differs stays with the callers:
// how the upstream is reached (plain TCP or TLS) and whether the client's decrypted bytes are recorded.
import type net from "node:net";
import tls from "node:tls";

export interface TlsRelayOptions {
  cert: string;
  key: string;
  /** Opens the upstream connection for one accepted client. */
  upstream: () => net.Socket;
  /** Called once per client after its handshake; the listener it returns sees every decrypted byte the client sends. */
  onSession?: () => ((data: Buffer) => void) | undefined;
  /** Called for every TCP connection accepted (before TLS). */
  onConnection?: () => void;
}

export interface TlsRelay {
  readonly server: tls.Server;
  readonly port: number;
  /** Destroys every open client and upstream socket (the server keeps listening). */
  dropConnections(): void;
  stop(): Promise<void>;
}

export async function startTlsRelay(o: TlsRelayOptions): Promise<TlsRelay> {
  const sockets = new Set<net.Socket>();
  const server = tls.createServer({ cert: o.cert, key: o.key }, (client) => {
    const record = o.onSession?.();
    const upstream = o.upstream();
    for (const s of [client, upstream]) sockets.add(s);
    if (record) client.on("data", record);
    client.pipe(upstream);
    upstream.pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    for (const s of [client, upstream]) {
      s.on("close", end);
      s.on("error", end);
    }
  });
  if (o.onConnection) server.on("connection", o.onConnection);
  server.on("tlsClientError", () => {});
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const dropConnections = () => {
    for (const s of sockets) s.destroy();
  };
  return {
    server,
    port: (server.address() as net.AddressInfo).port,
    dropConnections,
    async stop() {
      dropConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
