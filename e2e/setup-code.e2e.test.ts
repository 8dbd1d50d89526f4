// Setup codes (issue 13 §4), with codes the real gateway's own CLI makes (`openclaw qr --setup-code-only
// --url …`; the test gateways bind loopback, so the URL is given) and the real Secret Service:
//  - `clawlink profiles add <name> --setup-code-stdin` makes a profile for the gateway the code names,
//    pairs this device with the bootstrap token, and leaves a device token in the keychain (no shared
//    token, auth device-only); the next probe connects with that device token.
//  - a code another device already redeemed is refused by the gateway as used up, said as such (not
//    token_mismatch).
//  - on a gateway that approves every device by hand, `secret set <profile> token` with a code waits,
//    prints the approve command, and finishes paired once `openclaw devices approve` ran.
//  - an SSH profile pairs with a code through its tunnel (`secret set <p> token`), the real sshd between.
//  - the Add form (HostService.addProfile, as the UI calls it): a code in the token field is not saved;
//    the first connect pairs with it and connects.
// The CLI runs in-process (main() with a recording CliIO), as `clawlink …` would.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { GatewayClient } from "@openclaw/gateway-client";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { CliIO } from "../src-main/core/cli/context.js";
import { main } from "../src-main/core/cli/main.js";
import { readProfileSecrets, openSecretStore } from "../src-main/core/profiles/profile-secrets.js";
import { ProfileStore } from "../src-main/core/profiles/profile-store.js";
import { generateDeviceKeyPair, publicKeyRawBase64UrlFromPem, signDevicePayload } from "../src-main/core/identity/ed25519.js";
import type { HostEventMessage } from "../src-shared/host-api.js";
import { HostService } from "../src-main/core/host/host-service.js";
import { createLogger } from "../src-main/core/log/logger.js";
import { MemorySecretStore, type SecretStore } from "../src-main/core/secrets/secret-store.js";
import { TestGateway } from "./harness/gateway.js";

const shared = TestGateway.attach(inject("gateway"));
const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), "clawlink-setup-code-"));
let manual: TestGateway;
let keychain: SecretStore;

function baseEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith("OPENCLAW_") || k === "SSH_AUTH_SOCK" || k === "CLAWLINK_CONFIG_DIR") delete env[k];
  return env;
}

/** `clawlink <args> --config-dir <dir>` in-process; stdout and stderr together in `text`. */
async function cli(dir: string, args: string[], stdin = "", onLine?: (l: string) => void): Promise<{ code: number; text: string }> {
  const lines: string[] = [];
  const push = (l: string) => {
    lines.push(l);
    onLine?.(l);
  };
  const io: CliIO = { stdout: push, write: push, stderr: push, readStdin: async () => stdin, env: baseEnv() };
  const code = await main([...args, "--config-dir", dir], io);
  return { code, text: lines.join("\n") };
}

async function setupCode(g: TestGateway): Promise<string> {
  const code = (await g.cli(["qr", "--setup-code-only", "--url", g.url])).trim();
  expect(code, "openclaw qr printed a base64url setup code").toMatch(/^[A-Za-z0-9_-]{40,}$/);
  return code;
}

/** The bootstrap token inside a code: what must never appear in output or on disk. */
const bootstrapOf = (code: string) => (JSON.parse(Buffer.from(code, "base64url").toString("utf8")) as { bootstrapToken: string }).bootstrapToken;

/** Redeems a bootstrap token with the official client and a throwaway device identity. */
function redeemElsewhere(url: string, bootstrapToken: string): Promise<string> {
  return new Promise((resolve) => {
    const finish = (r: string) => {
      clearTimeout(timer);
      client.stop();
      resolve(r);
    };
    const client = new GatewayClient({
      url,
      bootstrapToken,
      clientName: "cli",
      mode: "cli",
      clientVersion: "0.0.0",
      platform: "linux",
      role: "operator",
      scopes: ["operator.read"],
      deviceIdentity: generateDeviceKeyPair(),
      hostDeps: { signDevicePayload, publicKeyRawBase64UrlFromPem, loadDeviceAuthToken: () => null, storeDeviceAuthToken: () => {}, clearDeviceAuthToken: () => {} },
      onHelloOk: () => finish("paired"),
      onConnectError: (e) => finish(e.message),
    });
    const timer = setTimeout(() => finish("timeout"), 15_000);
    client.start();
  });
}

