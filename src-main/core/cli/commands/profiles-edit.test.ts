// `clawlink profiles edit|duplicate|move`, `trust forget`, `identity reset` and `secret set … ssh-password`
// in-process, as profiles-add.test.ts runs commands (issue 12): what is printed, what is saved, what a
// refused value says (its flag named, nothing saved), and the --yes rule of identity reset without a TTY.
// Every command gets one MemorySecretStore per test through the CliIO seam, never the machine's
// keychain (which may or may not answer, through whichever backend): no test here can touch a real
// keychain or reset a real device identity, and secrets persist across the commands of one test. Keychain persistence across commands is proven
// against a real Secret Service in e2e/profiles-edit.e2e.test.ts.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MemorySecretStore, type SecretStore } from "../../secrets/secret-store.js";
import type { CliIO } from "../context.js";
import { main } from "../main.js";
import { identityCommand } from "./identity.js";

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "clawlink-cli-edit-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Stands in for the OS keychain: kept across the commands of one test, gone after it. */
let keychain: SecretStore;
beforeEach(() => {
  const mem = new MemorySecretStore();
  keychain = { kind: "keychain", get: (k) => mem.get(k), set: (k, v) => mem.set(k, v), delete: (k) => mem.delete(k) };
});

function io(stdin = ""): { io: CliIO; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const openSecrets = async () => ({ store: keychain });
  return { io: { stdout: (l) => out.push(l), write: (t) => out.push(t), stderr: (l) => err.push(l), readStdin: async () => stdin, env: {}, openSecrets }, out, err };
}

async function run(argv: string[], stdin = ""): Promise<{ code: number; out: string; err: string }> {
  const t = io(stdin);
  const code = await main([...argv, "--config-dir", dir], t.io);
  return { code, out: t.out.join("\n"), err: t.err.join("\n") };
}

const fileText = () => fs.readFileSync(path.join(dir, "profiles.json"), "utf8");
const saved = () => (JSON.parse(fileText()) as { profiles: Array<{ id: string; name: string; ssh?: Record<string, unknown>; direct?: { url: string } }> }).profiles;

beforeEach(async () => {
  expect((await run(["profiles", "add", "home", "ssh://me@box.lan:2222", "--identity", "/k/id"])).code).toBe(0);
  expect((await run(["profiles", "add", "lab", "wss://gw.example.com"])).code).toBe(0);
});

describe("clawlink profiles edit", () => {
  it("changes the given fields, prints each change and that only this profile must reconnect", async () => {
    const r = await run(["profiles", "edit", "home", "--host", "box2.lan", "--port", "22", "--user", "ann", "--remote-port", "18800", "--identity", ""]);
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      [
        "edited home:",
        "  host: box.lan → box2.lan",
        "  port: 2222 → 22",
        "  user: me → ann",
        "  identityFile: /k/id → (none)",
        "  remotePort: 18789 → 18800",
        "home's connection settings changed: a running connection of home must reconnect to use them (`clawlink connect home` picks them up when it starts); no other profile is affected.",
        "id stays home; its keychain secrets are kept.",
      ].join("\n"),
    );
    expect(saved().find((p) => p.id === "home")!.ssh).toEqual({ target: "ann@box2.lan:22", remotePort: 18800 });
  });

  it("the token stored before the edit is still there after it (same uid)", async () => {
    await run(["secret", "set", "home", "token"], "tok-home-123456");
    await run(["profiles", "edit", "home", "--host", "box3.lan", "--name", "Home 3"]);
    expect(JSON.parse((await run(["profiles", "show", "home", "--json"])).out)).toMatchObject({ name: "Home 3", secrets: { token: "set" } });
  });

  it("a rename needs no reconnect; --json gives the changes", async () => {
    const r = await run(["profiles", "edit", "lab", "--name", "Lab gateway", "--json"]);
    expect(JSON.parse(r.out)).toMatchObject({ profile: { id: "lab", name: "Lab gateway" }, changes: [{ field: "name", from: "lab", to: "Lab gateway" }], reconnect: false });
  });

  it("--url and --tls-fingerprint on a direct profile", async () => {
    const r = await run(["profiles", "edit", "lab", "--url", "https://gw2.example.com:8443", "--tls-fingerprint", "ab".repeat(32)]);
    expect(r.out).toContain("  url: wss://gw.example.com/ → wss://gw2.example.com:8443/");
    expect(r.out).toContain(`  tlsFingerprint: (none) → SHA256 ${"AB:".repeat(31)}AB`);
  });

  it.each([
    [["--remote-port", "0"], /^clawlink profiles: --remote-port must be a whole number from 1 to 65535/],
    [["--port", "0"], /^clawlink profiles: --port: must be a port number 1-65535 \(nothing was changed\)$/],
    [["--host", "bad host"], /^clawlink profiles: --host: must be a host name/],
    [["--url", "wss://x"], /^clawlink profiles: --url: does not apply to an SSH profile \(nothing was changed\) — Fields of this profile: /],
    [["--auth", "magic"], /^clawlink profiles: --auth must be one of token, password, none, device-only/],
    [["--name", "lab"], /^clawlink profiles: --name: "lab" is already used by another profile/],
    [[], /^clawlink profiles: nothing to change/],
  ])("%j: exit 2, the flag named, profiles.json unchanged", async (flags, message) => {
    const before = fileText();
    const r = await run(["profiles", "edit", "home", ...flags]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(fileText()).toBe(before);
  });
});

