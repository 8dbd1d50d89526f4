// The web host as a server, without peers: the real startWebHost on loopback, spoken to over raw TCP
// (so the bytes are exactly what a broken or hostile client sends) and over real HTTP/WebSocket.
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { createLogger, type LogRecord } from "../log/logger.js";
import { decodePath, parseTarget } from "./web-host-gate.js";
import { startWebHost, type WebHost } from "./web-host.js";

const INDEX = fs.readFileSync(path.resolve("src-renderer/index.html"), "utf8");
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function makeHost(): Promise<{ web: WebHost; token: string; records: LogRecord[] }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clawlink-webhost-test-"));
  fs.writeFileSync(path.join(dir, "index.html"), INDEX);
  fs.writeFileSync(path.join(dir, "app.js"), "// app\n");
  fs.writeFileSync(path.join(dir, "clawlink-host.js"), "// the built host client\n");
  const records: LogRecord[] = [];
  const handlers = { getAppInfo: () => ({ version: "0.0.0-test", host: "web", platform: "linux", keychain: { available: false, backend: null }, notices: [] }) };
  const web = await startWebHost({ handlers: handlers as never, onEvent: () => () => {}, rendererDir: dir, logger: createLogger([(r) => records.push(r)]) });
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }), () => web.close());
  return { web, token: new URL(web.url).searchParams.get("token")!, records };
}

/** Writes raw bytes, half-closes, and resolves with the status line of the answer ("" if none). */
function raw(port: number, bytes: string | Buffer): Promise<string> {
  return new Promise((resolve) => {
    const s = net.connect(port, "127.0.0.1");
    let got = "";
    s.on("data", (d: Buffer) => (got += d.toString("latin1")));
    s.on("error", () => {});
    s.on("close", () => resolve(got.split("\r\n")[0] ?? ""));
    s.end(bytes);
  });
}

const req = (web: WebHost, line: string, headers: string[] = []): string => [line, `Host: 127.0.0.1:${web.port}`, ...headers, "", ""].join("\r\n");

async function get(web: WebHost, target: string, headers: Record<string, string> = {}): Promise<{ status: number; setCookie: string | null; body: string }> {
  const res = await fetch(`${web.origin}${target}`, { redirect: "manual", headers });
  return { status: res.status, setCookie: res.headers.get("set-cookie"), body: await res.text() };
}

