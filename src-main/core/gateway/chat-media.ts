// Pictures in the chat (issue 12 "Chat": images the gateway returns are shown, sanitised, with no
// network request from the renderer). Pure parts: which transcript media Clawlink fetches, where from,
// and whether the bytes that came back may be shown — as a `data:` URL the renderer's CSP allows.
//
// What the real gateway does (found against the test gateway, 2026.9.6): an image sent with chat.send's
// `attachments` is kept as a managed inbound file; the user's transcript row carries it in
// `__openclaw.media` as `{ url: "media://inbound/<name>", contentType, kind: "image", fileName,
// sizeBytes }`, and the bytes are served by the Control UI's media route
// `GET <base>/__openclaw__/assistant-media?source=<url>&sessionKey=<key>&agentId=<id>` under the normal
// operator auth (a bearer token), docs/web/control-ui/security-model.md. The gateway stores what it was
// sent: an SVG sent as "image/png" is served as image/svg+xml, text sent as "image/png" as image/png.
// So the type is checked twice: the answer's Content-Type must be an allow-listed raster type and the
// bytes' own signature must be that same type. No SVG (it can carry script), and a size cap.

export const IMAGE_TYPES = ["image/png", "image/jpeg", "image/gif", "image/webp"] as const;
export type ImageType = (typeof IMAGE_TYPES)[number];

/** The largest picture fetched: the gateway's own per-image ceiling (docs/gateway/protocol/handshake.md, maxImageBytes 6 MB). */
export const IMAGE_CAP_BYTES = 6 * 1024 * 1024;

/** One picture a transcript row refers to, as the UI gets it (the bytes come later, through the host). */
export interface ChatMediaRef {
  source: string;
  fileName: string | null;
  mimeType: string | null;
  sizeBytes: number | null;
}

export type ImageCheck = { ok: true; mimeType: ImageType; dataUrl: string } | { ok: false; problem: string };

const INBOUND = /^media:\/\/inbound\/(?!\.)[^/\\?#%\s\u0000-\u001f]{1,255}$/u;

/** Only the gateway's own managed inbound files; never a path, a URL or a traversal. */
export function isFetchableSource(source: string): boolean {
  return INBOUND.test(source) && !source.includes("..");
}

type Row = Record<string, unknown>;
const str = (v: unknown): string | null => (typeof v === "string" && v ? v : null);

/** The pictures of one transcript row (`__openclaw.media` entries of kind image that Clawlink can fetch). */
export function mediaRefsOf(row: unknown): ChatMediaRef[] {
  const meta = row && typeof row === "object" ? ((row as Row).__openclaw as Row | undefined) : undefined;
  const list = meta && typeof meta === "object" && Array.isArray(meta.media) ? (meta.media as unknown[]) : [];
  return list.flatMap((m) => {
    if (!m || typeof m !== "object") return [];
    const r = m as Row;
    const source = str(r.url);
    const type = str(r.contentType);
    const isImage = r.kind === "image" || (type?.startsWith("image/") ?? false);
    if (!source || !isImage || !isFetchableSource(source)) return [];
    return [{ source, fileName: str(r.fileName), mimeType: type, sizeBytes: typeof r.sizeBytes === "number" ? r.sizeBytes : null }];
  });
}

/** The media route for one source, under the connection's own HTTP base (tunnel port or direct URL, with its path prefix). */
export function mediaUrl(base: string, source: string, sessionKey: string, agentId: string | null): string {
  const u = new URL("__openclaw__/assistant-media", base.endsWith("/") ? base : `${base}/`);
  u.searchParams.set("source", source);
  u.searchParams.set("sessionKey", sessionKey);
  if (agentId) u.searchParams.set("agentId", agentId);
  return u.toString();
}

/** The raster type the bytes say they are (their signature), or null. */
export function sniffImage(b: Uint8Array): ImageType | null {
  const at = (i: number, ...xs: number[]) => xs.every((x, k) => b[i + k] === x);
  if (at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return "image/png";
  if (at(0, 0xff, 0xd8, 0xff)) return "image/jpeg";
  if (at(0, 0x47, 0x49, 0x46, 0x38) && (b[4] === 0x37 || b[4] === 0x39) && b[5] === 0x61) return "image/gif";
  if (at(0, 0x52, 0x49, 0x46, 0x46) && at(8, 0x57, 0x45, 0x42, 0x50)) return "image/webp";
  return null;
}

const NAMES: Record<ImageType, string> = { "image/png": "PNG", "image/jpeg": "JPEG", "image/gif": "GIF", "image/webp": "WebP" };
const SHOWN = "Clawlink shows PNG, JPEG, GIF and WebP pictures only";

/** Whether an HTTP answer may be shown, and as what: the only gate between the gateway's bytes and the renderer. */
export function checkImage(a: { status: number; contentType: string | null; bytes: Uint8Array; cap?: number }): ImageCheck {
  const cap = a.cap ?? IMAGE_CAP_BYTES;
  if (a.status === 401 || a.status === 403) return { ok: false, problem: "the gateway refused this connection's credentials for its media" };
  if (a.status === 404) return { ok: false, problem: "the gateway no longer has it, or this session may not read it" };
  if (a.status !== 200) return { ok: false, problem: `the gateway answered HTTP ${a.status}` };
  const type = (a.contentType ?? "").split(";")[0]!.trim().toLowerCase();
  if (type === "image/svg+xml") return { ok: false, problem: `it is an SVG drawing, which can carry scripts (${SHOWN})` };
  if (!(IMAGE_TYPES as readonly string[]).includes(type)) return { ok: false, problem: `it is ${type ? `of type ${type}` : "of no stated type"} (${SHOWN})` };
  if (a.bytes.length > cap) return { ok: false, problem: `it is larger than ${Math.round(cap / (1024 * 1024))} MB` };
  if (a.bytes.length === 0) return { ok: false, problem: "it is empty" };
  const sniffed = sniffImage(a.bytes);
  if (sniffed !== type) return { ok: false, problem: `its bytes are not a ${NAMES[type as ImageType]} picture` };
  return { ok: true, mimeType: sniffed, dataUrl: `data:${sniffed};base64,${Buffer.from(a.bytes).toString("base64")}` };
}
