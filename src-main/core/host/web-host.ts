// The web host (`clawlink serve`): the built renderer and the host API on 127.0.0.1 only, for machines
// without Electron and for the e2e suite's real Chromium.
// - Access (web-host-gate.ts): a random ONE-TIME token arrives in the URL printed at start; its first
//   page load trades it for an HttpOnly SameSite=Strict session cookie (another random value) and is
//   redirected to a URL without it. Any later use of the token gets 401; the cookie lasts as long as the
//   server. WebSocket upgrades need the cookie.
// - Host must be 127.0.0.1:<port> (no DNS rebinding); Origin, when sent, must be this origin, and the
//   upgrade must carry it. Anything else: 401 (no/wrong/spent credential) or 403 (foreign Host/Origin).
// - It is a server: every request path is total. A request line, header or escape that does not parse
//   gets 400 and the process stays up (client errors, socket errors, upgrades included); headers are
//   capped at 16 KiB and slow clients are cut off by the header/request timeouts below.
// - The page gets the renderer's own CSP (read from its index.html), as a header too, plus
//   frame-ancestors 'none' (header only), and one change: connect-src allows exactly this host's
//   WebSocket, which is how window.clawlink reaches the host. The script providing window.clawlink is
//   served from the same origin (script-src 'self'); no inline script anywhere. It is the one host
//   client (src-shared/host-client.ts, the preload's too) built into the renderer folder by
//   scripts/build.mjs, not a copy kept here.
// - Every call goes through host-call.ts (the Electron shell's IPC does too): arguments and result
//   validated against the contract, the answer a HostReply value; every event is validated as well.
import fs from "node:fs";
import http from "node:http";
import type { Duplex } from "node:stream";
import path from "node:path";
import { WebSocketServer, type WebSocket } from "ws";
import { clientErrorStatus, createGate, decodePath, parseTarget, rawAnswer } from "./web-host-gate.js";
import { WEB_HOST_API_PATH, WEB_HOST_SCRIPT, type HostEventMessage, type HostHandlers, type WebHostFrame } from "../../../src-shared/host-api.js";
import type { Logger } from "../log/logger.js";
import { fileUnder, mimeFor } from "../renderer-files.js";
import { callHostMethod } from "./host-call.js";

export interface WebHostOptions {
  handlers: HostHandlers;
  onEvent: (l: (e: HostEventMessage) => void) => () => void;
  rendererDir: string;
  /** 0 = any free port. */
  port?: number;
  /** Given by tests; otherwise 32 random bytes. */
  token?: string;
  logger: Logger;
}

export interface WebHost {
  /** The URL to open, token included (print it once; never log it). */
  url: string;
  origin: string;
  port: number;
  close(): Promise<void>;
}

const BIND = "127.0.0.1";
export const API_PATH = WEB_HOST_API_PATH;
export const HOST_SCRIPT = WEB_HOST_SCRIPT;

// Bounded header size, and slow or silent clients are dropped (Node's defaults are 60 s / 300 s and
// are checked only every 30 s).
const SERVER_LIMITS: http.ServerOptions = { maxHeaderSize: 16 * 1024, headersTimeout: 10_000, requestTimeout: 30_000, keepAliveTimeout: 5_000, connectionsCheckingInterval: 1_000 };
/** One host-API frame: a message with pictures (src-shared/chat-pictures.ts, up to 4 of 8 MB as base64) must fit. */
const WS_MAX_PAYLOAD = 48 * 1024 * 1024;

/** The CSP of the renderer's index.html, with this host's WebSocket allowed and framing forbidden. */
export function webHostCsp(indexHtml: string, origin: string): { meta: string; header: string } {
  const m = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(indexHtml);
  if (!m) throw new Error("the renderer's index.html has no Content-Security-Policy meta tag; refusing to serve it without one");
  const ws = origin.replace(/^http/, "ws");
  const directives = m[1]!.split(";").map((d) => d.trim()).filter(Boolean);
  const meta = directives.map((d) => (/^connect-src\b/.test(d) ? `connect-src ${ws}${API_PATH}` : d)).join("; ");
  return { meta, header: `${meta}; frame-ancestors 'none'` };
}

