// The OS keychain adapter of the SecretStore port: macOS Keychain, Windows Credential Manager, or the
// freedesktop Secret Service (gnome-keyring, KWallet) on Linux, through @napi-rs/keyring (N-API, so the
// same binary loads in Node and in Electron; keytar is archived).
import { Entry } from "@napi-rs/keyring";
import type { SecretKey, SecretStore } from "./secret-store.js";

export class KeyringSecretStore implements SecretStore {
  readonly kind = "keychain" as const;
  async get(k: SecretKey): Promise<string | null> {
    return new Entry(k.service, k.account).getPassword() ?? null;
  }
  async set(k: SecretKey, value: string): Promise<void> {
    new Entry(k.service, k.account).setPassword(value);
  }
  async delete(k: SecretKey): Promise<boolean> {
    return new Entry(k.service, k.account).deletePassword();
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
 */
export function probeKeychain(): KeychainProbe {
  const entry = new Entry("Clawlink keychain probe", `probe-${process.pid}`);
  try {
    entry.setPassword("probe");
    const ok = entry.getPassword() === "probe";
    entry.deletePassword();
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
