// A profile's secrets are keyed by its uid: scoped view, removal of all of them, and the v1 → v2 keychain
// move (every entry kept; only migrated profiles adopt old entries). The real Secret Service is the e2e
// test's (e2e/profile-credentials.e2e.test.ts); here the keychain is the in-memory store.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { generateDeviceKeyPair } from "../identity/ed25519.js";
import { SECRET_SERVICES, MemorySecretStore, type SecretKey, type SecretStore } from "../secrets/secret-store.js";
import { sshPassphraseKey, sshPasswordKey } from "../transport/ssh-auth.js";
import { tlsPinKey } from "../transport/tls-pin.js";
import { moveLegacyKeychainEntries } from "./keychain-migration.js";
import { PROFILE_INDEX_SERVICE, ProfileScopedSecretStore, deleteAllProfileSecrets, scopedKey } from "./profile-keychain.js";
import { profileSecretKey, readProfileSecrets, setProfileSecret } from "./profile-secrets.js";
import { ProfileStore } from "./profile-store.js";

/** Every entry the memory store holds, as "service|account" (values left out). */
function keysOf(store: MemorySecretStore): string[] {
  return [...(store as unknown as { map: Map<string, string> }).map.keys()].map((k) => k.replace("\u001f", "|")).sort();
}

const UID_A = "a".repeat(32);
const UID_B = "b".repeat(32);
const PIN_KEY = tlsPinKey("gw.example.com", 443);

describe("a profile's scoped view of the keychain", () => {
  it("puts the uid in front of endpoint-keyed entries, so two profiles of one host keep their own pin", async () => {
    const base = new MemorySecretStore();
    await new ProfileScopedSecretStore(base, UID_A).set(PIN_KEY, "pin-a");
    await new ProfileScopedSecretStore(base, UID_B).set(PIN_KEY, "pin-b");
    expect(await new ProfileScopedSecretStore(base, UID_A).get(PIN_KEY)).toBe("pin-a");
    expect(await new ProfileScopedSecretStore(base, UID_B).get(PIN_KEY)).toBe("pin-b");
    expect(await base.get(PIN_KEY)).toBeNull();
  });

  it("passes the device identity through: it belongs to the installation, not to a profile", async () => {
    const base = new MemorySecretStore();
    const identity: SecretKey = { service: SECRET_SERVICES.deviceIdentity, account: "default" };
    await new ProfileScopedSecretStore(base, UID_A).set(identity, "id");
    expect(await base.get(identity)).toBe("id");
    expect(keysOf(base)).toEqual([`${SECRET_SERVICES.deviceIdentity}|default`]);
  });
});

describe("removing a profile's secrets", () => {
  it("deletes token, password, pin, SSH password, passphrase and device token of that uid, and nothing of another", async () => {
    const base = new MemorySecretStore();
    const fill = async (uid: string) => {
      const scoped = new ProfileScopedSecretStore(base, uid);
      await setProfileSecret(base, uid, "token", `tok-${uid}`);
      await setProfileSecret(base, uid, "password", `pw-${uid}`);
      await scoped.set(PIN_KEY, "pin");
      await scoped.set(sshPasswordKey({ user: "me", host: "home", port: 22 }), "ssh-pw");
      await scoped.set(sshPassphraseKey("/home/me/.ssh/id_ed25519"), "pp");
      await scoped.set({ service: SECRET_SERVICES.deviceToken, account: `profile:${uid}|dev|operator` }, "{}");
    };
    await fill(UID_A);
    await fill(UID_B);
    const before = keysOf(base);
    const deleted = await deleteAllProfileSecrets(base, UID_A);
    expect(deleted.sort()).toEqual(
      [SECRET_SERVICES.gatewayToken, SECRET_SERVICES.gatewayPassword, SECRET_SERVICES.tlsPin, SECRET_SERVICES.sshPassword, SECRET_SERVICES.sshPassphrase, SECRET_SERVICES.deviceToken].sort(),
    );
    expect(keysOf(base).filter((k) => k.includes(UID_A))).toEqual([]);
    // B's entries, index included, are exactly what they were.
    expect(keysOf(base)).toEqual(before.filter((k) => !k.includes(UID_A)));
    expect(await readProfileSecrets(base, UID_B)).toEqual({ token: `tok-${UID_B}`, password: `pw-${UID_B}` });
  });

  it("also works when the index entry was never written (only token and password then)", async () => {
    const base = new MemorySecretStore();
    await setProfileSecret(base, UID_A, "token", "t");
    expect(await deleteAllProfileSecrets(base, UID_A)).toEqual([SECRET_SERVICES.gatewayToken]);
    expect(keysOf(base)).toEqual([]);
  });

  it("an entry written while the index is updated concurrently is still found", async () => {
    const base = new MemorySecretStore();
    const scoped = new ProfileScopedSecretStore(base, UID_A);
    await Promise.all(Array.from({ length: 20 }, (_, i) => scoped.set(sshPassphraseKey(`/k${i}`), "pp")));
    await deleteAllProfileSecrets(base, UID_A);
    expect(keysOf(base)).toEqual([]);
  });
});

