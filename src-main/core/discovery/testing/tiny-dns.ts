// Test harness only: a tiny authoritative DNS server on 127.0.0.1 (UDP and TCP, RFC 1035 wire format,
// hand-encoded so a test can also send what no library would: malformed messages, silence, answers far
// over 512 bytes). A UDP answer that does not fit 512 bytes goes out truncated (TC, no records), as a
// real server's does, so the client's retry over TCP is exercised too. The real-server proof is
// e2e/wide-area-discovery.e2e.test.ts (NSD serving the real gateway's own zone file).
import dgram from "node:dgram";
import net from "node:net";

export type Rr =
  | { type: "PTR"; name: string; target: string; ttl?: number }
  | { type: "SRV"; name: string; port: number; target: string; priority?: number; weight?: number; ttl?: number }
  | { type: "TXT"; name: string; strings: Array<string | Buffer>; ttl?: number }
  | { type: "A"; name: string; address: string; ttl?: number }
  | { type: "AAAA"; name: string; address: string; ttl?: number };

const TYPE = { A: 1, PTR: 12, TXT: 16, AAAA: 28, SRV: 33 } as const;
const CODE: Record<number, keyof typeof TYPE> = { 1: "A", 12: "PTR", 16: "TXT", 28: "AAAA", 33: "SRV" };

/** What the server does with one question: records (empty = NODATA), NXDOMAIN, raw bytes, or silence. */
export type Reply = Rr[] | "nxdomain" | "servfail" | "drop" | { raw: (id: number) => Buffer };

function encodeName(name: string): Buffer {
  const labels = name.replace(/\.$/, "").split(".").filter(Boolean);
  return Buffer.concat([...labels.map((l) => Buffer.concat([Buffer.from([Buffer.byteLength(l)]), Buffer.from(l)])), Buffer.from([0])]);
}

function rdata(r: Rr): Buffer {
  switch (r.type) {
    case "PTR":
      return encodeName(r.target);
    case "SRV": {
      const h = Buffer.alloc(6);
      h.writeUInt16BE(r.priority ?? 0, 0);
      h.writeUInt16BE(r.weight ?? 0, 2);
      h.writeUInt16BE(r.port, 4);
      return Buffer.concat([h, encodeName(r.target)]);
    }
    case "TXT":
      return Buffer.concat(r.strings.map((s) => {
        const b = Buffer.isBuffer(s) ? s : Buffer.from(s);
        return Buffer.concat([Buffer.from([b.length]), b]);
      }));
    case "A":
      return Buffer.from(r.address.split(".").map(Number));
    case "AAAA": {
      const full = r.address.split("::").map((p) => (p ? p.split(":") : []));
      const groups = full.length === 2 ? [...full[0]!, ...Array(8 - full[0]!.length - full[1]!.length).fill("0"), ...full[1]!] : full[0]!;
      return Buffer.concat(groups.map((g) => { const b = Buffer.alloc(2); b.writeUInt16BE(parseInt(g, 16)); return b; }));
    }
  }
}

function encodeRr(r: Rr): Buffer {
  const data = rdata(r);
  const h = Buffer.alloc(10);
  h.writeUInt16BE(TYPE[r.type], 0);
  h.writeUInt16BE(1, 2);
  h.writeUInt32BE(r.ttl ?? 60, 4);
  h.writeUInt16BE(data.length, 8);
  return Buffer.concat([encodeName(r.name), h, data]);
}

interface Question {
  id: number;
  name: string;
  type: keyof typeof TYPE | undefined;
  /** The question section as received (echoed back). */
  raw: Buffer;
}

function parseQuery(msg: Buffer): Question | null {
  if (msg.length < 17) return null;
  let i = 12;
  const labels: string[] = [];
  while (i < msg.length && msg[i] !== 0) {
    const n = msg[i]!;
    labels.push(msg.subarray(i + 1, i + 1 + n).toString());
    i += n + 1;
  }
  const end = i + 5;
  if (end > msg.length) return null;
  return { id: msg.readUInt16BE(0), name: labels.join(".").toLowerCase(), type: CODE[msg.readUInt16BE(i + 1)], raw: msg.subarray(12, end) };
}

function answer(q: Question, records: Rr[], rcode: number, maxBytes: number): Buffer {
  const body = records.map(encodeRr);
  const size = 12 + q.raw.length + body.reduce((n, b) => n + b.length, 0);
  const truncated = size > maxBytes;
  const h = Buffer.alloc(12);
  h.writeUInt16BE(q.id, 0);
  h.writeUInt16BE(0x8400 | (truncated ? 0x0200 : 0) | rcode, 2); // QR, AA (, TC), RCODE
  h.writeUInt16BE(1, 4);
  h.writeUInt16BE(truncated ? 0 : records.length, 6);
  return Buffer.concat([h, q.raw, ...(truncated ? [] : body)]);
}

export interface TinyDns {
  /** `127.0.0.1:PORT`, for node:dns setServers. */
  server: string;
  /** Every question asked, as `TYPE name`. */
  asked: string[];
  close(): Promise<void>;
}

/** Starts the server; `zone(name, type)` decides each reply. */
export async function startTinyDns(zone: (name: string, type: string | undefined) => Reply): Promise<TinyDns> {
  const asked: string[] = [];
  const reply = (msg: Buffer, maxBytes: number): Buffer | null => {
    const q = parseQuery(msg);
    if (!q) return null;
    asked.push(`${q.type ?? "?"} ${q.name}`);
    const r = zone(q.name, q.type);
    if (r === "drop") return null;
    if (r === "nxdomain") return answer(q, [], 3, maxBytes);
    if (r === "servfail") return answer(q, [], 2, maxBytes);
    if (!Array.isArray(r)) return r.raw(q.id);
    return answer(q, r, 0, maxBytes);
  };
  const udp = dgram.createSocket("udp4");
  udp.on("message", (msg, from) => {
    const out = reply(msg, 512);
    if (out) udp.send(out, from.port, from.address);
  });
  await new Promise<void>((r) => udp.bind(0, "127.0.0.1", () => r()));
  const port = udp.address().port;
  const open = new Set<net.Socket>();
  const tcp = net.createServer((sock) => {
    open.add(sock);
    sock.once("close", () => open.delete(sock));
    let buf = Buffer.alloc(0);
    sock.on("error", () => undefined);
    sock.on("data", (d) => {
      buf = Buffer.concat([buf, d]);
      while (buf.length >= 2 && buf.length >= 2 + buf.readUInt16BE(0)) {
        const out = reply(buf.subarray(2, 2 + buf.readUInt16BE(0)), 65_535);
        buf = buf.subarray(2 + buf.readUInt16BE(0));
        if (out) {
          const len = Buffer.alloc(2);
          len.writeUInt16BE(out.length);
          sock.write(Buffer.concat([len, out]));
        }
      }
    });
  });
  await new Promise<void>((r, j) => tcp.once("error", j).listen(port, "127.0.0.1", () => r()));
  return {
    server: `127.0.0.1:${port}`,
    asked,
    close: async () => {
      await new Promise<void>((r) => udp.close(() => r()));
      // The client may keep its TCP connection open: end it, or close() would wait for it.
      for (const s of open) s.destroy();
      await new Promise<void>((r) => tcp.close(() => r()));
    },
  };
}
