// Editing a saved profile (issue 12): every field that "add" sets can be changed afterwards, so a new
// host, port, user, key, remote port, URL or pin no longer means remove + re-add (which threw away the
// keychain secrets and forced pairing again). One function for the CLI (`clawlink profiles edit`) and a
// host handler alike:
//  - The patch is checked whole before anything is written: an invalid value is refused with the field
//    named (`remotePort: must be a port number 1-65535`) and neither profiles.json nor the keychain changes.
//  - The uid is kept, so every keychain entry (token, password, pins, SSH password, device tokens) stays.
//  - The result lists what changed and whether the change affects the connection, so the caller restarts
//    only that profile's connection (and says so), and only when it must.
//  - Saving is one atomic write of the whole file (profile-store.ts → atomic-write.ts); a TLS pin given
//    with the edit is written to the keychain first and put back if the save fails.
import { normalizeTlsFingerprint, tlsPinKey, displayTlsFingerprint, decodeTlsPin } from "../transport/tls-pin.js";
import { parseDirectUrl } from "../transport/direct-url.js";
import { parseTargetSyntax } from "../transport/ssh-target.js";
import type { SecretStore } from "../secrets/secret-store.js";
import { profileScopedStore } from "./profile-keychain.js";
import { ProfileSchema, formatPath, nameKey, type AuthMode, type Profile } from "./profile-schema.js";
import { ProfileError, type ProfileStore } from "./profile-store.js";

/** The fields a person can edit, named as the UI form and the CLI flags name them. */
export const EDIT_FIELDS = [
  "name", "host", "port", "user", "identityFile", "remotePort", "localPort", "url", "tlsFingerprint",
  "authMode", "connectAtStart", "keepaliveIntervalS", "keepaliveCountMax",
] as const;
export type EditField = (typeof EDIT_FIELDS)[number];

/**
 * What to change; anything left out stays. `null` removes an optional setting (identity file: back to
 * ssh-agent and the default keys; localPort: any free port; user: the ssh config's or the login name).
 * host/port mean the SSH host and port of an SSH profile, the URL's host and port of a direct one, and
 * (port only) the gateway port of "this machine".
 */
export interface ProfileEditPatch {
  name?: string;
  host?: string;
  port?: number;
  user?: string | null;
  identityFile?: string | null;
  remotePort?: number;
  localPort?: number | null;
  url?: string;
  tlsFingerprint?: string;
  authMode?: AuthMode;
  connectAtStart?: boolean;
  keepaliveIntervalS?: number | null;
  keepaliveCountMax?: number | null;
}

type Shown = string | number | boolean | null;
export interface FieldChange {
  field: EditField;
  from: Shown;
  to: Shown;
}

export interface EditResult {
  profile: Profile;
  /** Only the fields whose value really changed (an edit to the same value is not a change). */
  changes: FieldChange[];
  /** True when a live connection must be restarted to use the change (only this profile's). */
  reconnect: boolean;
}

/** A refused edit; `field` is the one at fault, for the form to highlight and the CLI to name its flag. */
export class ProfileEditError extends ProfileError {
  constructor(
    readonly field: EditField,
    /** What is wrong, without the field's name (the CLI puts its flag in front instead). */
    readonly problem: string,
    fixHint?: string,
  ) {
    super(`${field}: ${problem}`, fixHint);
    this.name = "ProfileEditError";
  }
}

/** Fields that only change how the profile is shown or started; every other one changes what is dialled or sent. */
const COSMETIC: ReadonlySet<EditField> = new Set<EditField>(["name", "connectAtStart"]);

const APPLIES: Record<Profile["kind"], ReadonlySet<EditField>> = {
  ssh: new Set(["name", "host", "port", "user", "identityFile", "remotePort", "localPort", "authMode", "connectAtStart", "keepaliveIntervalS", "keepaliveCountMax"]),
  direct: new Set(["name", "host", "port", "url", "tlsFingerprint", "authMode", "connectAtStart"]),
  local: new Set(["name", "port", "authMode", "connectAtStart"]),
};

