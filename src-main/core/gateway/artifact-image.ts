// Assistant-generated pictures (issue 12 "Chat"): what an assistant transcript row's image blocks refer
// to, and how one is loaded — docs/gateway/clients.md "Render generated image artifacts":
//   1. `artifacts.download {sessionKey, agentId?, artifactId}` on this connection;
//   2. the answer is a short-lived Gateway-relative `url` (+ `expiresAt`) — for the gateway's managed
//      outgoing media, `/api/chat/media/outgoing/<key>/<id>/full?mediaTicket=…` — or, for an inline
//      transcript artifact, `encoding:"base64"` + `data` over the socket;
//   3. the url is fetched from this connection's own gateway origin (its path prefix, its TLS pin) with no
//      credential: the ticket is the authority, and the shared token is not forwarded;
//   4. an expired link is asked for once more; a change of connection or route cancels the load.
// The bytes then pass the same gate as every other picture (checkImage), with the 12 MiB source limit the
// page names. An older image block without an artifactId is not fetched (the docs: native clients show a
// readable fallback rather than forward a shared owner credential).
//
// What the real gateway (2026.9.6) writes, seen in this repo's e2e: an assistant reply with a `MEDIA:<path>`
// line becomes `{type:"image", artifactId:"artifact_managed_image_<uuid>", url, openUrl, alt, mimeType,
// width, height, sizeBytes}` in the row's `content`. A link whose ticket no longer verifies falls back to
// the route's operator auth, which is not sent, so it answers 401.
import type { ChatMediaRef } from "./chat-media.js";
import { checkImage, type ImageCheck } from "./chat-media.js";
import type { MediaAnswer } from "./media-fetch.js";

/** The source limit for generated images (docs/gateway/clients.md step 3: "a 12 MiB source limit"). */
export const ARTIFACT_IMAGE_CAP_BYTES = 12 * 1024 * 1024;

const ARTIFACT = "artifact:";
const UNMANAGED = "unmanaged-image:";
const ARTIFACT_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,199}$/;

/** The sentence for an image block without an artifactId (shown, never fetched). */
export const UNMANAGED_PROBLEM =
  "it is an older image reference without an artifact id, and Clawlink does not send this gateway's shared credential to fetch those";
export const CANCELLED_PROBLEM = "the connection changed while it was loading";

/** `artifact:<id>` → the id, for an id of the shape the gateway gives (no spaces, slashes or query). */
export function artifactIdOf(source: string): string | null {
  if (!source.startsWith(ARTIFACT)) return null;
  const id = source.slice(ARTIFACT.length);
  return ARTIFACT_ID.test(id) ? id : null;
}

export function isUnmanagedImage(source: string): boolean {
  return /^unmanaged-image:\d{1,4}$/.test(source);
}

type Row = Record<string, unknown>;
const str = (v: unknown): string | null => (typeof v === "string" && v ? v : null);
const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) && v >= 0 ? v : null);

/** The image blocks of one assistant row, as references (the bytes come through chatMedia). */
export function artifactRefsOf(row: unknown): ChatMediaRef[] {
  if (!row || typeof row !== "object" || (row as Row).role !== "assistant") return [];
  const content = (row as Row).content;
  if (!Array.isArray(content)) return [];
  return content.flatMap((b: unknown, i): ChatMediaRef[] => {
    if (!b || typeof b !== "object" || (b as Row).type !== "image") return [];
    const block = b as Row;
    const id = str(block.artifactId);
    const alt = str(block.alt) ?? str(block.fileName);
    const ref = { fileName: alt ? alt.slice(0, 200) : null, mimeType: str(block.mimeType), sizeBytes: num(block.sizeBytes) };
    if (id && ARTIFACT_ID.test(id)) return [{ source: `${ARTIFACT}${id}`, ...ref }];
    return [{ source: `${UNMANAGED}${i}`, ...ref }];
  });
}

/** What artifacts.download answered, reduced to what loading needs; null when it names neither a url nor data. */
export interface ArtifactDownload {
  url: string | null;
  expiresAt: number | null;
  data: string | null;
  mimeType: string | null;
}

