// The precedence table, one row per case. Values are distinct per source so a wrong pick cannot pass.
import { describe, expect, it } from "vitest";
import { MemorySecretStore } from "../secrets/secret-store.js";
import { resolveCredentials, resolveProfileCredentials, type CredentialInputs, type OpenClawCredentialFields } from "./credentials.js";
import { setProfileSecret } from "./profile-secrets.js";
import type { AuthMode, Profile } from "./profile-schema.js";

const v = (value: string) => ({ kind: "value" as const, value });
const ENV = { OPENCLAW_GATEWAY_TOKEN: "env-token", OPENCLAW_GATEWAY_PASSWORD: "env-password" };
const KEYCHAIN = { token: "kc-token", password: "kc-password" };
const OPENCLAW: OpenClawCredentialFields = {
  auth: { token: v("auth-token"), password: v("auth-password") },
  remote: { token: v("remote-token"), password: v("remote-password") },
};
const EXPLICIT = { token: { value: "explicit-token", source: "--token-stdin" }, password: { value: "explicit-password", source: "--password-env PW" } };

type P = Pick<Profile, "id" | "kind" | "auth" | "importedFrom">;
const profile = (kind: Profile["kind"], mode: AuthMode = "token", imported = false): P => ({
  id: "home-desktop",
  kind,
  auth: { mode },
  ...(imported ? { importedFrom: "openclaw.json" as const } : {}),
});

/** Which value and source label came out, for token and password. */
function pick(inputs: CredentialInputs) {
  const r = resolveCredentials(inputs);
  return { token: r.token ? `${r.token.value} @ ${r.token.source}` : undefined, password: r.password ? `${r.password.value} @ ${r.password.source}` : undefined };
}

describe("explicit credentials always win", () => {
  it.each([
    ["command-line URL", { kind: "command-line-url" as const }],
    ["OPENCLAW_GATEWAY_URL", { kind: "env-url" as const }],
    ["ssh profile", { kind: "profile" as const, profile: profile("ssh", "token", true) }],
    ["direct profile (password mode)", { kind: "profile" as const, profile: profile("direct", "password", true) }],
    ["local profile", { kind: "profile" as const, profile: profile("local") }],
    ["device-only profile", { kind: "profile" as const, profile: profile("ssh", "device-only") }],
  ])("%s", (_name, target) => {
    const r = pick({ target, explicit: EXPLICIT, env: ENV, keychain: KEYCHAIN, openclaw: OPENCLAW });
    expect(r).toEqual({ token: "explicit-token @ --token-stdin", password: "explicit-password @ --password-env PW" });
  });
});

describe("a URL on the command line never reuses stored, config or env credentials", () => {
  it("uses nothing but explicit ones, even with env, keychain and config all set", () => {
    const r = resolveCredentials({ target: { kind: "command-line-url" }, env: ENV, keychain: KEYCHAIN, openclaw: OPENCLAW });
    expect(r.token).toBeUndefined();
    expect(r.password).toBeUndefined();
    expect(r.trail).toEqual([]);
    expect(r.deviceToken).toMatch(/device token bound to that gateway/);
  });
  it("takes an explicit token alone", () => {
    expect(pick({ target: { kind: "command-line-url" }, explicit: { token: EXPLICIT.token }, env: ENV })).toEqual({ token: "explicit-token @ --token-stdin", password: undefined });
  });
});

describe("OPENCLAW_GATEWAY_URL uses only env credentials", () => {
  it("env token and password, never keychain or config", () => {
    expect(pick({ target: { kind: "env-url" }, env: ENV, keychain: KEYCHAIN, openclaw: OPENCLAW })).toEqual({
      token: "env-token @ OPENCLAW_GATEWAY_TOKEN",
      password: "env-password @ OPENCLAW_GATEWAY_PASSWORD",
    });
  });
  it("nothing when env has none (keychain and config still ignored); blank env counts as unset", () => {
    expect(pick({ target: { kind: "env-url" }, env: { OPENCLAW_GATEWAY_TOKEN: "  " }, keychain: KEYCHAIN, openclaw: OPENCLAW })).toEqual({ token: undefined, password: undefined });
  });
});

