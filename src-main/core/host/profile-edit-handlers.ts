// The host API's side of issue 12's "Profiles and trust": editing every field "add" set, forgetting a
// remembered SSH host key or TLS pin, resetting the device identity, storing an SSH password. Each one
// calls the same core function as its CLI command (profile-edit.ts, profile-trust.ts), so the UI and
// `clawlink profiles edit|trust forget|identity reset|secret set … ssh-password` refuse and change the
// same things. What the handlers add is only what a running app has and the CLI has not:
//  - a live connection: an edit that changes what is dialled or sent restarts that profile's connection
//    (no other one), and says so; a connection stuck on the trust just forgotten starts again at once,
//    so the person sees the first-use question instead of the old error;
//  - the log redactor, which learns a stored SSH password before anything could log it.
import type { HostHandlers } from "../../../src-shared/host-api.js";
import { EDIT_FIELD_LABEL, type ProfileEditPatchInput, type TrustKind } from "../../../src-shared/profile-edit-schema.js";
import { duplicateProfile, moveProfile, type DuplicateOptions } from "../profiles/profile-arrange.js";
import { editProfile, ProfileEditError, type ProfileEditPatch } from "../profiles/profile-edit.js";
import type { Profile } from "../profiles/profile-schema.js";
import { deleteSshPassword, forgetHostKeys, forgetTlsPins, resetIdentity, setSshPassword, type TrustPlaces } from "../profiles/profile-trust.js";
import { emitProfiles, profileOf, startConnection, type HostContext } from "./host-context.js";
import { HandlerError } from "./host-call.js";
import { profileView } from "./profile-views.js";

type EditMethods = "editProfile" | "updateProfile" | "forgetTrust" | "resetIdentity" | "setSshPassword" | "duplicateProfile" | "moveProfile";

export function profileEditHandlers(ctx: HostContext): Pick<HostHandlers, EditMethods> {
  return {
    editProfile: (id, patch) => applyEdit(ctx, id, patch),
    // The older three-field patch goes through the same checked core as every other edit.
    updateProfile: async (id, patch) => (await applyEdit(ctx, id, patch)).profile,
    forgetTrust: (id, kind) => forgetTrust(ctx, profileOf(ctx, id), kind),
    resetIdentity: () => resetAll(ctx),
    setSshPassword: (id, value) => sshPassword(ctx, profileOf(ctx, id), value),
    duplicateProfile: async (id, opts) => {
      const p = profileOf(ctx, id);
      const r = await duplicateProfile(ctx.o.profiles, ctx.o.secrets, p.id, corePatch(opts) as DuplicateOptions);
      await emitProfiles(ctx);
      const copied = r.copiedSecrets.length ? `its ${r.copiedSecrets.join(" and ")} copied` : "no secrets copied (store a token for it in its settings)";
      const lines = [`Duplicated ${p.name} as ${r.profile.name}, placed after it and not connected at start; ${copied}. Pins, SSH passwords and pairing are never copied.`];
      return { profile: await profileView(ctx.o, r.profile), copiedSecrets: r.copiedSecrets, lines };
    },
    moveProfile: async (id, to) => {
      const r = await moveProfile(ctx.o.profiles, profileOf(ctx, id).id, to);
      await emitProfiles(ctx);
      return { position: r.position, order: r.order };
    },
  };
}

/** Only the fields given (the wire's undefined means "leave it"). */
function corePatch(patch: ProfileEditPatchInput | Record<string, unknown>): ProfileEditPatch {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as ProfileEditPatch;
}

async function applyEdit(ctx: HostContext, id: string, patch: ProfileEditPatchInput) {
  const cur = profileOf(ctx, id);
  let r;
  try {
    r = await editProfile(ctx.o.profiles, ctx.o.secrets, cur.id, corePatch(patch));
  } catch (e) {
    // The form shows the field's label; the message starts with it so the form can highlight that field.
    if (e instanceof ProfileEditError) throw new HandlerError(`${EDIT_FIELD_LABEL[e.field]}: ${e.problem} (nothing was changed)`, e.fixHint);
    throw e;
  }
  // Only this profile's connection, and only when it runs and the change is one it must dial or send anew.
  const reconnected = r.reconnect && ctx.orchestrator.get(cur.id) !== undefined;
  if (reconnected) restart(ctx, r.profile);
  if (r.changes.length > 0) await emitProfiles(ctx);
  return { profile: await profileView(ctx.o, r.profile), changes: r.changes, reconnected, connectionChanged: r.reconnect };
}

