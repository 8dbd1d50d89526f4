// The host service and the web host without peers: a real HostService on a real ProfileStore (temp dir)
// and an in-memory secret store, served by the real web host on loopback and called over a real
// WebSocket with the same frames the browser script sends.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import type { HostEventMessage } from "../../../src-shared/host-api.js";
import { createLogger, type LogRecord } from "../log/logger.js";
import { ProfileStore } from "../profiles/profile-store.js";
import { MemorySecretStore } from "../secrets/secret-store.js";
import { normalizeHistory, normalizeSessions } from "./chat-history.js";
import { HostService } from "./host-service.js";
import { startWebHost, webHostCsp, webHostIndex, type WebHost } from "./web-host.js";

const INDEX = fs.readFileSync(path.resolve("src-renderer/index.html"), "utf8");
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function makeHost(): Promise<{ service: HostService; web: WebHost; records: LogRecord[]; events: HostEventMessage[]; dir: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clawlink-host-test-"));
  const renderer = path.join(dir, "renderer");
  fs.mkdirSync(renderer);
  fs.writeFileSync(path.join(renderer, "index.html"), INDEX);
  fs.writeFileSync(path.join(renderer, "clawlink-host.js"), "// the built host client\n");
  const records: LogRecord[] = [];
  const logger = createLogger([(r) => records.push(r)]);
  const profiles = await ProfileStore.open(path.join(dir, "cfg"));
  const service = new HostService({ host: "web", configDir: path.join(dir, "cfg"), profiles, secrets: new MemorySecretStore(), logger, env: {}, homeDir: dir });
  const events: HostEventMessage[] = [];
  service.onEvent((e) => events.push(e));
  const web = await startWebHost({ handlers: service.handlers, onEvent: (l) => service.onEvent(l), rendererDir: renderer, logger });
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }), () => service.stop(), () => web.close());
  return { service, web, records, events, dir };
}

/** The session cookie, got as a browser gets it: the one-time URL token, spent once. */
async function login(web: WebHost): Promise<string> {
  const res = await fetch(web.url, { redirect: "manual" });
  if (res.status !== 302) throw new Error(`login: expected 302, got ${res.status}`);
  return res.headers.get("set-cookie")!.split(";")[0]!;
}

async function client(web: WebHost): Promise<{ call: (method: string, ...args: unknown[]) => Promise<{ ok: boolean; value?: unknown; error?: { message: string } }>; frames: unknown[]; ws: WebSocket }> {
  const ws = new WebSocket(`ws://127.0.0.1:${web.port}/api`, { headers: { origin: web.origin, cookie: await login(web) } });
  const frames: unknown[] = [];
  const waiting = new Map<number, (f: never) => void>();
  let id = 0;
  ws.on("message", (d) => {
    const f = JSON.parse(String(d)) as { t: string; id: number };
    frames.push(f);
    if (f.t === "result") waiting.get(f.id)?.(f as never);
  });
  cleanups.push(() => ws.close());
  return new Promise((resolve, reject) => {
    ws.on("error", reject);
    ws.on("open", () =>
      resolve({
        frames,
        ws,
        call: (method, ...args) =>
          new Promise((r) => {
            const n = ++id;
            waiting.set(n, r as never);
            ws.send(JSON.stringify({ t: "call", id: n, method, args }));
          }),
      }),
    );
  });
}

describe("web host pages", () => {
  it("CSP: the renderer's own policy, connect-src only this host's socket, frame-ancestors in the header", () => {
    const csp = webHostCsp(INDEX, "http://127.0.0.1:4000");
    expect(csp.meta).toContain("connect-src ws://127.0.0.1:4000/api");
    expect(csp.meta).not.toContain("connect-src 'none'");
    expect(csp.meta).toContain("script-src 'self'");
    expect(csp.header).toBe(`${csp.meta}; frame-ancestors 'none'`);
    const html = webHostIndex(INDEX, csp.meta);
    expect(html).toContain(`content="${csp.meta}"`);
    expect(html.indexOf('<script src="./clawlink-host.js">')).toBeLessThan(html.indexOf("</head>"));
    expect(() => webHostCsp("<html></html>", "http://x")).toThrow(/no Content-Security-Policy/);
  });
});

