// Where a profile's secrets live in the keychain, and how the keychain is opened.
// - The gateway token and password belong to a profile: service = SECRET_SERVICES.gatewayToken /
//   gatewayPassword, account = the profile's uid (random, kept through renames, never reused: issue 10).
// - TLS pins, SSH passwords, key passphrases and device tokens are keyed by the transport layer and the
//   session (wss authority, user@host:port, key file, gateway key); under a profile they go through its
//   scoped view (profile-keychain.ts), which adds the uid. Removing a profile deletes all of them.
// - No keychain (Linux without a Secret Service, a locked-down container): say so in plain words and
//   keep secrets in memory for this session. Never a quiet plaintext file.
import { SECRET_SERVICES, MemorySecretStore, type SecretKey, type SecretStore } from "../secrets/secret-store.js";
import type { KeychainProbe } from "../secrets/keyring-store.js";
import { tlsPinKey } from "../transport/tls-pin.js";
import { deleteAllProfileSecrets } from "./profile-keychain.js";

export type ProfileSecretKind = "token" | "password";

/** `profileUid` is Profile.uid, never the id or the name. */
export function profileSecretKey(profileUid: string, kind: ProfileSecretKind): SecretKey {
  return { service: kind === "token" ? SECRET_SERVICES.gatewayToken : SECRET_SERVICES.gatewayPassword, account: profileUid };
}

export interface ProfileSecrets {
  token: string | null;
  password: string | null;
}

export async function readProfileSecrets(store: SecretStore, profileUid: string): Promise<ProfileSecrets> {
  const [token, password] = await Promise.all([store.get(profileSecretKey(profileUid, "token")), store.get(profileSecretKey(profileUid, "password"))]);
  return { token, password };
}

export async function setProfileSecret(store: SecretStore, profileUid: string, kind: ProfileSecretKind, value: string): Promise<void> {
  if (!value) throw new Error(`An empty ${kind} cannot be stored; use delete to remove it.`);
  await store.set(profileSecretKey(profileUid, kind), value);
}

export function deleteProfileSecret(store: SecretStore, profileUid: string, kind: ProfileSecretKind): Promise<boolean> {
  return store.delete(profileSecretKey(profileUid, kind));
}

/**
 * On profile removal: every entry of that uid (token, password, pin, SSH password, passphrases, device
 * tokens). Resolves the services that had one.
 */
export function deleteProfileSecrets(store: SecretStore, profileUid: string): Promise<string[]> {
  return deleteAllProfileSecrets(store, profileUid);
}

/** Stores a TLS pin where tls-pin.ts looks for it; pass a profile's scoped store to key it by that profile. */
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
  loadKeychain?: () => Promise<{ probe: () => KeychainProbe | Promise<KeychainProbe>; create: () => SecretStore }>;
}

export async function openSecretStore(opts: OpenSecretStoreOptions = {}): Promise<OpenedSecretStore> {
  const load =
    opts.loadKeychain ??
    (async () => {
      // Loaded lazily: the native keyring module may be missing or unloadable on an odd platform, and that
      // must become the plain warning below, not a crash at import time.
      const m = await import("../secrets/keyring-store.js");
      return { probe: () => m.probeKeychain(), create: () => new m.KeyringSecretStore() };
    });
  let reason: string;
  try {
    const k = await load();
    const probe = await k.probe();
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
