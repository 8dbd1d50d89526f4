import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { errorClause, FileError, isSystemError, systemErrorWords } from "./system-error.js";

const errnoOf = async (fn: () => Promise<unknown>): Promise<Error> => {
  try {
    await fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected a failure");
};

describe("system errors in words", () => {
  it("a real ENOENT from Node is a system error", async () => {
    const e = await errnoOf(() => fs.open(path.join(os.tmpdir(), "no-such-dir-clawlink", ".profiles.json.tmp-3382"), "wx"));
    expect(isSystemError(e)).toBe(true);
  });
  it("names the file asked about instead of Node's temp file, and no errno code", async () => {
    const e = await errnoOf(() => fs.open(path.join(os.tmpdir(), "no-such-dir-clawlink", ".profiles.json.tmp-3382"), "wx"));
    const w = systemErrorWords(e, "/cfg");
    expect({ clause: w?.clause, raw: /ENOENT|tmp-3382|open '/.test(`${w?.clause} ${w?.fixHint}`) }).toEqual({ clause: "/cfg does not exist", raw: false });
  });
  it("permission denied says what to check", () => {
    const e = Object.assign(new Error("EACCES: permission denied, open '/x'"), { code: "EACCES", syscall: "open", path: "/x" });
    expect(systemErrorWords(e)).toEqual({ clause: "permission to use /x was denied", fixHint: "Check the owner and permissions of /x (`ls -ld`), or use another config folder with --config-dir." });
  });
  it("an unknown code still gets a sentence and a hint", () => {
    const e = Object.assign(new Error("EWHATEVER: x"), { code: "EWHATEVER", syscall: "rename" });
    expect(systemErrorWords(e)?.clause).toBe("the system refused it (EWHATEVER in rename)");
  });
  it("Clawlink's own errors keep their message", () => {
    expect(errorClause(new Error("No profile \"x\"."))).toBe('No profile "x".');
  });
  it("FileError: a sentence with the file, a fix hint, and the code kept for callers", () => {
    const cause = Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC", syscall: "write" });
    const e = new FileError("save", "/cfg/profiles.json", cause);
    expect({ message: e.message, hint: e.fixHint, code: e.code }).toEqual({
      message: "Could not save /cfg/profiles.json: the disk is full.",
      hint: "Free some space on the disk that holds /cfg/profiles.json, then try again.",
      code: "ENOSPC",
    });
  });
});

describe("a FileError is already worded", () => {
  it("is not worded twice: its clause is used as it is", () => {
    const e = new FileError("save", "/cfg/x.json", Object.assign(new Error("EROFS: read-only file system"), { code: "EROFS" }));
    expect({ system: isSystemError(e), clause: errorClause(e) }).toEqual({ system: false, clause: "/cfg/x.json is on a read-only file system" });
  });
});
