// Issue 13 §5: running `tailscale status --json` — not found (as on these machines), a fake CLI that
// prints the recorded status, one that hangs (timeout), one that fails.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { findOnPath, lookUpTailscale, TAILSCALE_NOT_FOUND } from "./tailscale-runner.js";

const fixture = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixtures", "tailscale-status.json");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clk-tailscale-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A directory holding one executable `tailscale` script, for PATH. */
function fakeCli(name: string, script: string): string {
  const bin = path.join(dir, name);
  fs.mkdirSync(bin);
  fs.writeFileSync(path.join(bin, "tailscale"), `#!/bin/sh\n${script}\n`, { mode: 0o755 });
  return bin;
}

const posix = process.platform !== "win32";

describe("lookUpTailscale", () => {
  it("no tailscale on PATH: 'Tailscale was not found', nothing run", async () => {
    const empty = path.join(dir, "empty");
    fs.mkdirSync(empty);
    const r = await lookUpTailscale({ env: { PATH: empty }, platform: "linux" });
    expect(r).toEqual(TAILSCALE_NOT_FOUND);
    expect(!r.ok && r.message).toMatch(/^Tailscale was not found on this machine/);
  });

  it("this machine: absent here, so not found (skipped where Tailscale is installed)", async () => {
    if (findOnPath("tailscale")) return;
    expect((await lookUpTailscale()).ok).toBe(false);
  });

  it.runIf(posix)("runs `tailscale status --json` and lists the candidates", async () => {
    const bin = fakeCli("ok", `[ "$1 $2" = "status --json" ] || exit 9\ncat '${fixture}'`);
    const r = await lookUpTailscale({ env: { PATH: bin }, platform: "linux" });
    expect(r.ok && r.candidates.map((c) => c.name)).toEqual(["DESKTOP-7Q2M4KD", "home-desktop", "lab-pi", "openclaw-vps", "bob-mac-mini"]);
  });

  it.runIf(posix)("a CLI that hangs is cut off at the timeout", async () => {
    const bin = fakeCli("hang", "exec sleep 30");
    const t0 = Date.now();
    const r = await lookUpTailscale({ env: { PATH: bin }, platform: "linux", timeoutMs: 300 });
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(r).toMatchObject({ ok: false, state: "timeout" });
  });

  it.runIf(posix)("a daemon that is not running: its first stderr line, and how to start it", async () => {
    const bin = fakeCli("down", "echo \"failed to connect to local tailscaled; it doesn't appear to be running\" >&2\nexit 1");
    const r = await lookUpTailscale({ env: { PATH: bin }, platform: "linux" });
    expect(r).toMatchObject({ ok: false, state: "failed", message: "`tailscale status --json` failed: failed to connect to local tailscaled; it doesn't appear to be running." });
  });

  it("findOnPath honours PATHEXT on Windows", () => {
    const seen: string[] = [];
    const found = findOnPath("tailscale", { Path: "C:\\a;C:\\b", PATHEXT: ".COM;.EXE" }, "win32", (f) => (seen.push(f), f.endsWith(path.join("C:\\b", "tailscale.EXE"))));
    expect(found).toBe(path.join("C:\\b", "tailscale.EXE"));
    expect(seen).toHaveLength(4);
  });
});