/** index.html as served: the adjusted CSP meta tag and the host script ahead of the app's module. */
export function webHostIndex(indexHtml: string, cspMeta: string): string {
  return indexHtml
    .replace(/(<meta\s+http-equiv="Content-Security-Policy"\s+content=")[^"]+(")/i, `$1${cspMeta}$2`)
    .replace(/<\/head>/i, `  <script src=".${HOST_SCRIPT}"></script>\n  </head>`);
}

/** A flood of bad requests must not rotate the useful lines out of the log: 20 refusals a minute are
 *  written one by one, the rest counted and summed up at the next refusal after that minute. */
function refusalLog(log: Logger): (msg: string) => void {
  let windowStart = 0;
  let written = 0;
  let counted = 0;
  return (msg) => {
    const now = Date.now();
    if (now - windowStart > 60_000) {
      if (counted) log.info(`${counted} more requests were refused in the minute before (not logged one by one)`);
      windowStart = now;
      written = 0;
      counted = 0;
    }
    if (written++ < 20) log.info(msg);
    else counted++;
  };
}

/** A file of the built renderer under rendererDir, or null (outside it, missing, or not a file). */
function rendererFile(rendererDir: string, rel: string): { body: Buffer; type: string } | null {
  const file = fileUnder(rendererDir, rel);
  if (!file) return null;
  try {
    if (!fs.statSync(file).isFile()) return null;
    return { body: fs.readFileSync(file), type: mimeFor(file) };
  } catch {
    return null;
  }
}

/** What the page and upgrade handlers of one running host share. */
interface Served {
  origin: string;
  gate: ReturnType<typeof createGate>;
  rendererDir: string;
  indexFile: string;
  /** index.html as served (webHostIndex). */
  index: string;
  securityHeaders: Record<string, string>;
  log: Logger;
  logRefusal: (msg: string) => void;
}

function securityHeadersFor(cspHeader: string): Record<string, string> {
  return {
    "content-security-policy": cspHeader,
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
    "cache-control": "no-store",
  };
}

// Attacker-chosen text in a log line: bounded and quoted.
const shown = (s: string | undefined): string => JSON.stringify(String(s).slice(0, 120));

/** Pages and files: every request judged by the gate first; total, with a 500 as the net under it. */
function pageHandler(s: Served): (req: http.IncomingMessage, res: http.ServerResponse) => void {
  const text = (res: http.ServerResponse, status: number, body: string, extra: Record<string, string> = {}): void =>
    void res.writeHead(status, { ...s.securityHeaders, "content-type": "text/plain; charset=utf-8", ...extra }).end(body);

  function onRequest(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = parseTarget(req.url, s.origin);
    if (!url) return text(res, 400, "400: bad request\n", { connection: "close" });
    const verdict = s.gate.judge(req, url, "page");
    if (!verdict.ok) {
      s.logRefusal(`refused ${shown(req.method)} ${shown(url.pathname)}: ${verdict.why}`);
      return text(res, verdict.status, verdict.body);
    }
    if (req.method !== "GET" && req.method !== "HEAD") return void res.writeHead(405, { ...s.securityHeaders, allow: "GET, HEAD" }).end();
    // The one-time URL token became a session cookie; the address bar loses it.
    if (verdict.via === "token") {
      url.searchParams.delete("token");
      return void res.writeHead(302, { ...s.securityHeaders, "set-cookie": verdict.setCookie, location: `${url.pathname}${url.search}` }).end();
    }
    const rel = decodePath(url.pathname);
    if (rel === null) return text(res, 400, "400: bad request\n");
    const found = rel === "/" || rel === "/index.html" ? { body: s.index, type: mimeFor(s.indexFile) } : rendererFile(s.rendererDir, rel);
    if (!found) return text(res, 404, "404\n");
    res.writeHead(200, { ...s.securityHeaders, "content-type": found.type });
    res.end(req.method === "HEAD" ? undefined : found.body);
  }

  return (req, res) => {
    try {
      onRequest(req, res);
    } catch (e) {
      // Total by construction; this is the net under it, so one request can never take the host down.
      s.log.warn("request handler failed", { error: (e as Error).message });
      if (!res.headersSent) text(res, 500, "500\n", { connection: "close" });
      else res.destroy();
    }
  };
}

/** WebSocket upgrades: only on the API path, and only what the gate lets through. */
function upgradeHandler(s: Served, wss: WebSocketServer, attach: (ws: WebSocket) => void): (req: http.IncomingMessage, socket: Duplex, head: Buffer) => void {
  return (req, socket, head) => {
    // Node hands an upgraded socket over without its error listener: a reset here must not be fatal.
    socket.on("error", () => socket.destroy());
    const url = parseTarget(req.url, s.origin);
    const verdict = !url ? { ok: false as const, status: 400, why: "bad request target" } : url.pathname !== API_PATH ? { ok: false as const, status: 404, why: "not the API path" } : s.gate.judge(req, url, "upgrade");
    if (!verdict.ok) {
      s.logRefusal(`refused WebSocket upgrade: ${verdict.why}`);
      return rawAnswer(socket, verdict.status);
    }
    wss.handleUpgrade(req, socket, head, (ws) => attach(ws));
  };
}

/** The API sockets: call frames in (anything else closes the socket), results and every host event out. */
function apiSockets(o: WebHostOptions, log: Logger): { attach(ws: WebSocket): void; close(): void } {
  const clients = new Set<WebSocket>();
  const unsubscribe = o.onEvent((e) => {
    const frame = JSON.stringify({ t: "event", name: e.name, payload: e.payload } satisfies WebHostFrame);
    for (const c of clients) if (c.readyState === c.OPEN) c.send(frame);
  });
  const call = async (id: number, method: string, rawArgs: unknown): Promise<WebHostFrame> => ({ t: "result", id, ...(await callHostMethod(o.handlers, method, rawArgs, log)) });

  function attach(ws: WebSocket): void {
    clients.add(ws);
    ws.on("close", () => clients.delete(ws));
    ws.on("error", () => clients.delete(ws));
    ws.on("message", (data, isBinary) => {
      if (isBinary) return void ws.close(1003, "text frames only");
      let frame: { t?: unknown; id?: unknown; method?: unknown; args?: unknown };
      try {
        frame = JSON.parse(String(data)) as typeof frame;
      } catch {
        return void ws.close(1007, "not JSON");
      }
      if (!frame || typeof frame !== "object" || frame.t !== "call" || typeof frame.id !== "number" || typeof frame.method !== "string") return void ws.close(1008, "not a call frame");
      void call(frame.id, frame.method, frame.args).then((reply) => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(reply));
      });
    });
  }

  return {
    attach,
    close() {
      unsubscribe();
      for (const c of clients) c.terminate();
    },
  };
}

