// The shape of profiles.json: one entry per gateway Clawlink can reach. The file is versioned so a later
// Clawlink can change the shape without breaking a person's setup: every older shape has a migration that
// lifts it one version, and the result is validated with messages that name the offending field
// ("profiles[2].ssh.remotePort: must be a port number 1-65535"), because "invalid config" alone sends
// people hunting. The file never holds a secret: those live in the keychain (profile-secrets.ts), and
// anything secret-looking found on load is removed with a message rather than trusted.
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { DEFAULT_GATEWAY_PORT } from "../../../src-shared/gateway-port.js";
import { parseDirectUrl } from "../transport/direct-url.js";
import { parseTargetSyntax } from "../transport/ssh-target.js";

export const PROFILES_FILE_VERSION = 2;

/** zod calls this for a wrong type, a missing value and a failed check alike; a missing field says so. */
const msg = (text: string) => (iss: { input?: unknown }) => (iss.input === undefined ? "is required" : text);

const PORT_MSG = "must be a port number 1-65535";
const port = z.int({ error: msg(PORT_MSG) }).min(1, { error: PORT_MSG }).max(65535, { error: PORT_MSG });

/** Stable, readable ids (`home-desktop`): they appear in keychain entries, CLI arguments and logs. */
export const PROFILE_ID_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
const ID_MSG = "must be a slug: lowercase letters, digits and dashes, 1-64 characters, e.g. home-desktop";

/**
 * The key of every keychain entry of one profile (issue 10): random, made once when the profile is
 * created, kept through renames and edits, never reused. The readable `id` is a slug of the name, so a
 * removed "home" and a new "home" share an id; they never share a uid, so the new one never inherits
 * the old one's device token, pin or passwords.
 */
export const PROFILE_UID_PATTERN = /^[0-9a-f]{32}$/;
const UID_MSG = "must be 32 lowercase hex characters (made by Clawlink; do not edit)";
export function newProfileUid(): string {
  return randomBytes(16).toString("hex");
}
/**
 * The embedded default "This machine" profile is never written until edited, so its uid cannot be
 * random (each start would lose its device token); it is this fixed value, and a profile a person adds
 * always gets a random one.
 */
export const DEFAULT_LOCAL_UID = "0".repeat(32);

const LocalSection = z.strictObject({ port: port.optional() });

const SshSection = z.strictObject({
  target: z.string({ error: msg("must be an SSH target: user@host[:port] or a Host alias from ~/.ssh/config") }),
  identityFile: z.string({ error: msg("must be a path to a private key file") }).min(1, { error: "must not be empty" }).optional(),
  remotePort: port.default(DEFAULT_GATEWAY_PORT),
  /**
   * The person's choice of local end for the forward (the tunnel falls back to a free port when it is taken).
   * No default: 18789 is where this machine's own gateway listens, and a forward there impersonates it.
   */
  localPort: port.optional(),
  /** Unset localPort: the free port Clawlink picked on first connect, kept so bookmarks and Control UI links stay stable. */
  rememberedLocalPort: port.optional(),
  keepaliveIntervalS: z
    .int({ error: msg("must be a whole number of seconds 0-3600 (0 turns keepalive off)") })
    .min(0, { error: "must be a whole number of seconds 0-3600 (0 turns keepalive off)" })
    .max(3600, { error: "must be a whole number of seconds 0-3600 (0 turns keepalive off)" })
    .optional(),
  keepaliveCountMax: z
    .int({ error: msg("must be a whole number 1-100") })
    .min(1, { error: "must be a whole number 1-100" })
    .max(100, { error: "must be a whole number 1-100" })
    .optional(),
});

const DirectSection = z.strictObject({
  url: z.string({ error: msg("must be a ws://, wss://, http:// or https:// URL") }),
});

/**
 * Issue 13 §3: further ways to the same gateway, tried in order after the profile's own endpoint (which
 * stays route 1, so every older file reads as one route). Each is an SSH or a direct section as above.
 */
