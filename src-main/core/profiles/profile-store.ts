// profiles.json in the config dir: load → strip secrets → migrate → validate, then list/get/add/update/
// remove with every change written atomically. A file that cannot be used is never deleted and never
// silently overwritten: a corrupt or invalid one is moved aside (profiles.json.corrupt-<timestamp>), the
// store starts with the embedded default, and `loadReport.error` says what happened, where the old file
// went and what to do; a file from a newer Clawlink is left in place and the store is read-only.
import fsp from "node:fs/promises";
import path from "node:path";
import { errorClause } from "../log/system-error.js";
import { parseDirectUrl } from "../transport/direct-url.js";
import { writeFileAtomic } from "./atomic-write.js";
import {
  PROFILES_FILE_VERSION,
  newProfileUid,
  ProfileSchema,
  ProfilesFileSchema,
  defaultProfilesFile,
  formatIssues,
  nameKey,
  parseProfilesFile,
  stripSecrets,
  uniqueSlug,
  type Profile,
  type ProfileInput,
  type ProfilesFile,
} from "./profile-schema.js";

export const PROFILES_FILE_NAME = "profiles.json";

export interface ProfileStoreError {
  kind: "corrupt" | "invalid" | "newer-version" | "unreadable";
  /** What happened, for a person; names the fields that are wrong. */
  message: string;
  /** Every problem found, one line each (`profiles[2].ssh.remotePort: must be a port number 1-65535`). */
  details: string[];
  fixHint: string;
  /** The file that was read. */
  path: string;
  /** Where the unusable file was moved (kept, never deleted). */
  movedTo?: string;
}

export interface LoadReport {
  error?: ProfileStoreError;
  /** Things fixed on load that a person should know (secrets removed from the file). */
  warnings: string[];
  /** Migrations applied (the migrated file was written back). */
  migrated: string[];
  /** True when there was no file and the embedded default is in use. */
  usingDefaults: boolean;
}

/** A refused change, with a message that names the field. */
export class ProfileError extends Error {
  constructor(
    message: string,
    readonly fixHint?: string,
  ) {
    super(message);
    this.name = "ProfileError";
  }
}

export interface ProfileStoreOptions {
  now?: () => Date;
  /** Seam for crash tests; production uses writeFileAtomic. */
  write?: (file: string, data: string) => Promise<void>;
}

export type NewProfile = Omit<ProfileInput, "id" | "uid" | "legacyKeychainId"> & { id?: string };
/** The uid keys the profile's keychain entries: no edit may change it (rename keeps the secrets). */
export type ProfilePatch = Partial<Omit<ProfileInput, "id" | "uid" | "legacyKeychainId">>;

