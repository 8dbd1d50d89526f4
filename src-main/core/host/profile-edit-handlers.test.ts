// Editing a profile and taking trust back the way the Settings form calls it (issue 12): through the
// contract's own call path (callHostMethod: argument schema, the real HostService handlers, result
// schema) on a real ProfileStore in a fresh config dir, reading back profiles.json and the keychain.
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { fieldOfRefusal } from "../../../src-shared/profile-edit-schema.js";
import { profileScopedStore } from "../profiles/profile-keychain.js";
import { MemorySecretStore, SECRET_SERVICES } from "../secrets/secret-store.js";
import { failedCall } from "./host-call.js";
import { hostUnderTest, stopHostsUnderTest } from "./testing/host-under-test.js";

afterEach(stopHostsUnderTest);

const FP = "ab".repeat(32);

async function makeService() {
  const memory = new MemorySecretStore();
  // Every keychain write, so a refused edit can be shown to have written nothing.
  const writes: string[] = [];
  const secrets = {
    kind: memory.kind,
    get: (k: { service: string; account: string }) => memory.get(k),
    set: (k: { service: string; account: string }, v: string) => (writes.push(`set ${k.service}`), memory.set(k, v)),
    delete: (k: { service: string; account: string }) => (writes.push(`delete ${k.service}`), memory.delete(k)),
  };
  return { ...(await hostUnderTest("clawlink-edit-host-", secrets)), secrets, writes };
}

async function withSshProfile() {
  const s = await makeService();
  const added = await s.value<{ profile: { id: string } }>("addProfile", { kind: "ssh", name: "Home box", target: "me@127.0.0.1:2222", remotePort: 18789, connectAtStart: false, token: "tok-kept" });
  return { ...s, id: added.profile.id };
}

describe("editProfile through the host API", () => {
  it("saves a new remote port to profiles.json", async () => {
    const s = await withSshProfile();
    await s.value("editProfile", s.id, { remotePort: 18790 });
    const saved = (JSON.parse(s.disk()) as { profiles: Array<{ id: string; ssh?: { remotePort: number } }> }).profiles.find((p) => p.id === s.id);
    expect(saved?.ssh?.remotePort).toBe(18790);
  });

  it("keeps the stored token through an edit of host, port and user", async () => {
    const s = await withSshProfile();
    const r = await s.value<{ profile: { stored: { token: boolean } } }>("editProfile", s.id, { host: "other.example.com", port: 2200, user: "you" });
    expect(r.profile.stored.token).toBe(true);
  });

  it("reports the changed fields and that the connection settings changed", async () => {
    const s = await withSshProfile();
    const r = await s.value<{ changes: Array<{ field: string }>; connectionChanged: boolean; reconnected: boolean }>("editProfile", s.id, { port: 2200 });
    expect({ fields: r.changes.map((c) => c.field), connectionChanged: r.connectionChanged, reconnected: r.reconnected }).toEqual({ fields: ["port"], connectionChanged: true, reconnected: false });
  });

  it.each([
    ["remotePort", { remotePort: 70000 }, "Remote gateway port: "],
    ["port", { port: 0 }, "Port: "],
    ["host", { host: "two words" }, "Host: "],
    ["user", { user: "a@b" }, "SSH user: "],
    ["url (not for SSH)", { url: "wss://x.example.com" }, "Gateway URL: "],
  ])("refuses an invalid %s naming the field by its form label, with nothing written", async (_n, patch, label) => {
    const s = await withSshProfile();
    const before = s.disk();
    const r = await s.call("editProfile", s.id, patch);
    expect({ ok: r.ok, startsWithLabel: !r.ok && r.error.message.startsWith(label), unchanged: s.disk() === before }).toEqual({ ok: false, startsWithLabel: true, unchanged: true });
  });

  it("names the refused field so the form can find it from the message alone", async () => {
    const s = await withSshProfile();
    const r = await s.call("editProfile", s.id, { remotePort: 0 });
    expect(r.ok ? null : fieldOfRefusal(r.error.message)).toBe("remotePort");
  });

  it("refuses a URL carrying a #token= and leaves the keychain as it was", async () => {
    const s = await makeService();
    const { profile } = await s.value<{ profile: { id: string } }>("addProfile", { kind: "direct", name: "Lab", url: "wss://lab.example.com", connectAtStart: false });
    const before = { file: s.disk(), writes: s.writes.length };
    const r = await s.call("editProfile", profile.id, { url: "wss://lab.example.com/#token=s3cret", tlsFingerprint: FP });
    expect({ ok: r.ok, file: s.disk(), writes: s.writes.length }).toEqual({ ok: false, ...before });
  });

  it("a name-only edit of a running profile does not reconnect it", async () => {
    const s = await withSshProfile();
    await s.value("connect", s.id);
    await vi.waitFor(() => expect(s.service.orchestrator.get(s.id)).toBeDefined());
    const sup = s.service.orchestrator.get(s.id);
    const r = await s.value<{ reconnected: boolean }>("editProfile", s.id, { name: "Home" });
    expect({ reconnected: r.reconnected, same: s.service.orchestrator.get(s.id) === sup }).toEqual({ reconnected: false, same: true });
  });

  it("a port edit of a running profile restarts that connection and no other", async () => {
    const s = await withSshProfile();
    const other = (await s.value<{ profile: { id: string } }>("addProfile", { kind: "direct", name: "Lab", url: "ws://127.0.0.1:9", connectAtStart: false })).profile.id;
    await s.value("connect", s.id);
    await s.value("connect", other);
    await vi.waitFor(() => expect([s.service.orchestrator.get(s.id), s.service.orchestrator.get(other)].every(Boolean)).toBe(true));
    const [edited, untouched] = [s.service.orchestrator.get(s.id), s.service.orchestrator.get(other)];
    const r = await s.value<{ reconnected: boolean }>("editProfile", s.id, { remotePort: 18790 });
    await vi.waitFor(() => expect(s.service.orchestrator.get(s.id)).not.toBe(edited));
    expect({ reconnected: r.reconnected, newRemotePort: s.service.orchestrator.get(s.id)?.spec.ssh?.remotePort, otherKept: s.service.orchestrator.get(other) === untouched }).toEqual({
      reconnected: true,
      newRemotePort: 18790,
      otherKept: true,
    });
  });
});

