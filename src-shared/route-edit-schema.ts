// The host API's editRoutes (issue 13 §3, the Settings "Routes" form): one change to a profile's fallback
// routes — add one, remove one, move one, or set how often the preferred route is checked — and what
// came of it. The core is src-main/core/profiles/profile-routes.ts (editRoutes), the same one
// `clawlink profiles edit --add-route / --remove-route / --move-route / --return-check` uses. A refusal
// names the form's field with the label below (`SSH route: remote port: must be a port number 1-65535
// (nothing was changed)`), so the form can highlight it, as the profile edit form does.
import { z } from "zod";

const routeNo = z.int().min(1).max(8);

/** Mirrors RouteEdit in profile-routes.ts; one kind of change per call. Numbers arrive as typed: the core words a bad one. */
export const RouteEditSchema = z
  .object({
    add: z.object({ target: z.string().max(4096), remotePort: z.number().optional(), identityFile: z.string().max(4096).optional() }).strict().optional(),
    remove: routeNo.optional(),
    move: z.object({ route: routeNo, to: routeNo }).strict().optional(),
    returnCheckS: z.number().optional(),
  })
  .strict();
export type RouteEditInput = z.infer<typeof RouteEditSchema>;

export type RouteFormField = "target" | "remotePort" | "identityFile" | "remove" | "move" | "returnCheckS";

/** Each part of a route edit as the form labels it (and so as a refusal names it). */
export const ROUTE_FIELD_LABEL: Record<RouteFormField, string> = {
  target: "New route address",
  remotePort: "SSH route: remote port",
  identityFile: "SSH route: key file",
  remove: "Remove route",
  move: "Move route",
  returnCheckS: "Check the preferred route every (seconds)",
};

/** The field a refusal is about: its message starts with the field's label and a colon. */
export function fieldOfRouteRefusal(message: string): RouteFormField | null {
  for (const [field, label] of Object.entries(ROUTE_FIELD_LABEL) as Array<[RouteFormField, string]>) if (message.startsWith(`${label}: `)) return field;
  return null;
}

export const RouteEditResultSchema = z.object({
  /** Every route in order after the change, as people read them (route 1 first). */
  routes: z.array(z.string()),
  /** What changed, in words ("added route 2", "moved route 3 to 2"). */
  changes: z.array(z.string()),
  /** The profile was connected, and only its connection was restarted to use the routes. */
  reconnected: z.boolean(),
});
