// Serves the built renderer (out/renderer) as plain static files on 127.0.0.1, for tests that load the
// page with no host at all or with a synthetic one injected into the page (the real web host, with its
// token and API socket, is `clawlink serve`). Files and types as the app's own servers hand them out
// (src-main/core/renderer-files.ts). Specs reach it through ui-page.ts.
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileUnder, mimeFor } from "../../src-main/core/renderer-files.js";

const rendererDir = path.resolve("out/renderer");

export async function serveBuiltRenderer(): Promise<{ base: string; close(): Promise<void> }> {
  if (!fs.existsSync(path.join(rendererDir, "index.html"))) throw new Error("out/renderer missing: run npm run build (npm test does)");
  const server = http.createServer((req, res) => {
    let rel: string;
    try {
      rel = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    } catch {
      return void res.writeHead(400).end();
    }
    const file = fileUnder(rendererDir, rel === "/" ? "/index.html" : rel);
    if (!file || !fs.existsSync(file) || !fs.statSync(file).isFile()) return void res.writeHead(404).end();
    res.writeHead(200, { "content-type": mimeFor(file) }).end(fs.readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    base: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