describe("trust, identity and the SSH password through the host API", () => {
  it("forgetTrust tls deletes the pin an edit stored", async () => {
    const s = await makeService();
    const { profile } = await s.value<{ profile: { id: string } }>("addProfile", { kind: "direct", name: "Lab", url: "wss://lab.example.com", connectAtStart: false });
    const pinned = await s.value<{ profile: { direct: { tlsPinned: boolean } } }>("editProfile", profile.id, { tlsFingerprint: FP });
    const r = await s.value<{ forgotten: number }>("forgetTrust", profile.id, "tls");
    const view = (await s.value<{ profiles: Array<{ id: string; direct: { tlsPinned: boolean } | null }> }>("getState")).profiles.find((p) => p.id === profile.id);
    expect({ before: pinned.profile.direct.tlsPinned, forgotten: r.forgotten, after: view?.direct?.tlsPinned }).toEqual({ before: true, forgotten: 1, after: false });
  });

  it("forgetTrust host-key removes the profile's line from Clawlink's known_hosts only", async () => {
    const s = await withSshProfile();
    const file = path.join(s.service["o"].configDir, "known_hosts");
    fs.writeFileSync(file, `[127.0.0.1]:2222 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOmTdnFVzuMLgLT0bP4Mq9qYdkUQmz7BhGpZqqljSRN3\nkeep.example.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOmTdnFVzuMLgLT0bP4Mq9qYdkUQmz7BhGpZqqljSRN3\n`);
    const r = await s.value<{ forgotten: number }>("forgetTrust", s.id, "host-key");
    expect({ forgotten: r.forgotten, left: fs.readFileSync(file, "utf8").trim().split("\n").map((l) => l.split(" ")[0]) }).toEqual({ forgotten: 1, left: ["keep.example.com"] });
  });

  it("forgetTrust host-key on a URL profile is refused with a sentence", async () => {
    const s = await makeService();
    const { profile } = await s.value<{ profile: { id: string } }>("addProfile", { kind: "direct", name: "Lab", url: "wss://lab.example.com", connectAtStart: false });
    const r = await s.call("forgetTrust", profile.id, "host-key");
    expect(r.ok ? "" : r.error.message).toMatch(/not an SSH gateway/);
  });

  it("setSshPassword stores the password for the gateway host's login in the profile's keychain view", async () => {
    const s = await withSshProfile();
    const uid = s.profiles.get(s.id)!.uid;
    const r = await s.value<{ login: string }>("setSshPassword", s.id, "pw with spaces ");
    const stored = await profileScopedStore(s.secrets, uid).get({ service: SECRET_SERVICES.sshPassword, account: r.login });
    expect({ login: r.login, stored }).toEqual({ login: "me@127.0.0.1:2222", stored: "pw with spaces " });
  });

  it("setSshPassword null deletes it again", async () => {
    const s = await withSshProfile();
    await s.value("setSshPassword", s.id, "pw");
    const r = await s.value<{ lines: string[] }>("setSshPassword", s.id, null);
    expect(r.lines[0]).toMatch(/^Deleted the SSH password/);
  });

  it("resetIdentity gives a new device id and says every gateway must approve it again", async () => {
    const s = await makeService();
    const a = await s.value<{ deviceId: string }>("resetIdentity");
    const b = await s.value<{ deviceId: string; lines: string[] }>("resetIdentity");
    expect({ differs: a.deviceId !== b.deviceId, says: /approve this device again/.test(b.lines.join(" ")) }).toEqual({ differs: true, says: true });
  });
});

