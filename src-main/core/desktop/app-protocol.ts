// The renderer is served to Electron from a custom `app://clawlink/` scheme instead of file:// (the
// Electron security checklist's advice): file:// gives a page access to every local file's origin, gets
// no response headers (so no CSP header), and makes a sender check by URL meaningless. This module is
// the pure part: URL → file under the renderer folder (never outside it), its MIME type, and the
// response headers, including the CSP (the same policy index.html carries as a meta tag, plus the
// header-only frame-ancestors). MIME types and path containment are ../renderer-files.ts, shared with
// the web host.
import { fileUnder, mimeFor } from "../renderer-files.js";

export const APP_SCHEME = "app";
export const APP_HOST = "clawlink";
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/** No network from the renderer: every socket lives in the main process. */
export const RENDERER_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * The file an app:// URL names, or null when the URL is not ours or points outside the renderer folder
 * (`..`, encoded separators, another host). "/" is index.html.
 */
export function resolveAppAsset(rendererDir: string, rawUrl: string): string | null {
  let u: URL;
  try {
    u = new URL(rawUrl);
  } catch {
    return null;
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST) return null;
  let rel: string;
  try {
    rel = decodeURIComponent(u.pathname);
  } catch {
    return null;
  }
  return fileUnder(rendererDir, rel === "/" || rel === "" ? "/index.html" : rel);
}

export function responseHeaders(file: string): Record<string, string> {
  return {
    "Content-Type": mimeFor(file),
    "Content-Security-Policy": RENDERER_CSP,
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
  };
}

/** A sender frame URL that belongs to our renderer (app://clawlink/…), parsed, never prefix-matched. */
export function isAppUrl(raw: string | undefined | null): boolean {
  if (!raw) return false;
  try {
    const u = new URL(raw);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
  } catch {
    return false;
  }
}

/** Only http(s) links leave the app (to the person's browser), and only after parsing. */
export function externalHttpUrl(raw: string): string | null {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return null;
  }
  return u.protocol === "http:" || u.protocol === "https:" ? u.toString() : null;
}
