// Fetches one chat picture from the gateway's media route over the connection's own path: the SSH
// tunnel's loopback port or the direct URL (same host, port and path prefix), with the profile's own
// credential as a bearer token. A wss:// gateway with a pinned certificate is reached over a TLS socket
// whose certificate is checked against that pin before a byte of the request (and so the token) is
// written; without a pin the system's trust decides, as for the WebSocket. No redirect is followed, the
// body is cut off past the cap, and what came back goes through checkImage (chat-media.ts) — the
// renderer only ever gets a checked `data:` URL or a sentence saying why not.
import http from "node:http";
import https from "node:https";
import net from "node:net";
import tls from "node:tls";
import { normalizeTlsFingerprint } from "../transport/tls-pin.js";
import { checkImage, IMAGE_CAP_BYTES, IMAGE_TYPES, type ImageCheck } from "./chat-media.js";

export interface MediaFetchOptions {
  /** The full media URL (chat-media.ts mediaUrl). */
  url: string;
  /** The profile's token or password, sent as `Authorization: Bearer`; null sends none (an artifact's ticketed link needs none). */
  bearer: string | null;
  /** The connection's certificate pin (64 hex) for https, when it has one. */
  tlsFingerprint?: string | null;
  cap?: number;
  timeoutMs?: number;
}

export async function fetchImage(o: MediaFetchOptions): Promise<ImageCheck> {
  const cap = o.cap ?? IMAGE_CAP_BYTES;
  const a = await fetchAnswer(o);
  return "failed" in a ? { ok: false, problem: a.failed } : checkImage({ ...a, cap });
}

/** What the gateway answered (status, type, the body cut at the cap + 1), before checkImage looks at it. */
export interface MediaAnswer {
  status: number;
  contentType: string | null;
  bytes: Uint8Array;
}

/** The GET itself; the caller decides what a status means (artifact-image.ts retries an expired link once). */
export async function fetchAnswer(o: MediaFetchOptions): Promise<MediaAnswer | { failed: string }> {
  const u = new URL(o.url);
  if (u.protocol !== "http:" && u.protocol !== "https:") return { failed: "the connection has no HTTP address for the gateway's media" };
  try {
    return await get(u, o, o.cap ?? IMAGE_CAP_BYTES);
  } catch (e) {
    return { failed: `it could not be fetched (${(e as Error).message})` };
  }
}

type Answer = MediaAnswer;

async function get(u: URL, o: MediaFetchOptions, cap: number): Promise<Answer> {
  const timeoutMs = o.timeoutMs ?? 15_000;
  const pin = u.protocol === "https:" ? normalizeTlsFingerprint(o.tlsFingerprint ?? null) : null;
  const socket = pin ? await pinnedSocket(u, pin, timeoutMs) : null;
  const headers: Record<string, string> = { accept: IMAGE_TYPES.join(", ") };
  if (o.bearer) headers.authorization = `Bearer ${o.bearer}`;
  const lib = u.protocol === "https:" && !socket ? https : http;
  return new Promise<Answer>((resolve, reject) => {
    // Over the pinned socket, plain HTTP framing is written onto the already-verified TLS stream.
    const common = { method: "GET", headers, timeout: timeoutMs };
    const onResponse = (res: http.IncomingMessage) => {
      const status = res.statusCode ?? 0;
      const contentType = typeof res.headers["content-type"] === "string" ? res.headers["content-type"] : null;
      if (status !== 200) {
        res.resume();
        return resolve({ status, contentType, bytes: new Uint8Array() });
      }
      const declared = Number(res.headers["content-length"] ?? NaN);
      const chunks: Buffer[] = [];
      let size = 0;
      const done = (bytes: Uint8Array) => {
        resolve({ status, contentType, bytes });
        req.destroy();
      };
      // Past the cap there is no point reading on: checkImage refuses anything larger than the cap.
      if (declared > cap) return done(new Uint8Array(cap + 1));
      res.on("data", (c: Buffer) => {
        size += c.length;
        if (size > cap) return done(new Uint8Array(cap + 1));
        chunks.push(c);
      });
      res.on("end", () => done(Buffer.concat(chunks)));
      res.on("error", reject);
    };
    const req = socket
      ? http.request({ ...common, hostname: u.hostname, port: u.port, path: `${u.pathname}${u.search}`, createConnection: () => socket }, onResponse)
      : lib.request(u, common, onResponse);
    req.on("timeout", () => req.destroy(new Error(`no answer within ${Math.round(timeoutMs / 1000)} s`)));
    req.on("error", reject);
    req.end();
  });
}

/** A TLS socket to the URL's host whose certificate matched the pin (else the connect fails). */
function pinnedSocket(u: URL, pin: string, timeoutMs: number): Promise<tls.TLSSocket> {
  const host = u.hostname.replace(/^\[|\]$/g, "");
  return new Promise((resolve, reject) => {
    const s = tls.connect({ host, port: Number(u.port || 443), ...(net.isIP(host) ? {} : { servername: host }), rejectUnauthorized: false, timeout: timeoutMs });
    s.once("secureConnect", () => {
      const seen = normalizeTlsFingerprint(s.getPeerCertificate().fingerprint256 ?? null);
      if (seen === pin) return resolve(s);
      s.destroy();
      reject(new Error("the gateway's certificate is not the pinned one"));
    });
    s.once("timeout", () => s.destroy(new Error("the TLS handshake timed out")));
    s.once("error", reject);
  });
}
