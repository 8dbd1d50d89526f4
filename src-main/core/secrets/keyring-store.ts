// The OS keychain adapter of the SecretStore port: macOS Keychain, Windows Credential Manager, or the
// freedesktop Secret Service (gnome-keyring, KWallet) on Linux, through @napi-rs/keyring (N-API, so the
// same binary loads in Node and in Electron; keytar is archived).
import { Entry } from "@napi-rs/keyring";
import { withOneRetry } from "./keychain-retry.js";
import type { SecretKey, SecretStore } from "./secret-store.js";

/** The part of @napi-rs/keyring's Entry this adapter uses (a seam for the retry's unit test). */
export interface KeychainEntry {
  getPassword(): string | null | undefined;
  setPassword(value: string): void;
  deletePassword(): boolean;
}
export type EntryFactory = (service: string, account: string) => KeychainEntry;

// Linux: the Secret Service only. Left to its default, @napi-rs/keyring falls back to the kernel keyring
// (keyutils) when the Secret Service fails, silently: the first call says "AccessDenied" and every later
// one "succeeds" into a store that is gone at logout, so a person would believe their token was kept.
// Pinned, a missing Secret Service says what is missing ("was not provided by any .service files",
// "Failed to connect to socket") on every call. Ignored on macOS and Windows.
const nativeEntry: EntryFactory = (service, account) => new Entry(service, account, { linux: { store: "secret-service" } });

/**
 * Every call (including the Entry constructor, which connects) is made once more when the Secret Service
 * went away under it: see keychain-retry.ts. Without the retry a token write in flight when
 * gnome-keyring aborts is lost and the person is told the keychain failed.
 */
export class KeyringSecretStore implements SecretStore {
  readonly kind = "keychain" as const;
  constructor(private readonly entry: EntryFactory = nativeEntry) {}
  async get(k: SecretKey): Promise<string | null> {
    return withOneRetry(() => this.entry(k.service, k.account).getPassword() ?? null);
  }
  async set(k: SecretKey, value: string): Promise<void> {
    await withOneRetry(() => this.entry(k.service, k.account).setPassword(value));
  }
  async delete(k: SecretKey): Promise<boolean> {
    return withOneRetry(() => this.entry(k.service, k.account).deletePassword());
  }
}

export interface KeychainProbe {
  available: boolean;
  /** Why not, in words a person can act on. */
  reason?: string;
}

/**
 * Checks that the keychain really works by writing, reading back and deleting a probe entry. On Linux
 * without a running Secret Service this fails; the caller then says so plainly and keeps secrets in
 * memory for the session instead of silently writing them to disk. A Secret Service that goes away
 * during the probe gets the same one retry as every other call.
 */
export async function probeKeychain(entry: EntryFactory = nativeEntry): Promise<KeychainProbe> {
  const probe = () => entry("Clawlink keychain probe", `probe-${process.pid}`);
  try {
    await withOneRetry(() => probe().setPassword("probe"));
    const ok = (await withOneRetry(() => probe().getPassword())) === "probe";
    await withOneRetry(() => probe().deletePassword());
    return ok ? { available: true } : { available: false, reason: "the keychain did not return what was stored" };
  } catch (e) {
    const raw = e instanceof Error ? e.message : String(e);
    const hint =
      process.platform === "linux"
        ? "no Secret Service is running (install and unlock gnome-keyring or KWallet, or start a desktop session)"
        : "the system keychain refused access";
    return { available: false, reason: `${hint}: ${raw}` };
  }
}
