// What the UI tells a person after a token/password is saved. It must agree with the host's own notice:
// with no keychain the host says "secrets are kept in memory for this session only", so claiming the
// keychain here would be false, and the person would lose the secret at the next start without warning.

/** Where the host keeps secrets: the OS keychain, or (no keychain available) this process's memory. */
export type SecretStoreKind = "keychain" | "memory";

/** The notice after saving; `where` is undefined before the host has said (then no place is claimed). */
export function secretSavedNotice(kind: "token" | "password", profileName: string, where: SecretStoreKind | undefined): string {
  if (where === "keychain") return `The ${kind} for ${profileName} is stored in the keychain.`;
  if (where === "memory") return `No keychain is available: the ${kind} for ${profileName} is kept in memory for this session only; enter it again after a restart.`;
  return `The ${kind} for ${profileName} is saved.`;
}

/** The "stored" label next to a secret field (starts with "set" when stored; the value is never shown). */
export function secretStoredLabel(stored: boolean, where: SecretStoreKind | undefined): string {
  if (!stored) return "not stored";
  if (where === "keychain") return "set (stored in the keychain, ••••••••)";
  if (where === "memory") return "set (in memory for this session only, ••••••••)";
  return "set (••••••••)";
}
