// `clawlink profiles edit <profile> --add-route <url|ssh://…> [--route-remote-port N] [--identity FILE]
// | --remove-route N | --return-check S` (issue 13 §3): the fallback routes of one gateway, in order.
// The core is profiles/profile-routes.ts; this prints every route after the change, numbered as
// --remove-route takes them.
import { describeRoutes, editRoutes } from "../../profiles/profile-routes.js";
import { flag, has, intFlag, UsageError, type ParsedArgs } from "../args.js";
import type { CliContext } from "../context.js";
import { EXIT } from "../exit-codes.js";

const ROUTE_FLAGS = ["add-route", "remove-route", "return-check"] as const;

export function routeFlagsGiven(args: ParsedArgs): boolean {
  return ROUTE_FLAGS.some((f) => has(args, f));
}

export async function routesSubcommand(ctx: CliContext, args: ParsedArgs, id: string, out: (o: unknown, text: string) => void): Promise<number> {
  if (has(args, "add-route") && has(args, "remove-route")) throw new UsageError("--add-route and --remove-route: one at a time");
  const add = flag(args, "add-route");
  const r = await editRoutes(ctx.profiles, id, {
    ...(add !== undefined ? { add } : {}),
    ...(intFlag(args, "route-remote-port") !== undefined ? { remotePort: intFlag(args, "route-remote-port")! } : {}),
    ...(add !== undefined && flag(args, "identity") ? { identityFile: flag(args, "identity")! } : {}),
    ...(intFlag(args, "remove-route") !== undefined ? { remove: intFlag(args, "remove-route")! } : {}),
    ...(intFlag(args, "return-check") !== undefined ? { returnCheckS: intFlag(args, "return-check")! } : {}),
  });
  const routes = describeRoutes(r.profile);
  const lines = [`edited ${r.profile.id}: ${r.changes.join(", ")}`, "routes (tried in this order; the first that answers is used, route 1 is returned to when it answers again):"];
  routes.forEach((x, i) => lines.push(`  ${i + 1}  ${x}`));
  lines.push(`a running connection of ${r.profile.id} must reconnect to use them.`);
  out({ profile: r.profile, routes, changes: r.changes }, lines.join("\n"));
  return EXIT.ok;
}
