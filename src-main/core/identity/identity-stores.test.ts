import { describe, expect, it } from "vitest";
import { MemorySecretStore, SECRET_SERVICES } from "../secrets/secret-store.js";
import { DeviceIdentityError, loadOrCreateDeviceIdentity, resetDeviceIdentity } from "./device-identity-store.js";
import { DeviceTokenStore } from "./device-token-store.js";
import { deviceIdFromPublicKeyPem, publicKeyRawBase64UrlFromPem, rawPublicKey, signDevicePayload } from "./ed25519.js";
import { createHash, createPublicKey, verify } from "node:crypto";

describe("device identity", () => {
  it("is created once and then always loaded back; device.id is hex sha256 of the raw public key", async () => {
    const secrets = new MemorySecretStore();
    const a = await loadOrCreateDeviceIdentity(secrets);
    const b = await loadOrCreateDeviceIdentity(secrets);
    expect(b).toEqual(a);
    expect(a.deviceId).toBe(createHash("sha256").update(rawPublicKey(a.publicKeyPem)).digest("hex"));
    expect(a.deviceId).toMatch(/^[0-9a-f]{64}$/);
    expect(Buffer.from(publicKeyRawBase64UrlFromPem(a.publicKeyPem), "base64url")).toHaveLength(32);
  });

  it("signs payloads the gateway can verify with the raw public key", async () => {
    const id = await loadOrCreateDeviceIdentity(new MemorySecretStore());
    const sig = signDevicePayload(id.privateKeyPem, "v3|x|y");
    expect(verify(null, Buffer.from("v3|x|y"), createPublicKey(id.publicKeyPem), Buffer.from(sig, "base64url"))).toBe(true);
    expect(deviceIdFromPublicKeyPem(id.publicKeyPem)).toBe(id.deviceId);
  });

  it("changes only on an explicit reset", async () => {
    const secrets = new MemorySecretStore();
    const a = await loadOrCreateDeviceIdentity(secrets);
    const b = await resetDeviceIdentity(secrets);
    expect(b.deviceId).not.toBe(a.deviceId);
    expect((await loadOrCreateDeviceIdentity(secrets)).deviceId).toBe(b.deviceId);
  });

  it("an unreadable keychain entry is reported with a fix hint, never silently replaced", async () => {
    const secrets = new MemorySecretStore();
    await secrets.set({ service: SECRET_SERVICES.deviceIdentity, account: "default" }, "{not json");
    const err = await loadOrCreateDeviceIdentity(secrets).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeviceIdentityError);
    expect((err as DeviceIdentityError).fixHint).toMatch(/reset/i);
    expect(await secrets.get({ service: SECRET_SERVICES.deviceIdentity, account: "default" })).toBe("{not json");
  });
});

describe("device tokens", () => {
  it("are stored per gateway, device and role with sorted scopes, and survive a reload", async () => {
    const secrets = new MemorySecretStore();
    const a = new DeviceTokenStore(secrets, "gw-a");
    await a.load("dev", "operator");
    a.set("dev", "operator", "tok-1", ["operator.write", "operator.read"], 42);
    await a.flush();
    const again = new DeviceTokenStore(secrets, "gw-a");
    expect(await again.load("dev", "operator")).toEqual({ token: "tok-1", scopes: ["operator.read", "operator.write"], updatedAtMs: 42 });
    // Another gateway never sees it.
    expect(await new DeviceTokenStore(secrets, "gw-b").load("dev", "operator")).toBeNull();
  });

  it("clear removes it from memory at once and from the keychain in the background", async () => {
    const secrets = new MemorySecretStore();
    const s = new DeviceTokenStore(secrets, "gw");
    s.set("dev", "operator", "tok", ["operator.read"]);
    s.clear("dev", "operator");
    expect(s.get("dev", "operator")).toBeNull();
    await s.flush();
    expect(await new DeviceTokenStore(secrets, "gw").load("dev", "operator")).toBeNull();
  });

  it("a keychain write failure is reported to the callback and does not throw into the caller", async () => {
    const secrets = new MemorySecretStore();
    secrets.set = async () => {
      throw new Error("keychain locked");
    };
    const errors: unknown[] = [];
    const s = new DeviceTokenStore(secrets, "gw", (e) => errors.push(e));
    expect(() => s.set("dev", "operator", "tok", [])).not.toThrow();
    await s.flush();
    expect(String(errors[0])).toMatch(/keychain locked/);
  });
});
