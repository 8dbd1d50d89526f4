// `clawlink profiles list|show|add|edit|duplicate|move|remove|import` (edit, duplicate and move are in
// profiles-edit.ts). Profiles live in profiles.json (never a secret); their
// secrets in the keychain (`clawlink secret set`). `add <name> <target>` takes the same targets as
// connect (ws://, wss://, https://, ssh://…, or `local`); `import` reads ~/.openclaw/openclaw.json (or
// --file) without changing it, or takes a pasted dashboard URL with #token=.
import { profileFromDashboardUrl } from "../../profiles/dashboard-url.js";
import { importFromOpenClawConfig, parseOpenClawConfig, readOpenClawConfig } from "../../profiles/openclaw-config.js";
import { saveImportedProfile } from "../../profiles/profile-import.js";
import type { Profile } from "../../profiles/profile-schema.js";
import { deleteProfileSecrets, readProfileSecrets } from "../../profiles/profile-secrets.js";
import { ProfileError } from "../../profiles/profile-store.js";
import { looksLikeUrl, parseDirectUrl } from "../../transport/direct-url.js";
import { flag, has, intFlag, parseArgs, UsageError, type ParsedArgs } from "../args.js";
import { openContext, type CliContext, type CliIO } from "../context.js";
import { EXIT } from "../exit-codes.js";
import { formatProfileTable, type ProfileRow } from "../profile-table.js";
import { duplicateSubcommand, editSubcommand, moveSubcommand } from "./profiles-edit.js";
import { addFromSetupCode, setupCodeIn } from "./setup-code.js";
import fs from "node:fs/promises";
import { DEFAULT_GATEWAY_PORT } from "../../../../src-shared/gateway-port.js";

function describeTarget(p: Profile): string {
  if (p.kind === "ssh") return `ssh ${p.ssh?.target} → 127.0.0.1:${p.ssh?.remotePort ?? DEFAULT_GATEWAY_PORT}`;
  if (p.kind === "direct") return p.direct?.url ?? "";
  return `local ws://127.0.0.1:${p.local?.port ?? DEFAULT_GATEWAY_PORT}`;
}

// Whether a secret is saved, never its value. With no keychain the store is this process's empty memory,
// so "not set" would be a guess: say "unknown" instead.
async function summary(ctx: CliContext, p: Profile): Promise<Record<string, unknown>> {
  const s = await readProfileSecrets(ctx.secrets, p.uid);
  const state = (v: string | null | undefined) => (ctx.secrets.kind === "memory" ? "unknown" : v ? "set" : "not set");
  return { ...p, target: describeTarget(p), secrets: { token: state(s.token), password: state(s.password) } };
}

async function tableRow(ctx: CliContext, p: Profile): Promise<ProfileRow> {
  const s = await readProfileSecrets(ctx.secrets, p.uid);
  const needed = p.auth.mode === "token" ? s.token : p.auth.mode === "password" ? s.password : null;
  return {
    id: p.id, name: p.name, kind: p.kind, target: describeTarget(p), connectAtStart: p.connectAtStart, authMode: p.auth.mode,
    secretSaved: ctx.secrets.kind === "memory" ? null : Boolean(needed),
  };
}

/** `clawlink profiles add <name> <target>`: the target's form picks the kind (local, ssh://, a URL, else an SSH target). */
async function addProfile(ctx: CliContext, args: ParsedArgs, rest: string[], io: CliIO, out: (o: unknown, text: string) => void): Promise<number> {
  const [name, given] = rest;
  // A setup code may come on stdin (it carries a bootstrap token). Given as the target it is accepted
  // too: it is single-use and is used up at once, which leaves nothing of worth in the shell's history.
  const target = has(args, "setup-code-stdin") ? (await io.readStdin()).trim() : given;
  if (has(args, "setup-code-stdin") && given) throw new UsageError("--setup-code-stdin takes the setup code from stdin: give only the <name>");
  if (!name || !target) throw new UsageError("usage: clawlink profiles add <name> <ws://…|wss://…|https://…|ssh://[user@]host[:port]|local|setup code>");
  if (has(args, "connect-at-start") && has(args, "no-connect-at-start")) throw new UsageError("--connect-at-start and --no-connect-at-start exclude each other");
  // A gateway someone adds is one they mean to use: connect at start unless told not to (issue 12).
  // --connect-at-start stays accepted (it was the opt-in before) and changes nothing.
  const common = { name, connectAtStart: !has(args, "no-connect-at-start"), auth: { mode: (flag(args, "auth") ?? "token") as Profile["auth"]["mode"] } };
  // A setup code (`openclaw qr --setup-code-only`) names its gateway and pairs this device (issue 13 §4).
  const code = setupCodeIn(target);
  if (code && "error" in code) return fail(io, `<target> ${code.error}`, code.fixHint);
  if (code) return addFromSetupCode(ctx, args, name, code.setup, io);
  let profile: Profile;
  if (target === "local") profile = await ctx.profiles.add({ ...common, kind: "local", local: { port: intFlag(args, "port") ?? DEFAULT_GATEWAY_PORT } });
  else if (/^ssh:\/\//i.test(target)) {
    const u = new URL(target);
    const ssh = `${u.username ? `${decodeURIComponent(u.username)}@` : ""}${u.hostname}${u.port ? `:${u.port}` : ""}`;
    profile = await ctx.profiles.add({
      ...common, kind: "ssh",
      ssh: {
        target: ssh,
        ...(flag(args, "identity") ? { identityFile: flag(args, "identity")! } : {}),
        ...(intFlag(args, "remote-port") !== undefined ? { remotePort: intFlag(args, "remote-port")! } : {}),
        ...(intFlag(args, "local-port") !== undefined ? { localPort: intFlag(args, "local-port")! } : {}),
        ...(intFlag(args, "keepalive-interval") !== undefined ? { keepaliveIntervalS: intFlag(args, "keepalive-interval")! } : {}),
        ...(intFlag(args, "keepalive-count") !== undefined ? { keepaliveCountMax: intFlag(args, "keepalive-count")! } : {}),
      },
    });
  } else if (looksLikeUrl(target)) {
    // Checked here so a typo ("htp:/oops") is refused as a URL, naming the argument, and never
    // falls through to being saved as an SSH target.
    const u = parseDirectUrl(target);
    if (!u.ok) return fail(io, `<target> ${u.attention.message}`, u.attention.fixHint);
    if (target.includes("#")) throw new UsageError("a URL with #token= is imported with `clawlink profiles import <url>` (the token goes to the keychain)");
    profile = await ctx.profiles.add({ ...common, kind: "direct", direct: { url: target } });
  } else profile = await ctx.profiles.add({ ...common, kind: "ssh", ssh: { target } });
  out(profile, `added ${profile.id}: ${describeTarget(profile)}${profile.auth.mode === "token" ? `\nstore its token with: clawlink secret set ${profile.id} token  (value on stdin)` : ""}`);
  return EXIT.ok;
}

