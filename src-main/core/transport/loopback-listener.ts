// Binds the tunnel's local end: one net.Server on 127.0.0.1 and, where the machine has it, one on ::1,
// both on the same port, so `localhost` works whichever address a client resolves it to.
// A port counts as free only if both can be bound (as in the macOS app): otherwise a browser that
// prefers ::1 would reach whatever else holds the port there, not the gateway.
import net from "node:net";

export interface BoundListener {
  port: number;
  /** True when the preferred port was taken and the kernel picked another. */
  fallback: boolean;
  servers: net.Server[];
}

export class ListenError extends Error {
  constructor(
    readonly code: string,
    readonly port: number,
  ) {
    super(`cannot listen on local port ${port}: ${code}`);
  }
}

/**
 * Every port this process's tunnels listen on, with the profile each forwards for. Local mode asks it
 * first: a listener of ours on the local gateway's port is a tunnel, never this machine's gateway.
 */
const ownListeners = new Map<number, string>();

/** The label (profile name) of this process's tunnel listening on `port`, if there is one. */
export function ownTunnelAt(port: number): string | undefined {
  return ownListeners.get(port);
}

function track(b: BoundListener, label: string): BoundListener {
  ownListeners.set(b.port, label);
  b.servers[0]!.once("close", () => {
    if (ownListeners.get(b.port) === label) ownListeners.delete(b.port);
  });
  return b;
}

function listenOn(host: string, port: number, onConnection: (s: net.Socket) => void): Promise<net.Server> {
  return new Promise((resolve, reject) => {
    // noDelay: a WebSocket round trip through an ssh2 forward waits ~40 ms on Nagle + delayed ACK otherwise.
    const srv = net.createServer({ noDelay: true }, onConnection);
    srv.once("error", (e: NodeJS.ErrnoException) => reject(e));
    srv.listen({ host, port, exclusive: true }, () => {
      srv.removeAllListeners("error");
      resolve(srv);
    });
  });
}

function close(srv: net.Server): Promise<void> {
  return new Promise((r) => srv.close(() => r()));
}

/**
 * Listens on the preferred port, or (when allowed and it is taken) on a free port chosen by the kernel.
 * Throws ListenError with the errno code when nothing usable could be bound.
 */
export async function bindLoopback(preferred: number, allowFallback: boolean, onConnection: (s: net.Socket) => void, ipv6 = true, label = "a Clawlink tunnel"): Promise<BoundListener> {
  return track(await bindAny(preferred, allowFallback, onConnection, ipv6), label);
}

async function bindAny(preferred: number, allowFallback: boolean, onConnection: (s: net.Socket) => void, ipv6: boolean): Promise<BoundListener> {
  const tryPort = async (port: number): Promise<BoundListener> => {
    const v4 = await listenOn("127.0.0.1", port, onConnection);
    const actual = (v4.address() as net.AddressInfo).port;
    if (!ipv6) return { port: actual, fallback: false, servers: [v4] };
    try {
      const v6 = await listenOn("::1", actual, onConnection);
      return { port: actual, fallback: false, servers: [v4, v6] };
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? "";
      // No IPv6 loopback on this machine (or in this namespace): IPv4 alone is the whole loopback.
      if (code === "EADDRNOTAVAIL" || code === "EAFNOSUPPORT") return { port: actual, fallback: false, servers: [v4] };
      await close(v4);
      throw e;
    }
  };
  try {
    return await tryPort(preferred);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? "EUNKNOWN";
    if (code !== "EADDRINUSE" || !allowFallback || preferred === 0) throw new ListenError(code, preferred);
  }
  // Port 0 on 127.0.0.1 can still collide on ::1; a few tries settle it.
  let last = "EADDRINUSE";
  for (let i = 0; i < 5; i++) {
    try {
      const b = await tryPort(0);
      return { ...b, fallback: true };
    } catch (e) {
      last = (e as NodeJS.ErrnoException).code ?? "EUNKNOWN";
      if (last !== "EADDRINUSE") break;
    }
  }
  throw new ListenError(last, preferred);
}
