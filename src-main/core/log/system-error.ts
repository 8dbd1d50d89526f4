// Errors from the operating system (Node's errno errors: ENOENT, EACCES, ENOSPC, …) as sentences a person
// can act on (issue 12: "Errors reach the user as sentences with a fix hint, never as a raw `ENOENT: …
// open '…tmp-3382'`"). Node's own text names a syscall and, for an atomic save, a temp file the person
// never made; here the words say what was being done, to which file, what went wrong and what to do.
// One table for every face: the host's failed calls (host-call.ts), the CLI, and the files the core
// writes (atomic-write.ts) and reads (profile-store.ts).

export interface SystemErrorLike {
  code: string;
  syscall?: string;
  path?: string;
}

/** An errno error from Node (a string code like ENOENT), not one of Clawlink's own. */
export function isSystemError(e: unknown): e is Error & SystemErrorLike {
  const code = (e as { code?: unknown } | null)?.code;
  // A FileError keeps the code for callers but is already worded.
  return e instanceof Error && !(e instanceof FileError) && typeof code === "string" && /^E[A-Z0-9]+$/.test(code);
}

interface Words {
  /** What went wrong, as a clause ("the folder … does not exist"). */
  what: (where: string) => string;
  fix: (where: string) => string;
}

const WORDS: Record<string, Words> = {
  ENOENT: { what: (w) => `${w} does not exist`, fix: () => "Check that the folder exists and was not moved or removed while Clawlink was running (restarting Clawlink creates its config folder again)." },
  EACCES: { what: (w) => `permission to use ${w} was denied`, fix: (w) => `Check the owner and permissions of ${w} (\`ls -ld\`), or use another config folder with --config-dir.` },
  EPERM: { what: (w) => `the system did not permit changing ${w}`, fix: (w) => `Check the owner and permissions of ${w} (\`ls -ld\`); another program may hold it.` },
  ENOSPC: { what: () => "the disk is full", fix: (w) => `Free some space on the disk that holds ${w}, then try again.` },
  EDQUOT: { what: () => "the disk quota is used up", fix: (w) => `Free some space in your quota on the disk that holds ${w}, then try again.` },
  EROFS: { what: (w) => `${w} is on a read-only file system`, fix: () => "Use a writable config folder (--config-dir), or remount the file system read-write." },
  EISDIR: { what: (w) => `${w} is a folder, where a file was expected`, fix: (w) => `Move the folder ${w} out of the way, then try again.` },
  ENOTDIR: { what: (w) => `part of the path ${w} is a file, where a folder was expected`, fix: () => "Move that file out of the way, then try again." },
  EEXIST: { what: (w) => `${w} already exists`, fix: (w) => `Move ${w} out of the way, then try again.` },
  EMFILE: { what: () => "too many files are open in Clawlink", fix: () => "Restart Clawlink; if it happens again, raise the open-file limit (`ulimit -n`) and export diagnostics." },
  ENFILE: { what: () => "the system has too many files open", fix: () => "Close some programs, then try again." },
  EBUSY: { what: (w) => `${w} is in use by another program`, fix: () => "Close the program that holds it, then try again." },
  EIO: { what: (w) => `the disk reported an input/output error on ${w}`, fix: () => "Check the disk (its health, a removed USB drive or network share), then try again." },
};

/** What the error is about in words: the given file, else the path Node names, else "a file". */
function whereOf(e: SystemErrorLike, file?: string): string {
  return file ?? (e.path ? e.path : "a file");
}

/** The clause and the hint for an errno error; null for anything else. */
export function systemErrorWords(e: unknown, file?: string): { clause: string; fixHint: string } | null {
  if (!isSystemError(e)) return null;
  const where = whereOf(e, file);
  const w = WORDS[e.code];
  if (w) return { clause: w.what(where), fixHint: w.fix(where) };
  return { clause: `the system refused it (${e.code}${e.syscall ? ` in ${e.syscall}` : ""})`, fixHint: "Try again; if it keeps happening, export diagnostics and report it." };
}

/** An error's own words for a person: an errno error as its clause, anything else as its message. */
export function errorClause(e: unknown, file?: string): string {
  if (e instanceof FileError) return e.clause;
  return systemErrorWords(e, file)?.clause ?? (e instanceof Error ? e.message : String(e));
}

/** A failed save or read of a file Clawlink keeps, worded for a person (the errno code stays on `code`). */
export class FileError extends Error {
  readonly code: string;
  readonly fixHint: string;
  /** What went wrong, as a clause, for a caller that says what it was doing itself. */
  readonly clause: string;
  constructor(
    readonly action: "save" | "read",
    readonly file: string,
    cause: Error & SystemErrorLike,
    /** The place to name, when it is not the file itself (its missing folder). */
    where?: string,
  ) {
    const w = systemErrorWords(cause, where ?? file)!;
    super(`Could not ${action} ${file}: ${w.clause}.`, { cause });
    this.name = "FileError";
    this.code = cause.code;
    this.clause = w.clause;
    this.fixHint = w.fixHint;
  }
}
