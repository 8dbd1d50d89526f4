// A loopback TCP relay in front of the gateway that notes the wall-clock time at which a marker (an
// approval id) first passes from the gateway towards a client — "the frame at the socket" for the
// approval-render benchmark, the same point for every client that connects through it. It removes
// `Sec-WebSocket-Extensions` from the client's upgrade request so no permessage-deflate is negotiated and
// the server's text frames cross it as plain bytes (server frames are never masked, RFC 6455 §5.1), which
// is all it needs to find the marker without parsing frames. HTTP (the Control UI's files) passes as is.
import net from "node:net";

export interface FrameTap {
  readonly port: number;
  /** Resolves with the wall-clock ms (performance.timeOrigin + now) at which `marker` first went downstream. */
  seen(marker: string): Promise<number>;
  close(): Promise<void>;
}

const now = () => performance.timeOrigin + performance.now();
/** How much of the previous chunk is kept so a marker split across two reads is still found. */
const CARRY = 256;

function stripExtensions(head: string): string {
  return head
    .split("\r\n")
    .filter((l) => !/^sec-websocket-extensions\s*:/i.test(l))
    .join("\r\n");
}

export async function startFrameTap(targetPort: number): Promise<FrameTap> {
  const waiting = new Map<string, (t: number) => void>();
  const seenAt = new Map<string, number>();
  const sockets = new Set<net.Socket>();
  const look = (text: string, t: number) => {
    for (const [m, resolve] of waiting) {
      if (!text.includes(m)) continue;
      waiting.delete(m);
      seenAt.set(m, t);
      resolve(t);
    }
  };
  const server = net.createServer({ noDelay: true }, (client) => {
    const up = net.connect({ host: "127.0.0.1", port: targetPort, noDelay: true });
    sockets.add(client).add(up);
    let head: Buffer | null = Buffer.alloc(0);
    client.on("data", (b: Buffer) => {
      if (!head) return void up.write(b);
      head = Buffer.concat([head, b]);
      const end = head.indexOf("\r\n\r\n");
      if (end < 0) return;
      up.write(Buffer.concat([Buffer.from(stripExtensions(head.subarray(0, end).toString("latin1")), "latin1"), head.subarray(end)]));
      head = null;
    });
    let carry = "";
    up.on("data", (b: Buffer) => {
      const t = now();
      client.write(b);
      if (waiting.size === 0) return;
      const text = carry + b.toString("latin1");
      look(text, t);
      carry = text.slice(-CARRY);
    });
    const close = () => (client.destroy(), up.destroy(), sockets.delete(client), sockets.delete(up));
    client.on("close", close).on("error", close);
    up.on("close", close).on("error", close);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    port: (server.address() as net.AddressInfo).port,
    seen: (marker) => {
      const t = seenAt.get(marker);
      if (t !== undefined) return Promise.resolve(t);
      return new Promise((resolve) => waiting.set(marker, resolve));
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((r) => server.close(r));
    },
  };
}
