// profile-trust.ts (issue 12): forgetting host keys touches only Clawlink's own known_hosts and only
// this profile's hosts (ProxyJump hops included, revocations kept); forgetting TLS pins or resetting the
// identity deletes exactly those keychain entries; the SSH password goes where the tunnel looks for it.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadOrCreateDeviceIdentity } from "../identity/device-identity-store.js";
import { MemorySecretStore, SECRET_SERVICES } from "../secrets/secret-store.js";
import { withoutHostKeys } from "../transport/app-known-hosts.js";
import { sshPasswordKey } from "../transport/ssh-auth.js";
import { tlsPinKey } from "../transport/tls-pin.js";
import { deleteAllProfileSecrets, profileScopedStore } from "./profile-keychain.js";
import type { Profile } from "./profile-schema.js";
import { deleteSshPassword, forgetHostKeys, forgetTlsPins, resetIdentity, setSshPassword } from "./profile-trust.js";

let root: string;
let configDir: string;
let homeDir: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "clawlink-trust-"));
  configDir = path.join(root, "cfg");
  homeDir = path.join(root, "home");
  fs.mkdirSync(path.join(homeDir, ".ssh"), { recursive: true });
  fs.mkdirSync(configDir);
  fs.writeFileSync(path.join(homeDir, ".ssh", "config"), "Host gw\n  HostName box.lan\n  Port 2222\n  User ann\n  ProxyJump me@jump.lan\n");
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

const ED = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl";
const ED2 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAKAlqhHWQ1Fyc4dWd1V2h0zgwg+zJjLQ+kUeUu1+yTx";
const sshProfile = (target: string): Profile => ({ id: "home", uid: "a".repeat(32), name: "Home", kind: "ssh", connectAtStart: false, auth: { mode: "token" }, ssh: { target, remotePort: 18789 } });
const direct: Profile = { id: "lab", uid: "b".repeat(32), name: "Lab", kind: "direct", connectAtStart: false, auth: { mode: "token" }, direct: { url: "wss://gw.example.com/" } };
const places = () => ({ configDir, homeDir, env: {} });

describe("withoutHostKeys", () => {
  it("drops plain lines for the hosts (port-qualified names, hashed names), keeps revocations, CAs, comments and others", () => {
    const text = ["# mine", `[box.lan]:2222 ${ED}`, `box.lan ${ED2}`, `@revoked [box.lan]:2222 ${ED2}`, `@cert-authority *.lan ${ED}`, `other ${ED}`, ""].join("\n");
    const r = withoutHostKeys(text, [{ host: "box.lan", port: 2222 }]);
    expect(r.removed).toEqual([`[box.lan]:2222 ${ED}`]);
    expect(r.text).toBe(["# mine", `box.lan ${ED2}`, `@revoked [box.lan]:2222 ${ED2}`, `@cert-authority *.lan ${ED}`, `other ${ED}`, ""].join("\n"));
    expect(withoutHostKeys(text, [{ host: "nowhere", port: 22 }])).toEqual({ text, removed: [] });
  });
});

describe("forgetHostKeys", () => {
  it("removes the gateway host's and the jump host's lines from Clawlink's file only, and names the person's file that still has one", async () => {
    const app = path.join(configDir, "known_hosts");
    fs.writeFileSync(app, [`jump.lan ${ED}`, `[box.lan]:2222 ${ED}`, `other.lan ${ED2}`, ""].join("\n"), { mode: 0o600 });
    const user = path.join(homeDir, ".ssh", "known_hosts");
    fs.writeFileSync(user, `[box.lan]:2222 ${ED2}\n`);
    const r = await forgetHostKeys(sshProfile("gw"), places());
    expect(r).toEqual({ file: app, hosts: ["jump.lan", "[box.lan]:2222"], removed: [`jump.lan ${ED}`, `[box.lan]:2222 ${ED}`], elsewhere: [{ host: "[box.lan]:2222", file: user }] });
    expect(fs.readFileSync(app, "utf8")).toBe(`other.lan ${ED2}\n`);
    expect(fs.statSync(app).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(user, "utf8")).toBe(`[box.lan]:2222 ${ED2}\n`);
    expect(fs.readdirSync(configDir)).toEqual(["known_hosts"]);
  });

  it("nothing remembered: nothing written (no file is created)", async () => {
    const r = await forgetHostKeys(sshProfile("me@plain.lan"), places());
    expect(r.removed).toEqual([]);
    expect(fs.existsSync(path.join(configDir, "known_hosts"))).toBe(false);
  });

  it("a profile that is not SSH is refused in words", async () => {
    await expect(forgetHostKeys(direct, places())).rejects.toThrow(/lab is not an SSH profile \(it is direct\)/);
  });
});

