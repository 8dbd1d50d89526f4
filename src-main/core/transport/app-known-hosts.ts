// Clawlink's own known_hosts file, where host keys the person trusted in the app go. The user's
// ~/.ssh/known_hosts is only ever read: rewriting it could drop their comments, hashing choice or
// entries another tool manages, and a bug there would break plain `ssh` too.
// The file is append-only: trusting a key adds a line; nothing is edited or removed in place, so a
// changed key can never be "fixed" by the app overwriting the old one (that needs a person, on purpose).
import fs from "node:fs";
import path from "node:path";
import { keyTypeOfBlob, knownHostsName } from "./known-hosts.js";

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
