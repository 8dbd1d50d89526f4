// Adding, removing and reordering a profile's fallback routes (issue 13 §3): `clawlink profiles edit <p>
// --add-route <url|ssh://…>` / `--remove-route N` / `--move-route N --route-position M` / `--return-check S`,
// and the host API's editRoutes (the Settings "Routes" form) — one core for both. Route 1 is the profile's
// own endpoint (edited with --host/--url or the edit form, as before); routes 2… are `routes` in
// profiles.json. The store validates the whole profile, so a bad route is refused with its field named
// and nothing is written. A refusal is a RouteEditError: which part of the edit (`field`) and why
// (`problem`), so the CLI can name its flag and the form its field.
import { DEFAULT_GATEWAY_PORT } from "../../../src-shared/gateway-port.js";
import type { Profile, ProfileRoute } from "./profile-schema.js";
import { ProfileError, type ProfileStore } from "./profile-store.js";

export interface RouteEdit {
  /** A ws://, wss://, http(s):// URL, or ssh://[user@]host[:port]. */
  add?: string;
  /** The gateway's port on the SSH host, for an ssh:// route (default: the profile's SSH remote port, else 18789). */
  remotePort?: number;
  /** The SSH key for an ssh:// route. */
  identityFile?: string;
  /** Route number as `profiles show` lists it (2 = the first fallback; route 1 is the profile's own endpoint). */
  remove?: number;
  /** Move fallback route `route` to position `to` (both as listed, 2 and up). */
  move?: { route: number; to: number };
  returnCheckS?: number;
}

/** The part of a route edit a refusal is about. */
export type RouteEditField = "target" | "remotePort" | "identityFile" | "remove" | "move" | "returnCheckS";

export class RouteEditError extends ProfileError {
  constructor(
    readonly field: RouteEditField,
    readonly problem: string,
    message: string,
    fixHint?: string,
  ) {
    super(message, fixHint);
    this.name = "RouteEditError";
  }
}

/** Which part of the edit a store refusal (`routes[0].ssh.remotePort: …`, `failover.returnCheckS: …`) is about. */
function storeRefusal(message: string, fixHint: string | undefined): RouteEditError {
  const m = /^(routes\[\d+\][\w.]*|failover[\w.]*): (.*)$/s.exec(message);
  const where = m?.[1] ?? "";
  const field: RouteEditField = where.startsWith("failover") ? "returnCheckS" : where.endsWith("remotePort") ? "remotePort" : where.endsWith("identityFile") ? "identityFile" : "target";
  return new RouteEditError(field, m?.[2] ?? message, `${message} (nothing was changed)`, fixHint);
}

/** `ssh://me@desk:22` or a URL → the route's section; null when it is neither. */
export function routeFromTarget(target: string, o: { remotePort?: number; identityFile?: string; profile?: Profile } = {}): ProfileRoute | null {
  const t = target.trim();
  if (/^ssh:\/\//i.test(t)) {
    let u: URL;
    try {
      u = new URL(t);
    } catch {
      return null;
    }
    if (!u.hostname) return null;
    const sshTarget = `${u.username ? `${decodeURIComponent(u.username)}@` : ""}${u.hostname}${u.port ? `:${u.port}` : ""}`;
    const remotePort = o.remotePort ?? o.profile?.ssh?.remotePort ?? DEFAULT_GATEWAY_PORT;
    return { ssh: { target: sshTarget, remotePort, ...(o.identityFile ? { identityFile: o.identityFile } : {}) } };
  }
  if (/^(wss?|https?):\/\//i.test(t)) return { direct: { url: t } };
  return null;
}

/** Every route in order, as people read them: route 1 (the profile's own endpoint), then the fallbacks. */
export function describeRoutes(p: Profile): string[] {
  const one = (r: { ssh?: { target: string; remotePort: number }; direct?: { url: string } }) =>
    r.ssh ? `ssh ${r.ssh.target} → 127.0.0.1:${r.ssh.remotePort}` : (r.direct?.url ?? "");
  const first = p.kind === "local" ? `local ws://127.0.0.1:${p.local?.port ?? DEFAULT_GATEWAY_PORT}` : one(p);
  return [first, ...(p.routes ?? []).map(one)];
}

export async function editRoutes(store: ProfileStore, idOrName: string, e: RouteEdit): Promise<{ profile: Profile; changes: string[] }> {
  const p = store.get(idOrName);
  if (!p) throw new ProfileError(`No profile "${idOrName}".`, "List profiles with `clawlink profiles list`.");
  let routes = [...(p.routes ?? [])];
  const changes: string[] = [];
  const last = routes.length + 1;
  const own = "route 1 is the profile's own endpoint";
  if (e.remove !== undefined) {
    if (e.remove === 1) throw new RouteEditError("remove", own, `--remove-route 1: ${own} (nothing was changed)`, "Change it with --host/--port/--url, or remove a fallback (2 and up).");
    if (e.remove < 2 || e.remove > last) throw new RouteEditError("remove", `${p.id} has routes 1 to ${last}`, `--remove-route ${e.remove}: ${p.id} has routes 1 to ${last} (nothing was changed)`, `See them with \`clawlink profiles show ${p.id}\`.`);
    changes.push(`removed route ${e.remove}: ${describeRoutes(p)[e.remove - 1]}`);
    routes = routes.filter((_, i) => i !== e.remove! - 2);
  }
  if (e.move !== undefined) {
    const { route, to } = e.move;
    // Route 1 carries the profile's kind, pin and remembered port: it is edited in place, never moved.
    const bad = route === 1 || to === 1 ? `${own} and stays first` : route < 2 || route > last || to < 2 || to > last ? `${p.id} has fallback routes 2 to ${last}` : null;
    if (bad) throw new RouteEditError("move", bad, `--move-route ${route} --route-position ${to}: ${bad} (nothing was changed)`, `See them with \`clawlink profiles show ${p.id}\`.`);
    const [moved] = routes.splice(route - 2, 1);
    routes.splice(to - 2, 0, moved!);
    if (route !== to) changes.push(`moved route ${route} to ${to}`);
  }
  if (e.add !== undefined) {
    const r = routeFromTarget(e.add, { ...(e.remotePort !== undefined ? { remotePort: e.remotePort } : {}), ...(e.identityFile ? { identityFile: e.identityFile } : {}), profile: p });
    const problem = `"${e.add}" is not a ws://, wss://, https:// URL or an ssh://[user@]host[:port] target`;
    if (!r) throw new RouteEditError("target", problem, `--add-route: ${problem} (nothing was changed)`);
    // A URL route has no SSH side: a port or key given for it would be dropped without a word.
    const sshOnly = "direct" in r ? (e.remotePort !== undefined ? "remotePort" : e.identityFile ? "identityFile" : null) : null;
    if (sshOnly) throw new RouteEditError(sshOnly, "applies only to an ssh:// route", `${sshOnly === "remotePort" ? "--route-remote-port" : "--identity"}: applies only to an ssh:// route (nothing was changed)`);
    routes.push(r);
    changes.push(`added route ${routes.length + 1}: ${describeRoutes({ ...p, routes })[routes.length]}`);
  }
  const failover = e.returnCheckS !== undefined ? { ...(p.failover ?? {}), returnCheckS: e.returnCheckS } : p.failover;
  if (e.returnCheckS !== undefined) changes.push(`return check every ${e.returnCheckS} s`);
  try {
    const profile = await store.update(p.id, { routes, ...(failover ? { failover } : {}) });
    return { profile, changes };
  } catch (err) {
    if (err instanceof ProfileError) throw storeRefusal(err.message, err.fixHint);
    throw err;
  }
}