describe("remote profile (ssh/direct): token = keychain → OPENCLAW_GATEWAY_TOKEN → imported gateway.remote.token", () => {
  const target = (kind: "ssh" | "direct" = "ssh", imported = true) => ({ kind: "profile" as const, profile: profile(kind, "token", imported) });
  it.each([
    ["keychain first", { env: ENV, keychain: KEYCHAIN, openclaw: OPENCLAW }, "kc-token @ keychain (profile home-desktop)"],
    ["then env", { env: ENV, keychain: {}, openclaw: OPENCLAW }, "env-token @ OPENCLAW_GATEWAY_TOKEN"],
    ["then imported gateway.remote.token", { env: {}, keychain: {}, openclaw: OPENCLAW }, "remote-token @ imported gateway.remote.token"],
    ["never gateway.auth.token (the local gateway's own secret)", { env: {}, keychain: {}, openclaw: { auth: OPENCLAW.auth } }, undefined],
  ])("%s", (_n, inputs, expected) => {
    expect(pick({ target: target(), ...inputs }).token).toBe(expected);
    expect(pick({ target: target("direct"), ...inputs }).token).toBe(expected);
  });

  it("imported values only for a profile imported from openclaw.json", () => {
    const r = resolveCredentials({ target: target("ssh", false), env: {}, openclaw: OPENCLAW });
    expect(r.token).toBeUndefined();
    expect(r.trail).toContainEqual({ credential: "token", source: "imported gateway.remote.token", outcome: "skipped", detail: "this profile was not imported from openclaw.json" });
    expect(r.missing).toEqual({ credential: "token", fixHint: expect.stringContaining("clawlink secret set home-desktop token") });
  });

  it("a SecretRef in the imported token is reported, not used", () => {
    const r = resolveCredentials({ target: target(), env: {}, openclaw: { remote: { token: { kind: "secret-ref", source: "exec" } } } });
    expect(r.token).toBeUndefined();
    expect(r.trail).toContainEqual({ credential: "token", source: "imported gateway.remote.token", outcome: "secret-ref", detail: "not imported: SecretRef (source exec); Clawlink does not resolve SecretRefs" });
  });

  it("token mode sends no password even if one is around (it could be another gateway's)", () => {
    expect(pick({ target: target(), env: ENV, keychain: KEYCHAIN, openclaw: OPENCLAW }).password).toBeUndefined();
  });
});

