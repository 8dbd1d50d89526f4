import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { writeFileAtomic } from "./atomic-write.js";
import { PROFILES_FILE_NAME, ProfileError, ProfileStore } from "./profile-store.js";
import { bundleChild } from "../../../e2e/support/bundle-child.js";

let dir: string;
let file: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "clawlink-profiles-"));
  file = path.join(dir, PROFILES_FILE_NAME);
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const read = () => JSON.parse(fs.readFileSync(file, "utf8")) as { version: number; profiles: Array<Record<string, unknown>> };
const listDir = () => fs.readdirSync(dir).sort();
const fixedNow = () => new Date("2026-03-04T05:06:07.089Z");

describe("ProfileStore: load", () => {
  it("starts with the embedded local default and writes nothing when there is no file", async () => {
    const s = await ProfileStore.open(dir);
    expect(s.list().map((p) => p.id)).toEqual(["local"]);
    expect(s.loadReport).toEqual({ warnings: [], migrated: [], usingDefaults: true });
    expect(listDir()).toEqual([]);
  });

  it("moves a corrupt file aside (kept byte for byte), loads defaults and reports message + fix + moved path", async () => {
    const garbage = '{"version": 1, "profiles": [ {"id": "home"';
    fs.writeFileSync(file, garbage);
    const s = await ProfileStore.open(dir, { now: fixedNow });
    const moved = path.join(dir, "profiles.json.corrupt-2026-03-04T05-06-07-089Z");
    expect(s.list().map((p) => p.id)).toEqual(["local"]);
    expect(s.loadReport.error).toMatchObject({ kind: "corrupt", path: file, movedTo: moved });
    expect(s.loadReport.error!.message).toMatch(/^profiles\.json is not valid JSON \(.+\)\.$/);
    expect(s.loadReport.error!.fixHint).toContain(moved);
    expect(fs.readFileSync(moved, "utf8")).toBe(garbage);
    expect(listDir()).toEqual(["profiles.json.corrupt-2026-03-04T05-06-07-089Z"]);
    // The store is usable: the next change writes a fresh file, the moved one stays.
    await s.add({ name: "Home", kind: "ssh", ssh: { target: "me@home" } });
    expect(listDir()).toEqual([PROFILES_FILE_NAME, "profiles.json.corrupt-2026-03-04T05-06-07-089Z"]);
  });

  it("moves an invalid file aside with messages that name the field, never overwriting an earlier moved file", async () => {
    fs.writeFileSync(path.join(dir, "profiles.json.corrupt-2026-03-04T05-06-07-089Z"), "older");
    fs.writeFileSync(file, JSON.stringify({ version: 1, profiles: [{ id: "x", name: "X", kind: "ssh", ssh: { target: "me@h", remotePort: 99999 } }] }));
    const s = await ProfileStore.open(dir, { now: fixedNow });
    expect(s.loadReport.error).toMatchObject({
      kind: "invalid",
      message: "profiles.json has errors: profiles[0].ssh.remotePort: must be a port number 1-65535",
      details: ["profiles[0].ssh.remotePort: must be a port number 1-65535"],
      movedTo: path.join(dir, "profiles.json.corrupt-2026-03-04T05-06-07-089Z-2"),
    });
    expect(fs.readFileSync(path.join(dir, "profiles.json.corrupt-2026-03-04T05-06-07-089Z"), "utf8")).toBe("older");
  });

  it("leaves a file from a newer Clawlink in place and refuses to save over it", async () => {
    const newer = JSON.stringify({ version: 7, profiles: [], something: "new" });
    fs.writeFileSync(file, newer);
    const s = await ProfileStore.open(dir);
    expect(s.loadReport.error).toMatchObject({ kind: "newer-version" });
    expect(s.loadReport.error!.movedTo).toBeUndefined();
    await expect(s.add({ name: "Home", kind: "local" })).rejects.toThrow(/Changes are not saved: profiles\.json version: 7 was written by a newer Clawlink/);
    expect(fs.readFileSync(file, "utf8")).toBe(newer);
    expect(listDir()).toEqual([PROFILES_FILE_NAME]);
  });

  it("migrates a version-0 file on load and writes the migrated file back", async () => {
    fs.writeFileSync(file, JSON.stringify({ profiles: [{ name: "Home Desktop", transport: "ssh", sshTarget: "me@home", autoConnect: true }] }));
    const s = await ProfileStore.open(dir);
    expect(s.loadReport.migrated).toHaveLength(2);
    expect(read()).toEqual({
      version: 2,
      profiles: [{ id: "home-desktop", uid: s.get("home-desktop")!.uid, legacyKeychainId: "home-desktop", name: "Home Desktop", kind: "ssh", connectAtStart: true, auth: { mode: "token" }, ssh: { target: "me@home", remotePort: 18789 } }],
    });
  });

  it("removes a secret found in the file from disk at once and says so", async () => {
    fs.writeFileSync(file, JSON.stringify({ version: 1, profiles: [{ id: "h", name: "H", kind: "direct", direct: { url: "wss://gw.example.com/#token=tok-DISTINCT-77" }, password: "pw-DISTINCT-88" }] }));
    const s = await ProfileStore.open(dir);
    expect(s.loadReport.error).toBeUndefined();
    expect(s.loadReport.warnings).toHaveLength(2);
    const text = fs.readFileSync(file, "utf8");
    expect(text).not.toContain("DISTINCT");
    expect(s.get("h")!.direct!.url).toBe("wss://gw.example.com/");
  });
});