const RouteSection = z.union([z.strictObject({ ssh: SshSection }), z.strictObject({ direct: DirectSection })], {
  error: 'must be { "ssh": { "target": … } } or { "direct": { "url": … } }',
});
const RETURN_MSG = "must be a whole number of seconds 5-3600";
const FailoverSection = z.strictObject({
  /** While on a fallback route: how often the preferred ones are probed (so it returns within about this). */
  returnCheckS: z.int({ error: msg(RETURN_MSG) }).min(5, { error: RETURN_MSG }).max(3600, { error: RETURN_MSG }).optional(),
});

const AuthSection = z.strictObject({
  mode: z.enum(["token", "password", "none", "device-only"], { error: msg('must be one of "token", "password", "none", "device-only"') }),
});

export const ProfileSchema = z
  .strictObject({
    id: z.string({ error: msg(ID_MSG) }).regex(PROFILE_ID_PATTERN, { error: ID_MSG }),
    uid: z.string({ error: msg(UID_MSG) }).regex(PROFILE_UID_PATTERN, { error: UID_MSG }),
    /**
     * Set by the v1 → v2 migration only: the old id whose keychain entries (keyed by id in v1) still have
     * to be moved to this uid (keychain-migration.ts); removed once they are.
     */
    legacyKeychainId: z.string({ error: msg(ID_MSG) }).regex(PROFILE_ID_PATTERN, { error: ID_MSG }).optional(),
    name: z
      .string({ error: msg("must be a non-empty name") })
      .refine((s) => s.trim().length > 0, { error: "must be a non-empty name" })
      .refine((s) => s.length <= 80, { error: "must be at most 80 characters" }),
    kind: z.enum(["local", "ssh", "direct"], { error: msg('must be one of "local", "ssh", "direct"') }),
    connectAtStart: z.boolean({ error: msg("must be true or false") }).default(false),
    auth: AuthSection.default({ mode: "token" }),
    /** Set by import: the profile may fall back to gateway.remote.* from openclaw.json (credentials.ts). */
    importedFrom: z.literal("openclaw.json", { error: msg('must be "openclaw.json" when present') }).optional(),
    local: LocalSection.optional(),
    ssh: SshSection.optional(),
    direct: DirectSection.optional(),
    routes: z.array(RouteSection, { error: msg("must be a list of routes") }).max(7, { error: "must list at most 7 fallback routes" }).optional(),
    failover: FailoverSection.optional(),
  })
  .superRefine((p, ctx) => {
    if (p.kind === "local" && p.routes?.length) ctx.addIssue({ code: "custom", path: ["routes"], message: 'is not allowed when kind is "local" (this machine has one way in)' });
    p.routes?.forEach((r, i) => {
      if ("ssh" in r) checkSshTarget(r.ssh.target, ["routes", i, "ssh", "target"], ctx);
      else checkDirectUrl(r.direct.url, ["routes", i, "direct", "url"], ctx);
    });
    // The kind decides which section is read; a missing one is an error, a stray one is ambiguous.
    for (const section of ["local", "ssh", "direct"] as const) {
      if (p.kind === section && section !== "local" && p[section] === undefined)
        ctx.addIssue({ code: "custom", path: [section], message: `is required when kind is "${section}"` });
      if (p.kind !== section && p[section] !== undefined)
        ctx.addIssue({ code: "custom", path: [section], message: `is not allowed when kind is "${p.kind}" (remove it or change kind)` });
    }
    if (p.ssh) checkSshTarget(p.ssh.target, ["ssh", "target"], ctx);
    if (p.direct) checkDirectUrl(p.direct.url, ["direct", "url"], ctx);
  });

type Ctx = z.core.$RefinementCtx;
function checkSshTarget(target: string, path: PropertyKey[], ctx: Ctx): void {
  const t = target.trim();
  if (!t || t.startsWith("-") || parseTargetSyntax(t) === null) ctx.addIssue({ code: "custom", path, message: "must be an SSH target: user@host[:port] or a Host alias from ~/.ssh/config" });
}
function checkDirectUrl(url: string, path: PropertyKey[], ctx: Ctx): void {
  const parsed = parseDirectUrl(url);
  if (!parsed.ok) ctx.addIssue({ code: "custom", path, message: `${parsed.attention.message} ${parsed.attention.fixHint}` });
}

