// What the Add form's token/URL fields hold (issue 13 §4), read by readPastedFields and saved through the
// real HostService's addProfile on a real ProfileStore (the bootstrap token never reaches a keychain entry).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../log/logger.js";
import { ProfileStore } from "../profiles/profile-store.js";
import { MemorySecretStore } from "../secrets/secret-store.js";
import { HostService } from "./host-service.js";
import { readPastedFields, setupPin } from "./setup-code-add.js";

const NOW = 1_796_217_000_000;
const code = (payload: unknown) => Buffer.from(JSON.stringify(payload), "utf8").toString("base64url");
const SETUP = { url: "wss://desk.tail1234.ts.net", bootstrapToken: "boot-XapeycridPPe8aYOyFvdr8nDMBes2KXf", expiresAtMs: NOW + 600_000, tlsFingerprint: "ab".repeat(32) };

describe("readPastedFields", () => {
  it("a setup code in the token field is taken out of it and returned, with a note", () => {
    const r = readPastedFields({ kind: "ssh", name: "Desk", target: "me@desk", token: code(SETUP) }, NOW);
    expect(r.setup?.bootstrapToken).toBe(SETUP.bootstrapToken);
    expect("token" in r.input).toBe(false);
    expect(r.notes.join(" ")).toMatch(/Setup code recognised: .*valid for 10 min more/);
  });

  it("a setup code in the URL field gives the address too", () => {
    const r = readPastedFields({ kind: "direct", url: `oc-pair://${code(SETUP)}` }, NOW);
    expect(r.input.kind === "direct" && r.input.url).toBe("wss://desk.tail1234.ts.net");
    expect(r.setup?.tlsFingerprint).toBe("ab".repeat(32));
  });

  it("an expired code is refused, naming the field", () => {
    expect(() => readPastedFields({ kind: "direct", url: "ws://127.0.0.1:18789", token: code({ ...SETUP, expiresAtMs: NOW - 1 }) }, NOW)).toThrow(/^Gateway token: the setup code has expired/);
  });

  it("a broken oc-pair:// link in the URL field is refused, naming the field", () => {
    expect(() => readPastedFields({ kind: "direct", url: "oc-pair://abc" }, NOW)).toThrow(/^Gateway URL: /);
  });

  it("a dashboard link in the token field becomes its #token=", () => {
    const r = readPastedFields({ kind: "direct", url: "wss://gw.example.com", token: "https://gw.example.com/#token=abc123def456ghi789" }, NOW);
    expect(r.input.kind === "direct" && r.input.token).toBe("abc123def456ghi789");
    expect(r.notes.join(" ")).toMatch(/dashboard link/);
  });

  it("an address with no #token= in the token field is refused", () => {
    expect(() => readPastedFields({ kind: "direct", url: "wss://gw.example.com", token: "wss://gw.example.com" }, NOW)).toThrow(/^Gateway token: that is a gateway address/);
  });

  it("a typed-looking secret stays the token, with a note about password auth", () => {
    const r = readPastedFields({ kind: "direct", url: "wss://gw.example.com", token: "hunter2" }, NOW);
    expect(r.input.kind === "direct" && r.input.token).toBe("hunter2");
    expect(r.notes.join(" ")).toMatch(/password auth/);
  });

  it("a generated token passes untouched, with no note", () => {
    const t = "3f9a".repeat(12);
    expect(readPastedFields({ kind: "direct", url: "wss://gw.example.com", token: t }, NOW)).toEqual({ input: { kind: "direct", url: "wss://gw.example.com", token: t }, notes: [] });
  });

  it("the code's pin applies only to the address the code names", () => {
    const setup = { ...SETUP, urls: [] };
    expect(setupPin(setup, "wss://desk.tail1234.ts.net/")).toEqual({ host: "desk.tail1234.ts.net", port: 443, fingerprint: "ab".repeat(32) });
    expect(setupPin(setup, "wss://other.example.com/")).toBeUndefined();
  });
});

describe("addProfile with a setup code", () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it("saves a device-only profile, no token in the keychain, the code's pin for its wss address", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clawlink-setup-add-"));
    const values: string[] = [];
    // Every value written to the keychain, to look for the bootstrap token among them.
    const secrets = new (class extends MemorySecretStore {
      override async set(k: Parameters<MemorySecretStore["set"]>[0], v: string): Promise<void> {
        values.push(v);
        return super.set(k, v);
      }
    })();
    const service = new HostService({ host: "web", configDir: dir, profiles: await ProfileStore.open(dir), secrets, logger: createLogger([]), env: {}, homeDir: dir });
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }), () => service.stop());
    const live = { ...SETUP, expiresAtMs: Date.now() + 600_000 };
    const { profile } = await service.handlers.addProfile({ kind: "direct", url: `oc-pair://${code(live)}`, connectAtStart: false });
    expect(profile.authMode).toBe("device-only");
    expect(values.some((v) => v.includes(live.bootstrapToken)), "the bootstrap token is in the keychain").toBe(false);
    expect(values.some((v) => v.includes("ab".repeat(32))), "the code's TLS pin was stored").toBe(true);
  });
});
