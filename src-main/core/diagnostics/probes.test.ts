// The ladder's own probes against throwaway loopback listeners: what each kind of peer looks like, and
// that nothing but the upgrade request is ever sent.
import http from "node:http";
import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { WebSocketServer, type WebSocket } from "ws";
import { probeResolve, probeTcp, probeWebSocket } from "./probes.js";

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

async function listen(server: net.Server | http.Server): Promise<number> {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  closers.push(() => new Promise<void>((r) => server.close(() => r())));
  return (server.address() as net.AddressInfo).port;
}

async function closedPort(): Promise<number> {
  const s = net.createServer();
  const port = await new Promise<number>((r) => s.listen(0, "127.0.0.1", () => r((s.address() as net.AddressInfo).port)));
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

async function wsServer(onConnection: (ws: WebSocket) => void): Promise<number> {
  const wss = new WebSocketServer({ port: 0, host: "127.0.0.1" });
  wss.on("connection", onConnection);
  await new Promise<void>((r) => wss.once("listening", () => r()));
  closers.push(() => new Promise<void>((r) => wss.close(() => r())));
  return (wss.address() as net.AddressInfo).port;
}

describe("probeResolve", () => {
  it("an IP literal needs no lookup", async () => {
    expect(await probeResolve("[::1]")).toMatchObject({ ok: true, value: ["::1"] });
  });
  it("localhost resolves to loopback", async () => {
    const r = await probeResolve("localhost");
    expect(r.ok && r.value.some((a) => a === "127.0.0.1" || a === "::1")).toBe(true);
  });
  it("a name under .invalid does not resolve", async () => {
    expect(await probeResolve("nothing-here.invalid")).toMatchObject({ ok: false, attention: { reason: "dns-failed" } });
  });
});

describe("probeTcp", () => {
  it("connects and reports the address", async () => {
    const port = await listen(net.createServer((s) => s.destroy()));
    expect(await probeTcp(["127.0.0.1"], port)).toMatchObject({ ok: true, value: "127.0.0.1" });
  });
  it("refused: nothing listening", async () => {
    const port = await closedPort();
    const r = await probeTcp(["127.0.0.1"], port);
    expect(r).toMatchObject({ ok: false, attention: { reason: "tcp-refused" } });
  });
  it("refused on the local profile: 'no gateway is running on this machine' and how to start one", async () => {
    const r = await probeTcp(["127.0.0.1"], await closedPort(), { local: true });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.attention.reason).toBe("no-local-gateway");
      expect(r.attention.message).toMatch(/No gateway is running on this machine/);
      expect(r.attention.fixHint).toContain("openclaw gateway");
    }
  });
  it("falls through to the next address when the first refuses", async () => {
    const port = await listen(net.createServer((s) => s.destroy()));
    // ::1 on the same port number is (almost certainly) not listening; 127.0.0.1 is.
    expect(await probeTcp(["::1", "127.0.0.1"], port)).toMatchObject({ ok: true, value: "127.0.0.1" });
  });
});

describe("probeWebSocket", () => {
  it("a gateway-like peer: upgrade, then connect.challenge; the probe sends no frame", async () => {
    const received: string[] = [];
    const headers: http.IncomingHttpHeaders[] = [];
    const wss = new WebSocketServer({ port: 0, host: "127.0.0.1" });
    closers.push(() => new Promise<void>((r) => wss.close(() => r())));
    wss.on("connection", (ws, req) => {
      headers.push(req.headers);
      ws.on("message", (d) => received.push(d.toString()));
      ws.send(JSON.stringify({ type: "event", event: "connect.challenge", payload: { nonce: "n-1", ts: Date.now() } }));
    });
    await new Promise<void>((r) => wss.once("listening", () => r()));
    const r = await probeWebSocket(`ws://127.0.0.1:${(wss.address() as net.AddressInfo).port}`);
    expect(r.websocket.ok).toBe(true);
    expect(r.challenge?.ok).toBe(true);
    await new Promise((res) => setTimeout(res, 50));
    expect(received).toEqual([]);
    expect(headers[0]!.authorization).toBeUndefined();
  });

  it("an HTTP server: not a gateway, with the status it answered", async () => {
    const port = await listen(http.createServer((_q, s) => s.writeHead(200).end("hello")));
    const r = await probeWebSocket(`ws://127.0.0.1:${port}`);
    expect(r.websocket).toMatchObject({ ok: false, attention: { reason: "not-a-gateway" } });
    expect(r.challenge).toBeUndefined();
    if (!r.websocket.ok) expect(r.websocket.attention.message).toMatch(/HTTP 200/);
  });

  it("HTTP 503 on the upgrade: the gateway is starting or draining, a network-class failure", async () => {
    const port = await listen(http.createServer((_q, s) => s.writeHead(503).end()));
    expect((await probeWebSocket(`ws://127.0.0.1:${port}`)).websocket).toMatchObject({ ok: false, attention: { reason: "gateway-unavailable" } });
  });

  it("a TCP echo: the reply is not HTTP", async () => {
    const port = await listen(net.createServer((s) => s.pipe(s).on("error", () => {})));
    const r = await probeWebSocket(`ws://127.0.0.1:${port}`);
    expect(r.websocket).toMatchObject({ ok: false, attention: { reason: "not-a-gateway" } });
  });

  it("a silent TCP listener: no answer to the upgrade in time", async () => {
    // Reads (so it sees the probe hang up) but never answers.
    const port = await listen(net.createServer((s) => s.resume()));
    const r = await probeWebSocket(`ws://127.0.0.1:${port}`, { handshakeTimeoutMs: 300 });
    expect(r.websocket).toMatchObject({ ok: false, attention: { reason: "not-a-gateway" } });
    if (!r.websocket.ok) expect(r.websocket.attention.message).toMatch(/did not answer the WebSocket upgrade within 300 ms/);
  });

  it("a WebSocket peer whose first message is something else", async () => {
    const port = await wsServer((ws) => ws.send("hello there"));
    const r = await probeWebSocket(`ws://127.0.0.1:${port}`);
    expect(r.websocket.ok).toBe(true);
    expect(r.challenge).toMatchObject({ ok: false, attention: { reason: "not-a-gateway" } });
    if (r.challenge && !r.challenge.ok) expect(r.challenge.attention.message).toContain('"hello there"');
  });

  it("a WebSocket peer that says nothing", async () => {
    const port = await wsServer(() => {});
    const r = await probeWebSocket(`ws://127.0.0.1:${port}`, { challengeTimeoutMs: 300 });
    expect(r.challenge).toMatchObject({ ok: false, attention: { reason: "not-a-gateway" } });
  });

  it("closed before the challenge with the proxy-headers reason: the trustedProxies hint", async () => {
    const port = await wsServer((ws) => ws.close(1008, "Proxy headers detected from untrusted address"));
    const r = await probeWebSocket(`ws://127.0.0.1:${port}`);
    expect(r.challenge?.ok).toBe(false);
    if (r.challenge && !r.challenge.ok) {
      expect(r.challenge.attention.reason).toBe("challenge-closed");
      expect(r.challenge.attention.fixHint).toMatch(/gateway\.trustedProxies.*OPENCLAW_GATEWAY_TRUSTED_PROXIES/);
    }
  });
});