describe("host service over the web host", () => {
  it("validates arguments, adds a profile with its token in the keychain only, and never sends a secret back", async () => {
    const { web, events, records, dir } = await makeHost();
    const c = await client(web);
    expect(await c.call("nope")).toMatchObject({ ok: false, error: { message: "unknown host method nope" } });
    expect((await c.call("connect", 42)).error!.message).toMatch(/invalid arguments for connect/);
    expect((await c.call("addProfile", { kind: "ssh", name: "x" })).error!.message).toMatch(/invalid arguments/);

    const secret = "tok-very-distinctive-4242424242";
    const added = await c.call("addProfile", { kind: "direct", name: "My box", url: `http://127.0.0.1:18789/#token=${secret}` });
    expect(added.ok).toBe(true);
    expect(added.value).toMatchObject({ profile: { id: "my-box", kind: "direct", direct: { url: "ws://127.0.0.1:18789/", tlsPinned: false }, stored: { token: true, password: false }, credential: { token: "keychain (profile my-box)" } } });

    const state = await c.call("getState");
    expect(state.ok).toBe(true);
    const wire = JSON.stringify([c.frames, events]);
    expect(wire).not.toContain(secret);
    expect(JSON.stringify(records)).not.toContain(secret);
    expect(fs.readFileSync(path.join(dir, "cfg", "profiles.json"), "utf8")).not.toContain(secret);
    expect(events.some((e) => e.name === "profiles")).toBe(true);

    const cleared = await c.call("deleteSecret", "my-box", "token");
    expect(cleared.value).toMatchObject({ stored: { token: false } });
    expect((await c.call("setSecret", "my-box", "token", "x".repeat(10))).value).toMatchObject({ stored: { token: true } });
    expect((await c.call("removeProfile", "my-box")).ok).toBe(true);
    expect((await c.call("setSecret", "my-box", "token", "y".repeat(10))).error!.message).toMatch(/No profile "my-box"/);
  });

  it("a handler error reaches the caller with its fix hint; a bad TLS pin is refused before anything is stored", async () => {
    const { web } = await makeHost();
    const c = await client(web);
    const r = await c.call("addProfile", { kind: "direct", name: "Pinned", url: "wss://gw.example.com", tlsFingerprint: "zz" });
    expect(r).toMatchObject({ ok: false, error: { message: expect.stringMatching(/not a SHA-256/), fixHint: expect.stringMatching(/64 hex/) } });
    expect(((await c.call("getState")).value as { profiles: Array<{ id: string }> }).profiles.map((p) => p.id)).toEqual(["local"]);
  });

  it("chat calls on a profile that is not connected say so", async () => {
    const { web } = await makeHost();
    const c = await client(web);
    expect((await c.call("openChat", "local", null)).error!.message).toMatch(/not connected/);
    expect((await c.call("answerPrompt", { id: "prompt-9", accept: true })).error!.message).toMatch(/already answered/);
  });
});

describe("chat history normalisation", () => {
  it("text from content parts, send ids, error turns with their kind, unique ids", () => {
    const rows = [
      { role: "user", content: [{ type: "text", text: "hi" }], timestamp: 5, __openclaw: { id: "a" } },
      { role: "assistant", content: "hello", timestamp: "2026-01-01T00:00:00Z" },
      { role: "assistant", content: [], stopReason: "error", errorMessage: "boom", errorDetail: { failoverReason: "rate_limit" } },
      null,
      { id: "dup", role: "assistant", content: "x" },
      { id: "dup", role: "assistant", content: "y" },
    ];
    const out = normalizeHistory(rows, (m) => ((m as { role?: string }).role === "user" ? "k1" : null));
    expect(out.map((m) => m.text)).toEqual(["hi", "hello", "", "x", "y"]);
    expect(out[0]).toMatchObject({ sendId: "k1", ts: 5, error: null });
    expect(out[1]!.ts).toBe(Date.parse("2026-01-01T00:00:00Z"));
    expect(out[2]!.error).toEqual({ kind: "rate_limit", message: "boom" });
    expect(new Set(out.map((m) => m.id)).size).toBe(out.length);
  });
  it("sessions: key required, label falls back to a readable key (issue 12: never the displayName, a generated first-message title)", () => {
    expect(normalizeSessions({ sessions: [{ key: "agent:main:main", updatedAt: 3 }, { label: "no key" }, { key: "k2", displayName: "Two" }] })).toEqual([
      { key: "agent:main:main", label: "main", updatedAt: 3, agentId: "main", model: null },
      { key: "k2", label: "k2", updatedAt: null, agentId: null, model: null },
    ]);
  });
});
