// Every keychain entry that belongs to one profile is keyed by its uid (issue 10), so it follows the
// profile through renames, goes away with it, and is never found by a later profile of the same name.
//  - Gateway token and password: service gatewayToken / gatewayPassword, account = uid (profile-secrets.ts).
//  - Entries the transports and the gateway session key by endpoint (TLS pin: wss authority; SSH
//    password: user@host:port; key passphrase: key file; device token: gateway key + device + role) are
//    read and written through a profile's view of the keychain (ProfileScopedSecretStore), which puts
//    the uid in front of the account. The transports stay unaware of profiles, and two profiles of the
//    same host each keep their own pin and passwords.
//  - The keychain cannot be listed portably, so the scoped view keeps an index entry per uid naming the
//    (service, account) pairs it wrote; removal reads it and deletes every one, then the index itself.
// A target without a profile (a URL on the command line) uses the unscoped keys, as before.
import { SECRET_SERVICES, type SecretKey, type SecretStore } from "../secrets/secret-store.js";

/** Services whose entries are per endpoint in the transports, and per profile + endpoint under a profile. */
export const PROFILE_SCOPED_SERVICES: ReadonlySet<string> = new Set<string>([
  SECRET_SERVICES.deviceToken,
  SECRET_SERVICES.tlsPin,
  SECRET_SERVICES.sshPassword,
  SECRET_SERVICES.sshPassphrase,
]);

/** Holds no secret: the list of (service, account) pairs a profile's scoped view wrote. */
export const PROFILE_INDEX_SERVICE = "Clawlink profile keychain index";

export function scopedAccount(uid: string, account: string): string {
  return `profile:${uid}|${account}`;
}

/** The key an entry of this profile really has in the keychain. */
export function scopedKey(uid: string, key: SecretKey): SecretKey {
  return PROFILE_SCOPED_SERVICES.has(key.service) ? { service: key.service, account: scopedAccount(uid, key.account) } : key;
}

type IndexEntry = [service: string, account: string];

// Index updates are read-modify-write; several scoped views of one uid live in one process (the
// supervisor, the host's re-trust), so they are queued per uid.
const indexQueues = new Map<string, Promise<unknown>>();
function queued<T>(uid: string, fn: () => Promise<T>): Promise<T> {
  const run = (indexQueues.get(uid) ?? Promise.resolve()).then(fn, fn);
  indexQueues.set(uid, run.catch(() => undefined));
  return run;
}

async function readIndex(base: SecretStore, uid: string): Promise<IndexEntry[]> {
  const raw = await base.get({ service: PROFILE_INDEX_SERVICE, account: uid });
  if (!raw) return [];
  try {
    const v = JSON.parse(raw) as unknown;
    return Array.isArray(v) ? v.filter((e): e is IndexEntry => Array.isArray(e) && typeof e[0] === "string" && typeof e[1] === "string") : [];
  } catch {
    return []; // unreadable: removal then deletes only the known keys; nothing else depends on it
  }
}

async function addToIndex(base: SecretStore, uid: string, key: SecretKey): Promise<void> {
  await queued(uid, async () => {
    const index = await readIndex(base, uid);
    if (index.some(([s, a]) => s === key.service && a === key.account)) return;
    index.push([key.service, key.account]);
    await base.set({ service: PROFILE_INDEX_SERVICE, account: uid }, JSON.stringify(index));
  });
}

/** One profile's view of the keychain: endpoint-keyed entries get the uid in front; others pass through. */
export class ProfileScopedSecretStore implements SecretStore {
  constructor(
    private readonly base: SecretStore,
    readonly uid: string,
  ) {}
  get kind(): SecretStore["kind"] {
    return this.base.kind;
  }
  get(k: SecretKey): Promise<string | null> {
    return this.base.get(scopedKey(this.uid, k));
  }
  async set(k: SecretKey, value: string): Promise<void> {
    // Indexed before it is written: a crash in between leaves an index line for a missing entry
    // (harmless), never an entry that removal would not find.
    if (PROFILE_SCOPED_SERVICES.has(k.service)) await addToIndex(this.base, this.uid, k);
    await this.base.set(scopedKey(this.uid, k), value);
  }
  delete(k: SecretKey): Promise<boolean> {
    return this.base.delete(scopedKey(this.uid, k));
  }
}

export function profileScopedStore(base: SecretStore, uid: string | undefined): SecretStore {
  return uid ? new ProfileScopedSecretStore(base, uid) : base;
}

/** The gateway token and password of a profile (not endpoint-keyed, so not in the index). */
export function profileCredentialKeys(uid: string): SecretKey[] {
  return [
    { service: SECRET_SERVICES.gatewayToken, account: uid },
    { service: SECRET_SERVICES.gatewayPassword, account: uid },
  ];
}

/**
 * The entries of one service (TLS pins, device tokens, …) that this profile's scoped view wrote, deleted,
 * and their lines dropped from the index; other entries stay. Resolves the accounts (endpoint keys,
 * never values) that had an entry: `trust forget --tls` and `identity reset` (profile-trust.ts).
 */
export async function deleteProfileScopedEntries(base: SecretStore, uid: string, service: string): Promise<string[]> {
  return queued(uid, async () => {
    const index = await readIndex(base, uid);
    const deleted: string[] = [];
    for (const [s, account] of index) if (s === service && (await base.delete(scopedKey(uid, { service: s, account })))) deleted.push(account);
    const rest = index.filter(([s]) => s !== service);
    if (rest.length !== index.length) {
      if (rest.length > 0) await base.set({ service: PROFILE_INDEX_SERVICE, account: uid }, JSON.stringify(rest));
      else await base.delete({ service: PROFILE_INDEX_SERVICE, account: uid });
    }
    return deleted;
  });
}

/**
 * Every keychain entry of the profile with this uid: token, password, and whatever its scoped view wrote
 * (pins, SSH password, passphrases, device tokens). Resolves the services that had an entry, for the
 * message to the person; never a value.
 */
export async function deleteAllProfileSecrets(base: SecretStore, uid: string): Promise<string[]> {
  return queued(uid, async () => {
    const deleted: string[] = [];
    const keys = [...profileCredentialKeys(uid), ...(await readIndex(base, uid)).map(([service, account]) => scopedKey(uid, { service, account }))];
    for (const k of keys) if (await base.delete(k)) deleted.push(k.service);
    await base.delete({ service: PROFILE_INDEX_SERVICE, account: uid });
    return deleted;
  });
}
