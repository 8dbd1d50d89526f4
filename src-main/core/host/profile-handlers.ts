// The host API's profile methods: add (from the form: SSH, a URL or dashboard link, this machine),
// import from this machine's openclaw.json, remove, and storing or deleting a secret. Secrets go
// to the keychain and into the log redactor, never back out; a live connection takes changed
// credentials at once.
import { NewProfileSchema, type HostHandlers, type NewProfile, type ProfileView } from "../../../src-shared/host-api.js";
import { specFromProfile } from "../orchestrator/profile-spec.js";
import { profileFromDashboardUrl } from "../profiles/dashboard-url.js";
import { importFromOpenClawConfig, readOpenClawConfig } from "../profiles/openclaw-config.js";
import { saveImportedProfile } from "../profiles/profile-import.js";
import { ProfileSchema, newProfileUid, uniqueSlug, type Profile } from "../profiles/profile-schema.js";
import { deleteProfileSecret, deleteProfileSecrets, setProfileSecret } from "../profiles/profile-secrets.js";
import { parseDirectUrl } from "../transport/direct-url.js";
import { normalizeTlsFingerprint } from "../transport/tls-pin.js";
import { emitProfiles, profileOf, type HostContext } from "./host-context.js";
import { HandlerError } from "./host-call.js";
import { profileView, specOptions } from "./profile-views.js";
import { dropBootstrapToken, holdBootstrapToken, readPastedFields, setupPin } from "./setup-code-add.js";

type ProfileMethods = "addProfile" | "removeProfile" | "importOpenClawConfig" | "setSecret" | "deleteSecret";
type Added = { profile: ProfileView; notes: string[] };
type NewSecrets = { token?: string; tlsPin?: { host: string; port: number; fingerprint: string } };

export function profileHandlers(ctx: HostContext): Pick<HostHandlers, ProfileMethods> {
  const { o } = ctx;
  return {
    addProfile: (input) => addProfile(ctx, input),
    removeProfile: async (id) => {
      const p = profileOf(ctx, id);
      ctx.prompts.declineFor(p.id);
      await ctx.orchestrator.disconnect(p.id);
      dropBootstrapToken(ctx, p.id);
      await o.profiles.remove(p.id);
      await deleteProfileSecrets(o.secrets, p.uid);
      ctx.statuses.delete(p.id);
      await emitProfiles(ctx);
      return { ok: true };
    },
    importOpenClawConfig: () => importOpenClaw(ctx),
    setSecret: async (id, kind, value) => {
      const p = profileOf(ctx, id);
      o.logger.redactor.add(value);
      await setProfileSecret(o.secrets, p.uid, kind, value);
      await applyCredentials(ctx, p);
      await emitProfiles(ctx);
      return profileView(o, profileOf(ctx, p.id));
    },
    deleteSecret: async (id, kind) => {
      const p = profileOf(ctx, id);
      await deleteProfileSecret(o.secrets, p.uid, kind);
      await applyCredentials(ctx, p);
      await emitProfiles(ctx);
      return profileView(o, profileOf(ctx, p.id));
    },
  };
}

async function addProfile(ctx: HostContext, raw: NewProfile): Promise<Added> {
  // A setup code, dashboard link or typed password in the token/URL field (issue 13 §4).
  const read = readPastedFields(NewProfileSchema.parse(raw));
  const input = read.input;
  const secrets: NewSecrets = {};
  const notes: string[] = [];
  // What the person ticked is saved; unsaid, a gateway they just added is one they want connected (issue 12).
  const connectAtStart = input.connectAtStart ?? true;
  let profile: Profile;
  if (input.kind === "direct") profile = directProfile(ctx, input, connectAtStart, secrets, notes);
  else {
    profile = formProfile(ctx, input, connectAtStart);
    if (input.kind === "ssh" && input.token?.trim()) secrets.token = input.token.trim();
  }
  if (read.setup) {
    profile.auth = { mode: "device-only" };
    const pin = setupPin(read.setup, profile.direct?.url);
    if (pin && !secrets.tlsPin) secrets.tlsPin = pin;
  }
  notes.push(...read.notes);
  if (secrets.token) ctx.o.logger.redactor.add(secrets.token);
  const saved = await saveImportedProfile(ctx.o.profiles, ctx.o.secrets, profile, secrets);
  if (read.setup) holdBootstrapToken(ctx, saved.id, read.setup);
  await emitProfiles(ctx);
  return { profile: await profileView(ctx.o, saved), notes };
}

