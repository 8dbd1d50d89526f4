// Serves the built renderer (out/renderer) as plain static files on 127.0.0.1, for tests that load the
// page with no host at all or with a synthetic one injected into the page (the real web host, with its
// token and API socket, is `clawlink serve`).
import fs from "node:fs";
import http from "node:http";
import path from "node:path";

const rendererDir = path.resolve("out/renderer");

export async function serveBuiltRenderer(): Promise<{ base: string; close(): Promise<void> }> {
  if (!fs.existsSync(path.join(rendererDir, "index.html"))) throw new Error("out/renderer missing: run npm run build (npm test does)");
  const server = http.createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname).replace(/^\/+/, "") || "index.html";
    const file = path.join(rendererDir, rel);
    if (!file.startsWith(rendererDir) || !fs.existsSync(file)) return void res.writeHead(404).end();
    const type = file.endsWith(".js") ? "text/javascript" : file.endsWith(".css") ? "text/css" : "text/html";
    res.writeHead(200, { "content-type": type }).end(fs.readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    base: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
