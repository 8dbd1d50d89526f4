import { describe, expect, it } from "vitest";
import {
  DEFAULT_LOCAL_UID,
  MIGRATIONS,
  PROFILES_FILE_VERSION,
  defaultProfilesFile,
  migrateProfilesFile,
  parseProfilesFile,
  slugify,
  stripSecrets,
  uniqueSlug,
  type Migration,
} from "./profile-schema.js";

const U1 = "1".repeat(32);
const U2 = "2".repeat(32);
const UID = /^[0-9a-f]{32}$/;

const ssh = (over: Record<string, unknown> = {}) => ({ id: "home-desktop", name: "Home desktop", kind: "ssh", ssh: { target: "me@home.lan" }, ...over });

function messagesOf(raw: unknown): string[] {
  const r = parseProfilesFile(raw);
  if (r.ok) throw new Error("expected the file to be rejected");
  return r.messages;
}

describe("profiles file validation names the field", () => {
  it("accepts a valid file and fills the documented defaults", () => {
    const r = parseProfilesFile({ version: 2, profiles: [ssh({ uid: U1 }), { id: "tailnet", uid: U2, name: "Tailnet", kind: "direct", direct: { url: "wss://gw.tail1.ts.net" } }] });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.file.profiles[0]).toEqual({
      id: "home-desktop",
      uid: U1,
      name: "Home desktop",
      kind: "ssh",
      connectAtStart: false,
      auth: { mode: "token" },
      ssh: { target: "me@home.lan", remotePort: 18789 },
    });
    expect(r.applied).toEqual([]);
  });

  it.each([
    [{ ssh: { target: "me@h", remotePort: 70000 } }, "profiles[2].ssh.remotePort: must be a port number 1-65535"],
    [{ ssh: { target: "me@h", remotePort: "22" } }, "profiles[2].ssh.remotePort: must be a port number 1-65535"],
    [{ ssh: { target: "me@h", localPort: 0 } }, "profiles[2].ssh.localPort: must be a port number 1-65535"],
    [{ ssh: { target: "me@h", keepaliveIntervalS: -1 } }, "profiles[2].ssh.keepaliveIntervalS: must be a whole number of seconds 0-3600 (0 turns keepalive off)"],
    [{ ssh: { target: "me@h", keepaliveCountMax: 0 } }, "profiles[2].ssh.keepaliveCountMax: must be a whole number 1-100"],
    [{ ssh: { target: "not a target" } }, "profiles[2].ssh.target: must be an SSH target: user@host[:port] or a Host alias from ~/.ssh/config"],
    [{ ssh: { target: "-oProxyCommand=x" } }, "profiles[2].ssh.target: must be an SSH target: user@host[:port] or a Host alias from ~/.ssh/config"],
    [{ ssh: {} }, "profiles[2].ssh.target: is required"],
    [{ ssh: undefined }, 'profiles[2].ssh: is required when kind is "ssh"'],
    [{ id: "Home Desktop" }, "profiles[2].id: must be a slug: lowercase letters, digits and dashes, 1-64 characters, e.g. home-desktop"],
    [{ name: "  " }, "profiles[2].name: must be a non-empty name"],
    [{ kind: "telnet" }, 'profiles[2].kind: must be one of "local", "ssh", "direct"'],
    [{ auth: { mode: "magic" } }, 'profiles[2].auth.mode: must be one of "token", "password", "none", "device-only"'],
    [{ connectAtStart: "yes" }, "profiles[2].connectAtStart: must be true or false"],
    [{ direct: { url: "wss://x" } }, 'profiles[2].direct: is not allowed when kind is "ssh" (remove it or change kind)'],
    [{ colour: "blue" }, "profiles[2].colour: unknown field"],
  ])("%j → %s", (over, expected) => {
    const file = { version: 1, profiles: [ssh({ id: "a", name: "A" }), ssh({ id: "b", name: "B" }), ssh(over)] };
    expect(messagesOf(file)).toContain(expected);
  });

  it("reports a bad direct URL in the URL module's words, at the field", () => {
    const m = messagesOf({ version: 1, profiles: [{ id: "x", name: "X", kind: "direct", direct: { url: "ftp://h" } }] });
    expect(m[0]).toMatch(/^profiles\[0\]\.direct\.url: The gateway speaks WebSocket/);
  });

  it("reports duplicate ids and names (names case-insensitively), pointing at both entries", () => {
    const m = messagesOf({ version: 1, profiles: [ssh(), ssh({ name: "Other" }), ssh({ id: "third", name: "home DESKTOP " })] });
    expect(m).toContain('profiles[1].id: duplicate id "home-desktop" (also profiles[0])');
    expect(m).toContain('profiles[2].name: duplicate name "home DESKTOP " (also profiles[0])');
  });

  it("reports problems at the top of the file", () => {
    expect(messagesOf({ version: 1 })).toEqual(["profiles: is required"]);
    expect(messagesOf({ version: 1, profiles: {} })).toEqual(["profiles: must be a list of profiles"]);
    expect(messagesOf([])).toEqual(["(file): must be a JSON object with version and profiles"]);
    expect(messagesOf({ version: "1", profiles: [] })).toEqual(["version: must be a whole number"]);
  });

  it("refuses a file from a newer Clawlink as such (not as corrupt)", () => {
    const r = parseProfilesFile({ version: PROFILES_FILE_VERSION + 1, profiles: [] });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.kind).toBe("newer-version");
    expect(r.messages[0]).toBe(`version: ${PROFILES_FILE_VERSION + 1} was written by a newer Clawlink; this one reads up to version ${PROFILES_FILE_VERSION}`);
  });

  it("the embedded default is one local profile and is itself valid", () => {
    const d = defaultProfilesFile();
    expect(d.profiles.map((p) => [p.id, p.kind])).toEqual([["local", "local"]]);
    expect(parseProfilesFile(d).ok).toBe(true);
  });
});

