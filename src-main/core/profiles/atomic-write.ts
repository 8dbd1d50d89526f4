// Replaces a file so that a crash, a full disk or a power cut at any moment leaves either the old file
// or the new one, never a truncated mix: write a temp file in the same directory (rename is atomic only
// within one file system), fsync it so its bytes are on disk before the name points at them, rename it
// over the target, then fsync the directory so the rename itself survives a power cut.
import { randomBytes } from "node:crypto";
import fsp from "node:fs/promises";
import path from "node:path";
import { FileError, isSystemError } from "../log/system-error.js";

export interface AtomicWriteOptions {
  /** File mode for a new file; 0600 by default (profiles say where a person's machines are). */
  mode?: number;
  /** Seam for tests that simulate a failure at the last step; production uses fs.rename. */
  rename?: (from: string, to: string) => Promise<void>;
}

export async function writeFileAtomic(file: string, data: string, opts: AtomicWriteOptions = {}): Promise<void> {
  const dir = path.dirname(file);
  const tmp = path.join(dir, `.${path.basename(file)}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`);
  const rename = opts.rename ?? fsp.rename;
  let fh: fsp.FileHandle | undefined;
  try {
    fh = await fsp.open(tmp, "wx", opts.mode ?? 0o600);
    await fh.writeFile(data, "utf8");
    await fh.sync();
    await fh.close();
    fh = undefined;
    await rename(tmp, file);
  } catch (e) {
    await fh?.close().catch(() => undefined);
    // The temp file is ours and incomplete or unneeded: remove it so failures leave no litter.
    await fsp.rm(tmp, { force: true }).catch(() => undefined);
    // In words, naming the file being saved (or its missing folder), never Node's "open '….tmp-3382'".
    if (isSystemError(e)) throw new FileError("save", file, e, e.code === "ENOENT" ? `the folder ${dir}` : undefined);
    throw e;
  }
  await fsyncDir(dir);
}

/** Best effort: Windows cannot open a directory for fsync, and some file systems refuse it. */
async function fsyncDir(dir: string): Promise<void> {
  if (process.platform === "win32") return;
  let dh: fsp.FileHandle | undefined;
  try {
    dh = await fsp.open(dir, "r");
    await dh.sync();
  } catch {
    // The rename already happened; a directory that cannot be fsynced is no reason to report failure.
  } finally {
    await dh?.close().catch(() => undefined);
  }
}