describe("environment credentials go only to the gateway they were set for (issue 10)", () => {
  const ENV_FOR = (url?: string) => ({ ...ENV, ...(url ? { OPENCLAW_GATEWAY_URL: url } : {}) });
  const direct = (url: string, mode: AuthMode = "token", imported = false) => ({
    kind: "profile" as const,
    profile: { ...profile("direct", mode, imported), direct: { url } },
  });
  const ssh = (mode: AuthMode = "token") => ({ kind: "profile" as const, profile: profile("ssh", mode) });
  // Each row: profile, OPENCLAW_GATEWAY_URL, the token and the password it ends up sending.
  it.each([
    ["local profile, no env URL", { kind: "profile" as const, profile: profile("local") }, undefined, "env-token @ OPENCLAW_GATEWAY_TOKEN"],
    ["local profile, env URL elsewhere (the env still names this machine's credentials)", { kind: "profile" as const, profile: profile("local") }, "wss://gw.example.com", "env-token @ OPENCLAW_GATEWAY_TOKEN"],
    ["imported profile, no env URL", direct("wss://gw.example.com", "token", true), undefined, "env-token @ OPENCLAW_GATEWAY_TOKEN"],
    ["direct profile whose URL is OPENCLAW_GATEWAY_URL", direct("wss://gw.example.com"), "wss://gw.example.com", "env-token @ OPENCLAW_GATEWAY_TOKEN"],
    ["same gateway written differently (https, upper case, default port)", direct("wss://gw.example.com"), "https://GW.example.com:443/", "env-token @ OPENCLAW_GATEWAY_TOKEN"],
    ["direct profile, no env URL", direct("wss://gw.example.com"), undefined, undefined],
    ["direct profile, env URL names another host", direct("wss://other.example.com"), "wss://gw.example.com", undefined],
    ["direct profile, same host but another port", direct("ws://10.0.0.5:18790"), "ws://10.0.0.5:18789", undefined],
    ["direct profile, same host:port but ws vs wss", direct("ws://gw.example.com:443"), "wss://gw.example.com", undefined],
    ["ssh profile, env URL set", ssh(), "ws://127.0.0.1:18789", undefined],
    ["ssh profile, no env URL", ssh(), undefined, undefined],
  ])("%s", (_n, target, envUrl, token) => {
    expect(pick({ target, env: ENV_FOR(envUrl) }).token).toBe(token);
  });

  it("the same rule for the password", () => {
    expect(pick({ target: direct("wss://other.example.com", "password"), env: ENV_FOR("wss://gw.example.com") }).password).toBeUndefined();
    expect(pick({ target: direct("wss://gw.example.com", "password"), env: ENV_FOR("wss://gw.example.com") }).password).toBe("env-password @ OPENCLAW_GATEWAY_PASSWORD");
  });

  it("the profile's own keychain entry is still used; the trail says why the env was passed over, naming host:port only", () => {
    const r = resolveCredentials({ target: direct("wss://other.example.com"), env: ENV_FOR("wss://gw.example.com/#token=url-secret"), keychain: { token: "kc-token" } });
    expect(r.token).toEqual({ value: "kc-token", source: "keychain (profile home-desktop)" });
    const none = resolveCredentials({ target: direct("wss://other.example.com"), env: ENV_FOR("wss://gw.example.com/#token=url-secret"), keychain: {} });
    expect(none.trail).toContainEqual({
      credential: "token",
      source: "OPENCLAW_GATEWAY_TOKEN",
      outcome: "skipped",
      detail: "the environment's credentials are for OPENCLAW_GATEWAY_URL (gw.example.com:443), not this profile's gateway",
    });
    expect(JSON.stringify(none)).not.toMatch(/url-secret|env-token/);
  });

  it("a missing token's hint does not suggest the environment where it would not be read", () => {
    const elsewhere = resolveCredentials({ target: ssh(), env: {} });
    expect(elsewhere.missing?.fixHint).toBe(
      'Profile "home-desktop" uses token auth but no token was found: store it with `clawlink secret set home-desktop token` (reads stdin) or in the profile\'s settings.',
    );
    const local = resolveCredentials({ target: { kind: "profile", profile: profile("local") }, env: {} });
    expect(local.missing?.fixHint).toMatch(/, or set OPENCLAW_GATEWAY_TOKEN\.$/);
  });
});

describe("remote profile: password = OPENCLAW_GATEWAY_PASSWORD → keychain → imported gateway.remote.password", () => {
  const target = { kind: "profile" as const, profile: profile("direct", "password", true) };
  it.each([
    ["env first", { env: ENV, keychain: KEYCHAIN, openclaw: OPENCLAW }, "env-password @ OPENCLAW_GATEWAY_PASSWORD"],
    ["then keychain", { env: {}, keychain: KEYCHAIN, openclaw: OPENCLAW }, "kc-password @ keychain (profile home-desktop)"],
    ["then imported gateway.remote.password", { env: {}, keychain: {}, openclaw: OPENCLAW }, "remote-password @ imported gateway.remote.password"],
    ["never gateway.auth.password", { env: {}, keychain: {}, openclaw: { auth: OPENCLAW.auth } }, undefined],
  ])("%s", (_n, inputs, expected) => {
    expect(pick({ target, ...inputs }).password).toBe(expected);
  });
  it("password mode sends no token; a missing password says where to put it", () => {
    const r = resolveCredentials({ target, env: {}, keychain: { token: "kc-token" } });
    expect(r.token).toBeUndefined();
    expect(r.missing).toEqual({ credential: "password", fixHint: expect.stringContaining("clawlink secret set home-desktop password") });
  });
});

describe("auth modes none and device-only send no shared secret", () => {
  it.each(["none", "device-only"] as const)("%s", (mode) => {
    const r = resolveCredentials({ target: { kind: "profile", profile: profile("ssh", mode, true) }, env: ENV, keychain: KEYCHAIN, openclaw: OPENCLAW });
    expect(r.token).toBeUndefined();
    expect(r.password).toBeUndefined();
    expect(r.missing).toBeUndefined();
    expect(r.deviceToken).toMatch(/gateway session adds the device token/);
  });
});