describe("the v1 → v2 keychain move", () => {
  let dir: string;
  let home: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "clawlink-kcmove-"));
    home = fs.mkdtempSync(path.join(os.tmpdir(), "clawlink-kcmove-home-"));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(home, { recursive: true, force: true });
  });

  const writeV1 = () =>
    fs.writeFileSync(
      path.join(dir, "profiles.json"),
      JSON.stringify({
        version: 1,
        profiles: [
          { id: "home", name: "Home", kind: "ssh", ssh: { target: "me@home.lan:2222", identityFile: "/keys/id_home", remotePort: 18789, localPort: 18789 } },
          { id: "work", name: "Work", kind: "direct", direct: { url: "wss://gw.example.com/" } },
        ],
      }),
    );

  async function v1Keychain(): Promise<{ base: MemorySecretStore; deviceId: string }> {
    const base = new MemorySecretStore();
    const pair = generateDeviceKeyPair();
    await base.set({ service: SECRET_SERVICES.deviceIdentity, account: "default" }, JSON.stringify({ version: 1, publicKeyPem: pair.publicKeyPem, privateKeyPem: pair.privateKeyPem, createdAtMs: 1 }));
    await setProfileSecret(base, "home", "token", "tok-home");
    await setProfileSecret(base, "work", "password", "pw-work");
    await base.set({ service: SECRET_SERVICES.deviceToken, account: `profile:home|${pair.deviceId}|operator` }, '{"token":"dev-home"}');
    await base.set({ service: SECRET_SERVICES.deviceToken, account: `profile:work|${pair.deviceId}|operator` }, '{"token":"dev-work"}');
    await base.set(PIN_KEY, "pin-work");
    await base.set(sshPasswordKey({ user: "me", host: "home.lan", port: 2222 }), "ssh-pw-home");
    await base.set(sshPassphraseKey("/keys/id_home"), "pp-home");
    return { base, deviceId: pair.deviceId };
  }

  it("moves every entry to the uid: the profiles find their token, password, device token, pin, SSH password and passphrase", async () => {
    writeV1();
    const { base, deviceId } = await v1Keychain();
    const profiles = await ProfileStore.open(dir);
    const report = await moveLegacyKeychainEntries(profiles, base, { env: {}, homeDir: home });
    expect(report).toEqual({ done: ["home", "work"], copied: 7, warnings: [] });
    const homeP = profiles.get("home")!;
    const workP = profiles.get("work")!;
    const homeView = new ProfileScopedSecretStore(base, homeP.uid);
    const workView = new ProfileScopedSecretStore(base, workP.uid);
    expect(await readProfileSecrets(base, homeP.uid)).toEqual({ token: "tok-home", password: null });
    expect(await readProfileSecrets(base, workP.uid)).toEqual({ token: null, password: "pw-work" });
    expect(await homeView.get({ service: SECRET_SERVICES.deviceToken, account: `profile:${homeP.uid}|${deviceId}|operator` })).toBe('{"token":"dev-home"}');
    expect(await workView.get({ service: SECRET_SERVICES.deviceToken, account: `profile:${workP.uid}|${deviceId}|operator` })).toBe('{"token":"dev-work"}');
    expect(await workView.get(PIN_KEY)).toBe("pin-work");
    expect(await homeView.get(sshPasswordKey({ user: "me", host: "home.lan", port: 2222 }))).toBe("ssh-pw-home");
    expect(await homeView.get(sshPassphraseKey("/keys/id_home"))).toBe("pp-home");
    // The profile's own old entries are gone; shared endpoint entries stay for other users of that host.
    expect(await base.get(profileSecretKey("home", "token"))).toBeNull();
    expect(await base.get({ service: SECRET_SERVICES.deviceToken, account: `profile:home|${deviceId}|operator` })).toBeNull();
    expect(await base.get(PIN_KEY)).toBe("pin-work");
    // The mark is cleared on disk, and a second run has nothing to do.
    expect(JSON.parse(fs.readFileSync(path.join(dir, "profiles.json"), "utf8")).profiles.map((p: Record<string, unknown>) => p.legacyKeychainId)).toEqual([undefined, undefined]);
    expect(await moveLegacyKeychainEntries(await ProfileStore.open(dir), base, { env: {}, homeDir: home })).toEqual({ done: [], copied: 0, warnings: [] });
    // Removing the migrated profile now takes every one of its entries with it.
    await deleteAllProfileSecrets(base, homeP.uid);
    expect(keysOf(base).filter((k) => k.includes(homeP.uid))).toEqual([]);
  });

  it("a keychain failure mid-move loses nothing: old entries stay, the mark stays, the next start finishes", async () => {
    writeV1();
    const { base } = await v1Keychain();
    let failAfter = 3;
    const flaky: SecretStore = {
      kind: "memory",
      get: (k) => base.get(k),
      set: async (k, v) => {
        if (failAfter-- <= 0) throw new Error("keychain locked");
        await base.set(k, v);
      },
      delete: (k) => base.delete(k),
    };
    const profiles = await ProfileStore.open(dir);
    const first = await moveLegacyKeychainEntries(profiles, flaky, { env: {}, homeDir: home });
    expect(first.done).toEqual([]);
    expect(first.warnings).toHaveLength(2);
    expect(first.warnings[0]).toMatch(/could not be moved to its new key yet \(keychain locked\); the old ones are kept/);
    // Each value is under its old key or its new one, never neither.
    const mid = await ProfileStore.open(dir);
    expect([await base.get(profileSecretKey("home", "token")), (await readProfileSecrets(base, mid.get("home")!.uid)).token]).toContain("tok-home");
    expect(await base.get(profileSecretKey("work", "password"))).toBe("pw-work");
    expect(mid.get("home")!.legacyKeychainId).toBe("home");
    const second = await moveLegacyKeychainEntries(await ProfileStore.open(dir), base, { env: {}, homeDir: home });
    expect(second.warnings).toEqual([]);
    const again = await ProfileStore.open(dir);
    expect(await readProfileSecrets(base, again.get("home")!.uid)).toEqual({ token: "tok-home", password: null });
    expect(await readProfileSecrets(base, again.get("work")!.uid)).toEqual({ token: null, password: "pw-work" });
    expect(await new ProfileScopedSecretStore(base, again.get("work")!.uid).get(PIN_KEY)).toBe("pin-work");
  });

  it("a value already under the new key is kept (it is newer than the old one)", async () => {
    writeV1();
    const { base } = await v1Keychain();
    const profiles = await ProfileStore.open(dir);
    await setProfileSecret(base, profiles.get("home")!.uid, "token", "tok-newer");
    await moveLegacyKeychainEntries(profiles, base, { env: {}, homeDir: home });
    expect((await readProfileSecrets(base, profiles.get("home")!.uid)).token).toBe("tok-newer");
  });

  it("a profile added after the migration never adopts a v1 entry, even with the removed profile's name and id", async () => {
    const { base, deviceId } = await v1Keychain();
    const profiles = await ProfileStore.open(dir); // no file: nothing was migrated
    const p = await profiles.add({ name: "Home", kind: "ssh", ssh: { target: "me@home.lan:2222", identityFile: "/keys/id_home" } });
    expect(p.id).toBe("home");
    await moveLegacyKeychainEntries(profiles, base, { env: {}, homeDir: home });
    expect(await readProfileSecrets(base, p.uid)).toEqual({ token: null, password: null });
    const view = new ProfileScopedSecretStore(base, p.uid);
    expect(await view.get({ service: SECRET_SERVICES.deviceToken, account: `profile:${p.uid}|${deviceId}|operator` })).toBeNull();
    expect(await view.get(sshPassphraseKey("/keys/id_home"))).toBeNull();
    expect(await base.get({ service: PROFILE_INDEX_SERVICE, account: p.uid })).toBeNull();
    expect(scopedKey(p.uid, PIN_KEY).account).toBe(`profile:${p.uid}|wss://gw.example.com:443`);
  });
});
