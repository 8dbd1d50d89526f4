// The web host's front door, against the real `clawlink serve`: it listens on 127.0.0.1 only; without
// the token, with a wrong token, with a foreign Origin or Host, every request and every WebSocket
// upgrade is refused (401/403); the token is one-time (its first use sets the session cookie, any later
// use gets 401); with the cookie, the page carries the renderer's CSP as a header (plus frame-ancestors
// 'none'), and in real Chromium window.clawlink answers and a foreign page cannot frame it.
import http from "node:http";
import os from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { launchChromium, screenshotPath } from "./harness/chromium.js";
import { startServe, type ServeRun } from "./harness/clawlink-serve.js";

// Page-side code (run in Chromium by waitForFunction/evaluate); the e2e tsconfig has no DOM lib.
interface PageEl {
  textContent: string | null;
  querySelector(s: string): PageEl | null;
}
declare const document: { querySelectorAll(s: string): ArrayLike<PageEl> & Iterable<PageEl>; body: { innerText: string } | null };

let serve: ServeRun;
beforeAll(async () => {
  serve = await startServe();
});
afterAll(async () => {
  expect(await serve?.stop()).toBe(0);
});

function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port: serve.port, path, headers: { host: `127.0.0.1:${serve.port}`, ...headers } }, (res) => {
      let body = "";
      res.on("data", (c: Buffer) => (body += c.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

/** Resolves with the HTTP status of the upgrade answer (101 when accepted). */
function upgrade(query: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${serve.port}/api${query}`, { headers });
    ws.on("open", () => {
      ws.close();
      resolve(101);
    });
    ws.on("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
    ws.on("error", () => resolve(-1));
  });
}

describe("clawlink serve: access control", () => {
  it("listens on 127.0.0.1 only", async () => {
    const others = Object.values(os.networkInterfaces())
      .flat()
      .filter((a) => a && a.family === "IPv4" && a.address !== "127.0.0.1")
      .map((a) => a!.address);
    // In the loopback-only namespace there may be no other address; then ::1 and localhost names still must not answer.
    for (const host of [...others, "::1"]) {
      const r = await new Promise<string>((resolve) => {
        const req = http.get({ host, port: serve.port, path: "/" }, (res) => resolve(String(res.statusCode)));
        req.on("error", (e: NodeJS.ErrnoException) => resolve(e.code ?? "error"));
      });
      expect(r, host).toMatch(/ECONNREFUSED|EADDRNOTAVAIL|ENETUNREACH/);
    }
  });

  it("requests: no token and a wrong token → 401; a foreign Origin or Host → 403; the token → page with the CSP header", async () => {
    expect((await get("/")).status).toBe(401);
    expect((await get("/index.html")).status).toBe(401);
    expect((await get(`/?token=${serve.token.slice(0, -1)}x`)).status).toBe(401);
    expect((await get("/", { cookie: `clawlink_${serve.port}=wrong` })).status).toBe(401);
    expect((await get(`/?token=${serve.token}`, { origin: "http://evil.example" })).status).toBe(403);
    expect((await get(`/?token=${serve.token}`, { host: `evil.example:${serve.port}` })).status).toBe(403);
    // The assets need the token too.
    expect((await get("/clawlink-host.js")).status).toBe(401);

    const { cookie, first } = await serve.session();
    expect(first.status).toBe(302);
    expect(first.location).toBe("/");
    expect(first.setCookie).toMatch(/HttpOnly/);
    expect(first.setCookie).toMatch(/SameSite=Strict/);
    expect(cookie.includes(serve.token), "the session cookie carries the URL token").toBe(false);
    const page = await get("/", { cookie });
    expect(page.status).toBe(200);
    const csp = String(page.headers["content-security-policy"]);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain(`connect-src ws://127.0.0.1:${serve.port}/api`);
    // The meta tag in the page is the same policy (frame-ancestors only works as a header).
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(page.body)![1]!;
    expect(`${meta}; frame-ancestors 'none'`).toBe(csp);
    expect(page.headers["x-frame-options"]).toBe("DENY");
    expect(page.body).toContain('<script src="./clawlink-host.js"></script>');
    expect(page.body).not.toContain(serve.token);
  });

  it("the URL token is one-time: after its first use the URL, the token as a cookie or as a bearer get 401; the cookie still works", async () => {
    const { cookie } = await serve.session();
    const again = await get(`/?token=${serve.token}`);
    expect(again.status).toBe(401);
    expect(again.body).toMatch(/already used/);
    expect((await get("/", { authorization: `Bearer ${serve.token}` })).status).toBe(401);
    expect((await get("/", { cookie: `clawlink_${serve.port}=${serve.token}` })).status).toBe(401);
    expect((await get(`/?token=${serve.token}`, { cookie })).status).toBe(401);
    expect((await get("/", { cookie })).status).toBe(200);
  });

  it("WebSocket upgrades: no token, a wrong token, the URL token as a cookie, a foreign or missing Origin → refused; the session cookie and this Origin → accepted", async () => {
    const origin = serve.origin;
    expect(await upgrade("", { origin })).toBe(401);
    expect(await upgrade("?token=nope", { origin })).toBe(401);
    expect(await upgrade("", { origin, cookie: `clawlink_${serve.port}=nope` })).toBe(401);
    expect(await upgrade(`?token=${serve.token}`, { origin: "http://evil.example" })).toBe(403);
    expect(await upgrade(`?token=${serve.token}`, {})).toBe(403);
    expect(await upgrade("", { origin, cookie: `clawlink_${serve.port}=${serve.token}` })).toBe(401);
    expect(await upgrade("", { origin, cookie: (await serve.session()).cookie })).toBe(101);
  });

  it("in real Chromium: the page works through window.clawlink, and a foreign page cannot frame it", async () => {
    const browser = await launchChromium();
    try {
      // The token was spent above; this context logs in with the session cookie.
      await serve.login(browser.context);
      const page = await browser.context.newPage();
      await page.goto(`${serve.origin}/`);
      await page.getByRole("heading", { name: "Clawlink" }).waitFor();
      const info = await page.evaluate(() => (globalThis as unknown as { clawlink: { getAppInfo(): Promise<{ ok: boolean; value: { host: string } }> } }).clawlink.getAppInfo());
      expect(info).toMatchObject({ ok: true, value: { host: "web" } });
      // A call with arguments that break the contract is refused by the host, with the reason, as a
      // value: the same HostReply shape the Electron preload returns.
      type Reply = { ok: true } | { ok: false; error: { reason: string; message: string; fixHint: string | null } };
      const refused = await page.evaluate(() => (globalThis as unknown as { clawlink: { connect(x: unknown): Promise<Reply> } }).clawlink.connect(42));
      expect(refused.ok).toBe(false);
      if (!refused.ok) {
        expect(refused.error.reason).toBe("invalid-arguments");
        expect(refused.error.message).toMatch(/invalid arguments for connect/);
        expect(refused.error.fixHint).toBeNull();
      }
      await page.screenshot({ path: screenshotPath("ui-web-host") });

      // The printed link opened again (e.g. from shell history) says it was used, even in this browser.
      const reused = await browser.context.newPage();
      const answer = await reused.goto(serve.url);
      expect(answer?.status()).toBe(401);
      expect(await reused.textContent("body")).toMatch(/already used/);
      await reused.close();

      // A page on another origin embedding the UI gets a blocked frame (frame-ancestors 'none').
      const foreign = http.createServer((_req, res) => res.writeHead(200, { "content-type": "text/html" }).end(`<iframe id="f" src="${serve.origin}/"></iframe>`));
      await new Promise<void>((r) => foreign.listen(0, "127.0.0.1", r));
      try {
        const fp = await browser.context.newPage();
        await fp.goto(`http://localhost:${(foreign.address() as { port: number }).port}/`);
        await fp.waitForTimeout(1000);
        const frame = fp.frames().find((f) => f !== fp.mainFrame());
        const framedText = frame ? await frame.evaluate(() => document.body?.innerText ?? "").catch(() => "") : "";
        expect(framedText).not.toContain("Add remote gateway");
      } finally {
        foreign.close();
      }
    } finally {
      await browser.close();
    }
  });
});