describe("local profile: env → gateway.auth.* → gateway.remote.* (OpenClaw local mode), then the profile's keychain", () => {
  const local = (mode: AuthMode = "token") => ({ kind: "profile" as const, profile: profile("local", mode) });
  it.each([
    ["env first", { env: ENV, keychain: KEYCHAIN, openclaw: OPENCLAW }, "env-token @ OPENCLAW_GATEWAY_TOKEN", "env-password @ OPENCLAW_GATEWAY_PASSWORD"],
    ["then gateway.auth.*", { env: {}, keychain: KEYCHAIN, openclaw: OPENCLAW }, "auth-token @ gateway.auth.token (openclaw.json)", "auth-password @ gateway.auth.password (openclaw.json)"],
    ["then gateway.remote.*", { env: {}, keychain: KEYCHAIN, openclaw: { remote: OPENCLAW.remote } }, "remote-token @ gateway.remote.token (openclaw.json)", "remote-password @ gateway.remote.password (openclaw.json)"],
    ["then the profile's keychain entry", { env: {}, keychain: KEYCHAIN, openclaw: {} }, "kc-token @ keychain (profile home-desktop)", "kc-password @ keychain (profile home-desktop)"],
  ])("%s", (_n, inputs, token, password) => {
    expect(pick({ target: local("token"), ...inputs }).token).toBe(token);
    expect(pick({ target: local("password"), ...inputs }).password).toBe(password);
  });

  it("a SecretRef in gateway.auth.token fails closed: gateway.remote.token is not used instead", () => {
    const r = resolveCredentials({ target: local(), env: {}, openclaw: { auth: { token: { kind: "secret-ref", source: "file" } }, remote: OPENCLAW.remote } });
    expect(r.token).toBeUndefined();
    expect(r.trail.filter((s) => s.credential === "token").map((s) => [s.source, s.outcome])).toEqual([
      ["OPENCLAW_GATEWAY_TOKEN", "unset"],
      ["gateway.auth.token (openclaw.json)", "secret-ref"],
      ["gateway.remote.token (openclaw.json)", "skipped"],
      ["keychain (profile home-desktop)", "unset"],
    ]);
    expect(r.missing?.credential).toBe("token");
  });

  it("an unresolved ${VAR} fails closed the same way, and the person's keychain entry still answers", () => {
    const r = resolveCredentials({ target: local(), env: {}, keychain: KEYCHAIN, openclaw: { auth: { token: { kind: "unresolved", detail: "gateway.auth.token refers to ${GW_TOKEN}, which is not set here" } }, remote: OPENCLAW.remote } });
    expect(r.token).toEqual({ value: "kc-token", source: "keychain (profile home-desktop)" });
  });
});

describe("the trail explains every source consulted, without values", () => {
  it("lists used, unset and skipped steps in order", () => {
    const r = resolveCredentials({ target: { kind: "profile", profile: profile("ssh", "token", true) }, env: ENV, keychain: {}, openclaw: OPENCLAW });
    expect(r.trail).toEqual([
      { credential: "token", source: "keychain (profile home-desktop)", outcome: "unset" },
      { credential: "token", source: "OPENCLAW_GATEWAY_TOKEN", outcome: "used" },
      { credential: "token", source: "imported gateway.remote.token", outcome: "skipped", detail: "OPENCLAW_GATEWAY_TOKEN was used" },
      { credential: "password", source: "(all)", outcome: "skipped", detail: "not used by this profile's auth mode" },
    ]);
    expect(JSON.stringify(r.trail)).not.toMatch(/env-token|remote-token/);
  });
});

describe("resolveProfileCredentials reads the profile's keychain entries", () => {
  it("uses what is stored under that profile's uid only, not under its id or another uid", async () => {
    const store = new MemorySecretStore();
    const uid = "a".repeat(32);
    await setProfileSecret(store, uid, "token", "kc-from-store");
    await setProfileSecret(store, "home-desktop", "token", "keyed-by-id");
    await setProfileSecret(store, "b".repeat(32), "token", "other-token");
    const r = await resolveProfileCredentials(store, { ...profile("ssh"), uid }, { env: ENV });
    expect(r.token).toEqual({ value: "kc-from-store", source: "keychain (profile home-desktop)" });
  });
});