/** The built renderer's index.html, and the check that the host client script was built next to it. */
function readRenderer(rendererDir: string): { indexFile: string; indexRaw: string } {
  const indexFile = path.join(rendererDir, "index.html");
  if (!fs.existsSync(indexFile)) throw new Error(`${indexFile} is missing: build the renderer first (npm run build)`);
  const clientFile = path.join(rendererDir, HOST_SCRIPT.slice(1));
  if (!fs.existsSync(clientFile)) throw new Error(`${clientFile} is missing: build the renderer first (npm run build)`);
  return { indexFile, indexRaw: fs.readFileSync(indexFile, "utf8") };
}

export async function startWebHost(o: WebHostOptions): Promise<WebHost> {
  const log = o.logger.child("web-host");
  const rendererDir = path.resolve(o.rendererDir);
  const { indexFile, indexRaw } = readRenderer(rendererDir);

  const server = http.createServer(SERVER_LIMITS);
  const wss = new WebSocketServer({ noServer: true, maxPayload: WS_MAX_PAYLOAD });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(o.port ?? 0, BIND, () => resolve());
  });
  // After listen, an accept failure (e.g. EMFILE) is emitted here; unheard, it would end the process.
  server.on("error", (e) => log.warn("listener error", { error: e.message }));
  const port = (server.address() as { port: number }).port;
  const origin = `http://${BIND}:${port}`;
  const gate = createGate({ origin, cookieName: `clawlink_${port}`, token: o.token, onSecret: (s) => o.logger.redactor.add(s) });
  const csp = webHostCsp(indexRaw, origin);
  const served: Served = { origin, gate, rendererDir, indexFile, index: webHostIndex(indexRaw, csp.meta), securityHeaders: securityHeadersFor(csp.header), log, logRefusal: refusalLog(log) };
  const sockets = apiSockets(o, log);

  server.on("request", pageHandler(served));
  server.on("clientError", (err: NodeJS.ErrnoException, socket: Duplex) => {
    const status = clientErrorStatus(err);
    if (status === null) socket.destroy();
    else rawAnswer(socket, status);
  });
  server.on("upgrade", upgradeHandler(served, wss, sockets.attach));

  return {
    url: `${origin}/?token=${gate.token}`,
    origin,
    port,
    async close() {
      sockets.close();
      wss.close();
      const closed = new Promise<void>((r) => server.close(() => r()));
      server.closeAllConnections();
      await closed;
    },
  };
}
