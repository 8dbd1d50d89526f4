// Taking trust back, per profile (issue 12): forget a remembered SSH host key or TLS pin, reset the
// device identity, and store an SSH password. Each was possible only by hand before (ssh-keygen -R on a
// file people did not know about, a keychain browser), and a "host key changed" error pointed at
// ssh-keygen alone. One set of functions for `clawlink trust|identity|secret` and a host handler alike:
//  - Host keys: only Clawlink's own known_hosts (<config dir>/known_hosts) is rewritten (atomically),
//    and only its lines for the hosts this profile dials: the gateway host and every ProxyJump hop, as
//    the supervisor resolves them (~/.ssh/config applied), because a changed key on any hop stops the
//    connection. ~/.ssh/known_hosts is never written; lines found there are reported with the command.
//  - TLS: every pin this profile's scoped keychain view holds (the current URL's and any older one's).
//  - Identity: a new device key; every profile's device tokens are deleted with it (they name the old
//    device and could never be used again). Every gateway must then approve this device again.
// Afterwards the next connect asks again (host key, certificate) or pairs again (identity).
import os from "node:os";
import path from "node:path";
import { resetDeviceIdentity } from "../identity/device-identity-store.js";
import { resolveSpecSshTarget } from "../orchestrator/spec-ssh-target.js";
import { SECRET_SERVICES, type SecretKey, type SecretStore } from "../secrets/secret-store.js";
import { readKnownHostsFile, withoutHostKeys } from "../transport/app-known-hosts.js";
import { knownHostsName, parseKnownHosts, entryMatchesHost } from "../transport/known-hosts.js";
import { sshPasswordKey } from "../transport/ssh-auth.js";
import { defaultKnownHostsFiles, type SshTarget } from "../transport/ssh-target.js";
import { writeFileAtomic } from "./atomic-write.js";
import { deleteProfileScopedEntries, profileScopedStore } from "./profile-keychain.js";
import type { Profile } from "./profile-schema.js";
import { ProfileError } from "./profile-store.js";

export interface TrustPlaces {
  /** Clawlink's config dir: its own known_hosts is `<configDir>/known_hosts`. */
  configDir: string;
  homeDir?: string;
  env?: NodeJS.ProcessEnv;
}

export const appKnownHostsPath = (configDir: string): string => path.join(configDir, "known_hosts");

export interface ForgetHostKeysResult {
  /** Clawlink's known_hosts. */
  file: string;
  /** The hosts looked for, as known_hosts names them (`[box]:2222`), jump hosts first. */
  hosts: string[];
  /** The lines removed from Clawlink's file. */
  removed: string[];
  /** Keys for these hosts that stay in the person's own files (never written): name and file. */
  elsewhere: Array<{ host: string; file: string }>;
}

/** The SSH target of an SSH profile, resolved exactly as its connection resolves it. */
export function resolveProfileSsh(profile: Profile, places: TrustPlaces): SshTarget {
  if (profile.kind !== "ssh" || !profile.ssh) throw new ProfileError(`${profile.id} is not an SSH profile (it is ${profile.kind}), so it has no SSH host key or SSH password.`);
  const r = resolveSpecSshTarget(profile.ssh, { homeDir: places.homeDir ?? os.homedir(), env: places.env ?? process.env });
  if (!r.ok) throw new ProfileError(r.attention.message, r.attention.fixHint);
  return r.target;
}

export async function forgetHostKeys(profile: Profile, places: TrustPlaces): Promise<ForgetHostKeysResult> {
  const target = resolveProfileSsh(profile, places);
  const hops = [...target.jumps, target].map((h) => ({ host: h.host, port: h.port }));
  const file = appKnownHostsPath(places.configDir);
  const { text, removed } = withoutHostKeys(readKnownHostsFile(file), hops);
  // One atomic rename: a crash leaves the old file or the new one, never half of it.
  if (removed.length > 0) await writeFileAtomic(file, text, { mode: 0o600 });
  const home = places.homeDir ?? os.homedir();
  const elsewhere: ForgetHostKeysResult["elsewhere"] = [];
  for (const f of target.userKnownHostsFiles ?? defaultKnownHostsFiles(home)) {
    const entries = parseKnownHosts(readKnownHostsFile(f), f).filter((e) => e.marker === null);
    for (const h of hops) if (entries.some((e) => entryMatchesHost(e.hosts, h.host, h.port))) elsewhere.push({ host: knownHostsName(h.host, h.port), file: f });
  }
  return { file, hosts: hops.map((h) => knownHostsName(h.host, h.port)), removed, elsewhere };
}

/** Deletes every TLS pin of the profile; resolves the authorities that had one (`wss://host:port`). */
export function forgetTlsPins(secrets: SecretStore, profile: Profile): Promise<string[]> {
  return deleteProfileScopedEntries(secrets, profile.uid, SECRET_SERVICES.tlsPin);
}

export interface IdentityResetResult {
  deviceId: string;
  /** Device tokens deleted, over all profiles (they named the old device). */
  deviceTokensDeleted: number;
}

/** A new device identity; the old one's device tokens go with it. Every gateway must pair again. */
export async function resetIdentity(secrets: SecretStore, profiles: readonly Profile[]): Promise<IdentityResetResult> {
  const pair = await resetDeviceIdentity(secrets);
  let deviceTokensDeleted = 0;
  for (const p of profiles) deviceTokensDeleted += (await deleteProfileScopedEntries(secrets, p.uid, SECRET_SERVICES.deviceToken)).length;
  return { deviceId: pair.deviceId, deviceTokensDeleted };
}

export interface SshPasswordPlace {
  /** The unscoped key the tunnel asks for; write it through the profile's scoped store. */
  key: SecretKey;
  /** `user@host:port` of the gateway host, for the message. */
  login: string;
}

/** Where the SSH password of the gateway host (the last hop) is kept for this profile. */
export function sshPasswordPlace(profile: Profile, places: TrustPlaces): SshPasswordPlace {
  const t = resolveProfileSsh(profile, places);
  return { key: sshPasswordKey(t), login: `${t.user}@${t.host}:${t.port}` };
}

export async function setSshPassword(secrets: SecretStore, profile: Profile, value: string, places: TrustPlaces): Promise<SshPasswordPlace> {
  if (!value) throw new ProfileError("An empty SSH password cannot be stored; use delete to remove it.");
  const place = sshPasswordPlace(profile, places);
  await profileScopedStore(secrets, profile.uid).set(place.key, value);
  return place;
}

export async function deleteSshPassword(secrets: SecretStore, profile: Profile, places: TrustPlaces): Promise<{ place: SshPasswordPlace; removed: boolean }> {
  const place = sshPasswordPlace(profile, places);
  return { place, removed: await profileScopedStore(secrets, profile.uid).delete(place.key) };
}
