import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MemorySecretStore } from "../secrets/secret-store.js";
import { tlsPinKey } from "../transport/tls-pin.js";
import { resolveCredentials } from "./credentials.js";
import {
  importFromOpenClawConfig,
  openclawConfigPath,
  openclawCredentials,
  parseOpenClawConfig,
  readOpenClawConfig,
  resolveLocalGateway,
  substituteEnv,
} from "./openclaw-config.js";
import { saveImportedProfile } from "./profile-import.js";
import { scopedKey } from "./profile-keychain.js";
import { readProfileSecrets } from "./profile-secrets.js";
import { ProfileStore } from "./profile-store.js";

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixtures");
const fixture = (name: string) => path.join(fixtures, name);
const sha = (f: string) => createHash("sha256").update(fs.readFileSync(f)).digest("hex");

async function load(name: string, env: Record<string, string> = {}) {
  const r = await readOpenClawConfig({ env: { OPENCLAW_CONFIG_PATH: fixture(name), ...env } });
  if (!r.ok || !r.exists) throw new Error(`fixture ${name} did not load`);
  return r.config;
}

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "clawlink-openclaw-"));
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe("where openclaw.json is", () => {
  it("OPENCLAW_CONFIG_PATH → OPENCLAW_STATE_DIR/openclaw.json → ~/.openclaw/openclaw.json (OPENCLAW_HOME replaces home)", () => {
    expect(openclawConfigPath({ OPENCLAW_CONFIG_PATH: "/etc/oc.json", OPENCLAW_STATE_DIR: "/state" }, "/home/ada")).toEqual({ path: "/etc/oc.json", source: "OPENCLAW_CONFIG_PATH" });
    expect(openclawConfigPath({ OPENCLAW_STATE_DIR: "~/state" }, "/home/ada")).toEqual({ path: "/home/ada/state/openclaw.json", source: "OPENCLAW_STATE_DIR" });
    expect(openclawConfigPath({}, "/home/ada")).toEqual({ path: "/home/ada/.openclaw/openclaw.json", source: "default" });
    expect(openclawConfigPath({ OPENCLAW_HOME: "/srv/oc" }, "/home/ada").path).toBe("/srv/oc/.openclaw/openclaw.json");
  });

  it("reads it from the state dir, and reports a missing file as such", async () => {
    fs.writeFileSync(path.join(tmp, "openclaw.json"), "{ gateway: { port: 19000, }, }");
    const r = await readOpenClawConfig({ env: { OPENCLAW_STATE_DIR: tmp } });
    expect(r).toMatchObject({ ok: true, exists: true, config: { gateway: { port: 19000 } } });
    expect(await readOpenClawConfig({ env: { OPENCLAW_STATE_DIR: path.join(tmp, "none") } })).toMatchObject({ ok: true, exists: false });
  });
});

