// Reads OpenSSH known_hosts files and decides what a presented host key means: known, unknown,
// changed or revoked. Supported, as OpenSSH writes and reads them:
//  - plain host lists (`host1,host2 type base64`), `[host]:port` for non-22 ports, `*`/`?` wildcards and
//    `!negation`;
//  - hashed entries `|1|base64(salt)|base64(HMAC-SHA1(salt, name))` (HashKnownHosts yes, Debian's default);
//  - several key types per host;
//  - `@revoked` markers (a revoked key is refused for every host). `@cert-authority` lines are skipped:
//    Clawlink does not do host certificates, so such a host is treated as unknown (fail closed).
import { createHash, createHmac } from "node:crypto";

export interface KnownHostEntry {
  marker: "revoked" | "cert-authority" | null;
  /** Comma-separated patterns, or a single hashed `|1|salt|hash`. */
  hosts: string;
  keyType: string;
  /** Decoded key blob (the same bytes the server sends and ssh2 hands to hostVerifier). */
  key: Buffer;
  /** Where it came from, for messages: "file:line". */
  source: string;
}

/** The name known_hosts stores for a host: `host` on port 22, `[host]:port` otherwise. */
export function knownHostsName(host: string, port: number): string {
  const h = host.toLowerCase();
  return port === 22 ? h : `[${h}]:${port}`;
}

/** OpenSSH's fingerprint form: SHA256:<base64 of sha256(blob)> without padding. */
export function sshFingerprint(blob: Buffer): string {
  return "SHA256:" + createHash("sha256").update(blob).digest("base64").replace(/=+$/, "");
}

/** The key type is the first SSH string inside the blob (uint32 length + bytes). */
export function keyTypeOfBlob(blob: Buffer): string {
  if (blob.length < 4) return "unknown";
  const n = blob.readUInt32BE(0);
  if (n > blob.length - 4 || n > 64) return "unknown";
  return blob.subarray(4, 4 + n).toString("ascii");
}

export function parseKnownHosts(text: string, sourceName = "known_hosts"): KnownHostEntry[] {
  const out: KnownHostEntry[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith("#")) return;
    const parts = line.split(/\s+/);
    let marker: KnownHostEntry["marker"] = null;
    if (parts[0]?.startsWith("@")) {
      const m = parts.shift()!;
      if (m === "@revoked") marker = "revoked";
      else if (m === "@cert-authority") marker = "cert-authority";
      else return; // unknown marker: OpenSSH ignores the line too
    }
    const [hosts, keyType, b64] = parts;
    if (!hosts || !keyType || !b64) return;
    const key = Buffer.from(b64, "base64");
    // A line whose base64 does not decode to a blob of the stated type is corrupt: skip it, as OpenSSH does.
    if (key.length === 0 || keyTypeOfBlob(key) !== keyType) return;
    out.push({ marker, hosts, keyType, key, source: `${sourceName}:${i + 1}` });
  });
  return out;
}

function globToRegExp(pattern: string): RegExp {
  const esc = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${esc}$`, "i");
}

function hashedMatches(hashed: string, name: string): boolean {
  const parts = hashed.split("|"); // ["", "1", salt, hash]
  if (parts.length !== 4 || parts[1] !== "1") return false;
  const salt = Buffer.from(parts[2]!, "base64");
  const want = Buffer.from(parts[3]!, "base64");
  const got = createHmac("sha1", salt).update(name).digest();
  return want.length === got.length && got.equals(want);
}

/** True when the entry's host field names this host and port (negations win, as in OpenSSH). */
export function entryMatchesHost(hosts: string, host: string, port: number): boolean {
  const name = knownHostsName(host, port);
  if (hosts.startsWith("|")) return hashedMatches(hosts, name);
  let matched = false;
  for (const pat of hosts.split(",")) {
    if (!pat) continue;
    const negated = pat.startsWith("!");
    const p = negated ? pat.slice(1) : pat;
    if (globToRegExp(p).test(name)) {
      if (negated) return false;
      matched = true;
    }
  }
  return matched;
}

export type HostKeyVerdict =
  | { status: "known"; fingerprint: string; source: string }
  | { status: "unknown"; fingerprint: string; keyType: string }
  | {
      status: "changed";
      fingerprint: string;
      keyType: string;
      /** What known_hosts holds for this host (fingerprints, with where they are). */
      expected: Array<{ keyType: string; fingerprint: string; source: string }>;
    }
  | { status: "revoked"; fingerprint: string; source: string };

/**
 * Classifies a presented key. A host with keys on record but none equal to the presented one is
 * "changed" even when the presented key has another type: OpenSSH avoids that case by asking for the
 * recorded type first (we do too, see hostKeyAlgorithmsFor), so a server offering a new type to a
 * known host is treated as suspect rather than as a fresh, promptable host.
 */
export function verifyHostKey(entries: KnownHostEntry[], host: string, port: number, blob: Buffer): HostKeyVerdict {
  const fingerprint = sshFingerprint(blob);
  const keyType = keyTypeOfBlob(blob);
  const revoked = entries.find((e) => e.marker === "revoked" && e.key.equals(blob));
  if (revoked) return { status: "revoked", fingerprint, source: revoked.source };
  const forHost = entries.filter((e) => e.marker === null && entryMatchesHost(e.hosts, host, port));
  const exact = forHost.find((e) => e.key.equals(blob));
  if (exact) return { status: "known", fingerprint, source: exact.source };
  if (forHost.length === 0) return { status: "unknown", fingerprint, keyType };
  return {
    status: "changed",
    fingerprint,
    keyType,
    expected: forHost.map((e) => ({ keyType: e.keyType, fingerprint: sshFingerprint(e.key), source: e.source })),
  };
}

/** Key types already on record for a host, in file order, so the handshake can prefer them. */
export function knownKeyTypesFor(entries: KnownHostEntry[], host: string, port: number): string[] {
  const types: string[] = [];
  for (const e of entries) {
    if (e.marker === null && entryMatchesHost(e.hosts, host, port) && !types.includes(e.keyType)) types.push(e.keyType);
  }
  return types;
}
