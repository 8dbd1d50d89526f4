// In-process check of the command table: every subcommand answers --help and -h with its own usage and
// exit 0 before it opens anything (the config dir given does not exist afterwards). The built binary is
// checked the same way as a child process in e2e/cli-help.e2e.test.ts.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { CliIO } from "./context.js";
import { COMMANDS, main } from "./main.js";

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { stdout: (l) => out.push(l), write: (t) => out.push(t), stderr: (l) => err.push(l), readStdin: async () => "", env: {} };
  const code = await main(argv, io);
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("clawlink <command> --help", () => {
  const names = Object.keys(COMMANDS);
  it("covers every command", () => expect(names.sort()).toEqual(["approvals", "chat", "connect", "discover", "identity", "probe", "profiles", "secret", "serve", "sessions", "trust"]));

  it.each(names.flatMap((n) => [[n, "--help"], [n, "-h"]]))("%s %s: exit 0, its own usage, nothing opened", async (name, h) => {
    const dir = path.join(os.tmpdir(), `clawlink-help-${process.pid}-${name}-${h}`);
    const r = await run([name, "home", h, "--config-dir", dir]);
    expect(r.code).toBe(0);
    expect(r.out).toBe(COMMANDS[name]!.usage);
    expect(r.out.split("\n")[0]).toContain(`clawlink ${name}`);
    expect(r.err).toBe("");
    expect(fs.existsSync(dir)).toBe(false);
  });

  it("`clawlink help <command>` prints the same usage", async () => {
    expect(await run(["help", "secret"])).toEqual({ code: 0, out: COMMANDS.secret!.usage, err: "" });
  });

  it("a --help after -- is an argument, not a help request", async () => {
    const r = await run(["secret", "--", "--help"]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^clawlink secret: usage:/);
  });
});