describe("malformed JSON5", () => {
  it("gives a message with line and column, and the file is not changed", async () => {
    const f = fixture("openclaw.malformed.json5");
    const before = sha(f);
    const r = await readOpenClawConfig({ env: { OPENCLAW_CONFIG_PATH: f } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.attention.reason).toBe("openclaw-config-invalid");
    expect(r.attention.message).toBe(`${f} is not valid JSON5 at line 6, column 7: invalid character 't'.`);
    expect(r.attention.message).not.toContain("fixture-token");
    expect(sha(f)).toBe(before);
  });
  it("rejects a top level that is not an object", () => {
    expect(parseOpenClawConfig("[1, 2]", "x.json")).toMatchObject({ ok: false, attention: { message: "x.json does not hold a JSON5 object." } });
  });
});

describe("${VAR} substitution, as OpenClaw does it", () => {
  it("upper-case names only, $${VAR} is literal, unset means unresolved", () => {
    expect(substituteEnv("${A}/v1", { A: "https://x" })).toEqual({ value: "https://x/v1" });
    expect(substituteEnv("$${A}", { A: "x" })).toEqual({ value: "${A}" });
    expect(substituteEnv("${lower}", {})).toEqual({ value: "${lower}" });
    expect(substituteEnv("${A}${B}", { A: "x" })).toEqual({ missing: ["B"] });
  });
});

describe("local mode: what the gateway on this machine uses", () => {
  it("gateway.port, gateway.tls.enabled → wss, gateway.auth.mode; credentials env → gateway.auth.* → gateway.remote.*", async () => {
    const cfg = await load("openclaw.local.json5");
    const withVar = resolveLocalGateway(cfg, { FIXTURE_LOCAL_TOKEN: "fixture-local-token-from-env-var" });
    expect(withVar).toMatchObject({ url: "wss://127.0.0.1:19001", port: 19001, portSource: "gateway.port", tls: true, authMode: "token" });
    const local = { kind: "profile" as const, profile: { id: "local", kind: "local" as const, auth: { mode: "token" as const } } };
    expect(resolveCredentials({ target: local, env: {}, openclaw: withVar.credentials }).token).toEqual({
      value: "fixture-local-token-from-env-var",
      source: "gateway.auth.token (openclaw.json)",
    });
    expect(resolveCredentials({ target: local, env: { OPENCLAW_GATEWAY_TOKEN: "env-wins" }, openclaw: withVar.credentials }).token?.source).toBe("OPENCLAW_GATEWAY_TOKEN");
    // ${FIXTURE_LOCAL_TOKEN} unset: reported as unresolved, and OpenClaw's fail-closed rule keeps
    // gateway.remote.token from standing in for it.
    const without = resolveLocalGateway(cfg, {});
    expect(without.credentials.auth?.token).toEqual({ kind: "unresolved", detail: "gateway.auth.token refers to ${FIXTURE_LOCAL_TOKEN}, which is not set here" });
    expect(resolveCredentials({ target: local, env: {}, openclaw: without.credentials }).token).toBeUndefined();
  });

  it("OPENCLAW_GATEWAY_PORT overrides gateway.port; no file at all means ws://127.0.0.1:18789", () => {
    expect(resolveLocalGateway({ gateway: { port: 19001 } }, { OPENCLAW_GATEWAY_PORT: "19555" })).toMatchObject({ port: 19555, portSource: "OPENCLAW_GATEWAY_PORT" });
    expect(resolveLocalGateway(undefined, {})).toMatchObject({ url: "ws://127.0.0.1:18789", port: 18789, portSource: "default", tls: false });
    expect(resolveLocalGateway({ gateway: { port: "nope" } }, {}).notes).toEqual(["gateway.port is not a port number; using 18789."]);
  });

  it("infers the auth mode from the secrets when gateway.auth.mode is absent", () => {
    expect(resolveLocalGateway({ gateway: { auth: { password: "p" } } }, {}).authMode).toBe("password");
    expect(resolveLocalGateway({ gateway: {} }, {}).authMode).toBeUndefined();
  });
});

describe("import of gateway.remote.* into a profile", () => {
  it("SSH: target, identity, remote port, local port from the loopback URL; token to the keychain; file unchanged", async () => {
    const f = fixture("openclaw.remote-ssh.json5");
    const before = sha(f);
    const r = importFromOpenClawConfig(await load("openclaw.remote-ssh.json5"), { env: {} });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.profile).toEqual({
      id: "home-desktop-lan",
      uid: expect.stringMatching(/^[0-9a-f]{32}$/),
      name: "home-desktop.lan (openclaw.json)",
      kind: "ssh",
      connectAtStart: false,
      auth: { mode: "token" },
      importedFrom: "openclaw.json",
      ssh: { target: "ada@home-desktop.lan:2222", identityFile: "~/.ssh/id_ed25519_openclaw", remotePort: 18789, localPort: 18795 },
    });
    // The local gateway's own gateway.auth.token is not taken for the remote one.
    expect(r.value.secrets).toEqual({ token: "fixture-remote-token-5f1e" });
    expect(r.value.notes).toContain("gateway.remote.tlsFingerprint was not imported: an SSH profile does not use TLS.");
    expect(sha(f)).toBe(before);
  });

  it("direct, inferred from a non-loopback URL; pin normalised; SecretRef and unset ${VAR} reported as not imported", async () => {
    const r = importFromOpenClawConfig(await load("openclaw.remote-direct.json5"), { env: {} });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.profile).toMatchObject({ id: "gw-example-com", kind: "direct", direct: { url: "wss://gw.example.com/openclaw/" }, auth: { mode: "token" } });
    expect(r.value.secrets).toEqual({ tlsPin: { host: "gw.example.com", port: 443, fingerprint: "4f5a9c102233445566778899aabbccddeeff00112233445566778899aabbccdd" } });
    expect(r.value.notes).toEqual(
      expect.arrayContaining([
        "gateway.remote.transport not set: inferred direct (the URL points at another machine).",
        "gateway.remote.token: not imported: SecretRef (source exec)",
        "gateway.remote.password: not imported: gateway.remote.password refers to ${FIXTURE_GW_PASSWORD}, which is not set here",
      ]),
    );
  });

  it("a set ${VAR} is imported like a plain value", async () => {
    const r = importFromOpenClawConfig(await load("openclaw.remote-direct.json5"), { env: { FIXTURE_GW_PASSWORD: "fixture-pw-from-env" } });
    expect(r.ok && r.value.secrets.password).toBe("fixture-pw-from-env");
  });

  it.each([
    [{ gateway: { remote: { url: "ws://127.0.0.1:18789", token: "t-123456" } } }, "direct", "ws://127.0.0.1:18789/", "No gateway.remote.sshTarget: imported as a direct profile to gateway.remote.url (keep your own SSH tunnel running)."],
    [{ gateway: { mode: "remote", remote: { sshTarget: "box" } } }, "ssh", undefined, "gateway.remote.transport not set: inferred ssh (the SSH tunnel is the default remote transport)."],
    [{ gateway: { mode: "remote", remote: { transport: "direct", url: "ws://192.168.1.20" } } }, "direct", "ws://192.168.1.20:18789/", "No token or password in the config: the profile uses device pairing only (change its auth mode if the gateway needs a token)."],
  ])("transport inference %#", (cfg, kind, url, note) => {
    const r = importFromOpenClawConfig(cfg, { env: {} });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.profile.kind).toBe(kind);
    if (url) expect(r.value.profile.direct?.url).toBe(url);
    expect(r.value.notes).toContain(note);
  });

  it("a loopback URL on this machine's own gateway port is not taken as the tunnel's local port (issue 10)", () => {
    const r = importFromOpenClawConfig({ gateway: { mode: "remote", port: 18800, remote: { transport: "ssh", sshTarget: "me@box", url: "ws://127.0.0.1:18800" } } }, { env: {} });
    expect(r.ok && r.value.profile.ssh).toEqual({ target: "me@box", remotePort: 18789 });
    expect(r.ok && r.value.notes).toContain(
      "gateway.remote.url's local port 18800 is this machine's own gateway port: the tunnel gets a free local port of its own instead (remembered for this profile).",
    );
  });

  it("SSH remote port comes from the URL when the URL names the SSH host itself", () => {
    const r = importFromOpenClawConfig({ gateway: { mode: "remote", remote: { transport: "ssh", sshTarget: "me@box", url: "ws://box:19999" } } }, { env: {} });
    expect(r.ok && r.value.profile.ssh).toEqual({ target: "me@box", remotePort: 19999 });
  });

  it("refuses a config without remote settings, and a bad URL, with a reason", () => {
    expect(importFromOpenClawConfig({ gateway: { mode: "local" } }, { env: {} })).toMatchObject({ ok: false, attention: { reason: "openclaw-import-failed", fixHint: expect.stringContaining("local profile") } });
    expect(importFromOpenClawConfig({ gateway: { remote: { url: "ftp://x" } } }, { env: {} })).toMatchObject({ ok: false, attention: { message: expect.stringMatching(/^gateway\.remote\.url: /) } });
  });

  it("avoids ids and names already taken", async () => {
    const cfg = await load("openclaw.remote-ssh.json5");
    const r = importFromOpenClawConfig(cfg, { env: {}, existing: [{ id: "home-desktop-lan", name: "home-desktop.lan (openclaw.json)" }] });
    expect(r.ok && [r.value.profile.id, r.value.profile.name]).toEqual(["home-desktop-lan-2", "home-desktop.lan (openclaw.json) (2)"]);
  });

  it("saving puts the profile in profiles.json and the secrets in the keychain, never in the file", async () => {
    const r = importFromOpenClawConfig(await load("openclaw.remote-direct.json5"), { env: { FIXTURE_GW_PASSWORD: "fixture-pw-DISTINCT-42" } });
    if (!r.ok) throw new Error("import failed");
    const store = await ProfileStore.open(tmp);
    const secrets = new MemorySecretStore();
    const saved = await saveImportedProfile(store, secrets, r.value.profile, r.value.secrets);
    expect(store.get("gw-example-com")?.importedFrom).toBe("openclaw.json");
    expect(saved.uid).toBe(r.value.profile.uid);
    // Keyed by the profile's uid (issue 10): the pin is this profile's, not every profile's of that host.
    expect(await readProfileSecrets(secrets, saved.uid)).toEqual({ token: null, password: "fixture-pw-DISTINCT-42" });
    expect(await secrets.get(scopedKey(saved.uid, tlsPinKey("gw.example.com", 443)))).toBe("4f5a9c102233445566778899aabbccddeeff00112233445566778899aabbccdd");
    expect(await secrets.get(tlsPinKey("gw.example.com", 443))).toBeNull();
    const onDisk = fs.readFileSync(path.join(tmp, "profiles.json"), "utf8");
    expect(onDisk).not.toContain("DISTINCT");
    expect(onDisk).not.toContain("4f5a9c10");
    // A second save of the same id is refused before any keychain entry is touched.
    await secrets.set({ service: "Clawlink gateway password", account: saved.uid }, "kept");
    await expect(saveImportedProfile(store, secrets, r.value.profile, { password: "other" })).rejects.toThrow(/already used/);
    expect((await readProfileSecrets(secrets, saved.uid)).password).toBe("kept");
  });
});

