// Crash test for `profiles edit` (issue 12: "SIGKILL during save → old or new profile, never a mix").
// A child process runs the real editProfile → ProfileStore → writeFileAtomic path in a loop, each edit
// changing several fields of one profile together (name, host, user, port, remote port all carry the
// edit's number), and says on stdout after each save. We SIGKILL it at varying moments, then open the
// file as the next start would: it must load without error, the profile's fields must all come from one
// edit, and that edit must be the last one reported saved or the one after it (old or new, never a mix).
// profiles.json is padded with a few thousand profiles so a kill often lands inside a write (a leftover
// temp file proves it did).
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { bundleChild } from "../../../e2e/support/bundle-child.js";
import { PROFILES_FILE_VERSION } from "./profile-schema.js";
import { ProfileStore } from "./profile-store.js";

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "clawlink-edit-crash-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const uid = (n: number) => n.toString(16).padStart(32, "0");

function seed(): void {
  const pad = Array.from({ length: 3000 }, (_, i) => ({
    id: `pad-${i}`, uid: uid(i + 1), name: `Pad ${i}`, kind: "ssh", connectAtStart: false, auth: { mode: "token" },
    ssh: { target: `me@pad-${i}.example.com:22`, remotePort: 18789, identityFile: `/home/me/.ssh/id_pad_${i}` },
  }));
  const lab = { id: "lab", uid: "f".repeat(32), name: "Lab 0", kind: "ssh", connectAtStart: false, auth: { mode: "token" }, ssh: { target: "u0@h0.lan:1000", remotePort: 2000 } };
  fs.writeFileSync(path.join(dir, "profiles.json"), JSON.stringify({ version: PROFILES_FILE_VERSION, profiles: [...pad, lab] }, null, 2));
}

describe("profiles edit: SIGKILL during save", () => {
  it("leaves the old or the new profile, never a mix, over many kills", async () => {
    const child = await bundleChild(
      `import { ProfileStore } from "./profile-store.js";
       import { editProfile } from "./profile-edit.js";
       import { MemorySecretStore } from "../secrets/secret-store.js";
       const store = await ProfileStore.open(process.argv[2]);
       const secrets = new MemorySecretStore();
       const start = Number(/\\d+$/.exec(store.get("lab").name)[0]);
       process.stdout.write("ready\\n");
       for (let n = start + 1; ; n++) {
         await editProfile(store, secrets, "lab", { name: "Lab " + n, host: "h" + n + ".lan", user: "u" + n, port: 1000 + (n % 60000), remotePort: 2000 + (n % 60000) });
         process.stdout.write("saved " + n + "\\n");
       }`,
      "edit-writer",
      import.meta.url,
    );
    seed();
    const r = { rounds: 0, midWrite: 0, bad: [] as string[] };
    try {
      for (let round = 0; round < 80 && (round < 12 || r.midWrite < 3); round++) {
        r.rounds++;
        const before = await ProfileStore.open(dir);
        const startN = Number(/\d+$/.exec(before.get("lab")!.name)![0]);
        const p = spawn(process.execPath, [child, dir], { stdio: ["ignore", "pipe", "inherit"] });
        let out = "";
        p.stdout!.on("data", (d: Buffer) => (out += d.toString()));
        await new Promise<void>((resolve) => p.stdout!.on("data", () => out.includes("ready") && resolve()));
        await new Promise((res) => setTimeout(res, 20 + ((round * 37) % 400)));
        p.kill("SIGKILL");
        await new Promise((res) => p.once("close", res));
        const saved = [...out.matchAll(/saved (\d+)/g)].map((m) => Number(m[1]));
        const last = saved.at(-1) ?? startN;
        const temps = fs.readdirSync(dir).filter((f) => f.includes(".tmp-"));
        if (temps.length > 0) r.midWrite++;
        for (const t of temps) fs.rmSync(path.join(dir, t));
        const after = await ProfileStore.open(dir);
        if (after.loadReport.error) r.bad.push(`round ${round}: ${after.loadReport.error.message}`);
        const lab = after.get("lab");
        const n = Number(/\d+$/.exec(lab?.name ?? "")?.[0]);
        const whole = lab?.ssh?.target === `u${n}@h${n}.lan:${1000 + (n % 60000)}` && lab.ssh.remotePort === 2000 + (n % 60000) && after.list().length === 3001;
        if (!whole) r.bad.push(`round ${round}: a mixed profile ${JSON.stringify(lab)}`);
        if (n !== last && n !== last + 1) r.bad.push(`round ${round}: edit ${n} on disk, last saved ${last}`);
      }
    } finally {
      fs.rmSync(child, { force: true });
    }
    console.log(`[profiles edit crash] ${r.rounds} SIGKILLs, ${r.midWrite} landed mid-write (temp file left behind), ${r.bad.length} bad`);
    expect(r.bad).toEqual([]);
    expect(r.midWrite).toBeGreaterThan(0);
  }, 180_000);
});
