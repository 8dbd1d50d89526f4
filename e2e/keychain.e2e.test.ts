// Proof the keychain half of the harness is real: @napi-rs/keyring against gnome-keyring's Secret
// Service on the private session bus that run-tests.sh/sandbox.sh starts, and what Clawlink's store does
// when that daemon dies under a call (gnome-keyring aborts on fast client churn: see sandbox.sh).
import { randomBytes } from "node:crypto";
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { Entry } from "@napi-rs/keyring";
import { alive } from "./harness/gateway.js";
import { bundleChild } from "./support/bundle-child.js";

/** PIDs of the live gnome-keyring-daemon processes (an aborted one may linger as a zombie: not counted). */
function liveDaemons(): number[] {
  let out = "";
  try {
    out = execFileSync("pgrep", ["-x", "gnome-keyring-d"], { encoding: "utf8" });
  } catch {
    return [];
  }
  return out.split(/\s+/).filter(Boolean).map(Number).filter(alive);
}

const lookup = (service: string, account: string) =>
  execFileSync("secret-tool", ["lookup", "service", service, "username", account], { encoding: "utf8" });

describe("real Secret Service", () => {
  it("sets, reads and deletes a secret", () => {
    const service = `clawlink-test-${randomBytes(4).toString("hex")}`;
    const value = randomBytes(16).toString("base64url");
    const entry = new Entry(service, "harness-proof");
    entry.setPassword(value);
    expect(entry.getPassword()).toBe(value);
    // Another client of the same Secret Service sees it too: it really is in gnome-keyring, not in memory.
    expect(lookup(service, "harness-proof")).toBe(value);
    expect(entry.deletePassword()).toBe(true);
    expect(entry.getPassword()).toBeNull();
  });

  it("the daemon dies under a token write: the store makes the write once more, on the restarted daemon, and the token is in it", async () => {
    const service = `clawlink-test-${randomBytes(4).toString("hex")}`;
    const before = randomBytes(12).toString("base64url");
    new Entry(service, "kept").setPassword(before);
    const [daemon, ...others] = liveDaemons();
    expect(others, "one gnome-keyring-daemon in the sandbox").toEqual([]);
    // Once the child's probe has passed, the daemon is stopped; each attempt of the child's token write
    // announces itself on stderr, and the daemon is killed while the first is surely still unanswered.
    const child = await bundleChild(
      `import { Entry } from "@napi-rs/keyring";
       import { KeyringSecretStore, probeKeychain } from "../src-main/core/secrets/keyring-store.js";
       // As Clawlink starts: the probe first (the Secret Service answers), then the store's calls.
       if (!(await probeKeychain()).available) throw new Error("the probe found no keychain");
       process.stderr.write("probed\\n");
       await new Promise((r) => process.stdin.once("data", r)); // the parent has stopped the daemon
       process.stdin.destroy();
       let calls = 0;
       // One Entry per attempt, as the store makes them; the constructor already talks to the daemon.
       const store = new KeyringSecretStore((s, a) => {
         process.stderr.write("call " + ++calls + "\\n");
         return new Entry(s, a, { linux: { store: "secret-service" } }); // pinned as keyring-store.ts pins it
       });
       await store.set({ service: process.argv[2], account: "written" }, process.argv[3]);
       process.stdout.write(JSON.stringify({ calls }));`,
      "e2e-keychain-daemon-dies",
      import.meta.url,
    );
    const token = randomBytes(18).toString("base64url");
    try {
      const p = spawn(process.execPath, [child, service, token], { stdio: ["pipe", "pipe", "pipe"] });
      let out = "";
      let err = "";
      p.stdout.on("data", (d: Buffer) => (out += d.toString()));
      const said = (what: string) => new Promise<void>((resolve) => p.stderr.on("data", () => err.includes(what) && resolve()));
      p.stderr.on("data", (d: Buffer) => (err += d.toString()));
      const exited = new Promise<number | null>((resolve) => p.once("exit", resolve));
      const probed = said("probed");
      const firstCall = said("call 1");
      await Promise.race([probed, exited]);
      process.kill(daemon!, "SIGSTOP");
      p.stdin.end("go\n");
      await Promise.race([firstCall, exited]);
      await new Promise((r) => setTimeout(r, 500));
      process.kill(daemon!, "SIGKILL");
      expect(await exited, err).toBe(0);
      expect(JSON.parse(out)).toEqual({ calls: 2 });
    } finally {
      // Never leave a stopped daemon behind: every later keychain call would hang. (Killed, it is
      // started again by D-Bus activation on the next call.)
      try {
        process.kill(daemon!, "SIGKILL");
      } catch {
        /* already gone */
      }
      fs.rmSync(child, { force: true });
    }
    const [restarted] = liveDaemons();
    expect(restarted).not.toBe(daemon);
    // The token is in the restarted daemon (another client reads it), and what was stored before is kept.
    expect(lookup(service, "written")).toBe(token);
    expect(lookup(service, "kept")).toBe(before);
  });
});
