// Why exists: the small JSON files in the config dir (the outbox, the notification settings) are read
// the same way — a missing file is normal, an unreadable one is reported, and one that is not JSON or not
// of the expected shape is moved aside (<file>.corrupt-<time>, never deleted) so the next write starts
// fresh while a person can still look at what was there. Each caller only words what happened.
import fs from "node:fs/promises";
import type { z } from "zod";

export type JsonFileRead<T> =
  | { kind: "ok"; value: T }
  | { kind: "missing" }
  /** The file exists but could not be read (EACCES, EISDIR, ...). */
  | { kind: "unreadable"; code: string }
  /** Not JSON, or not of the schema's shape: moved to `movedTo`, or left in place (null) when it could not be moved. */
  | { kind: "set-aside"; why: "is not valid JSON" | "has the wrong shape"; movedTo: string | null };

/** A schema, or a function that builds it: called only once there is a file to check, so a caller whose file
 *  is usually missing (the outbox) loads zod only when it has one (issue 15, benchmark 7's idle RSS). */
export type JsonFileSchema<T> = z.ZodType<T> | (() => Promise<z.ZodType<T>>);

export async function readJsonFile<T>(file: string, schema: JsonFileSchema<T>): Promise<JsonFileRead<T>> {
  let text: string;
  try {
    text = await fs.readFile(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? "error";
    return code === "ENOENT" ? { kind: "missing" } : { kind: "unreadable", code };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { kind: "set-aside", why: "is not valid JSON", movedTo: await moveAside(file) };
  }
  const r = (typeof schema === "function" ? await schema() : schema).safeParse(parsed);
  if (!r.success) return { kind: "set-aside", why: "has the wrong shape", movedTo: await moveAside(file) };
  return { kind: "ok", value: r.data };
}

async function moveAside(file: string): Promise<string | null> {
  const target = `${file}.corrupt-${new Date().toISOString().replace(/[:.]/g, "-")}`;
  try {
    await fs.rename(file, target);
    return target;
  } catch {
    return null;
  }
}
