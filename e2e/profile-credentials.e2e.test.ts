// Credentials go only where they belong (issue 10 §3), seen on the wire and in the real keychain:
//  - OPENCLAW_GATEWAY_TOKEN is offered to the profile whose URL is OPENCLAW_GATEWAY_URL and to no other
//    host: a capture server records the connect frame the official client sends for each profile.
//  - A profile's secrets are keyed by its random uid in the real Secret Service (sandbox.sh): a rename
//    keeps them (the real gateway still accepts the profile), removal deletes every one of them, and a
//    new profile of the same name presents none of the old one's, device token included.
// The CLI runs in-process (main() with a recording CliIO), as `clawlink …` would.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { CliIO } from "../src-main/core/cli/context.js";
import { main } from "../src-main/core/cli/main.js";
import { loadOrCreateDeviceIdentity } from "../src-main/core/identity/device-identity-store.js";
import { PROFILE_INDEX_SERVICE, ProfileScopedSecretStore, profileCredentialKeys, scopedKey } from "../src-main/core/profiles/profile-keychain.js";
import { openSecretStore } from "../src-main/core/profiles/profile-secrets.js";
import { ProfileStore } from "../src-main/core/profiles/profile-store.js";
import { SECRET_SERVICES, type SecretKey, type SecretStore } from "../src-main/core/secrets/secret-store.js";
import { sshPassphraseKey, sshPasswordKey } from "../src-main/core/transport/ssh-auth.js";
import { tlsPinKey } from "../src-main/core/transport/tls-pin.js";
import { startCaptureServer, type CaptureServer } from "./harness/capture-server.js";

const gateway = inject("gateway");
const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), "clawlink-credentials-"));
const servers: CaptureServer[] = [];

/** A shell's environment minus anything that would pick credentials by itself. */
function baseEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith("OPENCLAW_") || k === "SSH_AUTH_SOCK" || k === "CLAWLINK_CONFIG_DIR") delete env[k];
  return env;
}

interface Run {
  code: number;
  text: string;
}

/** `clawlink <args> --config-dir <dir>` in-process; stdout and stderr together in `text`. */
async function cli(dir: string, args: string[], o: { env?: NodeJS.ProcessEnv; stdin?: string } = {}): Promise<Run> {
  const lines: string[] = [];
  const io: CliIO = { stdout: (l) => lines.push(l), write: (t) => lines.push(t), stderr: (l) => lines.push(l), readStdin: async () => o.stdin ?? "", env: { ...baseEnv(), ...(o.env ?? {}) } };
  const code = await main([...args, "--config-dir", dir], io);
  return { code, text: lines.join("\n") };
}

const configDir = () => fs.mkdtempSync(path.join(tmpRoot, "cfg-"));
const capture = async () => {
  const s = await startCaptureServer();
  servers.push(s);
  return s;
};

let keychain: SecretStore;
beforeAll(async () => {
  expect(process.env.CLAWLINK_TEST_SANDBOX, "run inside e2e/harness/sandbox.sh (it provides the Secret Service)").toBe("1");
  const opened = await openSecretStore();
  expect(opened.warning).toBeUndefined();
  keychain = opened.store;
});

afterAll(async () => {
  for (const s of servers) await s.close();
  fs.rmSync(tmpRoot, { recursive: true, force: true });
});

describe("OPENCLAW_GATEWAY_TOKEN goes only to OPENCLAW_GATEWAY_URL's gateway", () => {
  it("a profile pointing elsewhere sends no environment token; the profile whose URL it is does", async () => {
    const elsewhere = await capture();
    const envGateway = await capture();
    const envToken = `envtok-${randomBytes(16).toString("hex")}`;
    const env = { OPENCLAW_GATEWAY_TOKEN: envToken, OPENCLAW_GATEWAY_URL: envGateway.url };
    const dir = configDir();
    expect((await cli(dir, ["profiles", "add", "elsewhere", elsewhere.url])).code).toBe(0);
    expect((await cli(dir, ["profiles", "add", "env-gateway", envGateway.url])).code).toBe(0);

    const probeElsewhere = await cli(dir, ["probe", "elsewhere", "--batch", "--json"], { env });
    const frame = await elsewhere.waitFor(0);
    expect(frame.raw.includes(envToken), "the environment token is in the connect frame sent to another host").toBe(false);
    expect(frame.auth?.token, "a shared token was sent to a profile that has none").toBeUndefined();
    expect(probeElsewhere.text.includes(envToken), "the environment token appears in the CLI's output").toBe(false);

    // Control: the same run reaches the capture server of OPENCLAW_GATEWAY_URL with the token, so the
    // capture above would have shown it.
    await cli(dir, ["probe", "env-gateway", "--batch", "--json"], { env });
    const control = await envGateway.waitFor(0);
    expect(control.auth?.token === envToken, "the profile whose URL is OPENCLAW_GATEWAY_URL gets the environment token").toBe(true);
  });
});