export const ProfilesFileSchema = z
  .strictObject({
    version: z.literal(PROFILES_FILE_VERSION, { error: msg(`must be ${PROFILES_FILE_VERSION}`) }),
    profiles: z.array(ProfileSchema, { error: msg("must be a list of profiles") }),
  })
  .superRefine((f, ctx) => {
    // Ids name CLI targets, uids key keychain entries, names are what people pick from: all unique.
    const uids = new Map<string, number>();
    const ids = new Map<string, number>();
    const names = new Map<string, number>();
    f.profiles.forEach((p, i) => {
      const prevId = ids.get(p.id);
      if (prevId !== undefined) ctx.addIssue({ code: "custom", path: ["profiles", i, "id"], message: `duplicate id "${p.id}" (also profiles[${prevId}])` });
      else ids.set(p.id, i);
      const prevUid = uids.get(p.uid);
      if (prevUid !== undefined) ctx.addIssue({ code: "custom", path: ["profiles", i, "uid"], message: `duplicate uid (also profiles[${prevUid}])` });
      else uids.set(p.uid, i);
      const key = nameKey(p.name);
      const prevName = names.get(key);
      if (prevName !== undefined) ctx.addIssue({ code: "custom", path: ["profiles", i, "name"], message: `duplicate name "${p.name}" (also profiles[${prevName}])` });
      else names.set(key, i);
    });
  });

export type Profile = z.output<typeof ProfileSchema>;
/** What callers hand in: defaults (ports, connectAtStart, auth) may be left out. */
export type ProfileInput = z.input<typeof ProfileSchema>;
export type ProfilesFile = z.output<typeof ProfilesFileSchema>;
export type ProfileKind = Profile["kind"];
export type AuthMode = Profile["auth"]["mode"];
export type ProfileRoute = NonNullable<Profile["routes"]>[number];

/** Names compare without case or surrounding blanks: "Home" and "home " are the same to a person. */
export function nameKey(name: string): string {
  return name.trim().toLowerCase();
}

/**
 * The embedded default when nothing is configured: the gateway on this machine at ws://127.0.0.1:18789
 * (the port and credentials come from ~/.openclaw/openclaw.json at connect time, see openclaw-config.ts).
 * It connects at start so a fresh install either just works or says "no gateway is running on this machine".
 */
export function defaultLocalProfile(): Profile {
  return { id: "local", uid: DEFAULT_LOCAL_UID, name: "This machine", kind: "local", connectAtStart: true, auth: { mode: "token" }, local: {} };
}

export function defaultProfilesFile(): ProfilesFile {
  return { version: PROFILES_FILE_VERSION, profiles: [defaultLocalProfile()] };
}

/** `Home Desktop (old)` → `home-desktop-old`; never empty. */
export function slugify(name: string): string {
  const s = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48)
    .replace(/-+$/g, "");
  return s || "gateway";
}

/** The slug, or slug-2, slug-3 … when taken. */
export function uniqueSlug(base: string, taken: Iterable<string>): string {
  const set = new Set(taken);
  const root = slugify(base);
  if (!set.has(root)) return root;
  for (let n = 2; ; n++) if (!set.has(`${root}-${n}`)) return `${root}-${n}`;
}

// ---------------------------------------------------------------------------------------------------
// Error messages that name the field.

export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else out += out ? `.${String(seg)}` : String(seg);
  }
  return out || "(file)";
}

export function formatIssues(error: z.ZodError): string[] {
  return error.issues.map((iss) => {
    if (iss.code === "unrecognized_keys") {
      return iss.keys.map((k) => `${formatPath([...iss.path, k])}: unknown field`).join("; ");
    }
    return `${formatPath(iss.path)}: ${iss.message}`;
  });
}

// ---------------------------------------------------------------------------------------------------
// Secrets never belong in the file.

