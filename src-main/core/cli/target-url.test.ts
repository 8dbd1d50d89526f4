// A mistyped URL given as the target of probe/connect/chat (issue 12) is refused as a URL, naming the
// <target> argument, before anything is dialled; it used to read as an unknown profile name.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { CliIO } from "./context.js";
import { main } from "./main.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

async function run(argv: string[]): Promise<{ code: number; err: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clawlink-cli-target-"));
  dirs.push(dir);
  const err: string[] = [];
  const io: CliIO = { stdout: () => undefined, write: () => undefined, stderr: (l) => err.push(l), readStdin: async () => "", env: {} };
  const code = await main([...argv, "--config-dir", dir], io);
  return { code, err: err.join("\n") };
}

describe("clawlink probe <mistyped URL>", () => {
  it.each([
    ["htp:/oops", /<target> "htp:\/oops" starts with "htp:"/],
    ["ftp://x", /<target> The gateway speaks WebSocket \(ws:\/\/ or wss:\/\/\), not ftp:\/\//],
    ["ws//x", /<target> "ws\/\/x" is missing the ":" after ws/],
  ])("%s: exit 2, naming <target>", async (target, message) => {
    const r = await run(["probe", target]);
    expect({ code: r.code, err: r.err }).toEqual({ code: 2, err: expect.stringMatching(message) });
  });

  it("a name that is no URL still reads as a missing profile", async () => {
    const r = await run(["probe", "no-such-profile"]);
    expect(r.err).toMatch(/no profile named "no-such-profile"/);
  });
});