beforeAll(async () => {
  expect(process.env.CLAWLINK_TEST_SANDBOX, "run inside e2e/harness/sandbox.sh (it provides the Secret Service)").toBe("1");
  keychain = (await openSecretStore()).store;
  manual = await new TestGateway({ manualPairing: true }).start();
});

afterAll(async () => {
  await manual?.stop();
  fs.rmSync(tmpRoot, { recursive: true, force: true });
});

describe("a setup code made by the real gateway's CLI", () => {
  it("profiles add --setup-code-stdin pairs: a device token in the keychain, no shared token, and the next probe connects with it", async () => {
    const dir = fs.mkdtempSync(path.join(tmpRoot, "cfg-"));
    const code = await setupCode(shared);
    const added = await cli(dir, ["profiles", "add", "desk", "--setup-code-stdin", "--no-connect-at-start"], `${code}\n`);
    expect(added.code, added.text).toBe(0);
    expect(added.text).toMatch(/paired desk with the setup code/);
    expect(added.text.includes(bootstrapOf(code)), "the bootstrap token is in the CLI output").toBe(false);

    const profile = (await ProfileStore.open(dir)).get("desk")!;
    expect(profile.kind).toBe("direct");
    expect(profile.direct?.url).toBe(`${shared.url}/`);
    expect(profile.auth.mode).toBe("device-only");
    expect(fs.readFileSync(path.join(dir, "profiles.json"), "utf8").includes(bootstrapOf(code)), "the bootstrap token is in profiles.json").toBe(false);
    expect((await readProfileSecrets(keychain, profile.uid)).token, "a shared token was stored").toBeFalsy();

    const probe = await cli(dir, ["probe", "desk", "--batch"]);
    expect(probe.code, probe.text).toBe(0);
    expect(probe.text).toMatch(/auth: device token \(keychain\)/);
  });

  it("a code another device already used is refused as used up, with what to do — not as a wrong token", async () => {
    const dir = fs.mkdtempSync(path.join(tmpRoot, "cfg-"));
    const code = await setupCode(shared);
    // Another device (its own fresh key pair) redeems the code first, as the official client does.
    expect(await redeemElsewhere(shared.url, bootstrapOf(code))).toBe("paired");
    const again = await cli(dir, ["profiles", "add", "second", "--setup-code-stdin", "--no-connect-at-start"], code);
    expect(again.code, again.text).toBe(7);
    expect(again.text).toMatch(/rejected the setup code: it is expired, revoked or already used/);
    expect(again.text).toMatch(/openclaw qr --setup-code-only/);
    expect(again.text).not.toMatch(/token_mismatch|rejected the gateway token/);
  });

  it("an expired or cut-short code is refused before anything is saved", async () => {
    const dir = fs.mkdtempSync(path.join(tmpRoot, "cfg-"));
    const code = await setupCode(shared);
    const cut = await cli(dir, ["profiles", "add", "cut", `oc-pair://${code.slice(0, 25)}`]);
    expect(cut.code).toBe(2);
    expect(cut.text).toMatch(/setup code/i);
    expect((await ProfileStore.open(dir)).get("cut"), "a profile was saved for a broken code").toBeUndefined();
  });
});

