// A profile's routes as the connection runs them (issue 13 §3): route 1 is the profile's own endpoint,
// the rest come from `routes` in profiles.json. One place turns a route into the fields of a
// ConnectionSpec, names it for people, and makes the spec the diagnostics ladder probes one route with.
import { DEFAULT_GATEWAY_PORT } from "../../../src-shared/gateway-port.js";
import type { RouteInUse } from "../../../src-shared/routes.js";
import type { Profile } from "../profiles/profile-schema.js";
import type { ConnectionSpec } from "./connection-spec.js";

/** The transport half of a ConnectionSpec: everything else (credentials, gatewayKey, outbox) is the gateway's, shared by all routes. */
export interface RouteSpec {
  kind: "ssh" | "direct";
  url?: string;
  tlsFingerprint?: string;
  ssh?: ConnectionSpec["ssh"];
}

/** While on a fallback, the preferred routes are probed this often unless the profile says otherwise. */
export const DEFAULT_RETURN_CHECK_MS = 30_000;

export function routeLabel(r: RouteSpec): string {
  if (r.kind === "ssh") return `ssh ${r.ssh?.target ?? "?"} → 127.0.0.1:${r.ssh?.remotePort ?? DEFAULT_GATEWAY_PORT}`;
  return r.url ?? "?";
}

export function routeInUse(routes: readonly RouteSpec[], index: number): RouteInUse {
  return { index, count: routes.length, label: routeLabel(routes[index]!) };
}

/** The route the spec runs over now (its own transport fields). */
export function currentRoute(spec: ConnectionSpec): RouteSpec {
  if (spec.kind === "ssh") return { kind: "ssh", ...(spec.ssh ? { ssh: spec.ssh } : {}) };
  return { kind: "direct", ...(spec.url ? { url: spec.url } : {}), ...(spec.tlsFingerprint ? { tlsFingerprint: spec.tlsFingerprint } : {}) };
}

/** Switches the spec's transport to `r` in place; the gateway's identity, credentials and outbox key stay. */
export function applyRoute(spec: ConnectionSpec, r: RouteSpec): void {
  spec.kind = r.kind;
  delete spec.url;
  delete spec.ssh;
  delete spec.tlsFingerprint;
  if (r.url) spec.url = r.url;
  if (r.ssh) spec.ssh = r.ssh;
  if (r.tlsFingerprint) spec.tlsFingerprint = r.tlsFingerprint;
}

/** A copy of the spec that runs over route `r` only: what the ladder probes (per-route Test connection, the quiet return probe). */
export function specForRoute(spec: ConnectionSpec, r: RouteSpec): ConnectionSpec {
  const copy: ConnectionSpec = { ...spec };
  delete copy.routes;
  applyRoute(copy, r);
  return copy;
}

/** Profile `routes` → RouteSpecs (after route 1); an SSH fallback route gets the same own-port guard as the profile's. */
export function fallbackRoutes(profile: Profile, ownGatewayPort: number): RouteSpec[] {
  return (profile.routes ?? []).map((r) => ("ssh" in r ? { kind: "ssh", ssh: { ...r.ssh, ownGatewayPort } } : { kind: "direct", url: r.direct.url }));
}
