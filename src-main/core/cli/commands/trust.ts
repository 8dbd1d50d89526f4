// `clawlink trust forget <profile> [--host-key|--tls]` (issue 12): forgets what Clawlink remembered
// about a profile's endpoint, so the next connect asks again: the SSH host keys in Clawlink's own
// known_hosts (the gateway host and any ProxyJump hop), and the TLS pins in the keychain. Neither flag:
// whatever applies to the profile's kind. This is the fix a "host key changed" error points at after the
// person checked the new key on the server; ~/.ssh/known_hosts is never written (the exact ssh-keygen
// command is printed for a key found there).
import { forgetHostKeys, forgetTlsPins } from "../../profiles/profile-trust.js";
import { ProfileError } from "../../profiles/profile-store.js";
import { has, parseArgs, UsageError } from "../args.js";
import { openContext, type CliContext, type CliIO } from "../context.js";
import { EXIT } from "../exit-codes.js";

const USAGE_LINE = "usage: clawlink trust forget <profile> [--host-key | --tls]";

export async function trustCommand(argv: string[], io: CliIO): Promise<number> {
  const args = parseArgs(argv);
  const [op, id, ...extra] = args.positionals;
  if (op !== "forget" || !id || extra.length > 0) throw new UsageError(USAGE_LINE);
  const ctx = await openContext(args, io);
  const profile = ctx.profiles.get(id);
  if (!profile) throw new UsageError(`no profile "${id}"`);
  const asked = { hostKey: has(args, "host-key"), tls: has(args, "tls") };
  const neither = !asked.hostKey && !asked.tls;
  const hostKey = asked.hostKey || (neither && profile.kind === "ssh");
  const tls = asked.tls || (neither && profile.kind !== "ssh");
  const out: Record<string, unknown> = { profile: profile.id };
  const lines: string[] = [];
  try {
    if (hostKey) lines.push(...(await forgetKeys(ctx, profile, out)));
    if (tls) lines.push(...(await forgetPins(ctx, profile, out)));
  } catch (e) {
    if (!(e instanceof ProfileError)) throw e;
    io.stderr(`clawlink trust: ${e.message}${e.fixHint ? ` ${e.fixHint}` : ""}`);
    return EXIT.usage;
  }
  io.stdout(ctx.json ? JSON.stringify(out, null, 2) : lines.join("\n"));
  return EXIT.ok;
}

async function forgetKeys(ctx: CliContext, profile: Parameters<typeof forgetHostKeys>[0], out: Record<string, unknown>): Promise<string[]> {
  const r = await forgetHostKeys(profile, { configDir: ctx.configDir, env: ctx.io.env });
  out.hostKeys = r;
  const lines = [
    r.removed.length
      ? `forgot ${r.removed.length} host key(s) of ${r.hosts.join(", ")} in Clawlink's known_hosts (${r.file}); the next connect shows the key and asks again`
      : `Clawlink's known_hosts (${r.file}) remembers no host key of ${r.hosts.join(", ")}`,
  ];
  for (const e of r.elsewhere)
    lines.push(`${e.host} is also in ${e.file}, which Clawlink never changes; after checking the new key on the server: ssh-keygen -R '${e.host}' -f ${e.file}`);
  return lines;
}

async function forgetPins(ctx: CliContext, profile: Parameters<typeof forgetTlsPins>[1], out: Record<string, unknown>): Promise<string[]> {
  const gone = await forgetTlsPins(ctx.secrets, profile);
  out.tlsPins = gone;
  if (ctx.secrets.kind === "memory") return ["no keychain is available, so no TLS pin was stored to forget"];
  return [
    gone.length
      ? `forgot the TLS pin of ${gone.join(", ")} (${profile.id}); the next connect checks the certificate again (a system-trusted one is pinned anew, any other needs its fingerprint confirmed)`
      : `${profile.id} has no TLS pin stored`,
  ];
}
