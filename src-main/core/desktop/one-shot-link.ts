// Opening the Control UI with the token in the URL fragment keeps the token out of server logs, but
// handing that URL to the browser (shell.openExternal → xdg-open/open/start) would put it in process
// arguments, visible to every user in `ps`. So the browser gets a one-shot loopback link instead:
// http://127.0.0.1:<random port>/<random nonce>. Its first GET answers 302 with the real URL (fragment
// included; browsers carry a Location fragment over) and the server closes; a wrong path, a second use
// or the time limit get nothing. The secret itself only ever travels in that one loopback response.
import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface OneShotLink {
  url: string;
  /** Resolves when the link was used (true) or expired/closed unused (false). */
  done: Promise<boolean>;
  close(): void;
}

export async function oneShotRedirect(target: string, opts: { ttlMs?: number } = {}): Promise<OneShotLink> {
  const nonce = randomBytes(24).toString("base64url");
  let used = false;
  let finish: (v: boolean) => void = () => undefined;
  const done = new Promise<boolean>((r) => (finish = r));
  const server = http.createServer((req, res) => {
    const ok = !used && req.method === "GET" && req.url === `/${nonce}`;
    if (!ok) {
      res.writeHead(404, { "Content-Type": "text/plain", "Cache-Control": "no-store" }).end("not found");
      return;
    }
    used = true;
    res.writeHead(302, { Location: target, "Cache-Control": "no-store", "Referrer-Policy": "no-referrer", Connection: "close" }).end();
    close();
  });
  const timer = setTimeout(() => close(), opts.ttlMs ?? 60_000);
  timer.unref();
  function close() {
    clearTimeout(timer);
    server.close(() => finish(used));
    server.closeIdleConnections();
  }
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/${nonce}`, done, close };
}
