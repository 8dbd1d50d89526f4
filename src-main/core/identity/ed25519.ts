// Ed25519 primitives the gateway's device auth needs, on node:crypto alone. The official client signs
// through injected callbacks (hostDeps.signDevicePayload / publicKeyRawBase64UrlFromPem); these are them.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign } from "node:crypto";

export interface DeviceKeyPair {
  deviceId: string;
  publicKeyPem: string;
  privateKeyPem: string;
}

/** Raw 32-byte Ed25519 public key from a PEM (SPKI) key: the last 32 bytes of the DER encoding. */
export function rawPublicKey(publicKeyPem: string): Buffer {
  const der = createPublicKey(publicKeyPem).export({ type: "spki", format: "der" });
  return der.subarray(der.length - 32);
}

/** device.id as the gateway recomputes it: lowercase hex SHA-256 of the raw public key. */
export function deviceIdFromPublicKeyPem(publicKeyPem: string): string {
  return createHash("sha256").update(rawPublicKey(publicKeyPem)).digest("hex");
}

export function publicKeyRawBase64UrlFromPem(publicKeyPem: string): string {
  return rawPublicKey(publicKeyPem).toString("base64url");
}

export function signDevicePayload(privateKeyPem: string, payload: string): string {
  return sign(null, Buffer.from(payload, "utf8"), createPrivateKey(privateKeyPem)).toString("base64url");
}

export function generateDeviceKeyPair(): DeviceKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  const publicKeyPem = publicKey.export({ type: "spki", format: "pem" }).toString();
  const privateKeyPem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  return { deviceId: deviceIdFromPublicKeyPem(publicKeyPem), publicKeyPem, privateKeyPem };
}