describe("ProfileStore: CRUD", () => {
  it("adds with a slug id from the name, gets by id or name, updates and removes, persisting each change", async () => {
    const s = await ProfileStore.open(dir);
    const a = await s.add({ name: "Home Desktop", kind: "ssh", ssh: { target: " me@home.lan " }, connectAtStart: true });
    expect(a).toEqual({ id: "home-desktop", uid: expect.stringMatching(/^[0-9a-f]{32}$/), name: "Home Desktop", kind: "ssh", connectAtStart: true, auth: { mode: "token" }, ssh: { target: "me@home.lan", remotePort: 18789 } });
    const b = await s.add({ name: "Work", kind: "direct", direct: { url: "https://gw.example.com" } });
    expect(b.direct!.url).toBe("wss://gw.example.com/");
    expect(s.get("home desktop")!.id).toBe("home-desktop");
    expect((await ProfileStore.open(dir)).list().map((p) => p.id)).toEqual(["local", "home-desktop", "work"]);

    const u = await s.update("home-desktop", { ssh: { target: "me@home.lan", remotePort: 18790 } });
    expect(u.ssh!.remotePort).toBe(18790);
    // Changing kind drops the old section rather than leaving an ambiguous profile.
    const k = await s.update("work", { kind: "local" });
    expect(k).toEqual({ id: "work", uid: b.uid, name: "Work", kind: "local", connectAtStart: false, auth: { mode: "token" } });
    expect(await s.remove("home-desktop")).toMatchObject({ id: "home-desktop" });
    expect(await s.remove("nope")).toBeUndefined();
    expect(read().profiles.map((p) => p.id)).toEqual(["local", "work"]);
  });

  it("refuses duplicate names and ids, bad fields (named) and secrets, leaving file and memory unchanged", async () => {
    const s = await ProfileStore.open(dir);
    await s.add({ name: "Home", kind: "local" });
    const before = fs.readFileSync(file, "utf8");
    await expect(s.add({ name: " home ", kind: "local" })).rejects.toThrow('name: "home" is already used by another profile');
    await expect(s.add({ id: "home", name: "Other", kind: "local" })).rejects.toThrow('id: "home" is already used by another profile');
    await expect(s.add({ name: "X", kind: "ssh", ssh: { target: "h", remotePort: 0 } })).rejects.toThrow("ssh.remotePort: must be a port number 1-65535");
    await expect(s.update("home", { name: "This machine" })).rejects.toThrow('name: "This machine" is already used');
    await expect(s.add({ name: "Y", kind: "direct", direct: { url: "wss://h/#token=tok-NEVER-WRITTEN" } })).rejects.toThrow(/Secrets cannot be stored in a profile: direct\.url/);
    await expect(s.add({ name: "Z", kind: "local", token: "tok-NEVER-WRITTEN" } as never)).rejects.toThrow(ProfileError);
    expect(fs.readFileSync(file, "utf8")).toBe(before);
    expect(s.list().map((p) => p.name)).toEqual(["This machine", "Home"]);
  });

  it("a uid is made on add, kept through a rename and any edit, never taken from the input, never reused by a same-named profile", async () => {
    const s = await ProfileStore.open(dir);
    const a = await s.add({ name: "Home", kind: "local", uid: "1".repeat(32) } as never);
    expect(a.uid).not.toBe("1".repeat(32));
    const renamed = await s.update("home", { name: "Home (old)", uid: "2".repeat(32) } as never);
    expect(renamed.uid).toBe(a.uid);
    await s.remove("home");
    const again = await s.add({ name: "Home", kind: "local" });
    expect(again.id).toBe("home");
    expect(again.uid).not.toBe(a.uid);
    expect((await ProfileStore.open(dir)).get("home")!.uid).toBe(again.uid);
  });

  it("serialises concurrent changes (no lost update)", async () => {
    const s = await ProfileStore.open(dir);
    await Promise.all(Array.from({ length: 10 }, (_, i) => s.add({ name: `G${i}`, kind: "local" })));
    expect(read().profiles).toHaveLength(11);
  });
});

