// Malformed HTTP/1.1 and WebSocket traffic for the web host fuzz test, from a seeded PRNG so a failing
// run is reproduced with the same seed. Each case is a list of chunks written to one raw TCP socket
// with optional pauses between them (slow clients), then either a clean end or a reset (truncation).
import { randomBytes } from "node:crypto";

export interface FuzzTarget {
  port: number;
  origin: string;
  /** A valid session cookie "name=value" (to get past auth and reach the deeper code paths). */
  cookie: string;
  /** The spent one-time token (it must keep getting 401). */
  spentToken: string;
}

export interface FuzzCase {
  kind: "line" | "headers" | "upgrade" | "frames" | "pipelined" | "slow";
  chunks: Buffer[];
  /** Pause before each chunk after the first (ms). */
  pauseMs: number;
  /** true: reset the socket after writing instead of a clean end. */
  reset: boolean;
}

/** mulberry32: tiny, fast, and good enough to pick cases. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function newSeed(): number {
  return randomBytes(4).readUInt32LE(0);
}

type Rand = () => number;
const int = (r: Rand, n: number): number => Math.floor(r() * n);
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[int(r, xs.length)]!;
const bytes = (r: Rand, n: number): string => String.fromCharCode(...Array.from({ length: n }, () => int(r, 256)));
const printable = (r: Rand, n: number): string => String.fromCharCode(...Array.from({ length: n }, () => 0x21 + int(r, 94)));

const METHODS = ["GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH", "TRACE", "CONNECT", "PRI", "get", "G ET", "", "GET\0", "\u00c9T"] as const;
const VERSIONS = ["HTTP/1.1", "HTTP/1.0", "HTTP/2.0", "HTTP/0.9", "HTTP/1.1 extra", "HTTX/1.1", "", "HTTP/1.", "http/1.1"] as const;
const NASTY = [
  "//[", "/%", "/%zz", "/%E0%A4%A", "/%C0%AF", "/%00", "/..%2f..%2f..%2fetc%2fpasswd", "/../../etc/passwd", "*", "http://[::1", "http://evil.example/",
  "/\\evil.example", "//evil.example/%2e%2e", "/?token=%ZZ", "/?token=", "/?token=%E0%A4%A&token=x", "/index.html%00.js", "/clawlink-host.js%", "/api%",
  "/assets/%2e%2e/%2e%2e/index.html", "/\u0000", "/\u00e9\u2028", "/ /", "/?\u00ff=%", "/#frag", "", " ", "/" + "%".repeat(50),
] as const;

function target(r: Rand, t: FuzzTarget): string {
  switch (int(r, 6)) {
    case 0:
      return pick(r, NASTY);
    case 1:
      return `/?token=${t.spentToken}${pick(r, ["", "&x=%", "%", "#"])}`;
    case 2:
      return "/" + printable(r, int(r, 200));
    case 3:
      return "/" + bytes(r, int(r, 64));
    case 4:
      return "/" + "a/".repeat(int(r, 20_000)); // up to 40 KB: over the 16 KiB header cap
    default:
      return pick(r, ["/", "/index.html", "/clawlink-host.js", "/api", "/assets/x.js"]) + pick(r, NASTY);
  }
}

function header(r: Rand, t: FuzzTarget): string {
  switch (int(r, 14)) {
    case 0:
      return `Host: ${pick(r, [`127.0.0.1:${t.port}`, "evil.example", "", `127.0.0.1:${t.port}\0`, "[::1", `127.0.0.1:${t.port}, evil.example`])}`;
    case 1:
      return `Cookie: ${pick(r, [t.cookie, `${t.cookie.split("=")[0]}=%E0%A4%A`, `${t.cookie.split("=")[0]}=${t.spentToken}`, ";;;=;=", `a=${"%".repeat(100)}`, `${t.cookie}; `.repeat(int(r, 300))])}`;
    case 2:
      return `Content-Length: ${pick(r, ["-1", "99999999999999999999", "1, 2", "abc", "0", "5"])}`;
    case 3:
      return `Transfer-Encoding: ${pick(r, ["chunked", "gzip, chunked", "chunked\0", "identity", "xchunked"])}`;
    case 4:
      return `${printable(r, 1 + int(r, 30))}: ${bytes(r, int(r, 80))}`;
    case 5:
      return `X-Big: ${"b".repeat(int(r, 40_000))}`;
    case 6:
      return `Origin: ${pick(r, [t.origin, "http://evil.example", "null", "", bytes(r, 10)])}`;
    case 7:
      return " obs-fold continuation";
    case 8:
      return `Bad Name: x`;
    case 9:
      return `Authorization: Bearer ${pick(r, [t.spentToken, "x", "", "%E0%A4%A"])}`;
    case 10:
      return `X-Bare-CR: a\rb`;
    case 11:
      return ":empty-name";
    case 12:
      return `Expect: ${pick(r, ["100-continue", "bogus"])}`;
    default:
      return Array.from({ length: int(r, 400) }, (_, i) => `X-${i}: ${printable(r, 8)}`).join("\r\n");
  }
}

const crlf = (lines: string[]): string => lines.join("\r\n") + "\r\n\r\n";

function requestLineCase(r: Rand, t: FuzzTarget): string {
  const line = int(r, 5) === 0 ? bytes(r, int(r, 300)) : `${pick(r, METHODS)} ${target(r, t)} ${pick(r, VERSIONS)}`;
  return crlf([line, `Host: 127.0.0.1:${t.port}`, ...(int(r, 2) ? [`Cookie: ${t.cookie}`] : [])]);
}

function headersCase(r: Rand, t: FuzzTarget): string {
  const hs = Array.from({ length: 1 + int(r, 6) }, () => header(r, t));
  const body = int(r, 3) === 0 ? pick(r, ["5\r\nhello\r\n0\r\n\r\n", "zz\r\n", bytes(r, int(r, 500)), "0\r\n\r\n"]) : "";
  return crlf([`${pick(r, ["GET", "POST", "HEAD"])} ${int(r, 2) ? "/" : target(r, t)} HTTP/1.1`, `Host: 127.0.0.1:${t.port}`, ...hs]) + body;
}

function upgradeHeaders(r: Rand, t: FuzzTarget, valid: boolean): string[] {
  const key = valid || int(r, 2) ? randomBytes(16).toString("base64") : pick(r, ["", "short", "%%%", bytes(r, 24)]);
  const hs = [`Host: 127.0.0.1:${t.port}`, "Connection: Upgrade", `Upgrade: ${valid || int(r, 3) ? "websocket" : pick(r, ["h2c", "", "websocket, h2c", "WebSocket\0"])}`];
  if (valid || int(r, 4)) hs.push(`Sec-WebSocket-Version: ${valid || int(r, 2) ? "13" : pick(r, ["8", "", "99999999999"])}`);
  if (valid || int(r, 4)) hs.push(`Sec-WebSocket-Key: ${key}`);
  if (valid || int(r, 3)) hs.push(`Origin: ${valid || int(r, 2) ? t.origin : "http://evil.example"}`);
  if (valid || int(r, 2)) hs.push(`Cookie: ${valid || int(r, 2) ? t.cookie : "clawlink_x=%"}`);
  if (!valid && int(r, 3) === 0) hs.push(header(r, t));
  return hs;
}

function upgradeCase(r: Rand, t: FuzzTarget): string {
  return crlf([`GET ${int(r, 2) ? "/api" : target(r, t)} HTTP/1.1`, ...upgradeHeaders(r, t, false)]);
}

/** One client frame (masked unless broken on purpose), possibly lying about its length. */
function wsFrame(r: Rand): Buffer {
  const payload = Buffer.from(
    pick(r, ["null", "[]", "42", '"x"', "{", '{"t":"call","id":1,"method":"__proto__"}', '{"t":"call","id":"1","method":"getState"}', '{"t":"call","id":2,"method":"connect","args":[{"$":1}]}', bytes(r, int(r, 200))]),
    "latin1",
  );
  const opcode = pick(r, [0x1, 0x1, 0x2, 0x0, 0x8, 0x9, 0xa, 0x3, 0xf]);
  const fin = int(r, 5) ? 0x80 : 0;
  const masked = int(r, 8) ? 0x80 : 0;
  const lie = int(r, 6) === 0;
  const len = lie ? pick(r, [126, 127]) : payload.length < 126 ? payload.length : 126;
  const head = [fin | (int(r, 10) ? 0 : 0x70) | opcode, masked | len];
  const ext = len === 126 ? [payload.length >> 8, payload.length & 0xff] : len === 127 ? [0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff] : [];
  const mask = masked ? randomBytes(4) : Buffer.alloc(0);
  const body = Buffer.from(payload.map((b, i) => (masked ? b ^ mask[i % 4]! : b)));
  return Buffer.concat([Buffer.from([...head, ...ext]), mask, body]);
}

