// The one host client: built from the contract's tables, answering with HostReply values over any
// transport, and the web host's WebSocket wire (queued calls, answers by id, a lost host, reconnects)
// driven by a fake socket.
import { describe, expect, it } from "vitest";
import { hostEvents, hostMethods, type HostReply } from "./host-api.js";
import { HOST_EVENT_NAMES, HOST_METHOD_NAMES } from "./host-api-names.js";
import { createHostBridge, HostCallError, hostApiFrom, hostErrorText, type HostTransport } from "./host-client.js";
import { HOST_LOST_MESSAGE, hostSocketUrl, webSocketTransport, type SocketLike } from "./web-host-client.js";

function fakeTransport(answer: (method: string, args: unknown[]) => HostReply | Promise<HostReply>): HostTransport & { heard: string[] } {
  const heard: string[] = [];
  return {
    heard,
    call: async (method, args) => answer(method, args),
    listen: (event) => {
      heard.push(event);
      return () => {};
    },
  };
}

describe("the host bridge (window.clawlink)", () => {
  it("the zod-free name lists are the contract tables' keys, in order", () => {
    expect(HOST_METHOD_NAMES).toEqual(Object.keys(hostMethods));
    expect(HOST_EVENT_NAMES).toEqual(Object.keys(hostEvents));
  });

  it("has exactly the contract's methods and `on`", () => {
    const bridge = createHostBridge(fakeTransport(() => ({ ok: true, value: null })));
    expect(Object.keys(bridge).sort()).toEqual([...Object.keys(hostMethods), "on"].sort());
  });

  it("answers with values: a result, a refusal with its fields, and a transport that throws as host-lost", async () => {
    const bridge = createHostBridge(
      fakeTransport((method) => {
        if (method === "connect") return { ok: false, error: { reason: "failed", message: "No profile \"x\".", fixHint: "Pick another profile." } };
        if (method === "retry") throw new Error("no handler");
        return { ok: true, value: { ok: true } };
      }),
    );
    expect(await bridge.disconnect("a")).toEqual({ ok: true, value: { ok: true } });
    expect(await bridge.connect("x")).toEqual({ ok: false, error: { reason: "failed", message: 'No profile "x".', fixHint: "Pick another profile." } });
    expect(await bridge.retry("x")).toEqual({ ok: false, error: { reason: "host-lost", message: "no handler", fixHint: null } });
  });

  it("subscribes only to contract events", () => {
    const t = fakeTransport(() => ({ ok: true, value: null }));
    const bridge = createHostBridge(t);
    bridge.on("prompts", () => {});
    expect(t.heard).toEqual(["prompts"]);
    expect(() => (bridge.on as (e: string, l: () => void) => void)("nope", () => {})).toThrow(/unknown host event nope/);
  });
});

describe("the renderer's API over a bridge", () => {
  it("resolves values and rejects a failure with a HostCallError holding reason, message and fix hint", async () => {
    const api = hostApiFrom(
      createHostBridge(
        fakeTransport((method) => (method === "getAppInfo" ? { ok: true, value: { host: "web" } } : { ok: false, error: { reason: "invalid-arguments", message: "invalid arguments for connect: 0: bad", fixHint: null } })),
      ),
    );
    expect(await api.getAppInfo()).toEqual({ host: "web" });
    const e = await api.connect("x").catch((err: unknown) => err);
    expect(e).toBeInstanceOf(HostCallError);
    expect(e).toMatchObject({ reason: "invalid-arguments", message: "invalid arguments for connect: 0: bad", fixHint: null });
    expect(hostErrorText(e)).toBe("invalid arguments for connect: 0: bad");
    expect(hostErrorText(new HostCallError({ reason: "failed", message: "Gateway URL: bad.", fixHint: "Check it." }))).toBe("Gateway URL: bad. Check it.");
    expect(hostErrorText(new Error("plain"))).toBe("plain");
    expect(hostErrorText("text")).toBe("text");
  });
});

class FakeSocket implements SocketLike {
  sent: string[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((m: { data: unknown }) => void) | null = null;
  onclose: (() => void) | null = null;
  send(data: string): void {
    this.sent.push(data);
  }
  answer(frame: unknown): void {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
}

function wire() {
  const sockets: FakeSocket[] = [];
  const timers: Array<{ fn: () => void; ms: number }> = [];
  const transport = webSocketTransport({
    open: () => {
      const s = new FakeSocket();
      sockets.push(s);
      return s;
    },
    later: (fn, ms) => void timers.push({ fn, ms }),
  });
  transport.start();
  return { transport, sockets, timers, bridge: createHostBridge(transport) };
}

describe("the web host's WebSocket wire", () => {
  it("addresses this page's host", () => {
    expect(hostSocketUrl("127.0.0.1:4000")).toBe("ws://127.0.0.1:4000/api");
  });

  it("queues calls until the socket opens, then matches answers by id, refusals included", async () => {
    const { sockets, bridge } = wire();
    const info = bridge.getAppInfo();
    const bad = bridge.connect("x");
    expect(sockets[0]!.sent).toEqual([]);
    sockets[0]!.onopen!();
    const frames = sockets[0]!.sent.map((f) => JSON.parse(f) as { id: number; method: string; args: unknown[] });
    expect(frames.map((f) => [f.method, f.args])).toEqual([["getAppInfo", []], ["connect", ["x"]]]);
    sockets[0]!.answer({ t: "result", id: frames[1]!.id, ok: false, error: { reason: "failed", message: "m", fixHint: "h" } });
    sockets[0]!.answer({ t: "result", id: frames[0]!.id, ok: true, value: { host: "web" } });
    sockets[0]!.onmessage!({ data: "not json" });
    expect(await info).toEqual({ ok: true, value: { host: "web" } });
    expect(await bad).toEqual({ ok: false, error: { reason: "failed", message: "m", fixHint: "h" } });
  });

  it("delivers contract events to listeners; a drop answers pending calls host-lost, says so, reconnects and says it is back", async () => {
    const { sockets, timers, bridge } = wire();
    const seen: unknown[] = [];
    bridge.on("notice", (p) => seen.push(["notice", p]));
    bridge.on("hostConnection", (p) => seen.push(["hostConnection", p]));
    sockets[0]!.onopen!();
    sockets[0]!.answer({ t: "event", name: "notice", payload: { level: "info", message: "hi" } });
    sockets[0]!.answer({ t: "event", name: "notAnEvent", payload: 1 });
    const pending = bridge.getState();
    sockets[0]!.onclose!();
    expect(await pending).toEqual({ ok: false, error: { reason: "host-lost", message: HOST_LOST_MESSAGE, fixHint: null } });
    expect(timers.map((t) => t.ms)).toEqual([200]);
    timers[0]!.fn();
    sockets[1]!.onopen!();
    expect(seen).toEqual([
      ["notice", { level: "info", message: "hi" }],
      ["hostConnection", { connected: false }],
      ["hostConnection", { connected: true }],
    ]);
    expect(Object.keys(hostEvents)).toContain("hostConnection");
  });
});
