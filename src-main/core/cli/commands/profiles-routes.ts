// `clawlink profiles edit <profile> --add-route <url|ssh://…> [--route-remote-port N] [--identity FILE]
// | --remove-route N | --move-route N --route-position M | --return-check S` (issue 13 §3): the fallback routes of one gateway, in order.
// The core is profiles/profile-routes.ts; this prints every route after the change, numbered as
// --remove-route takes them.
import { describeRoutes, editRoutes } from "../../profiles/profile-routes.js";
import { flag, has, intFlag, UsageError, type ParsedArgs } from "../args.js";
import type { CliContext } from "../context.js";
import { EXIT } from "../exit-codes.js";

const ROUTE_FLAGS = ["add-route", "remove-route", "move-route", "return-check"] as const;

export function routeFlagsGiven(args: ParsedArgs): boolean {
  return ROUTE_FLAGS.some((f) => has(args, f));
}

export async function routesSubcommand(ctx: CliContext, args: ParsedArgs, id: string, out: (o: unknown, text: string) => void): Promise<number> {
  if ([has(args, "add-route"), has(args, "remove-route"), has(args, "move-route")].filter(Boolean).length > 1) throw new UsageError("--add-route, --remove-route and --move-route: one at a time");
  const moveRoute = intFlag(args, "move-route");
  const position = intFlag(args, "route-position");
  if ((moveRoute === undefined) !== (position === undefined)) throw new UsageError("--move-route N needs --route-position M (and the other way round)");
  const add = flag(args, "add-route");
  const r = await editRoutes(ctx.profiles, id, {
    ...(add !== undefined ? { add } : {}),
    ...(intFlag(args, "route-remote-port") !== undefined ? { remotePort: intFlag(args, "route-remote-port")! } : {}),
    ...(add !== undefined && flag(args, "identity") ? { identityFile: flag(args, "identity")! } : {}),
    ...(intFlag(args, "remove-route") !== undefined ? { remove: intFlag(args, "remove-route")! } : {}),
    ...(moveRoute !== undefined ? { move: { route: moveRoute, to: position! } } : {}),
    ...(intFlag(args, "return-check") !== undefined ? { returnCheckS: intFlag(args, "return-check")! } : {}),
  });
  const routes = describeRoutes(r.profile);
  const lines = [`edited ${r.profile.id}: ${r.changes.join(", ")}`, "routes (tried in this order; the first that answers is used, route 1 is returned to when it answers again):"];
  routes.forEach((x, i) => lines.push(`  ${i + 1}  ${x}`));
  lines.push(`a running connection of ${r.profile.id} must reconnect to use them.`);
  out({ profile: r.profile, routes, changes: r.changes }, lines.join("\n"));
  return EXIT.ok;
}