/** A running connection starts again from the top with the profile as saved now (route edits use it too). */
export function restart(ctx: HostContext, p: Profile): void {
  // A question the old attempt asked (host key, passphrase) is about the old settings.
  ctx.prompts.declineFor(p.id);
  startConnection(ctx, p);
}

/** A connection that stopped for a person (needs-attention) tries again at once after the fix. */
function retryIfStuck(ctx: HostContext, p: Profile): boolean {
  if (ctx.orchestrator.get(p.id)?.snapshot.state !== "needs-attention") return false;
  restart(ctx, p);
  return true;
}

function places(ctx: HostContext): TrustPlaces {
  return { configDir: ctx.o.configDir, ...(ctx.o.env ? { env: ctx.o.env } : {}), ...(ctx.o.homeDir ? { homeDir: ctx.o.homeDir } : {}) };
}

async function forgetTrust(ctx: HostContext, p: Profile, kind: TrustKind) {
  const lines: string[] = [];
  let forgotten: number;
  if (kind === "host-key") {
    if (p.kind !== "ssh") throw new HandlerError(`${p.name} is not an SSH gateway, so it has no SSH host key.`, "Forget its TLS certificate pin instead.");
    const r = await forgetHostKeys(p, places(ctx));
    forgotten = r.removed.length;
    lines.push(
      forgotten
        ? `Forgot ${forgotten} host key(s) of ${r.hosts.join(", ")} in Clawlink's known_hosts. The next connect shows the server's key and asks again.`
        : `Clawlink's known_hosts remembers no host key of ${r.hosts.join(", ")}.`,
    );
    for (const e of r.elsewhere) lines.push(`${e.host} is also in ${e.file}, which Clawlink never changes. After checking the new key on the server, remove it there: ssh-keygen -R '${e.host}' -f ${e.file}`);
  } else {
    if (p.kind === "ssh") throw new HandlerError(`${p.name} is an SSH gateway: it has no TLS certificate pin.`, "Forget its SSH host key instead.");
    if (ctx.o.secrets.kind === "memory") lines.push("No keychain is available, so pins are kept in memory for this session only.");
    const gone = await forgetTlsPins(ctx.o.secrets, p);
    forgotten = gone.length;
    lines.push(forgotten ? `Forgot the certificate pin of ${gone.join(", ")}. The next connect checks the certificate again.` : `${p.name} has no certificate pin stored.`);
  }
  if (retryIfStuck(ctx, p)) lines.push(`Connecting ${p.name} again.`);
  await emitProfiles(ctx);
  return { forgotten, lines };
}

async function resetAll(ctx: HostContext) {
  const profiles = ctx.o.profiles.list();
  const r = await resetIdentity(ctx.o.secrets, profiles);
  const lines = [`This device has a new identity (${r.deviceId}); ${r.deviceTokensDeleted} device token(s) of the old one were deleted.`];
  // A live session still signs with the old key: each one starts again, and its gateway asks for pairing.
  const live = profiles.filter((p) => ctx.orchestrator.get(p.id));
  for (const p of live) restart(ctx, p);
  lines.push(live.length ? `Reconnecting ${live.map((p) => p.name).join(", ")}: each gateway must approve this device again.` : "Every gateway must approve this device again on its next connect.");
  return { deviceId: r.deviceId, deviceTokensDeleted: r.deviceTokensDeleted, lines };
}

async function sshPassword(ctx: HostContext, p: Profile, value: string | null) {
  if (p.kind !== "ssh") throw new HandlerError(`${p.name} is not an SSH gateway, so it has no SSH password.`, "Store its gateway token or password instead.");
  const where = ctx.o.secrets.kind === "memory" ? "kept in memory for this session only (no keychain is available)" : "stored in the keychain";
  const lines: string[] = [];
  let login: string;
  if (value === null) {
    const r = await deleteSshPassword(ctx.o.secrets, p, places(ctx));
    login = r.place.login;
    lines.push(r.removed ? `Deleted the SSH password for ${login}.` : `No SSH password was stored for ${login}.`);
  } else {
    ctx.o.logger.redactor.add(value);
    login = (await setSshPassword(ctx.o.secrets, p, value, places(ctx))).login;
    lines.push(`The SSH password for ${login} is ${where}; it is tried after keys and the agent.`);
  }
  if (retryIfStuck(ctx, p)) lines.push(`Connecting ${p.name} again.`);
  return { login, stored: value !== null, lines };
}
