// `clawlink secret set|delete <profile> <token|password|ssh-password>`: the value is read from stdin
// (never an argument: it would show in ps) and goes to the OS keychain, under that profile's uid (so it
// follows a rename and goes with the profile). The SSH password (issue 12) is kept for the gateway host
// as the connection resolves it (~/.ssh/config applied: user@host:port), where the tunnel looks for it.
import { deleteProfileSecret, setProfileSecret } from "../../profiles/profile-secrets.js";
import { deleteSshPassword, setSshPassword } from "../../profiles/profile-trust.js";
import { ProfileError } from "../../profiles/profile-store.js";
import { parseArgs, UsageError } from "../args.js";
import { openContext, type CliIO } from "../context.js";
import { EXIT } from "../exit-codes.js";
import { classifyPastedSecret } from "../../profiles/pasted-secret.js";
import { pairProfile, setupCodeIn } from "./setup-code.js";

const KINDS = ["token", "password", "ssh-password"] as const;
type Kind = (typeof KINDS)[number];

export async function secretCommand(argv: string[], io: CliIO): Promise<number> {
  const args = parseArgs(argv);
  const [op, id, kind] = args.positionals;
  if ((op !== "set" && op !== "delete") || !id || !KINDS.includes(kind as Kind)) {
    throw new UsageError("usage: clawlink secret set|delete <profile> <token|password|ssh-password>   (set reads the value from stdin)");
  }
  const ctx = await openContext(args, io);
  const profile = ctx.profiles.get(id);
  if (!profile) throw new UsageError(`no profile "${id}"`);
  const places = { configDir: ctx.configDir, env: io.env };
  const where = ctx.secrets.kind === "keychain" ? "OS keychain" : "memory of this process only (no keychain available)";
  try {
    if (op === "delete") {
      if (kind === "ssh-password") {
        const r = await deleteSshPassword(ctx.secrets, profile, places);
        io.stdout(r.removed ? `removed the SSH password for ${r.place.login} (${profile.id})` : `${profile.id} had no SSH password stored for ${r.place.login}`);
        return EXIT.ok;
      }
      const removed = await deleteProfileSecret(ctx.secrets, profile.uid, kind as "token" | "password");
      io.stdout(removed ? `removed the ${kind} of ${profile.id}` : `${profile.id} had no ${kind} stored`);
      return EXIT.ok;
    }
    const value = (await io.readStdin()).replace(/\r?\n$/, "");
    if (!value.trim()) throw new UsageError(`no ${kind} on stdin (e.g. printf %s "$${kind === "token" ? "TOKEN" : "PASSWORD"}" | clawlink secret set ${profile.id} ${kind})`);
    if (kind === "ssh-password") {
      // Kept as typed: an SSH password may begin or end with a blank (only the final newline is dropped).
      const place = await setSshPassword(ctx.secrets, profile, value, places);
      io.stdout(`stored the SSH password for ${place.login} (${profile.id}) in the ${where}; it is tried after ssh-agent and key files`);
      return EXIT.ok;
    }
    if (kind === "token") {
      // What was pasted decides (issue 13 §4): a setup code pairs, a dashboard link gives its #token=.
      const code = setupCodeIn(value);
      if (code && "error" in code) throw new UsageError(`${code.error} — ${code.fixHint}`);
      if (code) return await pairProfile(ctx, args, profile, code.setup, io);
      const pasted = classifyPastedSecret(value);
      if (pasted.kind === "dashboard-url" && !pasted.token) throw new UsageError("that is a gateway address, not a token (a dashboard link carries the token after #token=)");
      if (pasted.kind === "dashboard-url") {
        await setProfileSecret(ctx.secrets, profile.uid, "token", pasted.token!);
        io.stdout(`stored the #token= of the pasted link as the token of ${profile.id} in the ${where} (the profile's address was not changed)`);
        return EXIT.ok;
      }
    }
    await setProfileSecret(ctx.secrets, profile.uid, kind as "token" | "password", value.trim());
    io.stdout(`stored the ${kind} of ${profile.id} in the ${where}`);
    return EXIT.ok;
  } catch (e) {
    if (!(e instanceof ProfileError)) throw e;
    io.stderr(`clawlink secret: ${e.message}${e.fixHint ? ` ${e.fixHint}` : ""}`);
    return EXIT.usage;
  }
}
