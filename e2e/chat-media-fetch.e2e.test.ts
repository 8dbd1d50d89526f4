// The host's chat-picture fetch (core/gateway/media-fetch.ts) against a hostile server of the test's
// own: real sockets, real TLS. A good PNG comes back as a data: URL, with the credential sent only to
// the address asked; an SVG (said or disguised), text sent as a PNG, an oversized body (declared or
// streamed), a redirect, a silent server and a TLS certificate other than the pinned one each end as a
// sentence for the placeholder — and with the wrong certificate the request (so the token) is never sent.
import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import os from "node:os";
import path from "node:path";
import { deflateSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mediaUrl } from "../src-main/core/gateway/chat-media.js";
import { fetchImage } from "../src-main/core/gateway/media-fetch.js";
import { ThrowawayCa } from "./harness/throwaway-ca.js";

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), deflateSync(Buffer.alloc(64))]);
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
const CAP = 64 * 1024;
const seen: { source: string; auth: string | undefined }[] = [];
let streamedBytes = 0;
let stolen = 0;

function hostile(req: http.IncomingMessage, res: http.ServerResponse): void {
  const source = new URL(req.url ?? "/", "http://x").searchParams.get("source") ?? "";
  seen.push({ source, auth: req.headers.authorization });
  const name = source.replace("media://inbound/", "");
  const send = (type: string, body: Buffer) => void res.writeHead(200, { "content-type": type, "content-length": body.length }).end(body);
  if (name === "ok.png") return send("image/png", PNG);
  if (name === "drawing.svg") return send("image/svg+xml", SVG);
  if (name === "svg-as.png") return send("image/png", SVG);
  if (name === "text-as.png") return send("image/png", Buffer.from("this is not an image at all, just text"));
  if (name === "huge.png") return void res.writeHead(200, { "content-type": "image/png", "content-length": CAP * 4 }).write(PNG);
  if (name === "stream.png") {
    res.writeHead(200, { "content-type": "image/png" });
    const tick = setInterval(() => {
      if (res.destroyed || streamedBytes > CAP * 8) return void (clearInterval(tick), res.destroy());
      streamedBytes += 16 * 1024;
      res.write(Buffer.concat([PNG, Buffer.alloc(16 * 1024 - PNG.length)]));
    }, 5);
    return;
  }
  if (name === "moved.png") return void res.writeHead(302, { location: `http://127.0.0.1:${(thief.address() as { port: number }).port}/steal` }).end();
  if (name === "silent.png") return; // never answers
  res.writeHead(404).end();
}

const server = http.createServer(hostile);
const thief = http.createServer((_req, res) => void (stolen++, res.writeHead(200, { "content-type": "image/png" }).end(PNG)));
let tlsServer: https.Server;
let tlsPin = "";
let tmp = "";
const base = () => `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
const get = (name: string, o: { timeoutMs?: number } = {}) => fetchImage({ url: mediaUrl(base(), `media://inbound/${name}`, "agent:main:main", "main"), bearer: "tok-secret", cap: CAP, ...o });

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "media-fetch-"));
  const leaf = new ThrowawayCa(tmp).issue("gw.test");
  tlsPin = leaf.sha256;
  tlsServer = https.createServer({ cert: leaf.cert, key: leaf.key }, hostile);
  await Promise.all([server, thief, tlsServer].map((s) => new Promise<void>((r) => s.listen(0, "127.0.0.1", () => r()))));
});
afterAll(async () => {
  for (const s of [server, thief, tlsServer]) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("chat picture fetch against a hostile server (real sockets)", () => {
  it("a PNG comes back as a data: URL of its bytes, fetched with the profile's credential as a bearer token", async () => {
    expect(await get("ok.png")).toEqual({ ok: true, mimeType: "image/png", dataUrl: `data:image/png;base64,${PNG.toString("base64")}` });
    expect(seen.at(-1)).toEqual({ source: "media://inbound/ok.png", auth: "Bearer tok-secret" });
  });

  it("an SVG, an SVG or text disguised as a PNG: a reason, no picture", async () => {
    expect(await get("drawing.svg")).toMatchObject({ ok: false, problem: expect.stringMatching(/^it is an SVG drawing/) });
    expect(await get("svg-as.png")).toEqual({ ok: false, problem: "its bytes are not a PNG picture" });
    expect(await get("text-as.png")).toEqual({ ok: false, problem: "its bytes are not a PNG picture" });
  });

  it("oversized, declared or streamed: refused, and a streamed body is not read to its end", async () => {
    expect(await get("huge.png")).toEqual({ ok: false, problem: "it is larger than 0 MB" });
    expect(await get("stream.png")).toEqual({ ok: false, problem: "it is larger than 0 MB" });
    await new Promise((r) => setTimeout(r, 200));
    expect(streamedBytes).toBeLessThan(CAP * 4);
  });

  it("a redirect is not followed (the token never goes elsewhere); a silent server times out", async () => {
    expect(await get("moved.png")).toEqual({ ok: false, problem: "the gateway answered HTTP 302" });
    expect(stolen).toBe(0);
    expect(await get("silent.png", { timeoutMs: 500 })).toEqual({ ok: false, problem: "it could not be fetched (no answer within 1 s)" });
  });

  it("https with the pinned certificate: shown; with another pin the request (and its token) is never sent", async () => {
    const url = mediaUrl(`https://127.0.0.1:${(tlsServer.address() as { port: number }).port}/`, "media://inbound/ok.png", "agent:main:main", "main");
    expect(await fetchImage({ url, bearer: "tok-secret", tlsFingerprint: tlsPin, cap: CAP })).toMatchObject({ ok: true, mimeType: "image/png" });
    const before = seen.length;
    expect(await fetchImage({ url, bearer: "tok-secret", tlsFingerprint: "ab".repeat(32), cap: CAP })).toEqual({ ok: false, problem: "it could not be fetched (the gateway's certificate is not the pinned one)" });
    expect(seen.length).toBe(before);
    // Without a pin the system's trust decides: this throwaway CA is not trusted.
    expect(await fetchImage({ url, bearer: "tok-secret", cap: CAP })).toMatchObject({ ok: false, problem: expect.stringMatching(/^it could not be fetched/) });
    expect(seen.length).toBe(before);
  });
});