describe("openclawCredentials", () => {
  it("classifies plain values, SecretRefs and odd values", () => {
    expect(openclawCredentials({ gateway: { auth: { token: "a", password: { source: "env", id: "X" } }, remote: { token: 42 } } }, {})).toEqual({
      auth: { token: { kind: "value", value: "a" }, password: { kind: "secret-ref", source: "env" } },
      remote: { token: { kind: "unresolved", detail: "gateway.remote.token is neither a string nor a SecretRef" } },
    });
  });
});

// Issue 12: an import's notes must not claim the keychain when the host has said there is none.
describe("the note on an imported password says where it is kept", () => {
  const cfg = { gateway: { mode: "remote", remote: { transport: "direct", url: "wss://gw.example.com", token: "fixture-tok-1", password: "fixture-pw-1" } } };
  const passwordNote = (secretStore: "keychain" | "memory") => {
    const r = importFromOpenClawConfig(cfg, { env: {}, secretStore });
    return r.ok ? r.value.notes.find((n) => n.startsWith("Both a token and a password")) : undefined;
  };
  it("with a keychain", () => {
    expect(passwordNote("keychain")).toBe("Both a token and a password were found: the profile uses token auth; the password is kept in the keychain too.");
  });
  it("with no keychain: in memory for this session only", () => {
    expect(passwordNote("memory")).toBe("Both a token and a password were found: the profile uses token auth; the password is kept in memory for this session only too (no keychain is available).");
  });
});
