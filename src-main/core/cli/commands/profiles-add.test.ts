// `clawlink profiles add` in-process, as main.test.ts runs commands (issue 12): what connectAtStart is
// saved for each flag, and a mistyped URL refused naming the <target> argument with nothing saved.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { CliIO } from "../context.js";
import { main } from "../main.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

async function run(argv: string[]): Promise<{ code: number; err: string; dir: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clawlink-cli-add-"));
  dirs.push(dir);
  const err: string[] = [];
  const io: CliIO = { stdout: () => undefined, write: () => undefined, stderr: (l) => err.push(l), readStdin: async () => "", env: {} };
  const code = await main([...argv, "--config-dir", dir], io);
  return { code, err: err.join("\n"), dir };
}

/** The profiles as written to profiles.json, or none when the file was never written. */
function saved(dir: string): Array<{ id: string; kind: string; connectAtStart: boolean; direct?: { url: string } }> {
  const file = path.join(dir, "profiles.json");
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as { profiles: [] }).profiles : [];
}
const savedLab = (dir: string) => saved(dir).find((p) => p.id === "lab");

describe("clawlink profiles add: connect at start", () => {
  it.each([
    ["no flag", true, []],
    ["--connect-at-start", true, ["--connect-at-start"]],
    ["--no-connect-at-start", false, ["--no-connect-at-start"]],
  ])("%s → connectAtStart %s", async (_label, expected, flags) => {
    const r = await run(["profiles", "add", "lab", "ws://127.0.0.1:18789", ...flags]);
    expect(savedLab(r.dir)?.connectAtStart).toBe(expected);
  });

  it("both flags: a usage error, nothing saved", async () => {
    const r = await run(["profiles", "add", "lab", "ws://127.0.0.1:18789", "--connect-at-start", "--no-connect-at-start"]);
    expect(r.code).toBe(2);
    expect(savedLab(r.dir)).toBeUndefined();
  });
});

describe("clawlink profiles add: a mistyped URL", () => {
  it.each([
    ["htp:/oops", /^clawlink profiles: <target> "htp:\/oops" starts with "htp:"/],
    ["ftp://x", /^clawlink profiles: <target> The gateway speaks WebSocket/],
    ["ws//x", /^clawlink profiles: <target> "ws\/\/x" is missing the ":"/],
  ])("%s: exit 2 and an error naming <target>", async (url, message) => {
    const r = await run(["profiles", "add", "lab", url]);
    expect({ code: r.code, err: r.err.split("\n").at(-1) }).toEqual({ code: 2, err: expect.stringMatching(message) });
  });

  it("htp:/oops is not saved as an SSH target (or anything else)", async () => {
    const r = await run(["profiles", "add", "lab", "htp:/oops"]);
    expect(savedLab(r.dir)).toBeUndefined();
  });

  it("ws://127.0.0.1:18789 is saved as a direct URL, normalised by the store", async () => {
    const r = await run(["profiles", "add", "lab", "ws://127.0.0.1:18789"]);
    expect(savedLab(r.dir)?.direct?.url).toBe("ws://127.0.0.1:18789/");
  });
});