/** An accepted upgrade (the right cookie and Origin) followed by broken frames. */
function framesCase(r: Rand, t: FuzzTarget): Buffer[] {
  const hello = Buffer.from(crlf(["GET /api HTTP/1.1", ...upgradeHeaders(r, t, true)]), "latin1");
  return [hello, ...Array.from({ length: 1 + int(r, 4) }, () => wsFrame(r))];
}

/** Splits a request into 2-6 pieces at random points (slow and truncated clients). */
function split(r: Rand, s: Buffer): Buffer[] {
  const cuts = Array.from({ length: 1 + int(r, 5) }, () => int(r, s.length + 1)).sort((a, b) => a - b);
  const out: Buffer[] = [];
  let at = 0;
  for (const c of [...cuts, s.length]) {
    if (c > at) out.push(s.subarray(at, c));
    at = c;
  }
  return out;
}

export function nextCase(r: Rand, t: FuzzTarget): FuzzCase {
  const roll = int(r, 100);
  const b = (s: string) => Buffer.from(s, "latin1");
  const reset = int(r, 10) === 0;
  if (roll < 30) return { kind: "line", chunks: [b(requestLineCase(r, t))], pauseMs: 0, reset };
  if (roll < 55) return { kind: "headers", chunks: [b(headersCase(r, t))], pauseMs: 0, reset };
  if (roll < 72) return { kind: "upgrade", chunks: [b(upgradeCase(r, t))], pauseMs: 0, reset };
  if (roll < 86) return { kind: "frames", chunks: framesCase(r, t), pauseMs: 0, reset };
  if (roll < 95) return { kind: "pipelined", chunks: [b(Array.from({ length: 2 + int(r, 6) }, () => (int(r, 2) ? requestLineCase(r, t) : headersCase(r, t))).join(""))], pauseMs: 0, reset };
  // Slow: the request in pieces with pauses, and a third of them truncated (never finished).
  const whole = b(int(r, 2) ? headersCase(r, t) : upgradeCase(r, t));
  const pieces = split(r, whole);
  return { kind: "slow", chunks: int(r, 3) ? pieces : pieces.slice(0, Math.max(1, pieces.length - 1)), pauseMs: 20 + int(r, 80), reset };
}
