// What `clawlink probe|connect|chat <target>` connects to: ws://, wss://, https:// (taken as wss),
// ssh://[user@]host[:port], or a profile id/name; with no target, OPENCLAW_GATEWAY_URL if set, else the
// default profile. Credentials follow OpenClaw's precedence (profiles/credentials.ts): a URL typed on
// the command line only ever gets explicit credentials (and its own device token).
import type { ConnectionSpec } from "../orchestrator/connection-spec.js";
import { specFromProfile } from "../orchestrator/profile-spec.js";
import { resolveCredentials, type ExplicitCredential, type ResolvedCredentials } from "../profiles/credentials.js";
import type { Profile } from "../profiles/profile-schema.js";
import { looksLikeUrl, parseDirectUrl } from "../transport/direct-url.js";
import { flag, has, intFlag, UsageError, type ParsedArgs } from "./args.js";
import type { CliContext } from "./context.js";

export interface ResolvedTarget {
  spec: ConnectionSpec;
  credentials: ResolvedCredentials;
  profile: Profile | null;
}

async function explicitCredentials(args: ParsedArgs, ctx: CliContext): Promise<{ token?: ExplicitCredential; password?: ExplicitCredential }> {
  const out: { token?: ExplicitCredential; password?: ExplicitCredential } = {};
  const fromEnv = (name: string, what: string): ExplicitCredential => {
    const v = ctx.io.env[name];
    if (!v) throw new UsageError(`--${what}-env ${name}: that environment variable is not set`);
    return { value: v.trim(), source: `--${what}-env ${name}` };
  };
  if (has(args, "token-stdin") && has(args, "password-stdin")) throw new UsageError("only one of --token-stdin and --password-stdin can read stdin");
  if (has(args, "token-stdin")) {
    const v = (await ctx.io.readStdin()).trim();
    if (!v) throw new UsageError("--token-stdin: nothing arrived on stdin");
    out.token = { value: v, source: "--token-stdin" };
  } else if (flag(args, "token-env")) out.token = fromEnv(flag(args, "token-env")!, "token");
  if (has(args, "password-stdin")) {
    const v = (await ctx.io.readStdin()).trim();
    if (!v) throw new UsageError("--password-stdin: nothing arrived on stdin");
    out.password = { value: v, source: "--password-stdin" };
  } else if (flag(args, "password-env")) out.password = fromEnv(flag(args, "password-env")!, "password");
  for (const c of Object.values(out)) ctx.logger.redactor.add(c?.value);
  return out;
}

function sshSpec(args: ParsedArgs, target: string, base: Partial<NonNullable<ConnectionSpec["ssh"]>> = {}): NonNullable<ConnectionSpec["ssh"]> {
  const ssh: NonNullable<ConnectionSpec["ssh"]> = { ...base, target };
  if (flag(args, "identity")) ssh.identityFile = flag(args, "identity")!;
  if (intFlag(args, "remote-port") !== undefined) ssh.remotePort = intFlag(args, "remote-port")!;
  if (intFlag(args, "local-port") !== undefined) ssh.localPort = intFlag(args, "local-port")!;
  if (intFlag(args, "keepalive-interval") !== undefined) ssh.keepaliveIntervalS = intFlag(args, "keepalive-interval")!;
  if (intFlag(args, "keepalive-count") !== undefined) ssh.keepaliveCountMax = intFlag(args, "keepalive-count")!;
  const extra = args.flags.get("known-hosts");
  if (extra?.length) ssh.knownHostsFiles = extra;
  return ssh;
}

export async function resolveTarget(raw: string | undefined, args: ParsedArgs, ctx: CliContext): Promise<ResolvedTarget> {
  const explicit = await explicitCredentials(args, ctx);
  const envUrl = ctx.io.env.OPENCLAW_GATEWAY_URL;
  const input = raw ?? envUrl;
  const fromEnvUrl = raw === undefined && envUrl !== undefined;
  const pin = flag(args, "tls-fingerprint");

  if (input && /^(wss?|https?):\/\//i.test(input)) {
    const credentials = resolveCredentials({ target: fromEnvUrl ? { kind: "env-url" } : { kind: "command-line-url" }, explicit, env: ctx.io.env });
    const spec: ConnectionSpec = { id: "cli", name: safeLabel(input), kind: "direct", url: input, gatewayKey: `url:${safeLabel(input)}`, ...creds(credentials) };
    if (pin) spec.tlsFingerprint = pin;
    return { spec, credentials, profile: null };
  }
  if (input && /^ssh:\/\//i.test(input)) {
    const u = new URL(input);
    if (!u.hostname) throw new UsageError(`${input}: no host in the ssh:// target`);
    if (pin) throw new UsageError("--tls-fingerprint applies to wss:// targets, not ssh://");
    const target = `${u.username ? `${decodeURIComponent(u.username)}@` : ""}${u.hostname}${u.port ? `:${u.port}` : ""}`;
    const credentials = resolveCredentials({ target: { kind: "command-line-url" }, explicit, env: ctx.io.env });
    return { spec: { id: "cli", name: target, kind: "ssh", ssh: sshSpec(args, target), gatewayKey: `ssh:${target}`, ...creds(credentials) }, credentials, profile: null };
  }

  const profile = input ? ctx.profiles.get(input) : ctx.profiles.list()[0];
  if (!profile) {
    // A mistyped URL is not a missing profile: say what is wrong with it.
    if (input && looksLikeUrl(input)) {
      const u = parseDirectUrl(input);
      if (!u.ok) throw new UsageError(`<target> ${u.attention.message} ${u.attention.fixHint}`);
    }
    const known = ctx.profiles.list().map((p) => p.id).join(", ");
    throw new UsageError(`no profile named "${input}" (profiles: ${known || "none"}); targets are ws://, wss://, https://, ssh://[user@]host[:port] or a profile name`);
  }
  const { spec, credentials, notes } = await specFromProfile(profile, { secrets: ctx.secrets, env: ctx.io.env, explicit });
  for (const n of notes) ctx.io.stderr(`clawlink: ${n}`);
  if (spec.kind === "ssh") spec.ssh = sshSpec(args, spec.ssh!.target, spec.ssh);
  if (pin) spec.tlsFingerprint = pin;
  return { spec, credentials, profile };
}

function creds(c: ResolvedCredentials): Pick<ConnectionSpec, "token" | "password"> {
  return { ...(c.token ? { token: c.token } : {}), ...(c.password ? { password: c.password } : {}) };
}

/** A URL as it may be shown and logged: no #fragment (it can carry a token), no userinfo. */
export function safeLabel(url: string): string {
  try {
    const u = new URL(url);
    u.hash = "";
    u.username = "";
    u.password = "";
    return u.toString().replace(/\/$/, "");
  } catch {
    return url.replace(/#.*$/, "");
  }
}
