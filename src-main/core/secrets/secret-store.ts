// The SecretStore port: every secret Clawlink holds (gateway tokens and passwords, SSH passwords and
// opted-in key passphrases, TLS pins, the device identity, device tokens) goes through it. The adapter
// in production is the OS keychain (keyring-store.ts); MemorySecretStore exists for unit tests and for
// the announced "no keychain on this machine: secrets kept for this session only" mode. Nothing here
// ever writes a secret to disk in plaintext.

/** Where a secret lives: service names one kind of secret, account names which one. */
export interface SecretKey {
  service: string;
  account: string;
}

export interface SecretStore {
  /** "keychain" for the OS store, "memory" when secrets vanish with the process. */
  readonly kind: "keychain" | "memory";
  get(key: SecretKey): Promise<string | null>;
  set(key: SecretKey, value: string): Promise<void>;
  /** Resolves true when something was deleted. */
  delete(key: SecretKey): Promise<boolean>;
}

/** Service names, one per kind of secret, so a keychain browser shows what each entry is. */
export const SECRET_SERVICES = {
  deviceIdentity: "Clawlink device identity",
  deviceToken: "Clawlink device token",
  gatewayToken: "Clawlink gateway token",
  gatewayPassword: "Clawlink gateway password",
  sshPassword: "Clawlink SSH password",
  sshPassphrase: "Clawlink SSH key passphrase",
  tlsPin: "Clawlink TLS pin",
} as const;

export class MemorySecretStore implements SecretStore {
  readonly kind = "memory" as const;
  private readonly map = new Map<string, string>();
  private id(k: SecretKey): string {
    return `${k.service}\u001f${k.account}`;
  }
  async get(k: SecretKey): Promise<string | null> {
    return this.map.get(this.id(k)) ?? null;
  }
  async set(k: SecretKey, value: string): Promise<void> {
    this.map.set(this.id(k), value);
  }
  async delete(k: SecretKey): Promise<boolean> {
    return this.map.delete(this.id(k));
  }
}