describe("migrations", () => {
  const v0 = {
    profiles: [
      { name: "Home Desktop", transport: "ssh", sshTarget: "me@home.lan:2222", sshIdentity: "~/.ssh/id_ed25519", remotePort: 18790, autoConnect: true },
      { name: "Tailnet gateway", url: "wss://gw.tail1.ts.net", authMode: "password" },
      { name: "This Mac", transport: "local", port: 18800 },
      { name: "home desktop!" , transport: "direct", url: "ws://192.168.1.20:18789" },
    ],
  };

  it("lifts the unversioned prototype shape to version 1 with stable slug ids and sections", () => {
    const r = parseProfilesFile(v0);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.applied).toEqual(["version 0 (flat, no ids) → version 1 (ids, per-kind sections)", MIGRATIONS[1]!.describe]);
    expect(r.file.profiles.map((p) => p.uid)).toEqual([expect.stringMatching(UID), expect.stringMatching(UID), expect.stringMatching(UID), expect.stringMatching(UID)]);
    expect({ ...r.file, profiles: r.file.profiles.map(({ uid: _u, legacyKeychainId: _l, ...p }) => p) }).toEqual({
      version: 2,
      profiles: [
        { id: "home-desktop", name: "Home Desktop", kind: "ssh", connectAtStart: true, auth: { mode: "token" }, ssh: { target: "me@home.lan:2222", identityFile: "~/.ssh/id_ed25519", remotePort: 18790 } },
        { id: "tailnet-gateway", name: "Tailnet gateway", kind: "direct", connectAtStart: false, auth: { mode: "password" }, direct: { url: "wss://gw.tail1.ts.net" } },
        { id: "this-mac", name: "This Mac", kind: "local", connectAtStart: false, auth: { mode: "token" }, local: { port: 18800 } },
        // Same slug as the first: the migration makes it unique instead of producing a duplicate id.
        { id: "home-desktop-2", name: "home desktop!", kind: "direct", connectAtStart: false, auth: { mode: "token" }, direct: { url: "ws://192.168.1.20:18789" } },
      ],
    });
  });

  it("treats an explicit version 0 like an unversioned file", () => {
    const r = migrateProfilesFile({ version: 0, profiles: [] });
    expect(r).toEqual({ ok: true, value: { version: 2, profiles: [] }, applied: [MIGRATIONS[0]!.describe, MIGRATIONS[1]!.describe] });
  });

  it("keeps keys the migration does not know, so validation names them instead of dropping them", () => {
    const m = messagesOf({ profiles: [{ name: "X", transport: "local", favouriteColour: "blue" }] });
    expect(m).toEqual(["profiles[0].favouriteColour: unknown field"]);
  });

  it("chains migrations one version at a time and stops at a gap", () => {
    const steps: Migration[] = [
      { from: 0, to: 1, describe: "a", up: (r) => ({ ...r, version: 1 }) },
      { from: 1, to: 2, describe: "b", up: (r) => ({ ...r, version: 2 }) },
    ];
    expect(migrateProfilesFile({ version: 0, profiles: [] }, steps)).toMatchObject({ ok: true, applied: ["a", "b"] });
    expect(migrateProfilesFile({ version: -1, profiles: [] }, steps)).toEqual({ ok: false, kind: "invalid", message: "version: must be a whole number" });
    expect(migrateProfilesFile({ version: 0, profiles: [] }, [])).toEqual({ ok: false, kind: "invalid", message: "version: no migration from version 0" });
  });
});

