// Proof the browser half of the harness is real: the built renderer (npm run build) loads in real
// Chromium under its own strict CSP, renders, and a screenshot lands in test-output/.
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, screenshotPath } from "./harness/chromium.js";

const rendererDir = path.resolve("out/renderer");
let server: http.Server;
let base = "";

beforeAll(async () => {
  if (!fs.existsSync(path.join(rendererDir, "index.html"))) throw new Error("out/renderer missing: run npm run build (npm test does)");
  // A bare static server: enough to prove the page itself; the web host (`clawlink serve`) is tested on its own.
  server = http.createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname).replace(/^\/+/, "") || "index.html";
    const file = path.join(rendererDir, rel);
    if (!file.startsWith(rendererDir) || !fs.existsSync(file)) return void res.writeHead(404).end();
    const type = file.endsWith(".js") ? "text/javascript" : file.endsWith(".css") ? "text/css" : "text/html";
    res.writeHead(200, { "content-type": type }).end(fs.readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe("built renderer in real Chromium", () => {
  it("renders under its CSP with no console errors, and a screenshot is written", async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.context.newPage();
      const errors: string[] = [];
      page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
      page.on("pageerror", (e) => errors.push(String(e)));
      await page.goto(`${base}/index.html`);
      await expect(page.getByRole("heading", { name: "Clawlink" }).textContent()).resolves.toBe("Clawlink");
      // Without a host the page must say so instead of failing silently.
      await expect(page.getByRole("alert").textContent()).resolves.toMatch(/No Clawlink host/);
      const shot = screenshotPath("renderer-no-host");
      await page.screenshot({ path: shot });
      expect(fs.statSync(shot).size).toBeGreaterThan(1000);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