describe("errors reach the UI as sentences with a fix (issue 12)", () => {
  it("a save that the file system refuses names the file and what is wrong, not Node's text on a temp file", async () => {
    const s = await withSshProfile();
    // A folder where profiles.json should be: the atomic save's rename onto it fails (EISDIR), as root too.
    const file = path.join(s.service["o"].configDir, "profiles.json");
    fs.rmSync(file);
    fs.mkdirSync(file);
    const r = await s.call("editProfile", s.id, { name: "Renamed" });
    const e = r.ok ? null : r.error;
    expect({ message: e?.message, raw: /EISDIR|tmp-|rename '/.test(`${e?.message} ${e?.fixHint}`), fixHint: e?.fixHint }).toEqual({
      message: `Could not save ${file}: ${file} is a folder, where a file was expected.`,
      raw: false,
      fixHint: `Move the folder ${file} out of the way, then try again.`,
    });
  });

  it("an unworded errno error from any handler becomes a sentence with a fix", () => {
    const raw = Object.assign(new Error("EACCES: permission denied, open '/cfg/.x.tmp-3382'"), { code: "EACCES", syscall: "open", path: "/cfg/.x.tmp-3382" });
    const e = failedCall(raw);
    expect({ message: e.message, fixHint: e.fixHint }).toEqual({
      message: "Permission to use /cfg/.x.tmp-3382 was denied.",
      fixHint: "Check the owner and permissions of /cfg/.x.tmp-3382 (`ls -ld`), or use another config folder with --config-dir.",
    });
  });
});

describe("duplicate and reorder through the host API", () => {
  const order = (disk: string) => (JSON.parse(disk) as { profiles: Array<{ id: string }> }).profiles.map((p) => p.id);

  it("a duplicate lands right after the original, not connected at start, without secrets by default", async () => {
    const s = await withSshProfile();
    const r = await s.value<{ profile: { id: string; connectAtStart: boolean; stored: { token: boolean } }; copiedSecrets: string[] }>("duplicateProfile", s.id, {});
    const ids = order(s.disk());
    expect({ after: ids[ids.indexOf(s.id) + 1], connectAtStart: r.profile.connectAtStart, token: r.profile.stored.token, copied: r.copiedSecrets }).toEqual({
      after: r.profile.id,
      connectAtStart: false,
      token: false,
      copied: [],
    });
  });

  it("withSecrets copies the gateway token", async () => {
    const s = await withSshProfile();
    const r = await s.value<{ profile: { stored: { token: boolean } }; copiedSecrets: string[] }>("duplicateProfile", s.id, { withSecrets: true });
    expect({ token: r.profile.stored.token, copied: r.copiedSecrets }).toEqual({ token: true, copied: ["token"] });
  });

  it("move up puts the profile one place earlier in profiles.json", async () => {
    const s = await withSshProfile();
    const before = order(s.disk());
    const r = await s.value<{ position: number }>("moveProfile", s.id, "up");
    const i = before.indexOf(s.id);
    expect({ position: r.position, order: order(s.disk()) }).toEqual({ position: i, order: [...before.slice(0, i - 1), s.id, before[i - 1], ...before.slice(i + 1)] });
  });

  it("a move to a position that does not exist is refused with nothing changed", async () => {
    const s = await withSshProfile();
    const before = s.disk();
    const r = await s.call("moveProfile", s.id, 99);
    expect({ ok: r.ok, unchanged: s.disk() === before }).toEqual({ ok: false, unchanged: true });
  });
});
