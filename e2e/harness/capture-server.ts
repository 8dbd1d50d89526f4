// A scripted WebSocket server on loopback that plays the first half of a gateway handshake
// (connect.challenge) and records, byte for byte, every `connect` request a client sends, then refuses it.
// Tests use it to see exactly which credentials the official client put on the wire for a target.
import type net from "node:net";
import { randomBytes } from "node:crypto";
import { WebSocketServer } from "ws";

export interface CapturedConnect {
  /** The frame exactly as received. */
  raw: string;
  auth: Record<string, unknown> | undefined;
}

export interface CaptureServer {
  url: string;
  port: number;
  frames: CapturedConnect[];
  /** Resolves with the first frame after `from` frames have been recorded. */
  waitFor(from: number, ms?: number): Promise<CapturedConnect>;
  close(): Promise<void>;
}

export async function startCaptureServer(): Promise<CaptureServer> {
  const wss = new WebSocketServer({ port: 0, host: "127.0.0.1" });
  const frames: CapturedConnect[] = [];
  const waiters: Array<() => void> = [];
  wss.on("connection", (ws) => {
    ws.send(JSON.stringify({ type: "event", event: "connect.challenge", payload: { nonce: randomBytes(16).toString("hex"), ts: Date.now() } }));
    ws.on("message", (data) => {
      const raw = data.toString();
      let req: { type?: string; id?: string; method?: string; params?: { auth?: Record<string, unknown> } };
      try {
        req = JSON.parse(raw) as typeof req;
      } catch {
        return;
      }
      if (req.type !== "req" || req.method !== "connect") return;
      frames.push({ raw, auth: req.params?.auth });
      for (const w of waiters.splice(0)) w();
      // A refusal without a device-token retry hint, so the client sends exactly one connect per attempt.
      ws.send(JSON.stringify({ type: "res", id: req.id, ok: false, error: { code: "INVALID_REQUEST", message: "capture server: connect recorded and refused" } }));
      ws.close(1008, "capture server");
    });
  });
  await new Promise<void>((r) => wss.once("listening", () => r()));
  const port = (wss.address() as net.AddressInfo).port;
  return {
    url: `ws://127.0.0.1:${port}`,
    port,
    frames,
    waitFor(from, ms = 20_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (frames.length > from) return void resolve(frames[from]!);
          waiters.push(check);
        };
        setTimeout(() => reject(new Error(`no connect frame reached the capture server within ${ms} ms`)), ms).unref();
        check();
      });
    },
    close: () =>
      new Promise<void>((r) => {
        for (const c of wss.clients) c.terminate();
        wss.close(() => r());
      }),
  };
}
