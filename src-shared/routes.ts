// Why this file exists (issue 13 §3): a profile may list several routes to one gateway (e.g. a wss://
// tailnet name first, ssh://me@desk second). The connection runs over one of them at a time; the
// snapshot, the status text, the CLI and Settings all say which, from this one shape and wording.

/** The route a connection runs over now, when its profile has more than one. */
export interface RouteInUse {
  /** 0 is the preferred route; higher ones are fallbacks, in the profile's order. */
  index: number;
  count: number;
  /** How a person reads it: `wss://desk.tailnet.ts.net` or `ssh me@desk → 127.0.0.1:18789`. */
  label: string;
}

/** `via ssh me@desk (route 2 of 2, fallback)`; empty for a connection with one route. */
export function routeText(r: RouteInUse | undefined | null): string {
  if (!r || r.count < 2) return "";
  return `via ${r.label} (route ${r.index + 1} of ${r.count}${r.index === 0 ? ", preferred" : ", fallback"})`;
}
