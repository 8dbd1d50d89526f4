// The byte streams an SSH hop is spoken over: a TCP socket to the first hop, or a forwardOut channel
// through the previous hop of a ProxyJump chain. Split out of tunnel-supervisor.ts (issue 14 §5).
import net from "node:net";
import type { Client, ClientChannel } from "ssh2";
import type { SshHop } from "./ssh-target.js";

/** A TCP connection to `hop`, added to `sockets` at once so a teardown while connecting destroys it. */
export function tcpConnect(sockets: Set<net.Socket | ClientChannel>, hop: SshHop): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const sock = net.connect({ host: hop.host, port: hop.port });
    sockets.add(sock);
    // The ssh2 Nagle trap: without this every small round trip through the forward waits ~40 ms.
    sock.setNoDelay(true);
    sock.once("connect", () => {
      sock.removeListener("error", reject);
      resolve(sock);
    });
    sock.once("error", reject);
  });
}

/** A channel to `hop` through the already logged-in jump host `prev`. */
export function streamThrough(prev: Client, hop: SshHop): Promise<ClientChannel> {
  return new Promise((resolve, reject) => {
    prev.forwardOut("127.0.0.1", 0, hop.host, hop.port, (err, stream) => {
      if (err) return reject(Object.assign(new Error(`the jump host could not reach ${hop.host}:${hop.port}: ${err.message}`), { code: (err as { code?: string }).code }));
      resolve(stream);
    });
  });
}
