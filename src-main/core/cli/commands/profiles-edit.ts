// `clawlink profiles edit|duplicate|move` (issue 12), the command-line face of profile-edit.ts and
// profile-arrange.ts. Kept apart from profiles.ts so each file stays one screenful of decisions.
//  - edit <profile> [--name …] [--host …] [--port N] [--user …] [--identity FILE] [--remote-port N]
//    [--local-port N] [--url …] [--tls-fingerprint HEX] [--auth MODE] [--[no-]connect-at-start]
//    [--keepalive-interval S] [--keepalive-count N]: prints each change as `field: old → new`, and
//    whether the connection must be restarted to use it. An empty value (`--identity ''`, `--user ''`)
//    or `--local-port 0` removes that setting. A refused value names its flag; nothing is written.
//  - duplicate <profile> [--name NEW] [--with-secrets]: a new profile after the original.
//  - move <profile> --to N | up | down | first | last: N is the position `profiles list` shows.
import { duplicateProfile, moveProfile, type MoveTo } from "../../profiles/profile-arrange.js";
import { editProfile, ProfileEditError, type EditField, type ProfileEditPatch } from "../../profiles/profile-edit.js";
import type { AuthMode } from "../../profiles/profile-schema.js";
import { ProfileError } from "../../profiles/profile-store.js";
import { flag, has, intFlag, UsageError, type ParsedArgs } from "../args.js";
import type { CliContext } from "../context.js";
import { EXIT } from "../exit-codes.js";
import { routeFlagsGiven, routesSubcommand } from "./profiles-routes.js";

type Out = (o: unknown, text: string) => void;

/** The flag a person types for each field, for messages. */
export const FLAG_OF: Record<EditField, string> = {
  name: "--name", host: "--host", port: "--port", user: "--user", identityFile: "--identity", remotePort: "--remote-port",
  localPort: "--local-port", url: "--url", tlsFingerprint: "--tls-fingerprint", authMode: "--auth",
  connectAtStart: "--connect-at-start", keepaliveIntervalS: "--keepalive-interval", keepaliveCountMax: "--keepalive-count",
};

const AUTH_MODES: readonly AuthMode[] = ["token", "password", "none", "device-only"];

/** The patch the flags describe; only flags given are in it. */
export function patchFromArgs(args: ParsedArgs): ProfileEditPatch {
  if (has(args, "connect-at-start") && has(args, "no-connect-at-start")) throw new UsageError("--connect-at-start and --no-connect-at-start exclude each other");
  const patch: ProfileEditPatch = {};
  const text = (name: string) => flag(args, name);
  const emptyIsNull = (v: string | undefined) => (v === undefined ? undefined : v.trim() === "" ? null : v);
  if (text("name") !== undefined) patch.name = text("name")!;
  if (text("host") !== undefined) patch.host = text("host")!;
  if (intFlag(args, "port") !== undefined) patch.port = intFlag(args, "port")!;
  const user = emptyIsNull(text("user"));
  if (user !== undefined) patch.user = user;
  const identity = emptyIsNull(text("identity"));
  if (identity !== undefined) patch.identityFile = identity;
  if (intFlag(args, "remote-port") !== undefined) patch.remotePort = intFlag(args, "remote-port")!;
  if (intFlag(args, "local-port") !== undefined) patch.localPort = intFlag(args, "local-port") === 0 ? null : intFlag(args, "local-port")!;
  if (text("url") !== undefined) patch.url = text("url")!;
  if (text("tls-fingerprint") !== undefined) patch.tlsFingerprint = text("tls-fingerprint")!;
  const auth = text("auth");
  if (auth !== undefined) {
    if (!AUTH_MODES.includes(auth as AuthMode)) throw new UsageError(`--auth must be one of ${AUTH_MODES.join(", ")} (got "${auth}")`);
    patch.authMode = auth as AuthMode;
  }
  if (has(args, "connect-at-start")) patch.connectAtStart = true;
  if (has(args, "no-connect-at-start")) patch.connectAtStart = false;
  if (intFlag(args, "keepalive-interval") !== undefined) patch.keepaliveIntervalS = intFlag(args, "keepalive-interval")!;
  if (intFlag(args, "keepalive-count") !== undefined) patch.keepaliveCountMax = intFlag(args, "keepalive-count")!;
  return patch;
}

