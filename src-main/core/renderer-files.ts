// The built renderer's files, as both of its servers hand them out: Electron's app:// protocol
// (desktop/app-protocol.ts) and the web host (host/web-host.ts). One MIME table and one containment
// rule, so the two cannot disagree on what a file is or on which paths stay inside the renderer folder.
import path from "node:path";

const MIME: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".txt": "text/plain; charset=utf-8",
};

/** The Content-Type for a file name (by extension, any case); unknown types are opaque bytes. */
export function mimeFor(file: string): string {
  return MIME[path.extname(file).toLowerCase()] ?? "application/octet-stream";
}

/**
 * The file a decoded URL path ("/assets/a.js") names under `root`, or null when it would leave the
 * folder (after `..` is resolved), names the folder itself, or holds a NUL or a backslash (an escaped
 * separator on Windows).
 */
export function fileUnder(root: string, rel: string): string | null {
  if (rel.includes("\0") || rel.includes("\\")) return null;
  const base = path.resolve(root);
  const file = path.resolve(base, `.${rel.startsWith("/") ? rel : `/${rel}`}`);
  return file.startsWith(base + path.sep) ? file : null;
}
