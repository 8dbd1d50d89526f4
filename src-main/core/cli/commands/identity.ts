// `clawlink identity reset [--yes]` (issue 12): a new device identity for this installation. Gateways
// pair the device key, so after a reset every gateway sees a new device and must approve it again; the
// old identity's device tokens are deleted with it (they could never be used again). Because that is a
// lot of re-pairing, it says so first and then asks for "yes" on a terminal; without one (pipes, CI,
// --batch) it needs --yes, and refuses otherwise with nothing changed.
import { resetIdentity } from "../../profiles/profile-trust.js";
import { has, parseArgs, UsageError } from "../args.js";
import { openContext, type CliIO } from "../context.js";
import { EXIT } from "../exit-codes.js";
import { processTerminal, type Terminal } from "../prompts.js";

export async function identityCommand(argv: string[], io: CliIO, terminal: Terminal | null = processTerminal()): Promise<number> {
  const args = parseArgs(argv);
  const [op, ...extra] = args.positionals;
  if (op !== "reset" || extra.length > 0) throw new UsageError("usage: clawlink identity reset [--yes]");
  const ctx = await openContext(args, io);
  const profiles = ctx.profiles.list();
  io.stderr(
    `clawlink: resetting the device identity replaces this device's key: every gateway (${profiles.length} profile(s): ${profiles.map((p) => p.id).join(", ") || "none"}) ` +
      "will see a new device that needs pairing again (on each gateway host: `openclaw devices list`, then `openclaw devices approve <request id>`), and the device tokens they issued are deleted.",
  );
  if (!has(args, "yes")) {
    const tty = has(args, "batch") ? null : terminal;
    if (!tty) {
      io.stderr("clawlink identity: not reset — there is no terminal to confirm on; run again with --yes to reset.");
      return EXIT.usage;
    }
    const answer = await tty.ask('Type "yes" to reset the device identity: ');
    if (answer.trim().toLowerCase() !== "yes") {
      io.stderr("clawlink identity: not reset.");
      return EXIT.usage;
    }
  }
  const r = await resetIdentity(ctx.secrets, profiles);
  const text = `reset the device identity: new device id ${r.deviceId}; deleted ${r.deviceTokensDeleted} device token(s). Every gateway must approve this device again on its next connect.`;
  io.stdout(ctx.json ? JSON.stringify(r, null, 2) : text);
  return EXIT.ok;
}