describe("forgetTlsPins and resetIdentity", () => {
  it("forget --tls deletes every pin of the profile and nothing else; removal still finds the rest", async () => {
    const base = new MemorySecretStore();
    const scoped = profileScopedStore(base, direct.uid);
    await scoped.set(tlsPinKey("gw.example.com", 443), "ab".repeat(32));
    await scoped.set(tlsPinKey("old.example.com", 443), "cd".repeat(32));
    const dt = { service: SECRET_SERVICES.deviceToken, account: "profile:x|dev|operator" };
    await scoped.set(dt, "{}");
    await profileScopedStore(base, "c".repeat(32)).set(tlsPinKey("gw.example.com", 443), "ef".repeat(32));
    expect((await forgetTlsPins(base, direct)).sort()).toEqual(["wss://gw.example.com:443", "wss://old.example.com:443"]);
    expect(await scoped.get(tlsPinKey("gw.example.com", 443))).toBeNull();
    expect(await scoped.get(dt)).toBe("{}");
    expect(await profileScopedStore(base, "c".repeat(32)).get(tlsPinKey("gw.example.com", 443))).toBe("ef".repeat(32));
    expect(await forgetTlsPins(base, direct)).toEqual([]);
    expect(await deleteAllProfileSecrets(base, direct.uid)).toEqual([SECRET_SERVICES.deviceToken]);
  });

  it("identity reset: a new device id, every profile's device tokens deleted, pins kept", async () => {
    const base = new MemorySecretStore();
    const before = await loadOrCreateDeviceIdentity(base);
    const home = sshProfile("gw");
    for (const p of [home, direct]) await profileScopedStore(base, p.uid).set({ service: SECRET_SERVICES.deviceToken, account: `profile:${p.uid}|${before.deviceId}|operator` }, "{}");
    await profileScopedStore(base, direct.uid).set(tlsPinKey("gw.example.com", 443), "ab".repeat(32));
    const r = await resetIdentity(base, [home, direct]);
    expect(r.deviceId).not.toBe(before.deviceId);
    expect(r.deviceTokensDeleted).toBe(2);
    expect((await loadOrCreateDeviceIdentity(base)).deviceId).toBe(r.deviceId);
    expect(await profileScopedStore(base, direct.uid).get(tlsPinKey("gw.example.com", 443))).toBe("ab".repeat(32));
  });
});

describe("SSH password", () => {
  it("is stored for the gateway host as ~/.ssh/config resolves it, in the profile's keychain view", async () => {
    const base = new MemorySecretStore();
    const home = sshProfile("gw");
    const place = await setSshPassword(base, home, "pw-ssh-123456", places());
    expect(place.login).toBe("ann@box.lan:2222");
    expect(await profileScopedStore(base, home.uid).get(sshPasswordKey({ user: "ann", host: "box.lan", port: 2222 }))).toBe("pw-ssh-123456");
    expect(await base.get(sshPasswordKey({ user: "ann", host: "box.lan", port: 2222 }))).toBeNull();
    expect((await deleteSshPassword(base, home, places())).removed).toBe(true);
    expect((await deleteSshPassword(base, home, places())).removed).toBe(false);
    await expect(setSshPassword(base, home, "", places())).rejects.toThrow(/empty SSH password/);
  });
});
