// Clawlink's own known_hosts file, where host keys the person trusted in the app go. The user's
// ~/.ssh/known_hosts is only ever read: rewriting it could drop their comments, hashing choice or
// entries another tool manages, and a bug there would break plain `ssh` too.
// Trusting a key only ever adds a line; nothing is edited in place, so a changed key can never be
// "fixed" by the app overwriting the old one. Removing lines takes a person asking for it by name
// (`clawlink trust forget <profile> --host-key`, profile-trust.ts), and then only this file's lines for
// that profile's hosts go, never ~/.ssh/known_hosts.
import fs from "node:fs";
import path from "node:path";
import { entryMatchesHost, keyTypeOfBlob, knownHostsName } from "./known-hosts.js";

/** Appends `[host]:port type base64` (plain, so a person can read and audit it); creates the file 0600. */
export function appendAppKnownHost(file: string, host: string, port: number, blob: Buffer): string {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const line = `${knownHostsName(host, port)} ${keyTypeOfBlob(blob)} ${blob.toString("base64")}\n`;
  // O_APPEND: a concurrent reader sees the old file or the old file plus this whole line.
  const fd = fs.openSync(file, "a", 0o600);
  try {
    const size = fs.fstatSync(fd).size;
    // Keep the file line-oriented even if someone left it without a final newline.
    const needsNewline = size > 0 && fs.readFileSync(file).subarray(-1).toString() !== "\n";
    fs.writeSync(fd, (needsNewline ? "\n" : "") + line);
  } finally {
    fs.closeSync(fd);
  }
  return line.trimEnd();
}

/** Reads a known_hosts file; a missing file is an empty one (first run, or no ~/.ssh yet). */
export function readKnownHostsFile(file: string): string {
  try {
    return fs.readFileSync(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return "";
    throw e;
  }
}

export interface ForgottenHostKeys {
  /** The file's text without the forgotten lines (unchanged when nothing matched). */
  text: string;
  /** The lines removed, as they were (host, key type and key: public, safe to show). */
  removed: string[];
}

/**
 * Drops the plain trust lines for these hosts (as known_hosts names them: `host` on 22, `[host]:port`
 * otherwise, hashed names too). `@revoked` and `@cert-authority` lines stay: a revocation is a decision
 * of its own, and a CA vouches for more than one host. Pure, so the caller chooses how to write.
 */
export function withoutHostKeys(text: string, hosts: ReadonlyArray<{ host: string; port: number }>): ForgottenHostKeys {
  const removed: string[] = [];
  const kept = text.split("\n").filter((raw) => {
    const parts = raw.trim().split(/\s+/);
    if (!raw.trim() || raw.trim().startsWith("#") || parts[0]!.startsWith("@") || parts.length < 3) return true;
    const match = hosts.some((h) => entryMatchesHost(parts[0]!, h.host, h.port));
    if (match) removed.push(raw.trim());
    return !match;
  });
  return { text: removed.length ? kept.join("\n") : text, removed };
}