/** Key names that carry a credential in any shape we or OpenClaw ever used. */
const SECRET_KEY = /(token|password|passw|passphrase|secret|fingerprint|tlspin|privatekey|apikey|credential)/i;
/** Credentials smuggled inside a URL (a pasted dashboard link keeps its #token=…). */
const SECRET_IN_URL = /([#?&])(token|password)=[^&#]*/i;
const SECRET_IN_URL_ALL = new RegExp(SECRET_IN_URL.source, "gi");

export interface StripResult {
  value: unknown;
  /** One message per removed secret, naming where it was; the value itself is never repeated. */
  removed: string[];
}

/**
 * Removes secret-looking keys and URL credentials anywhere in the parsed file. Runs before migrations
 * so an early shape that did carry a token cannot smuggle it through.
 */
export function stripSecrets(raw: unknown): StripResult {
  const removed: string[] = [];
  const walk = (v: unknown, path: Array<string | number>): unknown => {
    if (Array.isArray(v)) return v.map((x, i) => walk(x, [...path, i]));
    if (v && typeof v === "object") {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
        if (SECRET_KEY.test(k)) {
          removed.push(`${formatPath([...path, k])}: removed — secrets are kept in the keychain, never in profiles.json; enter it again for this profile`);
          continue;
        }
        out[k] = walk(x, [...path, k]);
      }
      return out;
    }
    if (typeof v === "string" && SECRET_IN_URL.test(v)) {
      removed.push(`${formatPath(path)}: credential removed from the URL — secrets are kept in the keychain; enter the token again for this profile`);
      return v.replace(SECRET_IN_URL_ALL, "$1").replace(/[#?&]+$/, "").replace(/([?&])&+/g, "$1");
    }
    return v;
  };
  return { value: walk(raw, []), removed };
}

// ---------------------------------------------------------------------------------------------------
// Migrations: each lifts the file by exactly one version. Never edit a shipped one; add the next.

export interface Migration {
  from: number;
  to: number;
  describe: string;
  up(raw: Record<string, unknown>): Record<string, unknown>;
}

/** Version of a parsed file: an early file had no `version` key at all, which means 0. */
function versionOf(raw: Record<string, unknown>): unknown {
  return "version" in raw ? raw.version : 0;
}

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);

/**
 * Version 0 was the prototype's flat shape, mirroring the macOS app's `gateway.remote.*` keys:
 * `{ profiles: [{ name, transport: "local"|"ssh"|"direct", sshTarget, sshIdentity, remotePort,
 * localPort, url, port, autoConnect, authMode }] }`, with no ids. Version 1 gives every profile a
 * stable slug id and groups the per-kind settings into `local` / `ssh` / `direct` sections.
 */
const v0ToV1: Migration = {
  from: 0,
  to: 1,
  describe: "version 0 (flat, no ids) → version 1 (ids, per-kind sections)",
  up(raw) {
    const { version: _v, profiles, ...rest } = raw;
    if (!Array.isArray(profiles)) return { ...rest, version: 1, profiles };
    const taken: string[] = [];
    const lifted = profiles.map((entry) => {
      if (!isRecord(entry)) return entry;
      const { name, transport, sshTarget, sshIdentity, remotePort, localPort, url, port, autoConnect, authMode, ...unknown } = entry;
      const kind = transport ?? (sshTarget !== undefined ? "ssh" : url !== undefined ? "direct" : "local");
      const id = uniqueSlug(typeof name === "string" ? name : "gateway", taken);
      taken.push(id);
      const out: Record<string, unknown> = { id, name, kind, connectAtStart: autoConnect ?? false, auth: { mode: authMode ?? "token" } };
      if (kind === "ssh") {
        const ssh: Record<string, unknown> = { target: sshTarget };
        if (sshIdentity !== undefined) ssh.identityFile = sshIdentity;
        if (remotePort !== undefined) ssh.remotePort = remotePort;
        if (localPort !== undefined) ssh.localPort = localPort;
        out.ssh = ssh;
      } else if (kind === "direct") {
        out.direct = { url };
      } else if (kind === "local") {
        out.local = port !== undefined ? { port } : {};
      }
      // Keys this migration does not know stay visible, so validation names them instead of dropping them.
      return { ...out, ...unknown };
    });
    return { ...rest, version: 1, profiles: lifted };
  },
};

/**
 * Version 2 keys every keychain entry by a random uid instead of the name-derived id (issue 10). The file
 * part is here: each profile gets a fresh uid and `legacyKeychainId` = its id, the account its entries
 * lived under. Moving the entries needs the keychain, so keychain-migration.ts does it after the store is
 * open and clears the marker only once every entry is copied, so a crash in between loses nothing.
 */
const v1ToV2: Migration = {
  from: 1,
  to: 2,
  describe: "version 1 → version 2 (a random uid per profile keys its keychain entries)",
  up(raw) {
    const { profiles } = raw;
    if (!Array.isArray(profiles)) return { ...raw, version: 2 };
    const lifted = profiles.map((entry) => {
      if (!isRecord(entry) || "uid" in entry) return entry;
      const { id, ...rest } = entry;
      // Version 1 wrote ssh.localPort 18789 into every SSH profile as its default: the local gateway's
      // port, which a forward may no longer take (issue 10) and which cannot be told from a choice.
      // Dropped, so the forward picks a free port of its own and remembers it.
      if (isRecord(rest.ssh) && rest.ssh.localPort === DEFAULT_GATEWAY_PORT) rest.ssh = Object.fromEntries(Object.entries(rest.ssh).filter(([k]) => k !== "localPort"));
      // Only a valid id named keychain entries; an invalid one is reported by validation, not copied here.
      const legacy = typeof id === "string" && PROFILE_ID_PATTERN.test(id) ? { legacyKeychainId: id } : {};
      return { id, uid: newProfileUid(), ...legacy, ...rest };
    });
    return { ...raw, version: 2, profiles: lifted };
  },
};

export const MIGRATIONS: readonly Migration[] = [v0ToV1, v1ToV2];

export type MigrateResult =
  | { ok: true; value: Record<string, unknown>; applied: string[] }
  | { ok: false; kind: "newer-version" | "invalid"; message: string };

export function migrateProfilesFile(raw: unknown, migrations: readonly Migration[] = MIGRATIONS): MigrateResult {
  if (!isRecord(raw)) return { ok: false, kind: "invalid", message: "(file): must be a JSON object with version and profiles" };
  let cur = raw;
  const applied: string[] = [];
  for (;;) {
    const v = versionOf(cur);
    if (typeof v !== "number" || !Number.isInteger(v) || v < 0) return { ok: false, kind: "invalid", message: "version: must be a whole number" };
    if (v === PROFILES_FILE_VERSION) return { ok: true, value: cur, applied };
    if (v > PROFILES_FILE_VERSION)
      return {
        ok: false,
        kind: "newer-version",
        message: `version: ${v} was written by a newer Clawlink; this one reads up to version ${PROFILES_FILE_VERSION}`,
      };
    const step = migrations.find((m) => m.from === v);
    if (!step) return { ok: false, kind: "invalid", message: `version: no migration from version ${v}` };
    cur = step.up(cur);
    applied.push(step.describe);
  }
}

export type ParseResult =
  | { ok: true; file: ProfilesFile; applied: string[]; warnings: string[] }
  | { ok: false; kind: "newer-version" | "invalid"; messages: string[]; warnings: string[] };

/** strip secrets → migrate → validate: the whole load pipeline for an already JSON-parsed value. */
export function parseProfilesFile(raw: unknown): ParseResult {
  const stripped = stripSecrets(raw);
  const warnings = stripped.removed;
  const migrated = migrateProfilesFile(stripped.value);
  if (!migrated.ok) return { ok: false, kind: migrated.kind, messages: [migrated.message], warnings };
  const checked = ProfilesFileSchema.safeParse(migrated.value);
  if (!checked.success) return { ok: false, kind: "invalid", messages: formatIssues(checked.error), warnings };
  return { ok: true, file: checked.data, applied: migrated.applied, warnings };
}
