// Issue 12: an errno error that reaches the CLI's top level is printed as a sentence with its fix, not
// Node's "ENOTDIR: not a directory, mkdir '…'" and a stack trace. Run in-process through main().
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

describe("the CLI words errno errors", () => {
  it("a config dir below a file: a sentence naming the path and a fix, exit 1", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clawlink-cli-errno-"));
    dirs.push(dir);
    const blocker = path.join(dir, "not-a-folder");
    fs.writeFileSync(blocker, "");
    const err: string[] = [];
    const io: CliIO = { stdout: () => undefined, write: () => undefined, stderr: (l) => err.push(l), readStdin: async () => "", env: {} };
    const code = await main(["profiles", "add", "lab", "ws://127.0.0.1:18789", "--config-dir", path.join(blocker, "cfg")], io);
    const text = err.join("\n");
    expect({ code, sentence: /^clawlink profiles: .+\. .+/.test(text), raw: /ENOTDIR|EEXIST|ENOENT|mkdir '|open '/.test(text) }).toEqual({ code: 1, sentence: true, raw: false });
  });
});
