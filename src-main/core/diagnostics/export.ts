// The diagnostics export: one JSON file a person can attach to a bug report. It holds versions, the
// profile (never its secrets), the ladder result and the recent log — and is safe by construction:
//  1. the profile is copied through an allow-list (no field that could carry a credential survives),
//     URLs lose userinfo, the #fragment and credential-named query parameters;
//  2. every string in it, then the serialised text, passes through the logger's SecretRedactor, which
//     masks every live secret registered during the session plus anything shaped like a credential;
//  3. the result is parsed back (the redactor must leave valid JSON) and written 0600, atomically, into
//     a folder created on demand (the app's diagnostics/ folder does not exist on first use).
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { LogRecord } from "../log/logger.js";
import type { SecretRedactor } from "../log/redactor.js";
import { CLAWLINK_VERSION } from "../version.js";
import type { LadderResult } from "./ladder.js";

export const EXPORT_FORMAT = "clawlink-diagnostics/1";

/** A credential-free view of whatever describes the target (a saved profile or a command-line spec). */
export function sanitizeProfile(p: unknown): Record<string, unknown> | null {
  if (!p || typeof p !== "object") return null;
  const src = p as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of ["id", "name", "kind", "connectAtStart", "gatewayKey"]) if (src[key] !== undefined) out[key] = src[key];
  const url = typeof src.url === "string" ? src.url : undefined;
  if (url) out.url = safeUrl(url);
  const tlsFingerprint = typeof src.tlsFingerprint === "string" ? src.tlsFingerprint : undefined;
  if (tlsFingerprint) out.tlsFingerprint = tlsFingerprint; // a certificate hash is public
  const sub = (v: unknown, keys: string[]): Record<string, unknown> | undefined => {
    if (!v || typeof v !== "object") return undefined;
    const r: Record<string, unknown> = {};
    for (const k of keys) if ((v as Record<string, unknown>)[k] !== undefined) r[k] = (v as Record<string, unknown>)[k];
    return r;
  };
  const ssh = sub(src.ssh, ["target", "identityFile", "remotePort", "localPort", "keepaliveIntervalS", "keepaliveCountMax", "knownHostsFiles"]);
  if (ssh) out.ssh = ssh;
  const local = sub(src.local, ["port"]);
  if (local) out.local = local;
  const direct = sub(src.direct, ["url", "tlsFingerprint"]);
  if (direct) {
    if (typeof direct.url === "string") direct.url = safeUrl(direct.url);
    out.direct = direct;
  }
  const auth = sub(src.auth, ["mode"]);
  if (auth) out.auth = auth;
  // Which credential sources were in play, never their values.
  for (const c of ["token", "password"] as const) {
    const v = src[c] as { source?: unknown } | undefined;
    if (v && typeof v === "object" && typeof v.source === "string") out[`${c}Source`] = v.source;
  }
  return out;
}

function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    u.hash = "";
    u.username = "";
    u.password = "";
    for (const k of [...u.searchParams.keys()]) if (/token|password|secret|key/i.test(k)) u.searchParams.delete(k);
    return u.toString();
  } catch {
    // Not parseable: keep scheme, host and path only.
    return url.replace(/#.*$/, "").replace(/\?.*$/, "").replace(/\/\/[^@/]*@/, "//");
  }
}

export interface DiagnosticsInput {
  /** The profile, or the connection spec of a command-line target; secrets are dropped either way. */
  profile: unknown;
  ladder: LadderResult | null;
  /** Recent log records (e.g. file-sink.ts readRecentLog), oldest first. */
  recentLog: Array<LogRecord | string>;
  redactor: SecretRedactor;
  /** Anything else worth attaching (credential trail, notes); passed through the redactor too. */
  extra?: Record<string, unknown>;
  now?: Date;
}

export interface DiagnosticsDocument {
  format: typeof EXPORT_FORMAT;
  createdAt: string;
  versions: { clawlink: string; node: string; platform: string; arch: string; osRelease: string; electron: string | null };
  profile: Record<string, unknown> | null;
  ladder: LadderResult | null;
  recentLog: Array<LogRecord | string>;
  extra?: Record<string, unknown>;
}