describe("secrets never survive into a profile", () => {
  it("strips secret-looking keys anywhere, with a message naming where (never the value)", () => {
    const r = stripSecrets({ version: 1, profiles: [{ id: "a", token: "tok-SECRET-1", ssh: { target: "h", passphrase: "pp-SECRET-2" }, auth: { mode: "token", password: "pw-SECRET-3" }, tlsFingerprint: "ab" }] });
    expect(r.value).toEqual({ version: 1, profiles: [{ id: "a", ssh: { target: "h" }, auth: { mode: "token" } }] });
    expect(r.removed.map((m) => m.split(":")[0])).toEqual(["profiles[0].token", "profiles[0].ssh.passphrase", "profiles[0].auth.password", "profiles[0].tlsFingerprint"]);
    expect(JSON.stringify(r.removed)).not.toMatch(/SECRET/);
  });

  it("strips a #token= or ?token= carried in a URL", () => {
    const r = stripSecrets({ url: "wss://gw.example.com/#token=abc-SECRET", other: "https://h/x?password=pw-SECRET&keep=1" });
    expect(r.value).toEqual({ url: "wss://gw.example.com/", other: "https://h/x?keep=1" });
    expect(r.removed).toHaveLength(2);
  });

  it("a version-0 file that held a token loads without it and says so", () => {
    const r = parseProfilesFile({ profiles: [{ name: "Home", transport: "ssh", sshTarget: "me@h", token: "tok-SECRET" }] });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(JSON.stringify(r.file)).not.toContain("tok-SECRET");
    expect(r.warnings).toEqual(["profiles[0].token: removed — secrets are kept in the keychain, never in profiles.json; enter it again for this profile"]);
  });
});

describe("version 2: a random uid per profile keys its keychain entries (issue 10)", () => {
  it("a version-1 file: every profile gets its own random uid and remembers the id its entries were keyed by", () => {
    const r = parseProfilesFile({ version: 1, profiles: [ssh(), { id: "tailnet", name: "Tailnet", kind: "direct", direct: { url: "wss://gw.tail1.ts.net" } }] });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.applied).toEqual(["version 1 → version 2 (a random uid per profile keys its keychain entries)"]);
    const [a, b] = r.file.profiles;
    expect([a!.uid, b!.uid]).toEqual([expect.stringMatching(UID), expect.stringMatching(UID)]);
    expect(a!.uid).not.toBe(b!.uid);
    expect([a!.legacyKeychainId, b!.legacyKeychainId]).toEqual(["home-desktop", "tailnet"]);
  });

  it("a version-1 SSH profile loses the old default ssh.localPort 18789 (the local gateway's port); another port is kept", () => {
    const r = parseProfilesFile({
      version: 1,
      profiles: [ssh({ ssh: { target: "me@home.lan", remotePort: 18789, localPort: 18789 } }), ssh({ id: "work", name: "Work", ssh: { target: "me@work", localPort: 18795 } })],
    });
    expect(r.ok && r.file.profiles.map((p) => p.ssh)).toEqual([{ target: "me@home.lan", remotePort: 18789 }, { target: "me@work", remotePort: 18789, localPort: 18795 }]);
  });

  it("the same version-1 file migrated twice gets different uids (random, not derived from the name)", () => {
    const once = parseProfilesFile({ version: 1, profiles: [ssh()] });
    const twice = parseProfilesFile({ version: 1, profiles: [ssh()] });
    expect(once.ok && twice.ok && once.file.profiles[0]!.uid !== twice.file.profiles[0]!.uid).toBe(true);
  });

  it("a version-2 file keeps its uids; a duplicate or hand-made uid is named", () => {
    const r = parseProfilesFile({ version: 2, profiles: [ssh({ uid: U1 })] });
    expect(r.ok && r.file.profiles[0]!.uid).toBe(U1);
    expect(messagesOf({ version: 2, profiles: [ssh({ uid: U1 }), ssh({ id: "b", name: "B", uid: U1 })] })).toEqual(["profiles[1].uid: duplicate uid (also profiles[0])"]);
    expect(messagesOf({ version: 2, profiles: [ssh({ uid: "home-desktop" })] })).toEqual(["profiles[0].uid: must be 32 lowercase hex characters (made by Clawlink; do not edit)"]);
    expect(messagesOf({ version: 2, profiles: [ssh()] })).toEqual(["profiles[0].uid: is required"]);
  });

  it("the embedded default local profile has a fixed uid, so its device token survives restarts before it is ever saved", () => {
    expect(defaultProfilesFile().profiles[0]!.uid).toBe(DEFAULT_LOCAL_UID);
  });
});

describe("slugs", () => {
  it("makes readable, unique ids", () => {
    expect(slugify("Home Desktop (old)")).toBe("home-desktop-old");
    expect(slugify("Café Müller")).toBe("cafe-muller");
    expect(slugify("!!!")).toBe("gateway");
    expect(uniqueSlug("Home desktop", ["home-desktop", "home-desktop-2"])).toBe("home-desktop-3");
  });
});
