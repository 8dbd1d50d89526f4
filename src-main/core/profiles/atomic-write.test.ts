// The issue-12 symptom itself: an atomic save whose folder is gone used to surface as Node's
// "ENOENT: no such file or directory, open '….profiles.json.tmp-3382-…'"; it now names the file being
// saved and its missing folder, with a fix, and keeps the errno code for callers.
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { FileError } from "../log/system-error.js";
import { writeFileAtomic } from "./atomic-write.js";

describe("writeFileAtomic failures in words", () => {
  const dir = path.join(os.tmpdir(), `clawlink-gone-${process.pid}-${Date.now()}`);
  const file = path.join(dir, "profiles.json");
  it("a missing folder: the file and its folder are named, not the temp file or ENOENT", async () => {
    const e = await writeFileAtomic(file, "{}").then(() => null, (x: unknown) => x as FileError);
    expect({ type: e?.constructor.name, message: e?.message, code: e?.code, raw: /ENOENT|tmp-/.test(`${e?.message} ${e?.fixHint}`) }).toEqual({
      type: "FileError",
      message: `Could not save ${file}: the folder ${dir} does not exist.`,
      code: "ENOENT",
      raw: false,
    });
  });
});
