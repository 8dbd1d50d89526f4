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

const nativeEntry: EntryFactory = (service, account) => new Entry(service, account);

/**
 * Whether the keychain has answered a call in this process, i.e. a Secret Service exists (keychain-retry.ts
 * says why that matters). One per process; unit tests pass their own.
 */
export interface KeychainMemory {
  answered: boolean;
}
const processMemory: KeychainMemory = { answered: false };
async function call<T>(memory: KeychainMemory, op: () => T, beforeRetry?: () => unknown): Promise<T> {
  const r = await withOneRetry(op, { answeredBefore: memory.answered, beforeRetry });
  memory.answered = true;
  return r;
}

/**
 * Every call is retried once when the Secret Service went away under it: gnome-keyring-daemon aborts
 * when clients connect and disconnect quickly (upstream GNOME/gnome-keyring #190/#196), and the
 * desktop (systemd or D-Bus activation) starts it again within a moment. Without the retry a token
 * write in flight at that instant is lost and the person is told the keychain failed. See
 * keychain-retry.ts for which errors count as "went away".
 */
export class KeyringSecretStore implements SecretStore {
  readonly kind = "keychain" as const;
  constructor(
    private readonly entry: EntryFactory = nativeEntry,
    private readonly memory: KeychainMemory = processMemory,
  ) {}
  async get(k: SecretKey): Promise<string | null> {
    return call(this.memory, () => this.entry(k.service, k.account).getPassword() ?? null);
  }
  async set(k: SecretKey, value: string): Promise<void> {
    const entry = () => this.entry(k.service, k.account);
    // On Linux @napi-rs/keyring writes the kernel keyring (keyutils) first, as a cache in front of the
    // Secret Service, and a second write of the same value is satisfied by that cache alone: the retry
    // would "succeed" with nothing in the keychain (the e2e caught it). So the retry first deletes the
    // half-written entry, which clears the cache too, and then writes it whole.
    await call(this.memory, () => entry().setPassword(value), () => entry().deletePassword());
  }
  async delete(k: SecretKey): Promise<boolean> {
    return call(this.memory, () => this.entry(k.service, k.account).deletePassword());
  }
}

export interface KeychainProbe {
  available: boolean;
  /** Why not, in words a person can act on. */
  reason?: string;
}

/**
 * Checks that the keychain really works by writing, reading back and deleting a probe entry. On Linux
 * without a running Secret Service this fails ("Couldn't access platform storage"); the caller then
 * says so plainly and keeps secrets in memory for the session instead of silently writing them to disk.
 * The probe's first call is never retried on AccessDenied (keychain-retry.ts): that is how "no Secret
 * Service" looks, and a retry would land in the kernel keyring alone.
 */
export async function probeKeychain(entry: EntryFactory = nativeEntry, memory: KeychainMemory = processMemory): Promise<KeychainProbe> {
  const probe = () => entry("Clawlink keychain probe", `probe-${process.pid}`);
  try {
    await call(memory, () => probe().setPassword("probe"), () => probe().deletePassword());
    const ok = (await call(memory, () => probe().getPassword())) === "probe";
    await call(memory, () => probe().deletePassword());
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