/** The given fields of a patch (undefined means "not given"). */
function givenFields(patch: ProfileEditPatch): EditField[] {
  return EDIT_FIELDS.filter((f) => patch[f] !== undefined);
}

/**
 * Checks and applies `patch` to the profile `idOrName`. Throws ProfileEditError (field named, nothing
 * written) for an invalid value, ProfileError for an unknown profile or a store that cannot save.
 */
export async function editProfile(store: ProfileStore, secrets: SecretStore, idOrName: string, patch: ProfileEditPatch): Promise<EditResult> {
  const current = store.get(idOrName);
  if (!current) throw new ProfileError(`No profile "${idOrName}".`, "List profiles with `clawlink profiles list`.");
  const next = buildEdited(current, patch, store.list());
  const pin = patch.tlsFingerprint !== undefined ? pinFor(next, patch.tlsFingerprint) : null;
  const changes = diffFields(current, next);
  const scoped = profileScopedStore(secrets, current.uid);
  let previousPin: string | null = null;
  if (pin) {
    previousPin = await scoped.get(tlsPinKey(pin.host, pin.port));
    const prior = decodeTlsPin(previousPin);
    if (prior?.fingerprint !== pin.fingerprint || prior.source !== "explicit")
      changes.push({ field: "tlsFingerprint", from: prior ? displayTlsFingerprint(prior.fingerprint) : null, to: displayTlsFingerprint(pin.fingerprint) });
  }
  if (changes.length === 0) return { profile: current, changes, reconnect: false };
  // The pin first, so a saved profile never points at a host whose pin is missing; undone if the save fails.
  if (pin) await scoped.set(tlsPinKey(pin.host, pin.port), pin.fingerprint);
  let saved: Profile;
  try {
    const { id: _id, uid: _uid, legacyKeychainId: _l, ...body } = next;
    saved = await store.update(current.id, body);
  } catch (e) {
    if (pin) await (previousPin === null ? scoped.delete(tlsPinKey(pin.host, pin.port)) : scoped.set(tlsPinKey(pin.host, pin.port), previousPin)).catch(() => undefined);
    throw e;
  }
  return { profile: saved, changes, reconnect: changes.some((c) => !COSMETIC.has(c.field)) };
}

/** The profile as it would be after the edit, fully validated; throws naming the field. */
export function buildEdited(current: Profile, patch: ProfileEditPatch, all: readonly Profile[]): Profile {
  const fields = givenFields(patch);
  for (const f of fields)
    if (!APPLIES[current.kind].has(f))
      throw new ProfileEditError(f, `does not apply to ${KIND_WORDS[current.kind]}`, `Fields of this profile: ${[...APPLIES[current.kind]].join(", ")}.`);
  if (patch.url !== undefined && (patch.host !== undefined || patch.port !== undefined))
    throw new ProfileEditError("url", "give either the whole URL or host/port, not both");
  const candidate: Record<string, unknown> = structuredClone(current);
  if (patch.name !== undefined) candidate.name = patch.name;
  if (patch.connectAtStart !== undefined) candidate.connectAtStart = patch.connectAtStart;
  if (patch.authMode !== undefined) candidate.auth = { mode: patch.authMode };
  if (current.kind === "ssh") candidate.ssh = editedSsh(current.ssh!, patch);
  if (current.kind === "direct") candidate.direct = { url: editedUrl(current.direct!.url, patch) };
  if (current.kind === "local" && patch.port !== undefined) candidate.local = { ...current.local, port: patch.port };
  const r = ProfileSchema.safeParse(candidate);
  if (!r.success) {
    const iss = r.error.issues[0]!;
    throw new ProfileEditError(fieldOfPath(iss.path, fields), iss.message);
  }
  const next: Profile = { ...r.data, name: r.data.name.trim() };
  if (next.direct) {
    const u = parseDirectUrl(next.direct.url);
    if (u.ok) next.direct = { url: u.value.url };
  }
  if (nameKey(next.name) !== nameKey(current.name) && all.some((p) => p.uid !== current.uid && nameKey(p.name) === nameKey(next.name)))
    throw new ProfileEditError("name", `"${next.name}" is already used by another profile`, "Profile names must be unique; pick another name.");
  return next;
}

