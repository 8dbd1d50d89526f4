// Wide-area DNS-SD (unicast DNS-SD, RFC 6763 over ordinary DNS): the gateways a configured domain
// publishes, for gateways on other networks where multicast cannot reach (docs/gateway/bonjour.md
// "Wide-area Bonjour (Unicast DNS-SD) over Tailscale"; the gateway writes the zone when
// discovery.wideArea.domain is set). Lookups, as the gateway's own CLI does them (its dist:
// discoverWideAreaViaTailnetDns): PTR `_openclaw-gw._tcp.<domain>` → each instance's SRV (host, port) and
// TXT (the same keys as the LAN beacon), plus A/AAAA of the SRV target. Answers become candidates through
// the same code as mDNS records (mdns-candidate.ts: same host choice, TXT checks and suggested route),
// marked `source: "wide-area"` with their domain.
//
// Everything here is unauthenticated input from a DNS server: bounded (at most MAX_INSTANCES per domain,
// one overall deadline, node:dns's own limits on a message), and every failure is one sentence for the
// person, never an exception. node:dns (c-ares) retries over TCP when a UDP answer is truncated.
import dns from "node:dns";
import net from "node:net";
import type { DiscoveredGateway } from "../../../src-shared/discovery.js";
import { MAX_WIDE_AREA_DOMAINS, parseWideAreaDomain } from "../../../src-shared/wide-area-settings.js";
import { GATEWAY_SERVICE_TYPE, toCandidate } from "./mdns-candidate.js";
import { printable } from "./mdns-txt.js";

export const MAX_INSTANCES = 64;
export const MAX_DOMAINS = MAX_WIDE_AREA_DOMAINS;
export const DEFAULT_WIDE_AREA_TIMEOUT_MS = 3000;
const MAX_ADDRESSES = 8;
const CONCURRENCY = 8;

/** The part of node:dns's Resolver this uses (tests may hand a fake). */
export interface ResolverLike {
  resolvePtr(name: string): Promise<string[]>;
  resolveSrv(name: string): Promise<dns.SrvRecord[]>;
  resolveTxt(name: string): Promise<string[][]>;
  resolve4(name: string): Promise<string[]>;
  resolve6(name: string): Promise<string[]>;
  cancel(): void;
}

// The domain and server rules are shared with the settings form (src-shared/wide-area-settings.ts).
export { parseDnsServer, parseWideAreaDomain } from "../../../src-shared/wide-area-settings.js";

/** What a node:dns error means to the person, in one sentence (the code names the DNS outcome). */
export function dnsFailure(code: string | undefined, name: string, timeoutMs: number): string {
  switch (code) {
    case "ENOTFOUND":
      return `${name} does not exist (NXDOMAIN): no gateway publishes in this domain, or the name is not delegated to a server that has it`;
    case "ENODATA":
      return `${name} has no records of that type`;
    case "ETIMEOUT":
    case "ECANCELLED":
      return `no answer for ${name} within ${(timeoutMs / 1000).toFixed(1)} s: the DNS server is not reachable (with Tailscale, check split DNS for this domain)`;
    case "ECONNREFUSED":
      return `the DNS server refused the connection for ${name}`;
    case "ESERVFAIL":
      return `the DNS server failed to answer for ${name} (SERVFAIL)`;
    case "EREFUSED":
      return `the DNS server refused to answer for ${name} (REFUSED): it does not serve this domain`;
    case "EBADRESP":
    case "EFORMERR":
    case "EBADNAME":
    case "EBADFAMILY":
      return `the DNS server's answer for ${name} was malformed (${code})`;
    default:
      return `looking up ${name} failed${code ? ` (${printable(code, 32)})` : ""}`;
  }
}

export interface WideAreaPart {
  gateways: DiscoveredGateway[];
  /** Instances a domain listed beyond MAX_INSTANCES. */
  leftOut: number;
  /** One sentence per domain that could not be read, prefixed with the domain. */
  errors: string[];
  /**
   * The domains whose server answered in time for the whole list (records, NXDOMAIN or NODATA): for these
   * `gateways` is what the zone holds now, so a record missing from it has left the zone. A domain that
   * timed out or failed is not here (its earlier records may still be there). Absent: every domain.
   */
  answered?: string[];
}

export interface WideAreaOptions {
  domains: readonly string[];
  /** IP or IP:PORT; default: the system's resolvers (where Tailscale's split DNS applies). */
  servers?: readonly string[];
  /** One deadline for every lookup of one call. */
  timeoutMs?: number;
  /** For tests: the resolver (default: a node:dns Resolver on `servers`). */
  resolver?: ResolverLike;
  now?: () => number;
}

const codeOf = (e: unknown): string | undefined => (e && typeof e === "object" && "code" in e ? String((e as { code: unknown }).code) : undefined);

/** Runs `fn` over `items` with at most `n` at a time. */
async function mapLimit<T, R>(items: readonly T[], n: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  }));
  return out;
}

/** The SRV record to use: the lowest priority, then the highest weight (RFC 2782), of sane ones. */
function pickSrv(records: readonly dns.SrvRecord[]): dns.SrvRecord | null {
  const ok = records.filter((r) => Number.isInteger(r.port) && r.port >= 1 && r.port <= 65535 && typeof r.name === "string" && r.name.length > 0);
  ok.sort((a, b) => a.priority - b.priority || b.weight - a.weight);
  return ok[0] ?? null;
}

async function addressesOf(r: ResolverLike, host: string): Promise<string[]> {
  if (net.isIP(host)) return [host];
  const [v4, v6] = await Promise.all([r.resolve4(host).catch(() => []), r.resolve6(host).catch(() => [])]);
  return [...v4, ...v6].slice(0, MAX_ADDRESSES);
}

