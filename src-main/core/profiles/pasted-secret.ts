// What a person pasted where a gateway token goes (the Add form's token field, `clawlink secret set …
// token`, the target of `clawlink profiles add`): a gateway token, a password, a dashboard link with
// #token=, or a setup code / bootstrap token. A setup code pasted as a token used to fail as an opaque
// token_mismatch (openclaw/openclaw#141520); recognising it lets the caller run the bootstrap pairing
// instead. Pure: no keychain, no network.
//
// The setup code's format is the gateway's own (2026.9.6 dist setup-code-*.mjs, encodePairingSetupCode /
// decodePairingSetupCode): base64url (no padding) of the JSON `{ url, urls?, bootstrapToken, expiresAtMs?,
// tlsFingerprint? }`, optionally behind `oc-pair://` (docs/gateway/pairing.md "One-paste node pairing";
// docs/cli/qr.md "Setup code contents"). `url`/`urls` are ws:// or wss:// gateway URLs; the bootstrap
// token is short-lived and single-use (10 minutes) and must not be persisted beyond the pairing flow
// (docs/gateway/protocol/rpc-devices-nodes-and-approvals.md).
import { parseDirectUrl } from "../transport/direct-url.js";
import { normalizeTlsFingerprint } from "../transport/tls-pin.js";

export interface SetupCode {
  /** The gateway URL the code names (ws:// or wss://), as the gateway wrote it. */
  url: string;
  /** Further URLs the gateway offered (at most 8, like the gateway's own decoder). */
  urls: string[];
  /** The single-use bootstrap credential: memory only, never a keychain entry or a log line. */
  bootstrapToken: string;
  expiresAtMs?: number;
  /** Lowercase hex SHA-256 of the gateway's TLS leaf, when the gateway serves a pinnable certificate. */
  tlsFingerprint?: string;
}

export type PastedSecret =
  | { kind: "empty" }
  | { kind: "setup-code"; setup: SetupCode }
  /** A setup code whose expiresAtMs has passed: the gateway would refuse it, so say so before trying. */
  | { kind: "setup-code-expired"; url: string; expiresAtMs: number }
  /** It carries the oc-pair:// prefix (so it was meant as a setup code) but does not decode. */
  | { kind: "setup-code-invalid"; message: string }
  /** A dashboard link: the address, and the token from its #token= (absent when the link has none). */
  | { kind: "dashboard-url"; url: string; token?: string }
  | { kind: "token"; value: string }
  /** Human-typed rather than generated (blanks, short, or punctuation a generated token never has). */
  | { kind: "password"; value: string };

const PREFIX = "oc-pair://";
const CODE_RE = /^[A-Za-z0-9_-]+$/;
const MAX_URLS = 8;
/** A setup code is ~160 characters with a loopback URL; anything past this is not one we will decode. */
const MAX_CODE_LENGTH = 8192;
/** What OpenClaw-generated tokens look like (hex, base64url, base64): one run of these, at least 16 long. */
const GENERATED_TOKEN_RE = /^[A-Za-z0-9._~+/=-]{16,}$/;

/** Recognises what was pasted; `now` decides whether a setup code has expired. */
export function classifyPastedSecret(input: string, now = Date.now()): PastedSecret {
  const text = input.trim();
  if (!text) return { kind: "empty" };
  const prefixed = text.toLowerCase().startsWith(PREFIX);
  if (prefixed || looksLikeSetupCode(text)) {
    const decoded = decodeSetupCode(prefixed ? text.slice(PREFIX.length) : text, now);
    if (decoded.kind !== "setup-code-invalid" || prefixed) return decoded;
  }
  if (/^(wss?|https?):\/\//i.test(text)) {
    const u = parseDirectUrl(text);
    if (u.ok) return { kind: "dashboard-url", url: u.value.url, ...(u.value.token ? { token: u.value.token } : {}) };
  }
  // The password test is on the text as pasted (blanks inside count); surrounding blanks were a paste slip.
  return GENERATED_TOKEN_RE.test(text) ? { kind: "token", value: text } : { kind: "password", value: text };
}

/** Only a long base64url run whose decoding starts like a JSON object is tried as a code. */
function looksLikeSetupCode(text: string): boolean {
  return text.length >= 40 && text.length <= MAX_CODE_LENGTH && CODE_RE.test(text) && text.startsWith("ey");
}

function decodeSetupCode(code: string, now: number): Exclude<PastedSecret, { kind: "empty" | "dashboard-url" | "token" | "password" }> {
  const bad = (message: string) => ({ kind: "setup-code-invalid" as const, message });
  if (!code || code.length > MAX_CODE_LENGTH || !CODE_RE.test(code)) return bad("The setup code has characters a setup code never has (it is base64url).");
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(code, "base64url").toString("utf8"));
  } catch {
    return bad("The setup code does not decode (it may be cut short: copy all of it).");
  }
  if (!payload || typeof payload !== "object" || Array.isArray(payload)) return bad("The setup code does not hold a pairing payload.");
  const p = payload as Record<string, unknown>;
  const url = gatewayUrl(p.url);
  const bootstrapToken = typeof p.bootstrapToken === "string" ? p.bootstrapToken.trim() : "";
  if (!url || !bootstrapToken) return bad("The setup code has no gateway URL or no bootstrap token.");
  let urls: string[] = [];
  if (p.urls !== undefined) {
    if (!Array.isArray(p.urls) || p.urls.length === 0 || p.urls.length > MAX_URLS) return bad("The setup code's URL list is malformed.");
    const parsed = p.urls.map(gatewayUrl);
    if (parsed.some((u) => u === null)) return bad("The setup code's URL list is malformed.");
    urls = parsed as string[];
  }
  let expiresAtMs: number | undefined;
  if (p.expiresAtMs !== undefined) {
    if (typeof p.expiresAtMs !== "number" || !Number.isSafeInteger(p.expiresAtMs) || p.expiresAtMs < 0) return bad("The setup code's expiry is malformed.");
    expiresAtMs = p.expiresAtMs;
    if (expiresAtMs <= now) return { kind: "setup-code-expired", url, expiresAtMs };
  }
  let tlsFingerprint: string | undefined;
  if (p.tlsFingerprint !== undefined) {
    const fp = typeof p.tlsFingerprint === "string" ? normalizeTlsFingerprint(p.tlsFingerprint) : null;
    if (!fp) return bad("The setup code's TLS fingerprint is malformed.");
    tlsFingerprint = fp;
  }
  return {
    kind: "setup-code",
    setup: { url, urls, bootstrapToken, ...(expiresAtMs !== undefined ? { expiresAtMs } : {}), ...(tlsFingerprint ? { tlsFingerprint } : {}) },
  };
}

/** A ws:// or wss:// URL (the gateway's decoder accepts nothing else), without a #fragment. */
function gatewayUrl(v: unknown): string | null {
  if (typeof v !== "string" || !/^wss?:\/\//i.test(v.trim()) || v.includes("#")) return null;
  const u = parseDirectUrl(v);
  return u.ok ? v.trim() : null;
}

/** How long a setup code has left, in words, for a note ("9 min"), or null without an expiry. */
export function setupCodeTimeLeft(setup: SetupCode, now = Date.now()): string | null {
  if (setup.expiresAtMs === undefined) return null;
  const s = Math.max(0, Math.round((setup.expiresAtMs - now) / 1000));
  return s >= 60 ? `${Math.floor(s / 60)} min` : `${s} s`;
}
