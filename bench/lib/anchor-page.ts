// What the two browser benchmarks' pages share (benchmark 6, chat-render-pages.ts; benchmark 12,
// ui-scale-render.ts), so both measure the same way and a fix to one end of a figure reaches both:
// - the bare anchor server: its one page at / and a bare WebSocket on /api that answers every call with the
//   benchmark's value and sends host events as the same frames the web host sends;
// - the page-side timing pieces of each PAGE_PROBE (text spliced into the script both pages run before
//   their own): the timed WebSocket and the "painted" stamp.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer } from "ws";
import type { HostEventMessage } from "../../src-shared/host-api.js";

export interface AnchorServer {
  url: string;
  emit(e: HostEventMessage): void;
  close(): Promise<void>;
}

/** Serves `page` at / (and /index.html); every call on /api gets a result frame with `answer()` as its value. */
export async function anchorServer(page: string, answer: () => unknown): Promise<AnchorServer> {
  const server = http.createServer((req, res) => {
    if (req.url === "/" || req.url === "/index.html") res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(page);
    else res.writeHead(404).end();
  });
  const wss = new WebSocketServer({ server, path: "/api" });
  wss.on("connection", (ws) =>
    ws.on("message", (d) => {
      const f = JSON.parse(String(d)) as { id: number };
      ws.send(JSON.stringify({ t: "result", id: f.id, ok: true, value: answer() }));
    }),
  );
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    emit(e) {
      const frame = JSON.stringify({ t: "event", name: e.name, payload: e.payload });
      for (const c of wss.clients) if (c.readyState === c.OPEN) c.send(frame);
    },
    async close() {
      for (const c of wss.clients) c.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/** Page-side statements: the page's WebSocket becomes one whose first 'message' listener (added in its
 *  constructor, so it runs before the page's own handler) runs `onMessage` with `m` (the event) and
 *  `t` (performance.now() on arrival) in scope. */
export function timedWebSocket(onMessage: string): string {
  return `const Native = window.WebSocket;
  class TimedWebSocket extends Native {
    constructor(url, protocols) {
      super(url, protocols);
      this.addEventListener("message", (m) => {
        const t = performance.now();
        ${onMessage}
      });
    }
  }
  window.WebSocket = TimedWebSocket;`;
}

/** Page-side statement: sets B.paintAt after the frame that follows now is painted (rAF, then a
 *  MessageChannel task, which runs after that frame). */
export const STAMP_PAINT = `requestAnimationFrame(() => {
        const ch = new MessageChannel();
        ch.port1.onmessage = () => (B.paintAt = performance.now());
        ch.port2.postMessage(0);
      });`;
