// Where a profile's secrets live in the keychain, and how the keychain is opened.
// - The gateway token and password belong to a profile: service = SECRET_SERVICES.gatewayToken /
//   gatewayPassword, account = the profile id (ids are stable slugs, so entries survive a rename).
// - TLS pins, SSH passwords and key passphrases are keyed by the transport layer (tls-pin.ts: the wss
//   authority; ssh-auth.ts: user@host:port and the key file), because that is where they are read at
//   connect time. Import writes the pin under that same key; a second, profile-keyed copy would be a
//   secret nobody reads.
// - No keychain (Linux without a Secret Service, a locked-down container): say so in plain words and
//   keep secrets in memory for this session. Never a quiet plaintext file.
import { SECRET_SERVICES, MemorySecretStore, type SecretKey, type SecretStore } from "../secrets/secret-store.js";
import type { KeychainProbe } from "../secrets/keyring-store.js";
import { tlsPinKey } from "../transport/tls-pin.js";

export type ProfileSecretKind = "token" | "password";

export function profileSecretKey(profileId: string, kind: ProfileSecretKind): SecretKey {
  return { service: kind === "token" ? SECRET_SERVICES.gatewayToken : SECRET_SERVICES.gatewayPassword, account: profileId };
}

export interface ProfileSecrets {
  token: string | null;
  password: string | null;
}

export async function readProfileSecrets(store: SecretStore, profileId: string): Promise<ProfileSecrets> {
  const [token, password] = await Promise.all([store.get(profileSecretKey(profileId, "token")), store.get(profileSecretKey(profileId, "password"))]);
  return { token, password };
}

export async function setProfileSecret(store: SecretStore, profileId: string, kind: ProfileSecretKind, value: string): Promise<void> {
  if (!value) throw new Error(`An empty ${kind} cannot be stored; use delete to remove it.`);
  await store.set(profileSecretKey(profileId, kind), value);
}

export function deleteProfileSecret(store: SecretStore, profileId: string, kind: ProfileSecretKind): Promise<boolean> {
  return store.delete(profileSecretKey(profileId, kind));
}

/** On profile removal: the profile's own entries go with it (transport-keyed ones may serve other profiles). */
export async function deleteProfileSecrets(store: SecretStore, profileId: string): Promise<void> {
  await Promise.all([deleteProfileSecret(store, profileId, "token"), deleteProfileSecret(store, profileId, "password")]);
}

/** Stores a TLS pin where tls-pin.ts looks for it (keyed by wss authority, not by profile). */
export async function setTlsPinForUrl(store: SecretStore, host: string, port: number, fingerprintHex: string): Promise<void> {
  await store.set(tlsPinKey(host, port), fingerprintHex);
}

export interface OpenedSecretStore {
  store: SecretStore;
  /** Set when secrets will not outlive this process; show it to the person, do not just log it. */
  warning?: string;
}

export interface OpenSecretStoreOptions {
  /** Seams for tests; production loads the OS keychain adapter. */
  loadKeychain?: () => Promise<{ probe: () => KeychainProbe; create: () => SecretStore }>;
}

export async function openSecretStore(opts: OpenSecretStoreOptions = {}): Promise<OpenedSecretStore> {
  const load =
    opts.loadKeychain ??
    (async () => {
      // Loaded lazily: the native keyring module may be missing or unloadable on an odd platform, and that
      // must become the plain warning below, not a crash at import time.
      const m = await import("../secrets/keyring-store.js");
      return { probe: m.probeKeychain, create: () => new m.KeyringSecretStore() };
    });
  let reason: string;
  try {
    const k = await load();
    const probe = k.probe();
    if (probe.available) return { store: k.create() };
    reason = probe.reason ?? "the keychain did not answer";
  } catch (e) {
    reason = `the keychain module could not be loaded: ${e instanceof Error ? e.message : String(e)}`;
  }
  return {
    store: new MemorySecretStore(),
    warning: `No keychain is available (${reason}): secrets are kept in memory for this session only`,
  };
}