function upgradeStatus(web: WebHost, query: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${web.port}/api${query}`, { headers: { origin: web.origin, ...headers } });
    ws.on("open", () => (ws.close(), resolve(101)));
    ws.on("unexpected-response", (_q, res) => resolve(res.statusCode ?? 0));
    ws.on("error", () => resolve(-1));
  });
}

describe("request targets", () => {
  it("only a plain path on this origin parses; a bad escape or a NUL does not decode", () => {
    const o = "http://127.0.0.1:4000";
    for (const bad of ["//[", "//evil.example/", "/\\evil.example", "*", "http://127.0.0.1:4000/", "", "x", undefined]) expect(parseTarget(bad, o), String(bad)).toBeNull();
    expect(parseTarget("/a/b?token=x", o)?.pathname).toBe("/a/b");
    expect(decodePath("/%zz")).toBeNull();
    expect(decodePath("/%E0%A4%A")).toBeNull();
    expect(decodePath("/a%00b")).toBeNull();
    expect(decodePath("/assets/a%20b.js")).toBe("/assets/a b.js");
  });
});

describe("web host: every request path is total", () => {
  it("malformed lines, escapes, cookies, oversized headers and upgrades get 4xx and the host keeps serving", async () => {
    const { web, records } = await makeHost();
    const cookie = (await get(web, new URL(web.url).search)).setCookie!.split(";")[0]!;
    expect(await raw(web.port, req(web, "GET //[ HTTP/1.1"))).toBe("HTTP/1.1 400 Bad Request");
    expect(await raw(web.port, req(web, "GET * HTTP/1.1"))).toBe("HTTP/1.1 400 Bad Request");
    expect(await raw(web.port, req(web, "GET http://evil.example/ HTTP/1.1"))).toBe("HTTP/1.1 400 Bad Request");
    expect(await raw(web.port, req(web, "GET /%E0%A4%A HTTP/1.1", [`Cookie: ${cookie}`]))).toBe("HTTP/1.1 400 Bad Request");
    expect(await raw(web.port, req(web, "GET /%zz%00 HTTP/1.1", [`Cookie: ${cookie}`]))).toBe("HTTP/1.1 400 Bad Request");
    expect(await raw(web.port, req(web, "GET / HTTP/1.1", [`Cookie: clawlink_${web.port}=%E0%A4%A`]))).toBe("HTTP/1.1 401 Unauthorized");
    expect(await raw(web.port, "\x00\x01\x02 garbage\r\n\r\n")).toBe("HTTP/1.1 400 Bad Request");
    expect(await raw(web.port, req(web, "GET / HTTP/1.1", [`X-Big: ${"a".repeat(20_000)}`]))).toBe("HTTP/1.1 431 Request Header Fields Too Large");
    const upgrade = ["Connection: Upgrade", "Upgrade: websocket", "Sec-WebSocket-Version: 13", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", `Origin: ${web.origin}`];
    expect(await raw(web.port, req(web, "GET //[ HTTP/1.1", upgrade))).toBe("HTTP/1.1 400 Bad Request");
    expect(await raw(web.port, req(web, "GET /api%zz HTTP/1.1", upgrade))).toBe("HTTP/1.1 404 Not Found");
    expect(await raw(web.port, req(web, "GET /api HTTP/1.1", [...upgrade.slice(0, 3), "Sec-WebSocket-Key: short", `Origin: ${web.origin}`, `Cookie: ${cookie}`]))).toBe("HTTP/1.1 400 Bad Request");
    // A client that resets in the middle of an upgrade.
    await new Promise<void>((resolve) => {
      const s = net.connect(web.port, "127.0.0.1", () => {
        s.write(req(web, "GET /api HTTP/1.1", upgrade));
        s.resetAndDestroy();
        resolve();
      });
    });
    // A frame of JSON null on an accepted socket is refused with a close, not a crash.
    const ws = new WebSocket(`ws://127.0.0.1:${web.port}/api`, { headers: { origin: web.origin, cookie } });
    const closeCode = await new Promise<number>((resolve) => {
      ws.on("open", () => ws.send("null"));
      ws.on("close", (code) => resolve(code));
    });
    expect(closeCode).toBe(1008);

    const page = await get(web, "/", { cookie });
    expect(page.status).toBe(200);
    expect(page.body).toContain("clawlink-host.js");
    expect(records.filter((r) => r.msg === "request handler failed")).toEqual([]);
  });
});

describe("web host: the URL token is one-time", () => {
  it("first use sets a session cookie (not the token); any later use, in the URL, as a cookie or as a bearer, gets 401", async () => {
    const { web, token } = await makeHost();
    // A refused Host does not spend the token.
    expect((await raw(web.port, `GET /?token=${token} HTTP/1.1\r\nHost: evil.example\r\n\r\n`)).split(" ")[1]).toBe("403");
    // The token opens no WebSocket, and a HEAD gets nothing; neither spends it.
    expect(await upgradeStatus(web, `?token=${token}`, {})).toBe(401);
    expect((await fetch(`${web.origin}/?token=${token}`, { method: "HEAD", redirect: "manual" })).status).toBe(401);

    const first = await get(web, `/?token=${token}&view=chat`);
    expect(first.status).toBe(302);
    const cookie = first.setCookie!.split(";")[0]!;
    expect(first.setCookie).toMatch(/HttpOnly; SameSite=Strict; Path=\//);
    expect(cookie.includes(token), "the session cookie carries the URL token").toBe(false);

    const again = await get(web, `/?token=${token}`);
    expect(again.status).toBe(401);
    expect(again.body).toMatch(/already used/);
    expect(again.body.includes(token), "the 401 page shows the token").toBe(false);
    expect((await get(web, "/", { authorization: `Bearer ${token}` })).status).toBe(401);
    expect((await get(web, "/", { cookie: `clawlink_${web.port}=${token}` })).status).toBe(401);
    expect(await upgradeStatus(web, "", { cookie: `clawlink_${web.port}=${token}` })).toBe(401);
    // Not even next to the valid cookie: the old link is dead everywhere.
    expect((await get(web, `/?token=${token}`, { cookie })).status).toBe(401);

    // The cookie stays valid: the page, an asset, and the WebSocket.
    expect((await get(web, "/", { cookie })).status).toBe(200);
    expect((await get(web, "/app.js", { cookie })).status).toBe(200);
    expect(await upgradeStatus(web, "", { cookie })).toBe(101);
    expect((await get(web, "/", { cookie })).status).toBe(200);
  });
});
