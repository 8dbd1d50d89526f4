// duplicateProfile and moveProfile (issue 12): a copy is a new profile next to its original (new uid,
// no secrets unless asked, not connected at start, its own forward port); the order is stored and is
// what list() returns (the tray and `profiles list` read it).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MemorySecretStore } from "../secrets/secret-store.js";
import { copyName, duplicateProfile, moveProfile } from "./profile-arrange.js";
import { readProfileSecrets, setProfileSecret } from "./profile-secrets.js";
import { ProfileStore } from "./profile-store.js";

let dir: string;
let store: ProfileStore;
let secrets: MemorySecretStore;
beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "clawlink-arrange-"));
  store = await ProfileStore.open(dir);
  secrets = new MemorySecretStore();
  const home = await store.add({ name: "Home", kind: "ssh", connectAtStart: true, ssh: { target: "me@box", rememberedLocalPort: 28123, localPort: 28000 } });
  await store.add({ name: "Lab", kind: "direct", direct: { url: "wss://gw.example.com" } });
  await setProfileSecret(secrets, home.uid, "token", "tok-home-123456");
  await setProfileSecret(secrets, home.uid, "password", "pw-home-123456");
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const ids = () => store.list().map((p) => p.id);
const onDisk = () => (JSON.parse(fs.readFileSync(path.join(dir, "profiles.json"), "utf8")) as { profiles: Array<{ id: string }> }).profiles.map((p) => p.id);

describe("duplicateProfile", () => {
  it("a new uid and id, right after the original, not connected at start, no secrets, no remembered port", async () => {
    const orig = store.get("home")!;
    const r = await duplicateProfile(store, secrets, "home");
    expect(r.profile).toMatchObject({ id: "home-copy", name: "Home (copy)", kind: "ssh", connectAtStart: false, ssh: { target: "me@box", localPort: 28000 } });
    expect(r.profile.ssh!.rememberedLocalPort).toBeUndefined();
    expect(r.profile.uid).not.toBe(orig.uid);
    expect(ids()).toEqual(["local", "home", "home-copy", "lab"]);
    expect(onDisk()).toEqual(ids());
    expect(r.copiedSecrets).toEqual([]);
    expect(await readProfileSecrets(secrets, r.profile.uid)).toEqual({ token: null, password: null });
  });

  it("--with-secrets copies the token and password only", async () => {
    const r = await duplicateProfile(store, secrets, "Home", { name: "Home 2", withSecrets: true });
    expect(r.profile).toMatchObject({ id: "home-2", name: "Home 2" });
    expect(r.copiedSecrets).toEqual(["token", "password"]);
    expect(await readProfileSecrets(secrets, r.profile.uid)).toEqual({ token: "tok-home-123456", password: "pw-home-123456" });
  });

  it("copy names count up and stay within 80 characters; a taken name is refused", async () => {
    await duplicateProfile(store, secrets, "home");
    expect((await duplicateProfile(store, secrets, "home")).profile.name).toBe("Home (copy 2)");
    expect(copyName("x".repeat(80), [])).toBe(`${"x".repeat(73)} (copy)`);
    await expect(duplicateProfile(store, secrets, "home", { name: "lab" })).rejects.toThrow(/^name: "lab" is already used/);
    await expect(duplicateProfile(store, secrets, "nope")).rejects.toThrow(/No profile "nope"/);
  });
});

describe("moveProfile", () => {
  it("to a 1-based position, up, down, first, last; stored in the file", async () => {
    expect((await moveProfile(store, "lab", 1)).order).toEqual(["lab", "local", "home"]);
    expect(onDisk()).toEqual(["lab", "local", "home"]);
    expect(await moveProfile(store, "home", "up")).toMatchObject({ position: 2, order: ["lab", "home", "local"] });
    expect((await moveProfile(store, "lab", "down")).order).toEqual(["home", "lab", "local"]);
    expect((await moveProfile(store, "local", "first")).order).toEqual(["local", "home", "lab"]);
    expect((await moveProfile(store, "local", "last")).order).toEqual(["home", "lab", "local"]);
    expect(ids()).toEqual(["home", "lab", "local"]);
    // Reopened: the order is what was saved.
    expect((await ProfileStore.open(dir)).list().map((p) => p.id)).toEqual(["home", "lab", "local"]);
  });

  it("up from the top and down from the bottom stay put without writing", async () => {
    const before = fs.statSync(path.join(dir, "profiles.json")).mtimeMs;
    expect((await moveProfile(store, "local", "up")).position).toBe(1);
    expect((await moveProfile(store, "lab", "down")).position).toBe(3);
    expect(fs.statSync(path.join(dir, "profiles.json")).mtimeMs).toBe(before);
  });

  it("a position outside the list is refused naming it", async () => {
    await expect(moveProfile(store, "lab", 0)).rejects.toThrow(/^position: must be a whole number from 1 to 3 \(got 0\)/);
    await expect(moveProfile(store, "lab", 4)).rejects.toThrow(/^position: /);
    expect(ids()).toEqual(["local", "home", "lab"]);
  });
});