const shown = (v: unknown) => (v === null ? "(none)" : String(v));

export async function editSubcommand(ctx: CliContext, args: ParsedArgs, rest: string[], out: Out): Promise<number> {
  const id = rest[0];
  if (!id || rest.length > 1) throw new UsageError("usage: clawlink profiles edit <profile> [--name …] [--host …] [--port N] [--user …] [--identity FILE] [--remote-port N] [--url …] [--tls-fingerprint HEX] …");
  if (routeFlagsGiven(args)) return routesSubcommand(ctx, args, id, out);
  const patch = patchFromArgs(args);
  if (Object.keys(patch).length === 0) throw new UsageError("nothing to change: give at least one of --name --host --port --user --identity --remote-port --local-port --url --tls-fingerprint --auth --[no-]connect-at-start --keepalive-interval --keepalive-count");
  let r;
  try {
    r = await editProfile(ctx.profiles, ctx.secrets, id, patch);
  } catch (e) {
    // The form names the field; on the command line the flag is what was typed.
    if (e instanceof ProfileEditError) throw new ProfileError(`${FLAG_OF[e.field]}: ${e.problem} (nothing was changed)`, e.fixHint);
    throw e;
  }
  const p = r.profile;
  const lines = r.changes.length === 0 ? [`${p.id}: nothing changed (the values given are the current ones)`] : [`edited ${p.id}:`, ...r.changes.map((c) => `  ${c.field}: ${shown(c.from)} → ${shown(c.to)}`)];
  if (r.reconnect)
    lines.push(`${p.id}'s connection settings changed: a running connection of ${p.id} must reconnect to use them (\`clawlink connect ${p.id}\` picks them up when it starts); no other profile is affected.`);
  else if (r.changes.length > 0) lines.push("no reconnect needed.");
  if (r.changes.length > 0) lines.push(`id stays ${p.id}; its keychain secrets are kept.`);
  out({ profile: p, changes: r.changes, reconnect: r.reconnect }, lines.join("\n"));
  return EXIT.ok;
}

export async function duplicateSubcommand(ctx: CliContext, args: ParsedArgs, rest: string[], out: Out): Promise<number> {
  const id = rest[0];
  if (!id || rest.length > 1) throw new UsageError("usage: clawlink profiles duplicate <profile> [--name NEW] [--with-secrets]");
  const r = await duplicateProfile(ctx.profiles, ctx.secrets, id, { ...(flag(args, "name") !== undefined ? { name: flag(args, "name")! } : {}), withSecrets: has(args, "with-secrets") });
  const position = ctx.profiles.list().findIndex((p) => p.uid === r.profile.uid) + 1;
  const secrets = r.copiedSecrets.length
    ? `copied its ${r.copiedSecrets.join(" and ")} (pins, SSH passwords and device tokens are never copied)`
    : `no secrets copied (store them with \`clawlink secret set ${r.profile.id} token\`, or duplicate with --with-secrets)`;
  out({ duplicated: r.profile, position, copiedSecrets: r.copiedSecrets }, `duplicated as ${r.profile.id} ("${r.profile.name}") at position ${position}, not connected at start; ${secrets}`);
  return EXIT.ok;
}

export async function moveSubcommand(ctx: CliContext, args: ParsedArgs, rest: string[], out: Out): Promise<number> {
  const [id, where, ...extra] = rest;
  const to: MoveTo | undefined = intFlag(args, "to") ?? (where === "up" || where === "down" || where === "first" || where === "last" ? where : undefined);
  if (!id || extra.length > 0 || to === undefined || (has(args, "to") && where !== undefined))
    throw new UsageError("usage: clawlink profiles move <profile> --to N | up | down | first | last   (N: the position `profiles list` shows)");
  const r = await moveProfile(ctx.profiles, id, to);
  out({ moved: r.profile.id, position: r.position, order: r.order }, [`${r.profile.id} is at position ${r.position}:`, ...r.order.map((x, i) => `  ${i + 1}  ${x}`)].join("\n"));
  return EXIT.ok;
}
