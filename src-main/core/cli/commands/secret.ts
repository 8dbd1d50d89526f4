// `clawlink secret set|delete <profile> <token|password>`: the value is read from stdin (never an
// argument: it would show in ps) and goes to the OS keychain, under that profile's uid (so it follows a
// rename and goes with the profile).
import { deleteProfileSecret, setProfileSecret } from "../../profiles/profile-secrets.js";
import { parseArgs, UsageError } from "../args.js";
import { openContext, type CliIO } from "../context.js";
import { EXIT } from "../exit-codes.js";

export async function secretCommand(argv: string[], io: CliIO): Promise<number> {
  const args = parseArgs(argv);
  const [op, id, kind] = args.positionals;
  if ((op !== "set" && op !== "delete") || !id || (kind !== "token" && kind !== "password")) {
    throw new UsageError("usage: clawlink secret set|delete <profile> <token|password>   (set reads the value from stdin)");
  }
  const ctx = await openContext(args, io);
  const profile = ctx.profiles.get(id);
  if (!profile) throw new UsageError(`no profile "${id}"`);
  if (op === "delete") {
    const removed = await deleteProfileSecret(ctx.secrets, profile.uid, kind);
    io.stdout(removed ? `removed the ${kind} of ${profile.id}` : `${profile.id} had no ${kind} stored`);
    return EXIT.ok;
  }
  const value = (await io.readStdin()).replace(/\r?\n$/, "");
  if (!value.trim()) throw new UsageError(`no ${kind} on stdin (e.g. printf %s "$TOKEN" | clawlink secret set ${profile.id} ${kind})`);
  await setProfileSecret(ctx.secrets, profile.uid, kind, value.trim());
  io.stdout(`stored the ${kind} of ${profile.id} in the ${ctx.secrets.kind === "keychain" ? "OS keychain" : "memory of this process only (no keychain available)"}`);
  return EXIT.ok;
}