/** Builds the export and returns it as redacted JSON text (what gets written). */
export function buildDiagnosticsExport(input: DiagnosticsInput): string {
  const doc: DiagnosticsDocument = {
    format: EXPORT_FORMAT,
    createdAt: (input.now ?? new Date()).toISOString(),
    versions: {
      clawlink: CLAWLINK_VERSION,
      node: process.version,
      platform: process.platform,
      arch: process.arch,
      osRelease: os.release(),
      electron: process.versions.electron ?? null,
    },
    profile: sanitizeProfile(input.profile),
    ladder: input.ladder,
    recentLog: input.recentLog,
    ...(input.extra ? { extra: input.extra } : {}),
  };
  // Strings first (a secret containing a quote or backslash looks different once JSON-escaped), then the
  // text as a whole (credential-shaped key/value pairs).
  const redacted = input.redactor.redact(JSON.stringify(redactStrings(doc, input.redactor), null, 2));
  JSON.parse(redacted); // the redactor only replaces inside strings; prove the document is still JSON
  return redacted + "\n";
}

function redactStrings(v: unknown, r: SecretRedactor, depth = 0): unknown {
  if (typeof v === "string") return r.redact(v);
  if (depth > 40 || v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) return v.map((x) => redactStrings(x, r, depth + 1));
  return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [r.redact(k), redactStrings(x, r, depth + 1)]));
}

/** Where an export went: the file, and the folder a "Show in folder" action opens. */
export interface WrittenExport {
  path: string;
  folder: string;
}

/** An export that could not be written, said for a person (never a raw errno or the temp file's name). */
export class DiagnosticsExportError extends Error {
  constructor(
    message: string,
    readonly fixHint: string,
  ) {
    super(message);
    this.name = "DiagnosticsExportError";
  }
}

const WHY: Record<string, string> = {
  EACCES: "permission denied",
  EPERM: "permission denied",
  EROFS: "the disk is read-only",
  ENOSPC: "the disk is full",
  EDQUOT: "the disk quota is used up",
  ENOTDIR: "part of that path is a file, not a folder",
  EEXIST: "part of that path is a file, not a folder",
  EISDIR: "that name is a folder",
  ENAMETOOLONG: "the path is too long",
};

function exportError(e: unknown, what: string, folder: string): DiagnosticsExportError {
  const code = (e as NodeJS.ErrnoException).code ?? "";
  const why = WHY[code] ?? "the system refused it";
  return new DiagnosticsExportError(
    `Could not ${what} (${why}).`,
    `Check that you can write to ${folder} (its owner, permissions and free space), or choose another place for the export.`,
  );
}

/**
 * Writes the export to `file` (0600, temp file + rename in the same folder), creating missing folders
 * (0700: an export describes your setup). Failures throw DiagnosticsExportError.
 */
export function writeDiagnosticsExport(file: string, input: DiagnosticsInput): WrittenExport {
  const text = buildDiagnosticsExport(input);
  const abs = path.resolve(file);
  const folder = path.dirname(abs);
  if (fs.statSync(abs, { throwIfNoEntry: false })?.isDirectory()) {
    throw new DiagnosticsExportError(`${abs} is a folder, not a file name.`, `Give a file name inside it, e.g. ${path.join(abs, "clawlink-diagnostics.json")}.`);
  }
  try {
    fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
  } catch (e) {
    throw exportError(e, `create the folder ${folder}`, folder);
  }
  const tmp = path.join(folder, `.${path.basename(abs)}.${process.pid}-${randomBytes(4).toString("hex")}.tmp`);
  try {
    fs.writeFileSync(tmp, text, { mode: 0o600 });
    fs.renameSync(tmp, abs);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw exportError(e, `write the diagnostics export to ${abs}`, folder);
  }
  return { path: abs, folder };
}