/** One instance (`<instance>._openclaw-gw._tcp.<domain>`): SRV, TXT, addresses → a candidate, or a reason. */
async function instance(r: ResolverLike, fqdn: string, domain: string, timeoutMs: number, now: number): Promise<DiscoveredGateway | string> {
  const [srv, txt] = await Promise.all([
    r.resolveSrv(fqdn).then(pickSrv, (e: unknown) => dnsFailure(codeOf(e), fqdn, timeoutMs)),
    // A missing TXT record is not fatal: the candidate just has no hints.
    r.resolveTxt(fqdn).catch(() => [] as string[][]),
  ]);
  if (typeof srv === "string") return srv;
  if (!srv) return `${fqdn} has no usable SRV record (port 1–65535 and a target host)`;
  const host = srv.name.replace(/\.$/, "");
  const addresses = await addressesOf(r, host);
  // DNS-SD keeps one TXT record per instance (RFC 6763 §6.8); its strings are the key=value pairs.
  const c = toCandidate({ fqdn: `${fqdn}.`, host, port: srv.port, addresses, rawTxt: txt[0] ?? [] }, now);
  if (!c) return `${fqdn} could not be read as a gateway (no usable instance name or host)`;
  return { ...c, source: "wide-area", domain };
}

/** One domain: its PTR list, then each instance; results land in `into` as they come (the deadline keeps them). */
async function browseDomain(r: ResolverLike, domain: string, timeoutMs: number, now: number, into: WideAreaPart): Promise<void> {
  const service = `_${GATEWAY_SERVICE_TYPE}._tcp.${domain}`;
  let ptrs: string[];
  try {
    ptrs = await r.resolvePtr(service);
  } catch (e) {
    const code = codeOf(e);
    into.errors.push(`${domain}: ${dnsFailure(code, service, timeoutMs)}`);
    // The server said the name or its PTRs do not exist: the zone lists no gateway now.
    if (code === "ENOTFOUND" || code === "ENODATA") into.answered!.push(domain);
    return;
  }
  // Only instances of this service in this domain (RFC 6763 §4.1: <Instance>.<Service>.<Domain>);
  // compared without case and without the final dot.
  const suffix = `.${service}`;
  const names = [...new Set(ptrs.map((p) => String(p).replace(/\.$/, "")).filter((p) => p.toLowerCase().endsWith(suffix) && p.length > suffix.length))];
  if (!ptrs.length) into.errors.push(`${domain}: ${service} lists no gateway`);
  else if (!names.length) into.errors.push(`${domain}: ${service} lists ${ptrs.length} name(s), none of them an instance of ${service}`);
  const taken = names.slice(0, MAX_INSTANCES);
  into.leftOut += names.length - taken.length;
  let failures = 0;
  await mapLimit(taken, CONCURRENCY, async (n) => {
    const f = await instance(r, n, domain, timeoutMs, now);
    if (typeof f !== "string") into.gateways.push(f);
    else if (failures++ < 4) into.errors.push(`${domain}: ${f}`);
  });
  // An instance that could not be read may still be in the zone: then the list is not the whole zone.
  if (failures === 0) into.answered!.push(domain);
}

function systemResolver(servers: readonly string[] | undefined, timeoutMs: number): ResolverLike {
  // Each try waits up to a third of the deadline; the deadline itself cancels whatever is still out.
  const r = new dns.promises.Resolver({ timeout: Math.max(200, Math.floor(timeoutMs / 3)), tries: 2 });
  if (servers?.length) r.setServers([...servers]);
  return r;
}

/** Every configured domain, looked up at once; resolves by the deadline whatever the servers do. */
export async function browseWideArea(o: WideAreaOptions): Promise<WideAreaPart> {
  const timeoutMs = o.timeoutMs ?? DEFAULT_WIDE_AREA_TIMEOUT_MS;
  const now = (o.now ?? Date.now)();
  const errors: string[] = [];
  const domains: string[] = [];
  for (const raw of o.domains.slice(0, MAX_DOMAINS)) {
    const d = parseWideAreaDomain(raw);
    if (!d.ok) errors.push(d.message);
    else if (!domains.includes(d.domain)) domains.push(d.domain);
  }
  if (o.domains.length > MAX_DOMAINS) errors.push(`only the first ${MAX_DOMAINS} wide-area domains are looked up`);
  if (!domains.length) return { gateways: [], leftOut: 0, errors, answered: [] };
  const r = o.resolver ?? systemResolver(o.servers, timeoutMs);
  const out: WideAreaPart = { gateways: [], leftOut: 0, errors, answered: [] };
  const lateDomains: string[] = [];
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<"late">((resolve) => (timer = setTimeout(() => resolve("late"), timeoutMs)));
  await Promise.all(
    domains.map(async (d) => {
      if ((await Promise.race([browseDomain(r, d, timeoutMs, now, out).then(() => "done" as const), deadline])) === "late") {
        lateDomains.push(d);
        out.errors.push(`${d}: ${dnsFailure("ETIMEOUT", `_${GATEWAY_SERVICE_TYPE}._tcp.${d}`, timeoutMs)}`);
      }
    }),
  );
  clearTimeout(timer);
  r.cancel();
  // A snapshot: lookups the deadline cut off may still settle into `out` after this returns.
  const late = new Set(lateDomains);
  return { gateways: [...out.gateways], leftOut: out.leftOut, errors: out.errors.map((m) => printable(m, 400)), answered: out.answered!.filter((d) => !late.has(d)) };
}