const KIND_WORDS: Record<Profile["kind"], string> = { ssh: "an SSH profile", direct: "a direct (URL) profile", local: 'the "this machine" profile' };

type SshSection = NonNullable<Profile["ssh"]>;

function editedSsh(ssh: SshSection, patch: ProfileEditPatch): Record<string, unknown> {
  const out: Record<string, unknown> = { ...ssh };
  if (patch.host !== undefined || patch.port !== undefined || patch.user !== undefined) out.target = editedTarget(ssh.target, patch);
  const optional = { identityFile: patch.identityFile, localPort: patch.localPort, keepaliveIntervalS: patch.keepaliveIntervalS, keepaliveCountMax: patch.keepaliveCountMax };
  for (const [k, v] of Object.entries(optional)) {
    if (v === null || v === "") delete out[k];
    else if (v !== undefined) out[k] = typeof v === "string" ? v.trim() : v;
  }
  if (patch.remotePort !== undefined) out.remotePort = patch.remotePort;
  // A port picked for the old local end means nothing once the person chose one; a new free one is picked otherwise.
  if (patch.localPort !== undefined) delete out.rememberedLocalPort;
  return out;
}

const HOST_RE = /^[^\s@/\\[\]]+$/;

/** `user@host:port` with the given parts replaced; each part checked so the message names it. */
function editedTarget(target: string, patch: ProfileEditPatch): string {
  const typed = parseTargetSyntax(target) ?? { host: target };
  const host = patch.host !== undefined ? patch.host.trim() : typed.host;
  if (!host || !HOST_RE.test(host) || host.startsWith("-")) throw new ProfileEditError("host", "must be a host name, an address or a Host alias from ~/.ssh/config (no spaces, @ or /)");
  const user = patch.user === null ? undefined : patch.user !== undefined ? patch.user.trim() : typed.user;
  if (user !== undefined && (!user || /[\s@:]/.test(user) || user.startsWith("-")))
    throw new ProfileEditError("user", "must be a login name without spaces, @ or : (leave it out to use ~/.ssh/config's User or your login name)");
  const port = patch.port ?? typed.port;
  if (port !== undefined && !(Number.isInteger(port) && port >= 1 && port <= 65535)) throw new ProfileEditError("port", "must be a port number 1-65535");
  const hostPart = host.includes(":") ? `[${host}]` : host;
  return `${user ? `${user}@` : ""}${hostPart}${port !== undefined ? `:${port}` : ""}`;
}

