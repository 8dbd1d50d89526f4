// The TXT record of an `_openclaw-gw._tcp` beacon, read defensively (pure). TXT is unauthenticated input
// from anyone on the link (docs/gateway/bonjour.md "Security notes"): every field is a hint, each one is
// checked on its own, and a bad field is dropped, never an exception. RFC 6763 §6: one "key=value"
// string per entry, the key is case-insensitive and ends at the first "=", the first occurrence wins, a
// string without "=" is a key with no value, and an empty key is ignored.

import type { GatewayTxt } from "../../../src-shared/discovery.js";

const MAX_STRINGS = 64;
const MAX_OTHER = 16;
const MAX_VALUE = 255;

/** A DNS name such as `desk.local` or `desk.tailnet.ts.net` (letters, digits, hyphens; ≤ 253). */
export function isHostName(s: string): boolean {
  if (s.length === 0 || s.length > 253) return false;
  const labels = s.replace(/\.$/, "").split(".");
  return labels.every((l) => /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i.test(l));
}

/** Printable text only: control characters (and so terminal escapes) are removed, length capped. */
export function printable(s: string, max: number): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, "").trim().slice(0, max);
}

function port(v: string | undefined): number | undefined {
  if (v === undefined || !/^\d{1,5}$/.test(v)) return undefined;
  const n = Number(v);
  return n >= 1 && n <= 65535 ? n : undefined;
}

/** "1"/"true"/"yes", or the bare key (RFC 6763 §6.4: a boolean attribute), is true; any other value false. */
function flag(e: Map<string, string | undefined>, key: string): boolean | undefined {
  if (!e.has(key)) return undefined;
  const v = e.get(key);
  return v === undefined || ["1", "true", "yes"].includes(v.trim().toLowerCase());
}

function hostHint(v: string | undefined): string | undefined {
  const h = v?.trim().toLowerCase().replace(/\.$/, "");
  return h && isHostName(h) ? h : undefined;
}

/** A SHA-256 fingerprint as 64 lowercase hex digits (colons and case tolerated), else undefined. */
function sha256(v: string | undefined): string | undefined {
  const hex = v?.replace(/:/g, "").trim().toLowerCase();
  return hex && /^[0-9a-f]{64}$/.test(hex) ? hex : undefined;
}

function text(v: string | undefined, max: number): string | undefined {
  const t = v === undefined ? "" : printable(v, max);
  return t ? t : undefined;
}

function asBytes(entry: unknown): Uint8Array | null {
  if (entry instanceof Uint8Array) return entry;
  if (typeof entry === "string") return new TextEncoder().encode(entry);
  return null;
}

/**
 * The raw TXT strings as a key → value map (keys lowercased, first one wins, undefined = key without
 * "="). Accepts what dns-packet gives (an array of Buffers, or one Buffer) and plain strings; anything
 * else, a non-UTF-8 entry or a key with non-printable characters is skipped.
 */
export function txtEntries(raw: unknown): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>();
  const list: unknown[] = Array.isArray(raw) ? raw : raw instanceof Uint8Array || typeof raw === "string" ? [raw] : [];
  const utf8 = new TextDecoder("utf-8", { fatal: true });
  for (const entry of list.slice(0, MAX_STRINGS)) {
    const bytes = asBytes(entry);
    if (!bytes || bytes.length === 0) continue;
    let s: string;
    try {
      s = utf8.decode(bytes.subarray(0, MAX_VALUE + 64));
    } catch {
      continue;
    }
    const eq = s.indexOf("=");
    const key = (eq < 0 ? s : s.slice(0, eq)).toLowerCase();
    if (!key || !/^[\x20-\x7e]{1,64}$/.test(key) || out.has(key)) continue;
    out.set(key, eq < 0 ? undefined : s.slice(eq + 1));
  }
  return out;
}

const KNOWN = new Set([
  "role", "transport", "displayname", "lanhost", "gatewayport", "gatewaytls", "gatewaytlssha256",
  "gatewaydirectreachable", "tailnetdns", "sshport", "clipath",
]);

/** The gateway's TXT fields, each checked on its own; a malformed one is left out. */
export function parseGatewayTxt(raw: unknown): GatewayTxt {
  const e = txtEntries(raw);
  const txt: GatewayTxt = {
    role: text(e.get("role"), 32),
    transport: text(e.get("transport"), 32),
    displayName: text(e.get("displayname"), 128),
    lanHost: hostHint(e.get("lanhost")),
    gatewayPort: port(e.get("gatewayport")),
    gatewayTls: flag(e, "gatewaytls"),
    gatewayTlsSha256: sha256(e.get("gatewaytlssha256")),
    gatewayDirectReachable: flag(e, "gatewaydirectreachable"),
    tailnetDns: hostHint(e.get("tailnetdns")),
    sshPort: port(e.get("sshport")),
    cliPath: text(e.get("clipath"), 1024),
  };
  const other = [...e].filter(([k]) => !KNOWN.has(k)).slice(0, MAX_OTHER);
  if (other.length) txt.other = Object.fromEntries(other.map(([k, v]) => [printable(k, 64), printable(v ?? "", MAX_VALUE)]));
  for (const k of Object.keys(txt) as Array<keyof GatewayTxt>) if (txt[k] === undefined) delete txt[k];
  return txt;
}