export function parseDownload(res: unknown): ArtifactDownload | null {
  if (!res || typeof res !== "object") return null;
  const r = res as Row;
  const artifact = r.artifact && typeof r.artifact === "object" ? (r.artifact as Row) : {};
  const data = r.encoding === "base64" ? str(r.data) : null;
  const url = str(r.url);
  if (!data && !url) return null;
  const exp = str(r.expiresAt) ? Date.parse(r.expiresAt as string) : NaN;
  return { url: data ? null : url, expiresAt: Number.isNaN(exp) ? null : exp, data, mimeType: str(artifact.mimeType) };
}

/**
 * A Gateway-relative url (`/api/…`) under the connection's HTTP base, keeping the base's path prefix; an
 * absolute url only when it is on that same origin. Anything else (another host, `//host`, a scheme the
 * host would not fetch) → null: the host never fetches where the gateway's answer points elsewhere.
 */
export function gatewayUrl(base: string, url: string): string | null {
  let b: URL;
  try {
    b = new URL(base.endsWith("/") ? base : `${base}/`);
  } catch {
    return null;
  }
  if (/^\/(?![/\\])/.test(url)) {
    const u = new URL(url.slice(1), b);
    return u.origin === b.origin ? u.toString() : null;
  }
  try {
    const u = new URL(url);
    return u.origin === b.origin ? u.toString() : null;
  } catch {
    return null;
  }
}

export interface ArtifactLoad {
  /** artifacts.download on the connection the load started on. */
  download(): Promise<unknown>;
  /** GET from the gateway origin over that connection's path and TLS pin, without a credential. */
  fetch(url: string): Promise<MediaAnswer | { failed: string }>;
  /** gatewayUrl against that connection's base. */
  resolve(url: string): string | null;
  /** Still the same connection (session, attempt) and route; false cancels the load. */
  current(): boolean;
  now(): number;
  cap?: number;
}

const no = (problem: string): ImageCheck => ({ ok: false, problem });

/** The gateway's refusal in words; its artifact errors carry `details.type` (INVALID_REQUEST otherwise). */
function downloadRefusal(e: unknown): string {
  const type = (e as { details?: { type?: unknown } } | null)?.details?.type;
  if (type === "artifact_not_found") return "the gateway no longer has it";
  if (type === "artifact_download_unsupported") return "the gateway cannot hand this one out";
  return `the gateway would not hand it out (${e instanceof Error ? e.message : String(e)})`;
}

/** Downloads one artifact image and checks it; an expired or refused link is asked for once more. */
export async function loadArtifactImage(d: ArtifactLoad): Promise<ImageCheck> {
  const cap = d.cap ?? ARTIFACT_IMAGE_CAP_BYTES;
  for (let attempt = 1; ; attempt++) {
    const last = attempt === 2;
    let res: unknown;
    try {
      res = await d.download();
    } catch (e) {
      return d.current() ? no(downloadRefusal(e)) : no(CANCELLED_PROBLEM);
    }
    if (!d.current()) return no(CANCELLED_PROBLEM);
    const dl = parseDownload(res);
    if (!dl) return no("the gateway's answer named no picture");
    if (dl.data !== null) {
      // Over the socket: bounded before decoding, then the same gate (the artifact's own MIME type).
      if (Math.floor((dl.data.length * 3) / 4) > cap + 2) return no(`it is larger than ${Math.round(cap / (1024 * 1024))} MB`);
      return checkImage({ status: 200, contentType: dl.mimeType, bytes: Buffer.from(dl.data, "base64"), cap });
    }
    const url = d.resolve(dl.url!);
    if (!url) return no("the gateway's download link points somewhere other than this gateway");
    if (dl.expiresAt !== null && dl.expiresAt <= d.now()) {
      if (last) return no("its download link had expired again");
      continue;
    }
    const a = await d.fetch(url);
    if (!d.current()) return no(CANCELLED_PROBLEM);
    if ("failed" in a) return no(a.failed);
    // An expired or revoked ticket: the route falls back to the operator auth, which is not sent.
    if ((a.status === 401 || a.status === 403) && !last) continue;
    if (a.status === 401 || a.status === 403) return no("the gateway refused its download link twice (expired or revoked)");
    return checkImage({ ...a, cap });
  }
}