describe("atomic write", () => {
  it("a rename that fails (simulated crash at the last step) leaves the old file intact, no temp file, state unchanged", async () => {
    let failRename = false;
    const s = await ProfileStore.open(dir, {
      write: (f, d) =>
        writeFileAtomic(f, d, {
          rename: async (from, to) => {
            if (failRename) throw Object.assign(new Error("EIO: simulated crash before rename"), { code: "EIO" });
            await fs.promises.rename(from, to);
          },
        }),
    });
    await s.add({ name: "Home", kind: "local" });
    const before = fs.readFileSync(file, "utf8");
    failRename = true;
    // Worded for a person (issue 12), naming the file being saved, not Node's temp file.
    await expect(s.add({ name: "Lost", kind: "local" })).rejects.toThrow(/^Could not save .*profiles\.json: the disk reported an input\/output error on /);
    expect(fs.readFileSync(file, "utf8")).toBe(before);
    expect(listDir()).toEqual([PROFILES_FILE_NAME]);
    expect(s.list().map((p) => p.name)).toEqual(["This machine", "Home"]);
  });

  // The child rewrites the file in a loop, each version a large self-checking JSON document; we SIGKILL
  // it at varying moments and check what is on disk. The control run with a plain writeFile proves the
  // check can see a torn file; the real run proves writeFileAtomic never leaves one.
  async function killWhileWriting(write: "atomic" | "plain", opts: { minRounds: number; maxRounds: number; until: (r: { torn: number; midWrite: number }) => boolean }) {
    const child = await bundleChild(
      `import fs from "node:fs/promises";
       import { writeFileAtomic } from "./atomic-write.js";
       const file = process.argv[2];
       const pad = "x".repeat(4_000_000);
       for (let n = 1; ; n++) {
         const doc = JSON.stringify({ n, pad, check: n * 7 });
         if (${JSON.stringify(write)} === "atomic") await writeFileAtomic(file, doc);
         else await fs.writeFile(file, doc);
         if (n === 1) process.stdout.write("first\\n");
       }`,
      `${write}-writer`,
      import.meta.url,
    );
    const r = { torn: 0, midWrite: 0, rounds: 0 };
    try {
      for (let round = 0; round < opts.maxRounds && (round < opts.minRounds || !opts.until(r)); round++) {
        r.rounds++;
        const p = spawn(process.execPath, [child, file], { stdio: ["ignore", "pipe", "inherit"] });
        await new Promise<void>((resolve) => p.stdout!.once("data", () => resolve()));
        await new Promise((res) => setTimeout(res, 5 + ((round * 13) % 60)));
        p.kill("SIGKILL");
        await new Promise((res) => p.once("exit", res));
        try {
          const doc = JSON.parse(fs.readFileSync(file, "utf8")) as { n: number; pad: string; check: number };
          if (doc.check !== doc.n * 7 || doc.pad.length !== 4_000_000) r.torn++;
        } catch {
          r.torn++;
        }
        // A leftover temp file proves the kill landed mid-write (the temp is the unfinished new version).
        const temps = listDir().filter((f) => f.includes(".tmp-"));
        if (temps.length > 0) r.midWrite++;
        for (const t of temps) fs.rmSync(path.join(dir, t));
        // Start every round from a whole file, as after a clean write.
        fs.writeFileSync(file, JSON.stringify({ n: 0, pad: "x".repeat(4_000_000), check: 0 }));
      }
    } finally {
      fs.rmSync(child, { force: true });
    }
    return r;
  }

  it("control: a plain (non-atomic) writer SIGKILLed mid-write does leave a torn file, so the check below can fail", async () => {
    const r = await killWhileWriting("plain", { minRounds: 1, maxRounds: 40, until: (x) => x.torn > 0 });
    console.log(`[atomic-write control] plain writeFile: ${r.torn} torn file(s) in ${r.rounds} SIGKILLs`);
    expect(r.torn).toBeGreaterThan(0);
  }, 120_000);

  it("a process SIGKILLed while writing with writeFileAtomic never leaves a torn file: always the old or the new version", async () => {
    const r = await killWhileWriting("atomic", { minRounds: 10, maxRounds: 60, until: (x) => x.midWrite >= 3 });
    console.log(`[atomic-write] ${r.rounds} SIGKILLs, ${r.midWrite} landed mid-write (temp file left behind), ${r.torn} torn`);
    expect(r.midWrite).toBeGreaterThan(0);
    expect(r.torn).toBe(0);
  }, 120_000);
});