describe("a profile's secrets are keyed by its uid in the real keychain", () => {
  it("rename keeps them, removal deletes every one, and a new profile of the same name presents none of them", async () => {
    const dir = configDir();
    const { deviceId } = await loadOrCreateDeviceIdentity(keychain);
    expect((await cli(dir, ["profiles", "add", "home", gateway.url])).code).toBe(0);
    expect((await cli(dir, ["secret", "set", "home", "token"], { stdin: gateway.token })).code).toBe(0);
    const first = (await ProfileStore.open(dir)).get("home")!;

    // A real handshake: the gateway issues a device token, which lands under this profile's uid.
    const connected = await cli(dir, ["probe", "home", "--batch", "--json"]);
    expect(connected.code, connected.text.replaceAll(gateway.token, "<token>")).toBe(0);
    const scoped = new ProfileScopedSecretStore(keychain, first.uid);
    const deviceTokenKey: SecretKey = { service: SECRET_SERVICES.deviceToken, account: `profile:${first.uid}|${deviceId}|operator` };
    const deviceRecord = await scoped.get(deviceTokenKey);
    expect(deviceRecord, "the gateway's device token is stored under the profile's uid").not.toBeNull();
    const deviceToken = (JSON.parse(deviceRecord!) as { token: string }).token;

    // The other per-profile secrets, written through the profile's view as the transports write them.
    const pin = tlsPinKey("gw.example.com", 443);
    const sshPw = sshPasswordKey({ user: "me", host: "home.lan", port: 22 });
    const passphrase = sshPassphraseKey(path.join(tmpRoot, "id_home"));
    await scoped.set(pin, "ab".repeat(32));
    await scoped.set(sshPw, `sshpw-${randomBytes(8).toString("hex")}`);
    await scoped.set(passphrase, `pp-${randomBytes(8).toString("hex")}`);
    expect((await cli(dir, ["secret", "set", "home", "password"], { stdin: `pw-${randomBytes(8).toString("hex")}` })).code).toBe(0);

    // Rename: same uid, and the real gateway still takes the profile with its stored token.
    await (await ProfileStore.open(dir)).update("home", { name: "Home (renamed)" });
    const renamed = (await ProfileStore.open(dir)).get("home")!;
    expect(renamed.uid).toBe(first.uid);
    expect((await cli(dir, ["probe", "home", "--batch", "--json"])).code, "the renamed profile still connects with its keychain token").toBe(0);

    // Control for the wire check below: this profile, pointed at a capture server with device-only auth,
    // does present its device token, so the capture would show an inherited one.
    const before = await capture();
    await (await ProfileStore.open(dir)).update("home", { direct: { url: before.url }, auth: { mode: "device-only" } });
    await cli(dir, ["probe", "home", "--batch", "--json"]);
    expect((await before.waitFor(0)).raw.includes(deviceToken), "the profile presents its own device token").toBe(true);

    const removed = await cli(dir, ["profiles", "remove", "home", "--json"]);
    expect(removed.code).toBe(0);
    expect(JSON.parse(removed.text)).toEqual({ removed: "home", keychainEntriesDeleted: 6 });
    const left: Record<string, boolean> = {};
    for (const k of [...profileCredentialKeys(first.uid), ...[deviceTokenKey, pin, sshPw, passphrase].map((k) => scopedKey(first.uid, k)), { service: PROFILE_INDEX_SERVICE, account: first.uid }])
      if ((await keychain.get(k)) !== null) left[`${k.service} ${k.account}`] = true;
    expect(left, "keychain entries of the removed profile that are still there").toEqual({});

    // Same name again, pointed at a capture server with device-only auth: nothing of the old profile.
    const after = await capture();
    expect((await cli(dir, ["profiles", "add", "home", after.url, "--auth", "device-only"])).code).toBe(0);
    const second = (await ProfileStore.open(dir)).get("home")!;
    expect(second.uid).not.toBe(first.uid);
    await cli(dir, ["probe", "home", "--batch", "--json"]);
    const frame = await after.waitFor(0);
    expect(frame.raw.includes(deviceToken), "the new profile presents the removed profile's device token").toBe(false);
    expect(frame.raw.includes(gateway.token), "the new profile presents the removed profile's gateway token").toBe(false);
    expect(frame.auth?.token, "the new profile sends any token at all").toBeUndefined();
  });
});
