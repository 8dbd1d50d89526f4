// Host key trust for one hop of a tunnel attempt: which known_hosts entries apply, which key algorithms
// to ask for, and what happens to an unknown or changed key (refused, or asked about and then saved to
// Clawlink's own known_hosts). Split out of tunnel-supervisor.ts (issue 14 §5).
import { appendAppKnownHost, readKnownHostsFile } from "./app-known-hosts.js";
import { parseKnownHosts, type HostKeyVerdict, type KnownHostEntry } from "./known-hosts.js";
import { hostKeyAttention } from "./ssh-errors.js";
import type { SshHop } from "./ssh-target.js";
import { errorContext, type Attempt, type AttemptDriver } from "./tunnel-attempt.js";

/** The user's known_hosts files, then Clawlink's own. */
export function loadKnownHosts(knownHostsFiles: string[], appKnownHostsFile: string): KnownHostEntry[] {
  const entries: KnownHostEntry[] = [];
  for (const f of knownHostsFiles) entries.push(...parseKnownHosts(readKnownHostsFile(f), f));
  entries.push(...parseKnownHosts(readKnownHostsFile(appKnownHostsFile), appKnownHostsFile));
  return entries;
}

/** Host key algorithms with the types already on record first, as OpenSSH orders them for a known host. */
export function hostKeyAlgorithmsFor(knownTypes: string[]): string[] {
  const all = ["ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "rsa-sha2-512", "rsa-sha2-256", "ssh-rsa"];
  const first: string[] = [];
  for (const t of knownTypes) {
    const algs = t === "ssh-rsa" ? ["rsa-sha2-512", "rsa-sha2-256", "ssh-rsa"] : [t];
    for (const alg of algs) if (all.includes(alg) && !first.includes(alg)) first.push(alg);
  }
  return [...first, ...all.filter((x) => !first.includes(x))];
}

/**
 * Accept a known key; refuse a changed one (ending the attempt); ask about an unknown one and save it
 * once trusted. Resolves whether the handshake may go on.
 */
export async function decideHostKey(d: AttemptDriver, a: Attempt, hop: SshHop, key: Buffer, v: HostKeyVerdict): Promise<boolean> {
  const ctx = errorContext(hop);
  if (v.status === "known") return true;
  if (v.status !== "unknown" || !d.o.confirmHostKey) {
    d.ended(a, { attention: hostKeyAttention(v, ctx, false, d.o.appKnownHostsFile), retry: false });
    return false;
  }
  d.prompt(a, hop, true);
  let trusted = false;
  try {
    trusted = await d.o.confirmHostKey({ host: hop.port === 22 ? hop.host : `[${hop.host}]:${hop.port}`, port: hop.port, keyType: v.keyType, fingerprint: v.fingerprint, hop: hop.alias });
  } catch {
    trusted = false;
  } finally {
    d.prompt(a, hop, false);
  }
  if (!trusted) {
    d.ended(a, { attention: hostKeyAttention(v, ctx, true), retry: false });
    return false;
  }
  if (!d.current(a)) return false;
  appendAppKnownHost(d.o.appKnownHostsFile, hop.host, hop.port, key);
  d.o.log?.(`trusted ${v.keyType} ${v.fingerprint} for ${hop.alias}; saved to ${d.o.appKnownHostsFile}`);
  return true;
}