/** A ws/wss/http(s) address or a dashboard link (its #token= goes to the keychain), with an optional pin. */
function directProfile(ctx: HostContext, input: Extract<NewProfile, { kind: "direct" }>, connectAtStart: boolean, secrets: NewSecrets, notes: string[]): Profile {
  const existing = ctx.o.profiles.list();
  const made = profileFromDashboardUrl(input.url, { ...(input.name?.trim() ? { name: input.name } : {}), existing, secretStore: ctx.o.secrets.kind });
  // The form shows one error for several fields: name the one at fault.
  if (!made.ok) throw new HandlerError(made.attention.reason === "invalid-url" ? `Gateway URL: ${made.attention.message}` : made.attention.message, made.attention.fixHint);
  // A name the person typed makes the id, else the host does (keychain entries are keyed by the uid).
  const profile: Profile = { ...made.value.profile, ...(input.name?.trim() ? { id: uniqueSlug(input.name, existing.map((p) => p.id)) } : {}), connectAtStart };
  const token = input.token?.trim() || made.value.token;
  if (token) {
    secrets.token = token;
    profile.auth = { mode: "token" };
  }
  notes.push(...made.value.notes);
  if (input.tlsFingerprint?.trim()) {
    const fp = normalizeTlsFingerprint(input.tlsFingerprint);
    const u = parseDirectUrl(profile.direct!.url);
    if (!fp) throw new HandlerError(`"${input.tlsFingerprint.trim()}" is not a SHA-256 certificate fingerprint.`, "Give the 64 hex characters, with or without colons.");
    if (!u.ok || !u.value.secure) throw new HandlerError("A TLS fingerprint only applies to wss:// (or https://) addresses.", "Use the wss:// address, or leave the fingerprint empty.");
    secrets.tlsPin = { host: u.value.host, port: u.value.port, fingerprint: fp };
  }
  return profile;
}

/** An SSH or "this machine" profile from the form's fields, checked against the profile schema. */
function formProfile(ctx: HostContext, input: Exclude<NewProfile, { kind: "direct" }>, connectAtStart: boolean): Profile {
  const ids = ctx.o.profiles.list().map((p) => p.id);
  const candidate =
    input.kind === "ssh"
      ? {
          id: uniqueSlug(input.name, ids),
          uid: newProfileUid(),
          name: input.name,
          kind: "ssh",
          connectAtStart,
          auth: { mode: "token" },
          ssh: {
            target: input.target.trim(),
            ...(input.identityFile?.trim() ? { identityFile: input.identityFile.trim() } : {}),
            ...(input.remotePort ? { remotePort: input.remotePort } : {}),
            ...(input.localPort ? { localPort: input.localPort } : {}),
          },
        }
      : { id: uniqueSlug(input.name, ids), uid: newProfileUid(), name: input.name, kind: "local", connectAtStart, local: input.port ? { port: input.port } : {} };
  const checked = ProfileSchema.safeParse(candidate);
  if (!checked.success) throw new HandlerError(checked.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "), "Check the highlighted fields.");
  return checked.data;
}

async function importOpenClaw(ctx: HostContext): Promise<Added> {
  const { o } = ctx;
  const env = o.env ?? process.env;
  const read = await readOpenClawConfig({ env, ...(o.homeDir ? { homeDir: o.homeDir } : {}) });
  if (!read.ok) throw new HandlerError(read.attention.message, read.attention.fixHint);
  if (!("config" in read)) throw new HandlerError("No openclaw.json was found on this machine.", "Add the remote gateway by hand (SSH or URL) instead.");
  const imported = importFromOpenClawConfig(read.config, { env, existing: o.profiles.list(), secretStore: o.secrets.kind });
  if (!imported.ok) throw new HandlerError(imported.attention.message, imported.attention.fixHint);
  for (const s of [imported.value.secrets.token, imported.value.secrets.password]) o.logger.redactor.add(s);
  const saved = await saveImportedProfile(o.profiles, o.secrets, imported.value.profile, imported.value.secrets);
  await emitProfiles(ctx);
  return { profile: await profileView(o, saved), notes: imported.value.notes };
}

/** A stored secret changed: a live connection takes the newly resolved credentials and tries again. */
async function applyCredentials(ctx: HostContext, p: Profile): Promise<void> {
  const sup = ctx.orchestrator.get(p.id);
  if (!sup) return;
  const { credentials } = await specFromProfile(p, specOptions(ctx.o));
  sup.setCredentials({ token: credentials.token ?? null, password: credentials.password ?? null });
}
