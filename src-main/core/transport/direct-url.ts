// Turns what a person pastes into the direct-mode field into the URL we store and connect to.
// People paste dashboard links (https://…/#token=…), Tailscale Serve or Hugging Face Spaces addresses
// (https://host.tailnet.ts.net, https://name.hf.space) and bare ws:// URLs; all of them must work.
//  - http(s) becomes ws(s): the gateway serves its WebSocket on the same origin as its dashboard.
//  - Default ports: ws 18789 (the gateway's own port; nothing else listens on 80 for it), wss 443
//    (TLS in front of a gateway is a reverse proxy or Tailscale Serve, which listen on 443).
//  - Paths are kept: a reverse proxy may mount the gateway under /openclaw/.
//  - A #token=… fragment is the dashboard's way of carrying the gateway token: it is returned
//    separately (for the keychain) and never kept in the stored URL.
import type { Attention } from "../../../src-shared/attention.js";
import { DEFAULT_GATEWAY_PORT } from "../../../src-shared/gateway-port.js";

export const DEFAULT_WS_PORT = DEFAULT_GATEWAY_PORT;
export const DEFAULT_WSS_PORT = 443;

export interface DirectUrl {
  /** Normalised ws:// or wss:// URL, without fragment or token. */
  url: string;
  secure: boolean;
  /** Hostname as the URL holds it (IPv6 literals keep their brackets). */
  host: string;
  port: number;
  /** The token from a pasted #token=… fragment, if there was one. */
  token?: string;
}

export type DirectUrlResult = { ok: true; value: DirectUrl } | { ok: false; attention: Attention };

function invalid(message: string): DirectUrlResult {
  return {
    ok: false,
    attention: {
      reason: "invalid-url",
      message,
      fixHint: `Enter the gateway address like wss://gateway.example.com, https://host.tailnet.ts.net or ws://192.168.1.20:${DEFAULT_GATEWAY_PORT}.`,
    },
  };
}

export function parseDirectUrl(input: string): DirectUrlResult {
  let text = input.trim();
  if (!text) return invalid("The gateway address is empty.");
  const shown = text.replace(/#.*$/, "");
  // Typos of a scheme must be refused, not read as a bare host: "htp:/oops" would become wss://htp/oops
  // and fail much later as a DNS or TLS error that never mentions the typo (issue 12).
  const malformed = schemeTypo(text);
  if (malformed) return invalid(`"${shown}" ${malformed}`);
  // No scheme: assume TLS. Guessing ws:// would silently pick the insecure choice.
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) text = `wss://${text}`;
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    return invalid(`"${shown}" is not a URL.`);
  }
  const scheme = u.protocol;
  if (scheme === "http:" || scheme === "ws:") u = retag(u, "ws:");
  else if (scheme === "https:" || scheme === "wss:") u = retag(u, "wss:");
  else return invalid(`The gateway speaks WebSocket (ws:// or wss://), not ${scheme.replace(/:$/, "")}://.`);
  if (!u.hostname) return invalid("The gateway address has no host name.");
  if (u.username || u.password) return invalid("Put credentials in the token or password field, not in the address.");

  const secure = u.protocol === "wss:";
  let token: string | undefined;
  if (u.hash) {
    const params = new URLSearchParams(u.hash.slice(1));
    const t = params.get("token");
    if (t) token = t;
    u.hash = "";
  }
  if (!u.port && !secure) u.port = String(DEFAULT_WS_PORT);
  const port = u.port ? Number(u.port) : DEFAULT_WSS_PORT;
  // URL.toString() leaves a bare "#" off once hash is "", and writes the path as given ("/" when none).
  return { ok: true, value: { url: u.toString(), secure, host: u.hostname, port, ...(token ? { token } : {}) } };
}

/**
 * True when a command-line target is meant as a URL (so it must parse as one) rather than an SSH target
 * or a profile name: it has `scheme://`, or a scheme typo `parseDirectUrl` refuses ("htp:/oops", "ws//x").
 */
export function looksLikeUrl(input: string): boolean {
  const text = input.trim();
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(text) || schemeTypo(text) !== undefined;
}

const WEB_SCHEMES = new Set(["ws", "wss", "http", "https"]);

/**
 * What is wrong with an address whose start looks like a scheme but is not `scheme://`, or undefined
 * when it is a full URL or a bare host. `host:port` (digits after the colon) is a bare host, not a scheme.
 */
function schemeTypo(text: string): string | undefined {
  const missingColon = /^([a-z][a-z0-9+.-]*)\/\//i.exec(text);
  if (missingColon && WEB_SCHEMES.has(missingColon[1]!.toLowerCase())) return `is missing the ":" after ${missingColon[1]!.toLowerCase()} (write ${missingColon[1]!.toLowerCase()}://…).`;
  const colon = /^([a-z][a-z0-9+.-]*):(?!\/\/)(?!\d+(?:[/?#]|$))/i.exec(text);
  if (!colon) return undefined;
  const scheme = colon[1]!.toLowerCase();
  if (WEB_SCHEMES.has(scheme)) return `is missing a "/" after ${scheme}: (write ${scheme}://…).`;
  return `starts with "${scheme}:", which is not a gateway scheme (ws://, wss://, http:// or https://).`;
}

/**
 * URL refuses to switch between "special" schemes with different default ports in place (http → ws is
 * allowed, but not for every runtime), so the URL is rebuilt with the new scheme.
 */
function retag(u: URL, scheme: "ws:" | "wss:"): URL {
  if (u.protocol === scheme) return u;
  const rest = u.href.slice(u.protocol.length);
  const wasDefaultPort = !u.port;
  const n = new URL(scheme + rest);
  // http://host (port 80 implied) must not become ws://host:80: the implied port belonged to http.
  if (wasDefaultPort) n.port = "";
  return n;
}