/** The direct URL with the whole URL, or its host or port, replaced; the URL is checked as `add` checks it. */
function editedUrl(url: string, patch: ProfileEditPatch): string {
  if (patch.url !== undefined) {
    if (/[#?&](token|password)=/i.test(patch.url))
      throw new ProfileEditError("url", "must not carry a token or password", "Store it with `clawlink secret set <profile> token` (value on stdin), or import the link with `clawlink profiles import <url>`.");
    const u = parseDirectUrl(patch.url);
    if (!u.ok) throw new ProfileEditError("url", u.attention.message, u.attention.fixHint);
    return u.value.url;
  }
  if (patch.host === undefined && patch.port === undefined) return url;
  const u = new URL(url);
  let host = u.hostname;
  if (patch.host !== undefined) {
    host = patch.host.trim();
    if (!host || !HOST_RE.test(host.replace(/^\[|\]$/g, ""))) throw new ProfileEditError("host", "must be a host name or an address (no spaces, @ or /)");
    if (host.includes(":") && !host.startsWith("[")) host = `[${host}]`;
  }
  if (patch.port !== undefined && !(Number.isInteger(patch.port) && patch.port >= 1 && patch.port <= 65535)) throw new ProfileEditError("port", "must be a port number 1-65535");
  const port = patch.port !== undefined ? String(patch.port) : u.port;
  // Rebuilt as text and parsed again, so a host the URL parser would quietly refuse is an error here.
  const checked = parseDirectUrl(`${u.protocol}//${host}${port ? `:${port}` : ""}${u.pathname}${u.search}`);
  if (!checked.ok) throw new ProfileEditError(patch.host !== undefined ? "host" : "port", checked.attention.message, checked.attention.fixHint);
  return checked.value.url;
}

/** The pin to store with the edit: a SHA-256 fingerprint, for a wss:// URL (the new one, if it changed). */
function pinFor(next: Profile, fingerprint: string): { host: string; port: number; fingerprint: string } {
  const fp = normalizeTlsFingerprint(fingerprint);
  if (!fp) throw new ProfileEditError("tlsFingerprint", `"${fingerprint.trim()}" is not a SHA-256 certificate fingerprint`, "Give the 64 hex characters, with or without sha256: and colons (`openssl x509 -noout -fingerprint -sha256` prints it).");
  const u = parseDirectUrl(next.direct!.url);
  if (!u.ok || !u.value.secure) throw new ProfileEditError("tlsFingerprint", "only applies to wss:// (or https://) addresses", "Use the wss:// address, or leave the fingerprint out.");
  return { host: u.value.host, port: u.value.port, fingerprint: fp };
}

/** Which edit field a schema issue is about (the profile-relative path, e.g. ssh.remotePort). */
function fieldOfPath(path: ReadonlyArray<PropertyKey>, given: EditField[]): EditField {
  const p = formatPath(path);
  const direct: Record<string, EditField> = {
    name: "name", connectAtStart: "connectAtStart", "auth.mode": "authMode", auth: "authMode", "local.port": "port",
    "ssh.identityFile": "identityFile", "ssh.remotePort": "remotePort", "ssh.localPort": "localPort",
    "ssh.keepaliveIntervalS": "keepaliveIntervalS", "ssh.keepaliveCountMax": "keepaliveCountMax",
  };
  if (direct[p]) return direct[p];
  const among = (c: EditField[]) => c.find((f) => given.includes(f)) ?? c[0]!;
  if (p === "ssh.target") return among(["host", "user", "port"]);
  if (p === "direct.url") return among(["url", "host", "port"]);
  return given[0] ?? "name";
}

/** Each field's value as a person reads it, for the list of what changed. */
export function fieldValues(p: Profile): Partial<Record<EditField, Shown>> {
  const base = { name: p.name, authMode: p.auth.mode, connectAtStart: p.connectAtStart };
  if (p.kind === "ssh" && p.ssh) {
    const t = parseTargetSyntax(p.ssh.target) ?? { host: p.ssh.target };
    const s = p.ssh;
    return { ...base, host: t.host, port: t.port ?? null, user: t.user ?? null, identityFile: s.identityFile ?? null, remotePort: s.remotePort, localPort: s.localPort ?? null, keepaliveIntervalS: s.keepaliveIntervalS ?? null, keepaliveCountMax: s.keepaliveCountMax ?? null };
  }
  if (p.kind === "direct" && p.direct) {
    // host and port are parts of the URL: a change to either shows as the URL's change.
    return { ...base, url: p.direct.url };
  }
  return { ...base, port: p.local?.port ?? null };
}

function diffFields(a: Profile, b: Profile): FieldChange[] {
  const va = fieldValues(a);
  const vb = fieldValues(b);
  return EDIT_FIELDS.filter((f) => f in vb && va[f] !== vb[f]).map((f) => ({ field: f, from: va[f] ?? null, to: vb[f] ?? null }));
}