describe("a gateway that approves devices by hand", () => {
  it("secret set <profile> token with a setup code waits, names the approve command, and ends paired after openclaw devices approve", async () => {
    const dir = fs.mkdtempSync(path.join(tmpRoot, "cfg-"));
    expect((await cli(dir, ["profiles", "add", "lab", manual.url, "--no-connect-at-start"])).code).toBe(0);
    const code = await setupCode(manual);
    let approveLine = "";
    const running = cli(dir, ["secret", "set", "lab", "token", "--timeout", "90"], code, (l) => {
      if (/waits for approval/.test(l)) approveLine = l;
    });
    const t0 = Date.now();
    while (!approveLine && Date.now() - t0 < 30_000) await new Promise((r) => setTimeout(r, 200));
    const requestId = /openclaw devices approve (\S+)/.exec(approveLine)?.[1];
    expect(requestId, `the approve command is printed (got: ${approveLine || "nothing"})`).toBeTruthy();
    expect(await manual.cli(["devices", "approve", requestId!])).toMatch(/Approved/);
    const done = await running;
    expect(done.code, done.text).toBe(0);
    expect(done.text).toMatch(/paired lab with the setup code/);
    const profile = (await ProfileStore.open(dir)).get("lab")!;
    expect(profile.auth.mode).toBe("device-only");
    expect((await readProfileSecrets(keychain, profile.uid)).token, "the setup code was stored as a token").toBeFalsy();
    const probe = await cli(dir, ["probe", "lab", "--batch"]);
    expect(probe.code, probe.text).toBe(0);
  });
});

describe("an SSH profile", () => {
  it("secret set <profile> token with a setup code pairs through the tunnel (the gateway sees a local device) and the next probe uses the device token", async () => {
    const dir = fs.mkdtempSync(path.join(tmpRoot, "cfg-"));
    const sshd = inject("sshd");
    const add = await cli(dir, ["profiles", "add", "lab-ssh", `ssh://${sshd.user}@${sshd.host}:${sshd.port}`, "--identity", sshd.key, "--remote-port", String(shared.port), "--no-connect-at-start"]);
    expect(add.code, add.text).toBe(0);
    const code = await setupCode(shared);
    const paired = await cli(dir, ["secret", "set", "lab-ssh", "token", "--trust-host-key"], code);
    expect(paired.code, paired.text).toBe(0);
    expect(paired.text).toMatch(/paired lab-ssh with the setup code/);
    const profile = (await ProfileStore.open(dir)).get("lab-ssh")!;
    expect(profile.kind).toBe("ssh");
    expect(profile.auth.mode).toBe("device-only");
    expect((await readProfileSecrets(keychain, profile.uid)).token, "the setup code was stored as a token").toBeFalsy();
    // The host key the pairing run accepted (--trust-host-key) is remembered: --batch needs no prompt now.
    const probe = await cli(dir, ["probe", "lab-ssh", "--batch"]);
    expect(probe.code, probe.text).toBe(0);
    expect(probe.text).toMatch(/auth: device token \(keychain\)/);
  });
});

describe("the Add gateway form (the host API, as the UI calls it)", () => {
  it("a setup code in the token field saves no token, and the first connect pairs and connects with it", async () => {
    const dir = fs.mkdtempSync(path.join(tmpRoot, "host-"));
    const secrets = new MemorySecretStore();
    const service = new HostService({ host: "web", configDir: dir, profiles: await ProfileStore.open(dir), secrets, logger: createLogger([]), env: {}, homeDir: dir });
    const events: HostEventMessage[] = [];
    service.onEvent((e) => events.push(e));
    try {
      const code = await setupCode(shared);
      const { profile, notes } = await service.handlers.addProfile({ kind: "direct", name: "Desk", url: shared.url, token: code, connectAtStart: false });
      expect(profile.authMode).toBe("device-only");
      expect(notes.join(" ")).toMatch(/Setup code recognised/);
      expect((await readProfileSecrets(secrets, (await ProfileStore.open(dir)).get(profile.id)!.uid)).token, "the code was saved as a token").toBeFalsy();
      await service.handlers.connect(profile.id);
      const t0 = Date.now();
      let connected: HostEventMessage | undefined;
      while (!connected && Date.now() - t0 < 30_000) {
        connected = events.find((e) => e.name === "connection" && e.payload.id === profile.id && e.payload.state === "connected");
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(connected, `connected (states: ${events.filter((e) => e.name === "connection").map((e) => (e.name === "connection" ? e.payload.state : "")).join(",")})`).toBeTruthy();
      expect(connected!.name === "connection" && connected!.payload.connected?.authSource).toMatch(/^setup code/);
      expect(JSON.stringify(events).includes(bootstrapOf(code)), "the bootstrap token reached the UI").toBe(false);
    } finally {
      await service.stop();
    }
  });
});
