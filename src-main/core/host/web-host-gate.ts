// The web host's front door, kept total: every function here answers for any bytes a client can send
// (they never throw), because one unguarded `new URL()` or `decodeURIComponent` on a request line used to
// be enough to kill `clawlink serve`.
// - Request targets: origin-form only ("/path?query"); anything that would resolve to another origin
//   ("//host", "/\host", absolute-form, "*") or fails to parse or decode is a 400.
// - Credentials: the URL token is ONE-TIME. Its first use (a page GET with ?token=, Host and Origin
//   already checked) is traded for a session cookie with a different random value; from then on the
//   token is dead everywhere (URL, cookie, Authorization: Bearer) and gets 401, so a copied URL in shell
//   history is useless. The session cookie is valid for the server's lifetime. WebSocket upgrades
//   accept the cookie only (a browser always has it by the time the page's script opens the socket).
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { STATUS_CODES, type IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";

export type Verdict =
  | { ok: true; via: "cookie" }
  | { ok: true; via: "token"; setCookie: string }
  | { ok: false; status: 401 | 403; why: string; body: string };

const sha = (s: string): Buffer => createHash("sha256").update(s).digest();
const same = (candidate: string | null | undefined, hash: Buffer): boolean => typeof candidate === "string" && candidate.length > 0 && timingSafeEqual(sha(candidate), hash);

/** The request target as a URL on this origin, or null (→ 400) when it is not a plain origin-form path. */
export function parseTarget(raw: string | undefined, origin: string): URL | null {
  if (!raw || raw[0] !== "/" || raw[1] === "/" || raw[1] === "\\") return null;
  let url: URL;
  try {
    url = new URL(raw, origin);
  } catch {
    return null;
  }
  return url.origin === origin ? url : null;
}

/** The percent-decoded path, or null (→ 400) for a bad escape or a NUL byte. */
export function decodePath(pathname: string): string | null {
  try {
    const rel = decodeURIComponent(pathname);
    return rel.includes("\0") ? null : rel;
  } catch {
    return null;
  }
}

/** Every value of the cookie `name` in a Cookie header, undecoded (ours are base64url). */
export function cookieValues(header: string | undefined, name: string): string[] {
  if (!header) return [];
  const out: string[] = [];
  for (const part of header.split(";")) {
    const i = part.indexOf("=");
    if (i > 0 && part.slice(0, i).trim() === name) out.push(part.slice(i + 1).trim());
  }
  return out;
}

/** A minimal HTTP/1.1 answer written straight to a socket (upgrades, client errors), then closed. */
export function rawAnswer(socket: Duplex, status: number): void {
  if (!socket.writable) return void socket.destroy();
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? "Error"}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`, () => socket.destroy());
}

/** What Node would have answered for a client error, but with the socket always destroyed afterwards. */
export function clientErrorStatus(err: NodeJS.ErrnoException): number | null {
  if (err.code === "ECONNRESET" || err.code === "EPIPE") return null;
  if (err.code === "HPE_HEADER_OVERFLOW") return 431;
  if (err.code === "ERR_HTTP_REQUEST_TIMEOUT") return 408;
  return 400;
}

export interface Gate {
  /** The token for the printed URL (never log it). */
  readonly token: string;
  readonly cookieName: string;
  /** null-safe: Host, Origin, then the credential; may spend the token (page GETs only). */
  judge(req: IncomingMessage, url: URL, kind: "page" | "upgrade"): Verdict;
}

export function createGate(o: { origin: string; cookieName: string; token?: string; onSecret?: (s: string) => void }): Gate {
  const token = o.token ?? randomBytes(32).toString("base64url");
  const session = randomBytes(32).toString("base64url");
  o.onSecret?.(token);
  o.onSecret?.(session);
  const tokenHash = sha(token);
  const sessionHash = sha(session);
  const hostHeader = new URL(o.origin).host;
  let spent = false;
  const deny = (status: 401 | 403, why: string, body: string): Verdict => ({ ok: false, status, why, body });
  const unauthorized = deny(401, "no valid credential", "401: open the URL that `clawlink serve` printed (it carries a one-time access token).\n");
  const reused = deny(
    401,
    "the one-time token was used again",
    `401: this one-time link was already used. The browser that opened it first stays logged in at ${o.origin}/ ; for another browser, restart \`clawlink serve\` and open the new link.\n`,
  );

  return {
    token,
    cookieName: o.cookieName,
    judge(req, url, kind) {
      if (req.headers.host !== hostHeader) return deny(403, "wrong Host header", "403: forbidden\n");
      const originHeader = req.headers.origin;
      if (kind === "upgrade" ? originHeader !== o.origin : originHeader !== undefined && originHeader !== o.origin) return deny(403, "foreign or missing Origin", "403: forbidden\n");
      const cookies = cookieValues(req.headers.cookie, o.cookieName);
      const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "")?.[1];
      const queryToken = url.searchParams.get("token");
      // A later use of the token is refused even next to a valid cookie: "any later use gets 401".
      if (spent && [queryToken, bearer, ...cookies].some((c) => same(c, tokenHash))) return reused;
      if (cookies.some((c) => same(c, sessionHash))) return { ok: true, via: "cookie" };
      // Not HEAD: a link checker's HEAD must not burn the one login a person gets.
      const pageGet = kind === "page" && req.method === "GET";
      if (!spent && pageGet && same(queryToken, tokenHash)) {
        spent = true;
        return { ok: true, via: "token", setCookie: `${o.cookieName}=${session}; HttpOnly; SameSite=Strict; Path=/` };
      }
      return unauthorized;
    },
  };
}
