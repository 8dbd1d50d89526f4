// `clawlink profiles edit <p> --add-route … / --remove-route N / --return-check S` in-process (issue 13 §3):
// what is printed, what is saved, and that a refused route says so with nothing saved.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MemorySecretStore } from "../../secrets/secret-store.js";
import type { CliIO } from "../context.js";
import { main } from "../main.js";

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "clawlink-cli-routes-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const mem = new MemorySecretStore();
async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { stdout: (l) => out.push(l), write: (t) => out.push(t), stderr: (l) => err.push(l), readStdin: async () => "", env: {}, openSecrets: async () => ({ store: mem }) };
  const code = await main([...argv, "--config-dir", dir], io);
  return { code, out: out.join("\n"), err: err.join("\n") };
}
const fileText = () => fs.readFileSync(path.join(dir, "profiles.json"), "utf8");
const desk = () => (JSON.parse(fileText()) as { profiles: Array<{ id: string; routes?: unknown[]; failover?: unknown }> }).profiles.find((p) => p.id === "desk")!;

describe("clawlink profiles edit --add-route / --remove-route", () => {
  beforeEach(async () => {
    expect((await run(["profiles", "add", "Desk", "wss://desk.tailnet.ts.net", "--no-connect-at-start"])).code).toBe(0);
  });

  it("--add-route ssh://… --route-remote-port N --return-check S: saved, and every route printed in order", async () => {
    const r = await run(["profiles", "edit", "desk", "--add-route", "ssh://me@desk", "--route-remote-port", "18790", "--return-check", "20"]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/1 {2}wss:\/\/desk\.tailnet\.ts\.net\/?\n {2}2 {2}ssh me@desk → 127\.0\.0\.1:18790/);
    expect(desk()).toMatchObject({ routes: [{ ssh: { target: "me@desk", remotePort: 18790 } }], failover: { returnCheckS: 20 } });
  });

  it("--remove-route 2 takes the fallback away", async () => {
    await run(["profiles", "edit", "desk", "--add-route", "ssh://me@desk"]);
    const r = await run(["profiles", "edit", "desk", "--remove-route", "2"]);
    expect(r.code).toBe(0);
    expect(desk().routes).toEqual([]);
  });

  it("--move-route N --route-position M reorders the fallbacks and prints the new order", async () => {
    await run(["profiles", "edit", "desk", "--add-route", "ssh://me@desk"]);
    await run(["profiles", "edit", "desk", "--add-route", "ws://10.0.0.5:18789"]);
    const r = await run(["profiles", "edit", "desk", "--move-route", "3", "--route-position", "2"]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/ {2}2 {2}ws:\/\/10\.0\.0\.5:18789\n {2}3 {2}ssh me@desk/);
    expect((await run(["profiles", "edit", "desk", "--move-route", "3"])).err).toMatch(/--move-route N needs --route-position M/);
  });

  it("a target that is not a route is refused and nothing is saved", async () => {
    const before = fileText();
    const r = await run(["profiles", "edit", "desk", "--add-route", "me@desk"]);
    expect(r.code).not.toBe(0);
    expect(r.err + r.out).toMatch(/not a ws:\/\/, wss:\/\/, https:\/\/ URL or an ssh:\/\/.*nothing was changed/);
    expect(fileText()).toBe(before);
  });
});
