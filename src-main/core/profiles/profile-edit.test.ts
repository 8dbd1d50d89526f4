// editProfile (issue 12): every field add sets can be edited, an invalid value is refused naming the
// field with profiles.json and the keychain byte-for-byte unchanged, secrets stay (same uid), and the
// result says what changed and whether only a reconnect of this profile is needed.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MemorySecretStore, type SecretKey, type SecretStore } from "../secrets/secret-store.js";
import { tlsPinKey } from "../transport/tls-pin.js";
import { editProfile, ProfileEditError, type ProfileEditPatch } from "./profile-edit.js";
import { scopedKey } from "./profile-keychain.js";
import { readProfileSecrets, setProfileSecret } from "./profile-secrets.js";
import { ProfileStore } from "./profile-store.js";

let dir: string;
let store: ProfileStore;
let secrets: MemorySecretStore;
beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "clawlink-edit-"));
  store = await ProfileStore.open(dir);
  secrets = new MemorySecretStore();
  const home = await store.add({ name: "Home", kind: "ssh", ssh: { target: "me@box:2222", identityFile: "/k/id", localPort: 28000 } });
  await store.add({ name: "Lab", kind: "direct", direct: { url: "wss://gw.example.com" } });
  await setProfileSecret(secrets, home.uid, "token", "tok-home-123456");
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const fileText = () => fs.readFileSync(path.join(dir, "profiles.json"), "utf8");
const HEX = "ab".repeat(32);

describe("editProfile: SSH fields", () => {
  it("host, port, user, identity, remote and local port, keepalive: saved, listed, reconnect; uid and token kept", async () => {
    const before = store.get("home")!;
    const r = await editProfile(store, secrets, "home", { host: "box2.lan", port: 22, user: "ann", identityFile: "/k/other", remotePort: 18800, localPort: 28001, keepaliveIntervalS: 30, keepaliveCountMax: 5 });
    expect(r.profile).toMatchObject({ id: "home", uid: before.uid, ssh: { target: "ann@box2.lan:22", identityFile: "/k/other", remotePort: 18800, localPort: 28001, keepaliveIntervalS: 30, keepaliveCountMax: 5 } });
    expect(r.changes.map((c) => c.field)).toEqual(["host", "port", "user", "identityFile", "remotePort", "localPort", "keepaliveIntervalS", "keepaliveCountMax"]);
    expect(r.changes[0]).toEqual({ field: "host", from: "box", to: "box2.lan" });
    expect(r.reconnect).toBe(true);
    expect(JSON.parse(fileText()).profiles[1].ssh.target).toBe("ann@box2.lan:22");
    expect((await readProfileSecrets(secrets, before.uid)).token).toBe("tok-home-123456");
  });

  it("name and connect-at-start only: saved, but no reconnect; the id stays", async () => {
    const r = await editProfile(store, secrets, "home", { name: "Home desktop", connectAtStart: true });
    expect(r.profile).toMatchObject({ id: "home", name: "Home desktop", connectAtStart: true });
    expect(r.changes).toEqual([{ field: "name", from: "Home", to: "Home desktop" }, { field: "connectAtStart", from: false, to: true }]);
    expect(r.reconnect).toBe(false);
  });

  it("auth mode is a connection change", async () => {
    expect((await editProfile(store, secrets, "home", { authMode: "password" })).reconnect).toBe(true);
  });

  it("null removes the identity file, the user and the local port (and the remembered port with it)", async () => {
    await store.update("home", { ssh: { ...store.get("home")!.ssh!, rememberedLocalPort: 28555 } });
    const r = await editProfile(store, secrets, "home", { identityFile: null, user: null, localPort: null });
    expect(r.profile.ssh).toEqual({ target: "box:2222", remotePort: 18789 });
  });

  it("the same values again: no change, nothing written", async () => {
    const text = fileText();
    const r = await editProfile(store, secrets, "home", { host: "box", port: 2222, name: "Home" });
    expect(r).toMatchObject({ changes: [], reconnect: false });
    expect(fileText()).toBe(text);
  });
});

