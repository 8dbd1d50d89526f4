import http from "node:http";
import { describe, expect, it } from "vitest";
import { oneShotRedirect } from "./one-shot-link.js";

function get(url: string): Promise<{ status: number; location?: string | undefined } | { error: string }> {
  return new Promise((resolve) => {
    const req = http.get(url, { agent: false }, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, location: res.headers.location });
    });
    req.on("error", (e: NodeJS.ErrnoException) => resolve({ error: e.code ?? e.message }));
  });
}

const target = "http://127.0.0.1:18790/#token=s3cr%26t";

describe("one-shot loopback link", () => {
  it("carries no secret in its own URL, redirects once with the fragment, then is gone", async () => {
    const link = await oneShotRedirect(target);
    expect(link.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/[A-Za-z0-9_-]{32}$/);
    expect(link.url).not.toContain("s3cr");
    expect(await get(link.url)).toEqual({ status: 302, location: target });
    expect(await link.done).toBe(true);
    expect(await get(link.url)).toEqual({ error: "ECONNREFUSED" });
  });

  it("answers a wrong path with 404 and stays usable for the right one", async () => {
    const link = await oneShotRedirect(target);
    const wrong = link.url.replace(/\/[^/]+$/, "/guess");
    expect(await get(wrong)).toMatchObject({ status: 404 });
    expect(await get(link.url)).toEqual({ status: 302, location: target });
  });

  it("expires unused", async () => {
    const link = await oneShotRedirect(target, { ttlMs: 50 });
    expect(await link.done).toBe(false);
    expect(await get(link.url)).toEqual({ error: "ECONNREFUSED" });
  });
});
