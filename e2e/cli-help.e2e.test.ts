// `clawlink <command> --help` and `-h` on the real built binary (bin/clawlink.mjs → out/cli), as a child
// process: exit 0, that command's own usage on stdout, and nothing started. "Nothing started" is
// observed from outside: a TCP listener given as the target sees no connection, the --config-dir given
// is never created (every command opens it first: log file, keychain, profiles), and serve prints no URL.
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const BIN = path.resolve("bin/clawlink.mjs");
const root = fs.mkdtempSync(path.join(os.tmpdir(), "clawlink-help-e2e-"));
let listener: net.Server;
let port = 0;
let accepted = 0;

beforeAll(async () => {
  expect(fs.existsSync(path.resolve("out/cli/clawlink.mjs")), "run `npm run build` before the e2e tests").toBe(true);
  listener = net.createServer((s) => {
    accepted++;
    s.destroy();
  });
  await new Promise<void>((r) => listener.listen(0, "127.0.0.1", r));
  port = (listener.address() as net.AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((r) => listener.close(() => r()));
  fs.rmSync(root, { recursive: true, force: true });
});

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, HOME: root }, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  // A command that started (connect, serve) would run until killed: 10 s is far beyond a help text.
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  return new Promise((resolve) =>
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    }),
  );
}

// Each command with a real-looking invocation in front of the help flag, so help has to win over it.
const CASES: Array<[string, string[], RegExp]> = [
  ["connect", ["ws://127.0.0.1:PORT", "--json"], /^usage: clawlink connect \[target\]/],
  ["serve", ["--port", "0"], /^usage: clawlink serve /],
  ["chat", ["ws://127.0.0.1:PORT", "--message", "hi"], /^usage: clawlink chat \[target\] --message TEXT/],
  ["secret", ["set", "home", "token"], /^usage: printf %s "\$TOKEN" \| clawlink secret set <profile> token/],
  ["profiles", ["add", "x", "ws://127.0.0.1:PORT"], /^usage: clawlink profiles \[list\]/],
  ["probe", ["ws://127.0.0.1:PORT"], /^usage: clawlink probe \[target\]/],
];

describe("every subcommand answers --help and -h as a child process", () => {
  for (const [cmd, rest, usage] of CASES) {
    for (const h of ["--help", "-h"]) {
      it(`clawlink ${cmd} ${h}: exit 0, its own usage, nothing started`, async () => {
        const cfg = path.join(root, `cfg-${cmd}${h}`);
        const before = accepted;
        const r = await run([cmd, ...rest.map((a) => a.replace("PORT", String(port))), h, "--config-dir", cfg]);
        expect(r.code, r.stderr).toBe(0);
        expect(r.stdout).toMatch(usage);
        expect(r.stdout).toContain("-h, --help");
        expect(r.stderr).toBe("");
        expect(r.stdout).not.toContain("Open this URL");
        expect(fs.existsSync(cfg), "the config dir was opened").toBe(false);
        expect(accepted - before, "the target was contacted").toBe(0);
      });
    }
  }

  it("clawlink help connect prints the connect usage", async () => {
    const r = await run(["help", "connect"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^usage: clawlink connect /);
  });
});
