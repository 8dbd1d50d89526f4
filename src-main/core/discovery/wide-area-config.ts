// Where the wide-area DNS-SD domains come from, and how every source's candidates make one list (pure,
// except the settings file read).
//  - `clawlink discover --domain D` (repeatable) and `--dns-server IP[:PORT]`;
//  - else (the app's "Add gateway" and `clawlink discover` alike) <config dir>/discovery.json
//    (wide-area-settings-file.ts; the settings form and `discover --add-domain` edit it) plus
//    OPENCLAW_WIDE_AREA_DOMAIN, the variable the gateway's docs name as the default for CLI discovery
//    (docs/gateway/bonjour.md "Gateway config"; comma-separated here for more than one).
// No DNS server configured = the system's resolvers (with Tailscale, its split DNS routes the domain to
// the gateway host's server, as the docs set it up).
import type { DiscoveredGateway } from "../../../src-shared/discovery.js";
import { browseWideArea, MAX_DOMAINS, type WideAreaOptions, type WideAreaPart } from "./wide-area-dns.js";
import { envDomains, ignoredWarning, readDiscoverySettings } from "./wide-area-settings-file.js";

export { DISCOVERY_SETTINGS_FILE, envDomains } from "./wide-area-settings-file.js";
/** The view's cap (src-shared/discovery-schema.ts): 200 LAN + 64 per wide-area domain + Tailscale peers fit. */
export const MAX_VIEW = 800;

export interface WideAreaConfig {
  domains: string[];
  /** Asked for every domain without its own server (none: the system's resolvers). */
  servers: string[];
  /** A domain's own DNS server (discovery.json domainDnsServers), IP[:PORT]. */
  domainServers: Record<string, string>;
  /** Why a settings file was ignored, in words; null when fine or absent. */
  warning: string | null;
}

/** The app's wide-area settings: discovery.json (if any) and the environment, domains de-duplicated. */
export async function readWideAreaConfig(configDir: string, env: Readonly<Record<string, string | undefined>>): Promise<WideAreaConfig> {
  const r = await readDiscoverySettings(configDir);
  const v = r.kind === "ok" ? r.value : null;
  const all = [...(v?.wideAreaDomains ?? []), ...envDomains(env)].map((d) => d.trim().toLowerCase().replace(/\.$/, "")).filter(Boolean);
  const domainServers: Record<string, string> = {};
  for (const [d, server] of Object.entries(v?.domainDnsServers ?? {})) domainServers[d.trim().toLowerCase().replace(/\.$/, "")] = server;
  return { domains: [...new Set(all)].slice(0, MAX_DOMAINS), servers: v?.dnsServers ?? [], domainServers, warning: r.kind === "problem" ? ignoredWarning(r) : null };
}

/**
 * Every configured domain looked up at once, each on its own DNS server where it has one (one resolver
 * per distinct server list: node:dns asks a resolver's servers for every name), the rest on `servers`.
 */
export async function lookUpWideArea(cfg: Pick<WideAreaConfig, "domains" | "servers" | "domainServers">, o: { browse?: (o: WideAreaOptions) => Promise<WideAreaPart>; timeoutMs?: number } = {}): Promise<WideAreaPart> {
  const groups = new Map<string, { servers: string[]; domains: string[] }>();
  for (const d of cfg.domains) {
    const servers = cfg.domainServers[d] ? [cfg.domainServers[d]] : cfg.servers;
    const key = servers.join(" ");
    const g = groups.get(key) ?? { servers, domains: [] };
    g.domains.push(d);
    groups.set(key, g);
  }
  const browse = o.browse ?? browseWideArea;
  const parts = await Promise.all([...groups.values()].map((g) => browse({ domains: g.domains, servers: g.servers, ...(o.timeoutMs ? { timeoutMs: o.timeoutMs } : {}) })));
  return {
    gateways: parts.flatMap((p) => p.gateways),
    leftOut: parts.reduce((n, p) => n + p.leftOut, 0),
    errors: parts.flatMap((p) => p.errors),
    answered: parts.flatMap((p) => p.answered ?? []),
  };
}

/**
 * One list from every source, in the order the form shows them (LAN beacons, wide-area records,
 * Tailscale peers); an id met twice is kept once (the first); at most MAX_VIEW in all. The same gateway
 * heard on the LAN and in a wide-area domain stays twice, each with its source named: the two are
 * different routes to it (its `.local` name, its name in the domain).
 */
export function mergeDiscovered(...sources: ReadonlyArray<readonly DiscoveredGateway[]>): { gateways: DiscoveredGateway[]; leftOut: number } {
  const seen = new Set<string>();
  const gateways: DiscoveredGateway[] = [];
  let leftOut = 0;
  for (const g of sources.flat()) {
    if (seen.has(g.id)) continue;
    seen.add(g.id);
    if (gateways.length < MAX_VIEW) gateways.push(g);
    else leftOut++;
  }
  return { gateways, leftOut };
}
