// One Ed25519 device identity per installation, created on first use and kept in the OS keychain.
// The gateway pairs *this key*: replacing it silently would orphan every approval, so only an explicit
// reset ever changes it, and an unreadable entry is reported, never overwritten.
import { SECRET_SERVICES, type SecretStore } from "../secrets/secret-store.js";
import { deviceIdFromPublicKeyPem, generateDeviceKeyPair, type DeviceKeyPair } from "./ed25519.js";

const KEY = { service: SECRET_SERVICES.deviceIdentity, account: "default" } as const;

interface StoredIdentity {
  version: 1;
  publicKeyPem: string;
  privateKeyPem: string;
  createdAtMs: number;
}

export class DeviceIdentityError extends Error {
  readonly fixHint = "Reset this device's identity (Settings → Device, or `clawlink device reset`), then approve it again on each gateway.";
}

export async function loadOrCreateDeviceIdentity(secrets: SecretStore, now = Date.now()): Promise<DeviceKeyPair> {
  const raw = await secrets.get(KEY);
  if (raw !== null) return parseIdentity(raw);
  const pair = generateDeviceKeyPair();
  const stored: StoredIdentity = { version: 1, publicKeyPem: pair.publicKeyPem, privateKeyPem: pair.privateKeyPem, createdAtMs: now };
  await secrets.set(KEY, JSON.stringify(stored));
  return pair;
}

function parseIdentity(raw: string): DeviceKeyPair {
  let parsed: Partial<StoredIdentity>;
  try {
    parsed = JSON.parse(raw) as Partial<StoredIdentity>;
  } catch {
    throw new DeviceIdentityError("The device identity in the keychain is unreadable.");
  }
  if (parsed.version !== 1 || typeof parsed.publicKeyPem !== "string" || typeof parsed.privateKeyPem !== "string") {
    throw new DeviceIdentityError("The device identity in the keychain has an unknown format.");
  }
  try {
    return { deviceId: deviceIdFromPublicKeyPem(parsed.publicKeyPem), publicKeyPem: parsed.publicKeyPem, privateKeyPem: parsed.privateKeyPem };
  } catch {
    throw new DeviceIdentityError("The device identity in the keychain holds an invalid key.");
  }
}

/** Explicit reset: a new key pair; every gateway must approve this device again. */
export async function resetDeviceIdentity(secrets: SecretStore): Promise<DeviceKeyPair> {
  await secrets.delete(KEY);
  return loadOrCreateDeviceIdentity(secrets);
}
