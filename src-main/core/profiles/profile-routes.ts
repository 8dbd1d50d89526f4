// Adding and removing a profile's fallback routes (issue 13 §3): `clawlink profiles edit <p> --add-route
// <url|ssh://…>` / `--remove-route N` / `--return-check S`. Route 1 is the profile's own endpoint (edited
// with --host/--url as before); routes 2… are `routes` in profiles.json. The store validates the whole
// profile, so a bad route is refused with its field named and nothing is written.
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
  returnCheckS?: number;
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
  if (e.remove !== undefined) {
    if (e.remove === 1) throw new ProfileError("--remove-route 1: route 1 is the profile's own endpoint (nothing was changed)", "Change it with --host/--port/--url, or remove a fallback (2 and up).");
    if (e.remove < 2 || e.remove > routes.length + 1) throw new ProfileError(`--remove-route ${e.remove}: ${p.id} has routes 1 to ${routes.length + 1} (nothing was changed)`, `See them with \`clawlink profiles show ${p.id}\`.`);
    changes.push(`removed route ${e.remove}: ${describeRoutes(p)[e.remove - 1]}`);
    routes = routes.filter((_, i) => i !== e.remove! - 2);
  }
  if (e.add !== undefined) {
    const r = routeFromTarget(e.add, { ...(e.remotePort ? { remotePort: e.remotePort } : {}), ...(e.identityFile ? { identityFile: e.identityFile } : {}), profile: p });
    if (!r) throw new ProfileError(`--add-route: "${e.add}" is not a ws://, wss://, https:// URL or an ssh://[user@]host[:port] target (nothing was changed)`);
    routes.push(r);
    changes.push(`added route ${routes.length + 1}`);
  }
  const failover = e.returnCheckS !== undefined ? { ...(p.failover ?? {}), returnCheckS: e.returnCheckS } : p.failover;
  if (e.returnCheckS !== undefined) changes.push(`return check every ${e.returnCheckS} s`);
  try {
    const profile = await store.update(p.id, { routes, ...(failover ? { failover } : {}) });
    return { profile, changes };
  } catch (err) {
    if (err instanceof ProfileError) throw new ProfileError(`${err.message} (nothing was changed)`, err.fixHint);
    throw err;
  }
}
