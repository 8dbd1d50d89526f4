// Benchmark 5's load: one loopback server behind both tunnels (WebSocket echo on upgrade, GET /down
// streams N MiB, POST /up counts) and the three clients that time echoes, download and upload through a port.
import { randomBytes } from "node:crypto";
import http from "node:http";
import type net from "node:net";
import { WebSocket, WebSocketServer } from "ws";

const MiB = 1 << 20;
const chunk = Buffer.alloc(64 * 1024, 7);

export async function startLoadServer(): Promise<{ srv: http.Server; wss: WebSocketServer; port: number }> {
  const srv = http.createServer((req, res) => {
    if (req.url?.startsWith("/down")) {
      const total = Number(new URL(req.url, "http://x").searchParams.get("mb")) * MiB;
      res.writeHead(200, { "content-length": String(total) });
      let sent = 0;
      const pump = () => {
        while (sent < total) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once("drain", pump);
        }
        res.end();
      };
      pump();
    } else {
      let n = 0;
      req.on("data", (d: Buffer) => (n += d.length));
      req.on("end", () => res.end(String(n)));
    }
  });
  const wss = new WebSocketServer({ server: srv });
  wss.on("connection", (ws) => ws.on("message", (d, binary) => ws.send(d, { binary })));
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", () => r()));
  const target = (srv.address() as net.AddressInfo).port;
  return { srv, wss, port: target };
}

export function loadClients() {
  const rtt = async (port: number, n: number): Promise<number[]> => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/`);
    await new Promise<void>((res, rej) => ws.once("open", () => res()).once("error", rej));
    const payload = randomBytes(1024);
    const times: number[] = [];
    for (let i = 0; i < n + 20; i++) {
      const t0 = performance.now();
      await new Promise<void>((res) => {
        ws.once("message", () => res());
        ws.send(payload);
      });
      if (i >= 20) times.push(performance.now() - t0); // the first 20 warm up
    }
    ws.close();
    return times;
  };
  const down = (port: number, mb: number) =>
    new Promise<number>((res, rej) => {
      const t0 = performance.now();
      http.get({ host: "127.0.0.1", port, path: `/down?mb=${mb}`, agent: false }, (resp) => {
        let n = 0;
        resp.on("data", (d: Buffer) => (n += d.length));
        resp.on("end", () => res(n / MiB / ((performance.now() - t0) / 1000)));
      }).once("error", rej);
    });
  const upload = (port: number, mb: number) =>
    new Promise<number>((res, rej) => {
      const t0 = performance.now();
      const req = http.request({ host: "127.0.0.1", port, path: "/up", method: "POST", agent: false, headers: { "content-length": String(mb * MiB) } }, (resp) => {
        let body = "";
        resp.on("data", (d: Buffer) => (body += d.toString()));
        resp.on("end", () => (Number(body) === mb * MiB ? res(mb / ((performance.now() - t0) / 1000)) : rej(new Error(`upload got ${body}`))));
      });
      req.once("error", rej);
      let sent = 0;
      const pump = () => {
        while (sent < mb * MiB) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once("drain", pump);
        }
        req.end();
      };
      pump();
    });
  return { rtt, down, upload };
}
