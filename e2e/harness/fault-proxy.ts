// A userspace TCP fault-injection proxy on loopback (ported from the infra notes' fault-proxy.mjs): put it
// between a client and a server, then blackhole (bytes silently swallowed both ways, sockets stay open:
// a dead NAT or Wi-Fi), RST every open connection, refuse or close new ones, or pass. No root needed, so
// it works where the netns lab is overkill, and it can flap a link many times a second.
import net from "node:net";
import { isLoopbackHost } from "../../src-main/core/transport/plaintext-rule.js";

export type FaultMode = "pass" | "blackhole" | "reset" | "refuse" | "close";

export interface FaultProxy {
  readonly port: number;
  setMode(m: FaultMode): void;
  /** RST every open connection now (the mode stays as it is). */
  resetAll(): void;
  /** Open connections go silent for good (a stale socket after sleep); new ones follow the mode. */
  freezeExisting(): void;
  stats(): { mode: FaultMode; accepted: number; open: number; bytesUp: number; bytesDown: number };
  close(): Promise<void>;
}

export async function startFaultProxy(o: { targetPort: number; targetHost?: string; listenPort?: number }): Promise<FaultProxy> {
  const targetHost = o.targetHost ?? "127.0.0.1";
  if (!isLoopbackHost(targetHost)) throw new Error(`fault proxy: refusing non-loopback target ${targetHost}`);
  let mode: FaultMode = "pass";
  const conns = new Set<{ client: net.Socket; upstream: net.Socket }>();
  const frozen = new WeakSet<net.Socket>();
  const st = { accepted: 0, bytesUp: 0, bytesDown: 0 };

  const pump = (src: net.Socket, dst: net.Socket, key: "bytesUp" | "bytesDown") => {
    src.on("data", (buf: Buffer) => {
      if (mode === "blackhole" || frozen.has(src)) return;
      st[key] += buf.length;
      if (!dst.destroyed) dst.write(buf);
    });
    src.on("end", () => {
      if (!dst.destroyed) dst.end();
    });
  };

  const server = net.createServer({ noDelay: true }, (client) => {
    st.accepted++;
    if (mode === "reset" || mode === "refuse") return void client.resetAndDestroy();
    if (mode === "close") return void client.end();
    client.pause();
    const upstream = net.connect({ host: targetHost, port: o.targetPort, noDelay: true });
    const pair = { client, upstream };
    conns.add(pair);
    const kill = () => {
      conns.delete(pair);
      if (!client.destroyed) client.destroy();
      if (!upstream.destroyed) upstream.destroy();
    };
    client.on("error", kill).on("close", kill);
    upstream
      .on("error", () => {
        if (!client.destroyed) client.resetAndDestroy();
        kill();
      })
      .on("close", kill);
    upstream.once("connect", () => {
      pump(client, upstream, "bytesUp");
      pump(upstream, client, "bytesDown");
      client.resume();
    });
  });
  await new Promise<void>((res, rej) => server.once("error", rej).listen(o.listenPort ?? 0, "127.0.0.1", () => res()));

  const api: FaultProxy = {
    port: (server.address() as net.AddressInfo).port,
    setMode(m) {
      mode = m;
      if (m === "reset") api.resetAll();
    },
    resetAll() {
      for (const { client, upstream } of [...conns]) {
        if (!client.destroyed) client.resetAndDestroy();
        if (!upstream.destroyed) upstream.resetAndDestroy();
      }
      conns.clear();
    },
    freezeExisting() {
      for (const { client, upstream } of conns) {
        frozen.add(client);
        frozen.add(upstream);
      }
    },
    stats: () => ({ mode, ...st, open: conns.size }),
    close() {
      for (const { client, upstream } of conns) {
        client.destroy();
        upstream.destroy();
      }
      conns.clear();
      return new Promise((r) => server.close(() => r()));
    },
  };
  return api;
}
