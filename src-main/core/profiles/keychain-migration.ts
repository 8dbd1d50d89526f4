// The keychain half of the profiles.json v1 → v2 migration (issue 10). v1 keyed a profile's gateway
// token/password by its id (a slug of the name) and its device token by `profile:<id>`; pins, SSH
// passwords and passphrases were keyed by endpoint only. v2 keys all of them by the profile's random uid.
// The file migration (profile-schema.ts) gives each profile a uid and marks it with `legacyKeychainId`;
// this moves the entries, then clears the mark. Nothing is lost on the way:
//  - an entry is copied (and read back) before its old key is deleted, and an old key that is already
//    gone is skipped, so a crash at any point leaves either the old or the new entry and a rerun
//    (the mark is still there) finishes the job;
//  - a value already under the new key is never overwritten (it is newer than the old one);
//  - endpoint-keyed entries (pin, SSH password, passphrase) are copied but their shared originals are
//    kept: another profile of the same host, or a bare URL on the command line, may still read them.
// Only marked profiles are touched: a profile made after the migration never adopts a v1 entry, even
// when it has the name (and so the id) of a removed one.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { deviceIdFromPublicKeyPem } from "../identity/ed25519.js";
import { SECRET_SERVICES, type SecretKey, type SecretStore } from "../secrets/secret-store.js";
import { parseDirectUrl } from "../transport/direct-url.js";
import { sshPassphraseKey, sshPasswordKey } from "../transport/ssh-auth.js";
import { defaultIdentityFiles, resolveSshTarget } from "../transport/ssh-target.js";
import { tlsPinKey } from "../transport/tls-pin.js";
import { ProfileScopedSecretStore } from "./profile-keychain.js";
import type { Profile } from "./profile-schema.js";
import type { ProfileStore } from "./profile-store.js";
import { profileSecretKey } from "./profile-secrets.js";

/** The gateway session's role (gateway-session.ts); v1 device tokens were stored per role. */
const DEVICE_ROLES = ["operator"];

export interface KeychainMoveOptions {
  env?: NodeJS.ProcessEnv;
  homeDir?: string;
}

export interface KeychainMoveReport {
  /** Ids of the profiles whose entries now live under their uid. */
  done: string[];
  /** How many entries were copied to a uid key (never the values). */
  copied: number;
  /** One line per profile that could not be finished; it keeps its mark and is retried next start. */
  warnings: string[];
}

interface Move {
  from: SecretKey;
  /** Written through `to` (the base store, or the profile's scoped view so it is indexed for removal). */
  to: { store: SecretStore; key: SecretKey };
  /** Own entries are deleted at the old key once copied; shared ones stay. */
  shared: boolean;
}

async function deviceIds(base: SecretStore): Promise<string[]> {
  const raw = await base.get({ service: SECRET_SERVICES.deviceIdentity, account: "default" });
  if (!raw) return [];
  try {
    const { publicKeyPem } = JSON.parse(raw) as { publicKeyPem?: string };
    return publicKeyPem ? [deviceIdFromPublicKeyPem(publicKeyPem)] : [];
  } catch {
    return []; // an unreadable identity is reported where it is used; it has no tokens to move
  }
}

function movesFor(p: Profile, oldId: string, base: SecretStore, ids: string[], o: KeychainMoveOptions): Move[] {
  const scoped = new ProfileScopedSecretStore(base, p.uid);
  const moves: Move[] = [];
  for (const kind of ["token", "password"] as const)
    moves.push({ from: profileSecretKey(oldId, kind), to: { store: base, key: profileSecretKey(p.uid, kind) }, shared: false });
  for (const deviceId of ids)
    for (const role of DEVICE_ROLES) {
      const key = (gatewayKey: string): SecretKey => ({ service: SECRET_SERVICES.deviceToken, account: `${gatewayKey}|${deviceId}|${role}` });
      moves.push({ from: key(`profile:${oldId}`), to: { store: scoped, key: key(`profile:${p.uid}`) }, shared: false });
    }
  const shared = (k: SecretKey) => moves.push({ from: k, to: { store: scoped, key: k }, shared: true });
  if (p.kind === "direct" && p.direct) {
    const u = parseDirectUrl(p.direct.url);
    if (u.ok && u.value.secure) shared(tlsPinKey(u.value.host, u.value.port));
  }
  if (p.kind === "ssh" && p.ssh) {
    // The same resolution the supervisor does (ssh_config aliases, ProxyJump hops, IdentityFile).
    const home = o.homeDir ?? os.homedir();
    let configText: string | undefined;
    try {
      configText = fs.readFileSync(path.join(home, ".ssh", "config"), "utf8");
    } catch {
      configText = undefined;
    }
    const r = resolveSshTarget(p.ssh.target, { ...(configText !== undefined ? { configText } : {}), homeDir: home, env: o.env ?? process.env });
    if (r.ok) {
      for (const hop of [...r.target.jumps, r.target]) {
        shared(sshPasswordKey(hop));
        const files = hop === r.target && p.ssh.identityFile ? [p.ssh.identityFile] : hop.identityFiles.length ? hop.identityFiles : defaultIdentityFiles(home);
        for (const f of files) shared(sshPassphraseKey(f));
      }
    }
  }
  return moves;
}

/** Moves the v1 keychain entries of every marked profile to its uid; see the header for the guarantees. */
export async function moveLegacyKeychainEntries(profiles: ProfileStore, base: SecretStore, o: KeychainMoveOptions = {}): Promise<KeychainMoveReport> {
  const report: KeychainMoveReport = { done: [], copied: 0, warnings: [] };
  const marked = profiles.list().filter((p) => p.legacyKeychainId !== undefined);
  if (marked.length === 0) return report;
  const ids = await deviceIds(base);
  for (const p of marked) {
    try {
      for (const m of movesFor(p, p.legacyKeychainId!, base, ids, o)) {
        const value = await base.get(m.from);
        if (value === null) continue;
        if ((await m.to.store.get(m.to.key)) === null) {
          await m.to.store.set(m.to.key, value);
          // Read back before anything is deleted: a keychain that silently dropped the write must not cost the entry.
          if ((await m.to.store.get(m.to.key)) !== value) throw new Error(`the keychain did not keep the copied ${m.from.service} entry`);
          report.copied++;
        }
        if (!m.shared) await base.delete(m.from);
      }
      await profiles.clearLegacyKeychainId(p.id);
      report.done.push(p.id);
    } catch (e) {
      report.warnings.push(`The keychain entries of profile "${p.id}" could not be moved to its new key yet (${(e as Error).message}); the old ones are kept and the move is tried again at the next start.`);
    }
  }
  return report;
}