export async function profilesCommand(argv: string[], io: CliIO): Promise<number> {
  const args = parseArgs(argv);
  const [sub, ...rest] = args.positionals;
  const ctx = await openContext(args, io);
  const out = (o: unknown, text: string) => io.stdout(ctx.json ? JSON.stringify(o, null, 2) : text);
  try {
    switch (sub) {
      case "list":
      case undefined: {
        const profiles = ctx.profiles.list();
        if (ctx.json) out(await Promise.all(profiles.map((p) => summary(ctx, p))), "");
        else io.stdout(formatProfileTable(await Promise.all(profiles.map((p) => tableRow(ctx, p)))));
        return EXIT.ok;
      }
      case "show": {
        const p = rest[0] ? ctx.profiles.get(rest[0]) : undefined;
        if (!p) throw new UsageError(`no profile "${rest[0] ?? ""}"`);
        const s = await summary(ctx, p);
        out(s, JSON.stringify(s, null, 2));
        return EXIT.ok;
      }
      case "add":
        return await addProfile(ctx, args, rest, io, out);
      case "edit":
        return await editSubcommand(ctx, args, rest, out);
      case "duplicate":
        return await duplicateSubcommand(ctx, args, rest, out);
      case "move":
        return await moveSubcommand(ctx, args, rest, out);
      case "remove": {
        const p = rest[0] ? ctx.profiles.get(rest[0]) : undefined;
        if (!p) throw new UsageError(`no profile "${rest[0] ?? ""}"`);
        await ctx.profiles.remove(p.id);
        // Every entry of its uid: token, password, pins, SSH password, passphrases, device tokens.
        const deleted = await deleteProfileSecrets(ctx.secrets, p.uid);
        out({ removed: p.id, keychainEntriesDeleted: deleted.length }, `removed ${p.id} and its keychain entries (${deleted.length})`);
        return EXIT.ok;
      }
      case "import": {
        const source = rest[0];
        if (source && /^(wss?|https?):\/\//i.test(source)) {
          const r = profileFromDashboardUrl(source, { existing: ctx.profiles.list(), secretStore: ctx.secrets.kind, ...(flag(args, "name") ? { name: flag(args, "name")! } : {}) });
          if (!r.ok) return fail(io, r.attention.message, r.attention.fixHint);
          const saved = await saveImportedProfile(ctx.profiles, ctx.secrets, r.value.profile, r.value.token ? { token: r.value.token } : {});
          out({ imported: saved, notes: r.value.notes }, [`imported ${saved.id}: ${describeTarget(saved)}`, ...r.value.notes].join("\n"));
          return EXIT.ok;
        }
        const file = flag(args, "file") ?? source;
        const read = file
          ? await fs.readFile(file, "utf8").then((t) => parseOpenClawConfig(t, file), (e: Error) => ({ ok: false as const, attention: { reason: "openclaw-config-unreadable", message: `${file}: ${e.message}`, fixHint: "Check the path." } }))
          : await readOpenClawConfig({ env: io.env });
        if (!read.ok) return fail(io, read.attention.message, read.attention.fixHint);
        if (!("config" in read)) return fail(io, `no OpenClaw config at ${read.location.path}`, "Pass --file PATH, or run `openclaw setup` on this machine first.");
        const r = importFromOpenClawConfig(read.config, { env: io.env, existing: ctx.profiles.list(), secretStore: ctx.secrets.kind });
        if (!r.ok) return fail(io, r.attention.message, r.attention.fixHint);
        const saved = await saveImportedProfile(ctx.profiles, ctx.secrets, r.value.profile, r.value.secrets);
        out({ imported: saved, notes: r.value.notes }, [`imported ${saved.id}: ${describeTarget(saved)}`, ...r.value.notes].join("\n"));
        return EXIT.ok;
      }
      default:
        throw new UsageError(`unknown subcommand "${sub}": list, show, add, edit, duplicate, move, remove, import`);
    }
  } catch (e) {
    if (e instanceof ProfileError) return fail(io, e.message, e.fixHint ?? "");
    throw e;
  }
}

function fail(io: CliIO, message: string, fixHint: string): number {
  io.stderr(`clawlink profiles: ${message}${fixHint ? ` — ${fixHint}` : ""}`);
  return EXIT.usage;
}
