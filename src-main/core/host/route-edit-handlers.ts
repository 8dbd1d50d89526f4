// The host API's editRoutes (issue 13 §3): the Settings "Routes" form adds, removes and reorders a
// profile's fallback routes and sets its return check through the same core as `clawlink profiles edit
// --add-route / --remove-route / --move-route / --return-check` (profiles/profile-routes.ts). What the
// handler adds is what a running app has: routes change what is dialled, so a live connection of that
// profile (no other) restarts with them, as every other connection edit does (profile-edit-handlers.ts).
import type { HostHandlers } from "../../../src-shared/host-api.js";
import { ROUTE_FIELD_LABEL, type RouteEditInput } from "../../../src-shared/route-edit-schema.js";
import { describeRoutes, editRoutes, RouteEditError, type RouteEdit } from "../profiles/profile-routes.js";
import { emitProfiles, profileOf, type HostContext } from "./host-context.js";
import { HandlerError } from "./host-call.js";
import { restart } from "./profile-edit-handlers.js";
import { profileView } from "./profile-views.js";

export function routeEditHandlers(ctx: HostContext): Pick<HostHandlers, "editRoutes"> {
  return { editRoutes: (id, edit) => applyRouteEdit(ctx, id, edit) };
}

function coreEdit(e: RouteEditInput): RouteEdit {
  return {
    ...(e.add ? { add: e.add.target, ...(e.add.remotePort !== undefined ? { remotePort: e.add.remotePort } : {}), ...(e.add.identityFile ? { identityFile: e.add.identityFile } : {}) } : {}),
    ...(e.remove !== undefined ? { remove: e.remove } : {}),
    ...(e.move ? { move: e.move } : {}),
    ...(e.returnCheckS !== undefined ? { returnCheckS: e.returnCheckS } : {}),
  };
}

async function applyRouteEdit(ctx: HostContext, id: string, edit: RouteEditInput) {
  const cur = profileOf(ctx, id);
  if (cur.kind === "local") throw new HandlerError(`${cur.name} is this machine's gateway: it has one way in and takes no routes.`, "Add routes to an SSH or URL gateway.");
  let r;
  try {
    r = await editRoutes(ctx.o.profiles, cur.id, coreEdit(edit));
  } catch (e) {
    // The form's label first, so the form can mark that field; the core's words after it.
    if (e instanceof RouteEditError) throw new HandlerError(`${ROUTE_FIELD_LABEL[e.field]}: ${e.problem} (nothing was changed)`, e.field === "remove" || e.field === "move" ? undefined : e.fixHint);
    throw e;
  }
  const reconnected = r.changes.length > 0 && ctx.orchestrator.get(cur.id) !== undefined;
  if (reconnected) restart(ctx, r.profile);
  if (r.changes.length > 0) await emitProfiles(ctx);
  return { profile: await profileView(ctx.o, r.profile), routes: describeRoutes(r.profile), changes: r.changes, reconnected };
}
