import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { mimeFor } from "../renderer-files.js";
import { externalHttpUrl, isAppUrl, RENDERER_CSP, resolveAppAsset, responseHeaders } from "./app-protocol.js";

const root = path.resolve("/srv/out/renderer");

describe("app:// → renderer file", () => {
  it.each([
    ["app://clawlink/", "index.html"],
    ["app://clawlink/index.html", "index.html"],
    ["app://clawlink/assets/index-abc.js?x=1#h", "assets/index-abc.js"],
    ["app://clawlink/assets/a%20b.css", "assets/a b.css"],
  ])("%s → %s", (url, rel) => {
    expect(resolveAppAsset(root, url)).toBe(path.join(root, rel));
  });

  it.each(["app://clawlink/../../etc/passwd", "app://clawlink/%2e%2e/%2e%2e/etc/passwd"])("keeps %s inside the renderer folder (the URL parser collapses the dots)", (url) => {
    expect(resolveAppAsset(root, url)).toBe(path.join(root, "etc/passwd"));
  });

  it.each([
    "app://clawlink/assets/..%2f..%2f..%2fetc/passwd",
    "app://clawlink/a%5c..%5c..%5cx",
    "app://clawlink/a%00b",
    "app://clawlink/%E0%A4%A",
    "app://evil/index.html",
    "file:///srv/out/renderer/index.html",
    "https://clawlink/index.html",
    "not a url",
  ])("refuses %s", (url) => {
    expect(resolveAppAsset(root, url)).toBeNull();
  });
});

describe("headers", () => {
  it("sends the CSP with a MIME type and nosniff", () => {
    const h = responseHeaders("/x/index.html");
    expect(h["Content-Type"]).toBe("text/html; charset=utf-8");
    expect(h["Content-Security-Policy"]).toBe(RENDERER_CSP);
    expect(h["X-Content-Type-Options"]).toBe("nosniff");
    expect(mimeFor("a.JS")).toBe("text/javascript; charset=utf-8");
    expect(mimeFor("a.bin")).toBe("application/octet-stream");
  });

  it("the header CSP holds every directive of index.html's meta CSP, and forbids network", () => {
    const html = fs.readFileSync(path.join(import.meta.dirname, "../../../src-renderer/index.html"), "utf8");
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBeTruthy();
    const directives = (csp: string) => csp.split(";").map((d) => d.trim()).filter(Boolean);
    for (const d of directives(meta!)) expect(directives(RENDERER_CSP)).toContain(d);
    expect(directives(RENDERER_CSP)).toContain("connect-src 'none'");
  });
});

describe("URL checks", () => {
  it("knows our origin by parsing, not by prefix", () => {
    expect(isAppUrl("app://clawlink/index.html")).toBe(true);
    expect(isAppUrl("app://clawlink.evil/index.html")).toBe(false);
    expect(isAppUrl("app://evil/app://clawlink/")).toBe(false);
    expect(isAppUrl("file:///app/index.html")).toBe(false);
    expect(isAppUrl(undefined)).toBe(false);
    expect(isAppUrl("")).toBe(false);
  });
  it("lets only http(s) links out", () => {
    expect(externalHttpUrl("https://docs.openclaw.ai/x?y#z")).toBe("https://docs.openclaw.ai/x?y#z");
    expect(externalHttpUrl("http://127.0.0.1:18789/")).toBe("http://127.0.0.1:18789/");
    for (const bad of ["file:///etc/passwd", "javascript:alert(1)", "smb://host/share", "ms-settings:", " https", "data:text/html,x"]) expect(externalHttpUrl(bad)).toBeNull();
  });
});