export class ProfileStore {
  private file: ProfilesFile;
  private readonly readOnlyReason?: string;
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly path: string,
    file: ProfilesFile,
    readonly loadReport: LoadReport,
    private readonly write: (file: string, data: string) => Promise<void>,
  ) {
    this.file = file;
    if (loadReport.error && !loadReport.error.movedTo) this.readOnlyReason = loadReport.error.message;
  }

  static async open(configDir: string, opts: ProfileStoreOptions = {}): Promise<ProfileStore> {
    const file = path.join(configDir, PROFILES_FILE_NAME);
    const write = opts.write ?? ((f: string, d: string) => writeFileAtomic(f, d));
    const now = opts.now ?? (() => new Date());
    const report: LoadReport = { warnings: [], migrated: [], usingDefaults: false };
    const defaults = (): ProfileStore => {
      report.usingDefaults = true;
      return new ProfileStore(file, defaultProfilesFile(), report, write);
    };

    let text: string;
    try {
      text = await fsp.readFile(file, "utf8");
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return defaults();
      // Unreadable (permissions, a directory in its place): we cannot judge it, so we must not replace it.
      report.error = {
        kind: "unreadable",
        message: `${file} could not be read (${errorClause(e, file)}).`,
        details: [],
        fixHint: `Check the file's permissions. Until then Clawlink uses the default profile and will not save changes.`,
        path: file,
      };
      return defaults();
    }

    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (e) {
      const detail = (e as Error).message;
      return ProfileStore.moveAside(file, now(), report, { kind: "corrupt", message: `${PROFILES_FILE_NAME} is not valid JSON (${detail}).`, details: [detail] }, defaults);
    }

    const parsed = parseProfilesFile(raw);
    report.warnings.push(...parsed.warnings);
    if (!parsed.ok) {
      if (parsed.kind === "newer-version") {
        report.error = {
          kind: "newer-version",
          message: `${PROFILES_FILE_NAME} ${parsed.messages[0]}.`,
          details: parsed.messages,
          fixHint: "Update Clawlink. The file was left as it is; until then the default profile is used and changes are not saved.",
          path: file,
        };
        return defaults();
      }
      return ProfileStore.moveAside(
        file,
        now(),
        report,
        { kind: "invalid", message: `${PROFILES_FILE_NAME} has errors: ${parsed.messages.join("; ")}`, details: parsed.messages },
        defaults,
      );
    }

    const store = new ProfileStore(file, parsed.file, report, write);
    report.migrated = parsed.applied;
    // A migrated file is written back at once (so the next start needs no migration), and a file that
    // held secrets is rewritten so the plaintext secret leaves the disk now, not at the next edit.
    if (parsed.applied.length > 0 || parsed.warnings.length > 0) {
      try {
        await store.persist(store.file);
      } catch (e) {
        report.warnings.push(`${PROFILES_FILE_NAME} could not be rewritten after loading (${errorClause(e, file)}); it will be on the next change.`);
      }
    }
    return store;
  }

  private static async moveAside(
    file: string,
    at: Date,
    report: LoadReport,
    problem: Pick<ProfileStoreError, "kind" | "message" | "details">,
    defaults: () => ProfileStore,
  ): Promise<ProfileStore> {
    const stamp = at.toISOString().replace(/[:.]/g, "-");
    let target = `${file}.corrupt-${stamp}`;
    for (let n = 2; await exists(target); n++) target = `${file}.corrupt-${stamp}-${n}`;
    try {
      await fsp.rename(file, target);
    } catch (e) {
      // Could not move it: keep it where it is and refuse to save, so it is not overwritten either.
      report.error = {
        ...problem,
        fixHint: `The file could not be moved aside (${errorClause(e, file)}). Clawlink uses the default profile and will not save changes until ${file} is fixed or removed.`,
        path: file,
      };
      return defaults();
    }
    report.error = {
      ...problem,
      fixHint: `Your previous profiles were kept in ${target}. Clawlink started with the default profile; fix that file and move it back to ${file}, or add your profiles again.`,
      path: file,
      movedTo: target,
    };
    return defaults();
  }

  list(): Profile[] {
    return this.file.profiles.map(clone);
  }

  /** By id, or by name (case-insensitive) because people type names on the command line. */
  get(idOrName: string): Profile | undefined {
    const p = this.file.profiles.find((x) => x.id === idOrName) ?? this.file.profiles.find((x) => nameKey(x.name) === nameKey(idOrName));
    return p ? clone(p) : undefined;
  }

  /**
   * `opts.uid` only for an import that already wrote the keychain entries under a uid it made fresh
   * (profile-import.ts); anything in `input` is ignored, so no caller can pick up an old profile's uid.
   */
  add(input: NewProfile, opts: { uid?: string; at?: number } = {}): Promise<Profile> {
    return this.serial(async () => {
      const id = input.id ?? uniqueSlug(input.name ?? "gateway", this.file.profiles.map((p) => p.id));
      // A new profile always gets a new uid, whatever it is named: it must never find a removed profile's secrets.
      const { uid: _ignored, legacyKeychainId: _marker, ...rest } = input as NewProfile & { uid?: unknown; legacyKeychainId?: unknown };
      let uid = opts.uid ?? newProfileUid();
      if (opts.uid && this.file.profiles.some((p) => p.uid === opts.uid)) throw new ProfileError("uid: already used by another profile");
      while (this.file.profiles.some((p) => p.uid === uid)) uid = newProfileUid();
      const profile = this.check({ ...rest, id, uid });
      if (this.file.profiles.some((p) => p.id === profile.id))
        throw new ProfileError(`id: "${profile.id}" is already used by another profile`, "Pick another id, or leave it out to get one made from the name.");
      this.checkNameFree(profile.name);
      // `at`: where in the order (duplicate puts the copy next to its original); default last.
      const profiles = [...this.file.profiles];
      profiles.splice(opts.at ?? profiles.length, 0, profile);
      await this.commit({ ...this.file, profiles });
      return clone(profile);
    });
  }

  update(id: string, patch: ProfilePatch): Promise<Profile> {
    return this.serial(async () => {
      const i = this.file.profiles.findIndex((p) => p.id === id);
      if (i < 0) throw new ProfileError(`No profile with id "${id}".`, "List profiles with `clawlink profiles list`.");
      const current = this.file.profiles[i]!;
      // Changing the kind drops the old kind's section, otherwise the result would be ambiguous.
      const base: Record<string, unknown> = { ...current };
      if (patch.kind && patch.kind !== current.kind) delete base[current.kind];
      const { uid: _u, legacyKeychainId: _l, ...safe } = patch as ProfilePatch & { uid?: unknown; legacyKeychainId?: unknown };
      const next = this.check({ ...base, ...safe, id, uid: current.uid });
      if (nameKey(next.name) !== nameKey(current.name)) this.checkNameFree(next.name);
      const profiles = [...this.file.profiles];
      profiles[i] = next;
      await this.commit({ ...this.file, profiles });
      return clone(next);
    });
  }

  /**
   * Moves a profile to position `to` (0-based, clamped to the list) in one atomic write; the order is what
   * `profiles list`, the app's gateway list and the tray show. Resolves the new order of ids.
   */
  move(id: string, to: number): Promise<string[]> {
    return this.serial(async () => {
      const i = this.file.profiles.findIndex((p) => p.id === id);
      if (i < 0) throw new ProfileError(`No profile with id "${id}".`, "List profiles with `clawlink profiles list`.");
      const profiles = [...this.file.profiles];
      const [p] = profiles.splice(i, 1);
      profiles.splice(Math.max(0, Math.min(to, profiles.length)), 0, p!);
      if (profiles.some((x, n) => x.id !== this.file.profiles[n]!.id)) await this.commit({ ...this.file, profiles });
      return profiles.map((x) => x.id);
    });
  }

  /** After its keychain entries were moved to the uid (keychain-migration.ts). */
  clearLegacyKeychainId(id: string): Promise<void> {
    return this.serial(async () => {
      const i = this.file.profiles.findIndex((p) => p.id === id);
      if (i < 0 || this.file.profiles[i]!.legacyKeychainId === undefined) return;
      const { legacyKeychainId: _done, ...rest } = this.file.profiles[i]!;
      const profiles = [...this.file.profiles];
      profiles[i] = rest;
      await this.commit({ ...this.file, profiles });
    });
  }

  /** Resolves the removed profile (its keychain entries are the caller's to delete: profile-keychain.ts). */
  remove(id: string): Promise<Profile | undefined> {
    return this.serial(async () => {
      const p = this.file.profiles.find((x) => x.id === id);
      if (!p) return undefined;
      await this.commit({ ...this.file, profiles: this.file.profiles.filter((x) => x.id !== id) });
      return clone(p);
    });
  }

  /** Validates one profile; messages name the field relative to the profile (`ssh.remotePort: …`). */
  private check(candidate: unknown): Profile {
    const stripped = stripSecrets(candidate);
    if (stripped.removed.length > 0)
      throw new ProfileError(
        `Secrets cannot be stored in a profile: ${stripped.removed.map((m) => m.split(":")[0]).join(", ")}.`,
        "Store tokens and passwords in the keychain (`clawlink secret set <profile> token`), not in the profile.",
      );
    const r = ProfileSchema.safeParse(candidate);
    if (!r.success) throw new ProfileError(formatIssues(r.error).join("; "));
    const p = r.data;
    // Store the normalised URL (http→ws, default port) so what is shown is what is dialled.
    if (p.direct) {
      const u = parseDirectUrl(p.direct.url);
      if (u.ok) p.direct = { url: u.value.url };
    }
    if (p.ssh) p.ssh = { ...p.ssh, target: p.ssh.target.trim() };
    return { ...p, name: p.name.trim() };
  }

  private checkNameFree(name: string): void {
    if (this.file.profiles.some((p) => nameKey(p.name) === nameKey(name)))
      throw new ProfileError(`name: "${name.trim()}" is already used by another profile`, "Profile names must be unique; pick another name.");
  }

  private async commit(next: ProfilesFile): Promise<void> {
    if (this.readOnlyReason) throw new ProfileError(`Changes are not saved: ${this.readOnlyReason}`, this.loadReport.error?.fixHint);
    // Whole-file validation as the last guard: a bug above must not write a file the next start rejects.
    const r = ProfilesFileSchema.safeParse(next);
    if (!r.success) throw new ProfileError(formatIssues(r.error).join("; "));
    await this.persist(r.data);
    this.file = r.data;
    this.loadReport.usingDefaults = false;
  }

  private async persist(file: ProfilesFile): Promise<void> {
    await fsp.mkdir(path.dirname(this.path), { recursive: true, mode: 0o700 });
    const body: ProfilesFile = { version: PROFILES_FILE_VERSION, profiles: file.profiles };
    await this.write(this.path, `${JSON.stringify(body, null, 2)}\n`);
  }

  /** One change at a time: two quick edits must not interleave read-modify-write. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

function clone<T>(v: T): T {
  return structuredClone(v);
}

async function exists(p: string): Promise<boolean> {
  try {
    await fsp.lstat(p);
    return true;
  } catch {
    return false;
  }
}
