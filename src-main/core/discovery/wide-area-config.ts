// Where the wide-area DNS-SD domains come from, and how every source's candidates make one list (pure,
// except the settings file read).
//  - `clawlink discover --domain D` (repeatable) and `--dns-server IP[:PORT]`;
//  - else OPENCLAW_WIDE_AREA_DOMAIN, the variable the gateway's docs name as the default for CLI
//    discovery (docs/gateway/bonjour.md "Gateway config"; comma-separated here for more than one);
//  - the app ("Add gateway"): <config dir>/discovery.json {"version":1,"wideAreaDomains":[…],"dnsServers":[…]}
//    plus OPENCLAW_WIDE_AREA_DOMAIN. No DNS server configured = the system's resolvers (with Tailscale,
//    its split DNS routes the domain to the gateway host's server, as the docs set it up).
import fs from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import type { DiscoveredGateway } from "../../../src-shared/discovery.js";
import { MAX_DOMAINS } from "./wide-area-dns.js";

export const DISCOVERY_SETTINGS_FILE = "discovery.json";
/** The view's cap (src-shared/discovery-schema.ts): 200 LAN + 64 per wide-area domain + Tailscale peers fit. */
export const MAX_VIEW = 800;

export interface WideAreaConfig {
  domains: string[];
  servers: string[];
  /** Why a settings file was ignored, in words; null when fine or absent. */
  warning: string | null;
}

/** OPENCLAW_WIDE_AREA_DOMAIN as a list (commas or spaces between domains). */
export function envDomains(env: Readonly<Record<string, string | undefined>>): string[] {
  return (env.OPENCLAW_WIDE_AREA_DOMAIN ?? "").split(/[\s,]+/).filter(Boolean).slice(0, MAX_DOMAINS);
}

const FileSchema = z.object({
  version: z.literal(1),
  wideAreaDomains: z.array(z.string().max(253)).max(MAX_DOMAINS).default([]),
  dnsServers: z.array(z.string().max(64)).max(4).default([]),
});

/** The app's wide-area settings: discovery.json (if any) and the environment, domains de-duplicated. */
export async function readWideAreaConfig(configDir: string, env: Readonly<Record<string, string | undefined>>): Promise<WideAreaConfig> {
  const file = path.join(configDir, DISCOVERY_SETTINGS_FILE);
  let domains: string[] = [];
  let servers: string[] = [];
  let warning: string | null = null;
  try {
    const parsed = FileSchema.safeParse(JSON.parse(await fs.readFile(file, "utf8")));
    if (parsed.success) ({ wideAreaDomains: domains, dnsServers: servers } = parsed.data);
    else warning = `${file} was ignored: it is not {"version":1,"wideAreaDomains":[…],"dnsServers":[…]} (${parsed.error.issues[0]?.message ?? "invalid"})`;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== "ENOENT") warning = `${file} was ignored: ${e instanceof SyntaxError ? "it is not JSON" : (code ?? String(e))}`;
  }
  const all = [...domains, ...envDomains(env)].map((d) => d.trim().toLowerCase().replace(/\.$/, "")).filter(Boolean);
  return { domains: [...new Set(all)].slice(0, MAX_DOMAINS), servers, warning };
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