describe("clawlink profiles duplicate and move", () => {
  it("duplicate puts a copy after the original; move reorders; list shows the order", async () => {
    const d = await run(["profiles", "duplicate", "home"]);
    expect(d.out).toBe('duplicated as home-copy ("home (copy)") at position 3, not connected at start; no secrets copied (store them with `clawlink secret set home-copy token`, or duplicate with --with-secrets)');
    expect(saved().map((p) => p.id)).toEqual(["local", "home", "home-copy", "lab"]);
    const m = await run(["profiles", "move", "lab", "--to", "1"]);
    expect(m.out).toBe(["lab is at position 1:", "  1  lab", "  2  local", "  3  home", "  4  home-copy"].join("\n"));
    expect((await run(["profiles", "move", "home-copy", "up"])).out.split("\n")[0]).toBe("home-copy is at position 3:");
    const list = (await run(["profiles", "list"])).out.split("\n");
    expect(list.map((l) => l.split(/\s+/).slice(0, 2).join(" "))).toEqual(["# ID", "1 lab", "2 local", "3 home-copy", "4 home"]);
  });

  it("move without a place, or both --to and up: usage; a position out of range: named", async () => {
    expect((await run(["profiles", "move", "lab"])).code).toBe(2);
    expect((await run(["profiles", "move", "lab", "up", "--to", "1"])).code).toBe(2);
    const r = await run(["profiles", "move", "lab", "--to", "9"]);
    expect(r).toMatchObject({ code: 2, err: expect.stringMatching(/^clawlink profiles: position: must be a whole number from 1 to 3 \(got 9\)/) });
  });
});

describe("clawlink trust forget", () => {
  it("--host-key removes the profile's lines from Clawlink's known_hosts and says so; a second run says none is left", async () => {
    const kh = path.join(dir, "known_hosts");
    const key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl";
    fs.writeFileSync(kh, `[box.lan]:2222 ${key}\nother ${key}\n`);
    const r = await run(["trust", "forget", "home", "--host-key"]);
    expect(r.out).toBe(`forgot 1 host key(s) of [box.lan]:2222 in Clawlink's known_hosts (${kh}); the next connect shows the key and asks again`);
    expect(fs.readFileSync(kh, "utf8")).toBe(`other ${key}\n`);
    expect((await run(["trust", "forget", "home"])).out).toBe(`Clawlink's known_hosts (${kh}) remembers no host key of [box.lan]:2222`);
  });

  it("--host-key on a direct profile is refused in words; default on a direct profile is the TLS pins", async () => {
    expect(await run(["trust", "forget", "lab", "--host-key"])).toMatchObject({ code: 2, err: expect.stringMatching(/lab is not an SSH profile \(it is direct\)/) });
    expect((await run(["trust", "forget", "lab"])).out).toBe("lab has no TLS pin stored");
    await run(["profiles", "edit", "lab", "--tls-fingerprint", "ab".repeat(32)]);
    expect((await run(["trust", "forget", "lab", "--tls"])).out).toMatch(/^forgot the TLS pin of wss:\/\/gw\.example\.com:443 \(lab\); the next connect checks the certificate again/);
    expect((await run(["trust", "forget", "lab", "--tls"])).out).toBe("lab has no TLS pin stored");
    expect((await run(["trust", "forget", "nope"])).code).toBe(2);
  });
});

describe("clawlink identity reset", () => {
  it("without a terminal and without --yes: warns, refuses, exit 2", async () => {
    const t = io();
    const code = await identityCommand(["reset", "--config-dir", dir], t.io, null);
    expect(code).toBe(2);
    expect(t.err.join("\n")).toMatch(/every gateway \(3 profile\(s\): local, home, lab\) will see a new device that needs pairing again/);
    expect(t.err.at(-1)).toBe("clawlink identity: not reset — there is no terminal to confirm on; run again with --yes to reset.");
    expect(t.out).toEqual([]);
  });

  it("on a terminal, anything but yes keeps the identity; yes (or --yes) resets it", async () => {
    const say = (answer: string) => ({ ask: async () => answer });
    expect(await identityCommand(["reset", "--config-dir", dir], io().io, say("y"))).toBe(2);
    const t = io();
    expect(await identityCommand(["reset", "--config-dir", dir], t.io, say("yes"))).toBe(0);
    expect(t.out[0]).toMatch(/^reset the device identity: new device id [0-9a-f]{64}; deleted 0 device token\(s\)\. Every gateway must approve this device again/);
    expect(await identityCommand(["reset", "--yes", "--config-dir", dir], io().io, null)).toBe(0);
  });
});

describe("clawlink secret set <profile> ssh-password", () => {
  it("reads stdin, names the login it is for; refuses an empty value and a non-SSH profile", async () => {
    expect((await run(["secret", "set", "home", "ssh-password"], "pw-ssh-123456\n")).out).toBe(
      "stored the SSH password for me@box.lan:2222 (home) in the OS keychain; it is tried after ssh-agent and key files",
    );
    expect((await run(["secret", "set", "home", "ssh-password"], "")).code).toBe(2);
    expect(await run(["secret", "set", "lab", "ssh-password"], "x")).toMatchObject({ code: 2, err: expect.stringMatching(/lab is not an SSH profile/) });
    expect((await run(["secret", "delete", "home", "ssh-password"])).out).toBe("removed the SSH password for me@box.lan:2222 (home)");
    expect((await run(["secret", "delete", "home", "ssh-password"])).out).toBe("home had no SSH password stored for me@box.lan:2222");
  });
});
