// Local mode with the real openclaw CLI on PATH: the default local profile reads the gateway's own
// config (port, token), says "no gateway is running on this machine" when nothing answers, starts
// `openclaw gateway` only because it was asked to (--start-local), connects, and stops that gateway again
// when the command ends.
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestGateway } from "./harness/gateway.js";

let gw: TestGateway;
const configDir = fs.mkdtempSync(path.join(os.tmpdir(), "clawlink-local-cfg-"));

beforeAll(async () => {
  // Start once to lay down a real config and state, then stop: from here on nothing listens.
  gw = await new TestGateway().start();
  await gw.signal("SIGTERM");
}, 180_000);
afterAll(async () => {
  await gw?.stop();
  fs.rmSync(configDir, { recursive: true, force: true });
});

const portOpen = (port: number) =>
  new Promise<boolean>((r) => {
    const s = net.connect({ host: "127.0.0.1", port }, () => (s.destroy(), r(true)));
    s.once("error", () => r(false));
  });

function run(args: string[]) {
  // cliEnv() carries no gateway token: the CLI must find it in the gateway's own config.
  const env: NodeJS.ProcessEnv = { ...gw.cliEnv(), PATH: `${path.dirname(gw.node)}:${process.env.PATH}` };
  const child = spawn(process.execPath, [path.resolve("bin/clawlink.mjs"), ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
  const lines: string[] = [];
  const err: string[] = [];
  readline.createInterface({ input: child.stdout }).on("line", (l) => lines.push(l));
  readline.createInterface({ input: child.stderr }).on("line", (l) => err.push(l));
  const exit = new Promise<number | null>((r) => child.on("exit", (c) => r(c)));
  const waitFor = async (pred: () => boolean, ms: number, what: string) => {
    const end = Date.now() + ms;
    while (!pred()) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}\nstdout:\n${lines.join("\n")}\nstderr:\n${err.join("\n")}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  return { child, lines, err, exit, waitFor };
}

describe("local mode", () => {
  it("no gateway running → says so; nothing is started without being asked", async () => {
    const r = run(["connect", "--json", "--batch", "--config-dir", configDir]);
    await r.waitFor(() => r.lines.some((l) => l.includes("no-local-gateway")), 30_000, "the no-local-gateway state");
    const line = JSON.parse(r.lines.find((l) => l.includes("no-local-gateway"))!) as { attention: { message: string; fixHint: string } };
    expect(line.attention.message).toBe(`No gateway is running on this machine (nothing answers at ws://127.0.0.1:${gw.port}).`);
    expect(line.attention.fixHint).toMatch(/openclaw CLI is installed/);
    await new Promise((res) => setTimeout(res, 2000));
    expect(await portOpen(gw.port)).toBe(false); // --batch and no --start-local: not started
    r.child.kill("SIGTERM");
    expect(await r.exit).toBe(0);
  });

  it("--start-local starts `openclaw gateway`, connects with the token from the gateway's config, and stops it at exit", async () => {
    const r = run(["connect", "--json", "--start-local", "--config-dir", configDir]);
    await r.waitFor(() => r.lines.some((l) => JSON.parse(l).state === "connected"), 120_000, "connected to the started gateway");
    const connected = JSON.parse(r.lines.find((l) => JSON.parse(l).state === "connected")!) as { connected: { authSource: string } };
    expect(connected.connected.authSource).toMatch(/gateway\.auth\.token/);
    expect(r.err.join("\n")).toMatch(/starting .*openclaw gateway/);
    expect(await portOpen(gw.port)).toBe(true);
    r.child.kill("SIGTERM");
    expect(await r.exit).toBe(0);
    expect(await portOpen(gw.port)).toBe(false);
  });
});