describe("editProfile: direct and local fields", () => {
  it("URL, host and port of a direct profile; stored normalised", async () => {
    expect((await editProfile(store, secrets, "lab", { url: "https://gw2.example.com:8443" })).profile.direct!.url).toBe("wss://gw2.example.com:8443/");
    expect((await editProfile(store, secrets, "lab", { host: "gw3.example.com" })).profile.direct!.url).toBe("wss://gw3.example.com:8443/");
    const r = await editProfile(store, secrets, "lab", { port: 443 });
    expect(r.profile.direct!.url).toBe("wss://gw3.example.com/");
    expect(r.changes).toEqual([{ field: "url", from: "wss://gw3.example.com:8443/", to: "wss://gw3.example.com/" }]);
  });

  it("a TLS fingerprint is stored as an explicit pin for the (new) URL, in the profile's keychain view", async () => {
    const lab = store.get("lab")!;
    const r = await editProfile(store, secrets, "lab", { url: "wss://gw9.example.com:9443", tlsFingerprint: `sha256:${HEX.toUpperCase()}` });
    expect(r.changes.map((c) => c.field)).toEqual(["url", "tlsFingerprint"]);
    expect(await secrets.get(scopedKey(lab.uid, tlsPinKey("gw9.example.com", 9443)))).toBe(HEX);
    // The same pin again is no change.
    expect((await editProfile(store, secrets, "lab", { tlsFingerprint: HEX })).changes).toEqual([]);
  });

  it("the local profile's port", async () => {
    const r = await editProfile(store, secrets, "local", { port: 18800 });
    expect(r.profile.local).toEqual({ port: 18800 });
    expect(r.reconnect).toBe(true);
  });
});

/** Everything in the keychain, for "nothing changed" checks. */
function dump(s: SecretStore): string {
  return JSON.stringify([...(s as unknown as { map: Map<string, string> }).map.entries()]);
}

describe("editProfile: invalid values are refused naming the field, nothing changed", () => {
  const cases: Array<[string, string, ProfileEditPatch, RegExp]> = [
    ["home", "remotePort", { remotePort: 70000 }, /^remotePort: must be a port number 1-65535$/],
    ["home", "port", { port: 0 }, /^port: must be a port number 1-65535$/],
    ["home", "localPort", { localPort: 99999 }, /^localPort: must be a port number 1-65535$/],
    ["home", "host", { host: "bad host" }, /^host: must be a host name/],
    ["home", "host", { host: "-oProxyCommand=x" }, /^host: /],
    ["home", "user", { user: "a b" }, /^user: must be a login name/],
    ["home", "identityFile", { identityFile: "   " }, /^identityFile: must not be empty$/],
    ["home", "keepaliveIntervalS", { keepaliveIntervalS: 9999 }, /^keepaliveIntervalS: must be a whole number of seconds/],
    ["home", "name", { name: "Lab" }, /^name: "Lab" is already used by another profile$/],
    ["home", "name", { name: "  " }, /^name: must be a non-empty name$/],
    ["home", "url", { url: "wss://x" }, /^url: does not apply to an SSH profile$/],
    ["home", "authMode", { authMode: "magic" as never }, /^authMode: must be one of/],
    ["lab", "url", { url: "htp:/oops" }, /^url: "htp:\/oops" starts with "htp:"/],
    ["lab", "url", { url: "wss://gw.example.com/#token=abc" }, /^url: must not carry a token/],
    ["lab", "url", { url: "wss://a", host: "b" }, /^url: give either the whole URL or host\/port/],
    ["lab", "host", { host: "a b" }, /^host: /],
    ["lab", "tlsFingerprint", { tlsFingerprint: "nothex" }, /^tlsFingerprint: "nothex" is not a SHA-256/],
    ["lab", "tlsFingerprint", { url: "ws://10.0.0.5:18789", tlsFingerprint: HEX }, /^tlsFingerprint: only applies to wss:\/\//],
    ["lab", "identityFile", { identityFile: "/k" }, /^identityFile: does not apply to a direct/],
    ["local", "host", { host: "x" }, /^host: does not apply to the "this machine" profile$/],
  ];
  it.each(cases)("%s %s", async (id, field, patch, message) => {
    const text = fileText();
    const keys = dump(secrets);
    const err = await editProfile(store, secrets, id, patch).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProfileEditError);
    expect((err as ProfileEditError).field).toBe(field);
    expect((err as Error).message).toMatch(message);
    expect(fileText()).toBe(text);
    expect(dump(secrets)).toBe(keys);
  });

  it("an unknown profile", async () => {
    await expect(editProfile(store, secrets, "nope", { port: 1 })).rejects.toThrow(/No profile "nope"/);
  });
});

describe("editProfile: a save that fails", () => {
  it("puts the pin back as it was and leaves the file alone", async () => {
    const failing = await ProfileStore.open(dir, { write: async () => Promise.reject(new Error("disk full")) });
    const lab = failing.get("lab")!;
    const key: SecretKey = scopedKey(lab.uid, tlsPinKey("gw.example.com", 443));
    await secrets.set(key, "cd".repeat(32));
    const text = fileText();
    await expect(editProfile(failing, secrets, "lab", { tlsFingerprint: HEX })).rejects.toThrow(/disk full/);
    expect(await secrets.get(key)).toBe("cd".repeat(32));
    expect(fileText()).toBe(text);
  });
});
