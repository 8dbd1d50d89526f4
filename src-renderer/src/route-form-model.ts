// The Settings "Routes" form's model (issue 13 §3), pure so it is unit-tested: what the typed text of
// "add a route" and "check every" becomes as one editRoutes call, and what the person is told after it.
// Only syntax is checked here (an empty address, "22a" in a port), so that it is refused naming the field;
// what a route may be is the host's core's decision (profile-routes.ts), the same one `clawlink profiles
// edit --add-route` makes, so the form and the CLI refuse the same addresses with the same words.
import { ROUTE_FIELD_LABEL, type RouteEditInput, type RouteFormField } from "../../src-shared/route-edit-schema";

export interface AddRouteTexts {
  target: string;
  remotePort: string;
  identityFile: string;
}

export const EMPTY_ADD: AddRouteTexts = { target: "", remotePort: "", identityFile: "" };

export type RoutePlan = { ok: true; edit: RouteEditInput } | { ok: false; field: RouteFormField; message: string };

const refuse = (field: RouteFormField, problem: string): RoutePlan => ({ ok: false, field, message: `${ROUTE_FIELD_LABEL[field]}: ${problem} (nothing was changed)` });

/** "Add route": the address, and for an ssh:// route its remote port and key when typed. */
export function addRoutePlan(t: AddRouteTexts): RoutePlan {
  const target = t.target.trim();
  if (!target) return refuse("target", "type a ws://, wss:// or https:// URL, or ssh://[user@]host[:port]");
  const port = t.remotePort.trim();
  if (port && !/^\d+$/.test(port)) return refuse("remotePort", `"${port}" is not a whole number`);
  const key = t.identityFile.trim();
  return { ok: true, edit: { add: { target, ...(port ? { remotePort: Number(port) } : {}), ...(key ? { identityFile: key } : {}) } } };
}

/** "Check the preferred route every … seconds". */
export function returnCheckPlan(text: string): RoutePlan {
  const s = text.trim();
  if (!/^\d+$/.test(s)) return refuse("returnCheckS", s ? `"${s}" is not a whole number of seconds` : "type a number of seconds (5-3600)");
  return { ok: true, edit: { returnCheckS: Number(s) } };
}

/** Moving route `route` (as listed, 2 and up) one place up or down; null where it cannot go (route 1 stays first). */
export function movePlan(route: number, dir: "up" | "down", count: number): RouteEditInput | null {
  const to = dir === "up" ? route - 1 : route + 1;
  if (route < 2 || to < 2 || to > count) return null;
  return { move: { route, to } };
}

/** What the person is told after a change: what changed, and whether the connection restarted for it. */
export function routeSavedMessage(name: string, r: { changes: string[]; reconnected: boolean }): string {
  if (r.changes.length === 0) return `${name}: nothing changed.`;
  const after = r.reconnected ? `Reconnecting ${name} to use them; other gateways are not affected.` : "The next connect uses them.";
  return `Saved ${name}: ${r.changes.join(", ")}. ${after}`;
}

/** The default the core uses when no return check is stored (route-spec.ts DEFAULT_RETURN_CHECK_MS). */
export const DEFAULT_RETURN_CHECK_S = 30;
