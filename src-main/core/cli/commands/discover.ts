// `clawlink discover [--json] [--timeout S] [--watch]`: the OpenClaw gateways that announce themselves
// on the local network (mDNS, `_openclaw-gw._tcp`; core/discovery/mdns-browse.ts). Without --watch it
// browses for S seconds (default 3) and prints what answered: a table, or one JSON array with --json.
// With --watch it keeps browsing and prints each gateway as it appears (+), changes (~) or leaves (-),
// one JSON object per line with --json, until Ctrl-C or --timeout. Opens no config dir and no keychain:
// discovery only listens; choosing a candidate is `clawlink profiles add <name> <suggested target>`.
// Where the `tailscale` CLI is present its peers that could host a gateway are listed too (issue 13 §5;
// core/discovery/tailscale-candidates.ts), after the LAN beacons; where it is absent, stderr says so.
// The gateways published in wide-area DNS-SD domains (--domain; else the app's list, <config dir>/
// discovery.json, plus OPENCLAW_WIDE_AREA_DOMAIN) are looked up while the browse listens
// (core/discovery/wide-area-dns.ts) and listed between the two, `source: "wide-area"`; a domain that
// cannot be read is one stderr line, not a failure. With --watch they are looked up again every 30 s by
// the app's own re-lookup (core/discovery/wide-area-refresh.ts): a record that left the zone is a down
// line, as an mDNS goodbye is. --add-domain / --remove-domain edit that list (discover-domains.ts).
import type { DiscoveredGateway, DiscoveryChange } from "../../../../src-shared/discovery.js";
import { browseGateways, type MdnsBrowseOptions } from "../../discovery/mdns-browse.js";
import { MAX_CANDIDATES } from "../../discovery/candidate-list.js";
import { tailscalePart } from "../../discovery/tailscale-candidates.js";
import { lookUpTailscale, type TailscaleLookup } from "../../discovery/tailscale-runner.js";
import { envDomains, readWideAreaConfig, type WideAreaConfig } from "../../discovery/wide-area-config.js";
import { DEFAULT_WIDE_AREA_TIMEOUT_MS, parseDnsServer, parseWideAreaDomain, type WideAreaOptions, type WideAreaPart } from "../../discovery/wide-area-dns.js";
import { WIDE_AREA_REFRESH_MS, WideAreaRefresher, type WideAreaSnapshot } from "../../discovery/wide-area-refresh.js";
import { discoverConfigDir, editDomainsCommand } from "./discover-domains.js";
import { has, intFlag, parseArgs, UsageError } from "../args.js";
import type { CliIO } from "../context.js";
import { EXIT } from "../exit-codes.js";
import { truncate } from "../profile-table.js";

export const DEFAULT_DISCOVER_SECONDS = 3;

/** The suggested target as a person would type it (SSH: with the gateway's port as --remote-port). */
export function suggestedCommandTarget(g: DiscoveredGateway): string {
  const s = g.suggested;
  return s.kind === "ssh" ? `${s.target} --remote-port ${s.remotePort}` : s.target;
}

const HEADER = ["NAME", "HOST:PORT", "TLS", "SUGGESTED TARGET"];

/** The human table; every cell is printable text already (TXT is sanitised in mdns-txt.ts). */
export function formatDiscoverTable(gateways: readonly DiscoveredGateway[]): string {
  const rows = gateways.map((g) => [truncate(g.name), truncate(`${g.host}:${g.port}`, 60), g.tls ? "yes" : "no", suggestedCommandTarget(g)]);
  const all = [HEADER, ...rows];
  const widths = HEADER.map((_, c) => Math.max(...all.map((r) => [...r[c]!].length)));
  return all.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]!))).join("  ")).join("\n");
}

const MARK = { up: "+", update: "~", down: "-" } as const;

/** One --watch line: `+ name host:port tls suggested` (or a JSON object with --json). */
export function formatChange(c: DiscoveryChange, json: boolean): string {
  if (json) return JSON.stringify({ change: c.kind, ...c.gateway });
  const g = c.gateway;
  return `${MARK[c.kind]} ${truncate(g.name)}  ${g.host}:${g.port}  ${g.tls ? "tls" : "no tls"}  ${suggestedCommandTarget(g)}`;
}

const NOTHING_FOUND =
  "Gateways announce themselves only with their bonjour plugin on (`openclaw plugins enable bonjour` on the gateway host; " +
  "on by default on macOS), and multicast does not cross networks: for a gateway elsewhere use its address, SSH or Tailscale.";

/** Resolves after `seconds` (never, if undefined), on SIGINT/SIGTERM, or as soon as `failed()` is true. */
function waitForEnd(seconds: number | undefined, failed: () => boolean): Promise<void> {
  return new Promise<void>((resolve) => {
    const end = () => {
      clearTimeout(timer);
      clearInterval(poll);
      process.off("SIGINT", end);
      process.off("SIGTERM", end);
      resolve();
    };
    const timer = seconds ? setTimeout(end, seconds * 1000) : undefined;
    const poll = setInterval(() => failed() && end(), 100);
    process.once("SIGINT", end);
    process.once("SIGTERM", end);
  });
}

export interface DiscoverDeps {
  /** For tests: the browse options' socket (default: the real mDNS socket). */
  open?: MdnsBrowseOptions["open"];
  /** For tests: what `tailscale status --json` gives (default: the real CLI, if on PATH). */
  lookUpTailscale?: () => Promise<TailscaleLookup>;
  /** For tests: the time between --watch's wide-area rounds (default 30 s) and the lookup itself. */
  wideAreaIntervalMs?: number;
  browseWideArea?: (o: WideAreaOptions) => Promise<WideAreaPart>;
}

type WideArgs = { config: () => Promise<Omit<WideAreaConfig, "warning"> & { warning: string | null }>; domains: string[]; envNote: string | null };

/**
 * --domain values (else the app's list: discovery.json and OPENCLAW_WIDE_AREA_DOMAIN, read again every
 * round) and --dns-server values (which then replace the file's servers), checked; a bad flag is a usage error.
 */
function wideAreaArgs(args: ReturnType<typeof parseArgs>, env: NodeJS.ProcessEnv): Promise<WideArgs> {
  const given = args.flags.get("domain");
  const servers = (args.flags.get("dns-server") ?? []).map((raw) => {
    const s = parseDnsServer(raw);
    if (!s) throw new UsageError(`--dns-server takes an IP address with an optional port (127.0.0.1:5300, [fd7a::1]:53), not "${raw}"`);
    return s;
  });
  let envNote: string | null = null;
  for (const raw of envDomains(env)) {
    const d = parseWideAreaDomain(raw);
    if (!d.ok) envNote = `OPENCLAW_WIDE_AREA_DOMAIN: ${d.message}`;
  }
  if (given) {
    const domains = given.map((raw) => {
      const d = parseWideAreaDomain(raw);
      if (!d.ok) throw new UsageError(`--domain: ${d.message}`);
      return d.domain;
    });
    return Promise.resolve({ domains, envNote: null, config: async () => ({ domains, servers, domainServers: {}, warning: null }) });
  }
  const dir = discoverConfigDir(args, env);
  const read = async () => {
    const cfg = await readWideAreaConfig(dir, env);
    const domains = cfg.domains.filter((d) => parseWideAreaDomain(d).ok);
    return servers.length ? { ...cfg, domains, servers, domainServers: {} } : { ...cfg, domains };
  };
  return read().then((first) => {
    if (servers.length && !first.domains.length) throw new UsageError("--dns-server needs a --domain to look up");
    return { domains: first.domains, envNote, config: read };
  });
}

export async function discoverCommand(argv: string[], io: CliIO, deps: DiscoverDeps = {}): Promise<number> {
  const args = parseArgs(argv);
  if (has(args, "add-domain") || has(args, "remove-domain")) return (await editDomainsCommand(args, io)) ?? EXIT.usage;
  if (args.positionals.length) throw new UsageError(`discover takes no target (got "${args.positionals[0]}"): it lists the gateways on the local network`);
  const json = has(args, "json");
  const watch = has(args, "watch");
  const seconds = intFlag(args, "timeout") ?? (watch ? undefined : DEFAULT_DISCOVER_SECONDS);
  const say = (m: string) => io.stderr(`clawlink discover: ${m}`);
  const state: { failed: string | null } = { failed: null };
  // The flags are checked before anything opens; the browse starts before the settings file is read
  // (an announcement that arrives meanwhile is not missed).
  const wideWanted = wideAreaArgs(args, io.env);

  const browse = browseGateways({
    ...(deps.open ? { open: deps.open } : {}),
    onError: (m) => (state.failed ??= m),
    onChange: (changes) => {
      if (watch) for (const c of changes) io.stdout(formatChange(c, json));
    },
  });
  // The listening time starts with the browse, not after the file read.
  const ended = waitForEnd(seconds, () => state.failed !== null);
  let wide: WideArgs;
  try {
    wide = await wideWanted;
  } catch (e) {
    // A usage error found in the settings: end the listening (its timers and signal handlers) first.
    state.failed ??= "stopped";
    await ended;
    await browse.stop();
    throw e;
  }
  if (!json) say(`listening for gateways (mDNS _openclaw-gw._tcp)${seconds ? ` for ${seconds} s` : ""}${wide.domains.length ? `; looking up ${wide.domains.join(", ")}` : ""}${watch ? "; Ctrl-C ends" : ""}`);
  if (wide.envNote) say(wide.envNote);
  // Looked up while the browse listens, bounded by the listening time (at most the default deadline);
  // with --watch again every 30 s. Each round's new failures are said once; --watch prints the changes.
  const timeoutMs = Math.min(DEFAULT_WIDE_AREA_TIMEOUT_MS, (seconds ?? DEFAULT_DISCOVER_SECONDS) * 1000);
  let said = new Set<string>();
  const published = new WideAreaRefresher({
    config: wide.config,
    timeoutMs,
    ...(deps.browseWideArea ? { browse: deps.browseWideArea } : {}),
    onUpdate: (changes, snap: WideAreaSnapshot) => {
      for (const e of snap.errors) if (!said.has(e)) say(e);
      said = new Set(snap.errors);
      if (watch) for (const c of changes) io.stdout(formatChange(c, json));
    },
  });
  if (wide.domains.length) {
    if (watch) published.every(deps.wideAreaIntervalMs ?? WIDE_AREA_REFRESH_MS);
    else published.refreshNow();
  }
  // Asked while the browse listens (it is bounded by its own 3 s timeout).
  const tailnet = (deps.lookUpTailscale ?? (() => lookUpTailscale({ env: io.env })))().then((t) => {
    const part = tailscalePart(t, Date.now());
    if (part.tailscale.message) say(part.tailscale.message);
    if (watch) for (const g of part.gateways) io.stdout(formatChange({ kind: "up", gateway: g }, json));
    return part.gateways;
  });
  await ended;
  const peers = await tailnet;
  // Without --watch the one round is waited for (its deadline is within the listening time); with
  // --watch a round still out when the run ends is dropped.
  if (!watch) await published.idle();
  published.stop();
  await published.idle();
  const snap = published.snapshot();
  const wideArea = snap?.gateways ?? [];
  if (snap?.leftOut) say(`${snap.leftOut} more wide-area instances were left out (at most 64 per domain are looked up)`);
  const { gateways, dropped } = browse.list();
  await browse.stop();
  if (state.failed) {
    say(state.failed);
    return EXIT.network;
  }
  if (!watch) {
    if (json) io.stdout(JSON.stringify([...gateways, ...wideArea, ...peers]));
    else if (gateways.length) io.stdout(formatDiscoverTable(gateways));
    if (!json && wideArea.length) io.stdout(`${gateways.length ? "\n" : ""}Published in ${wide.domains.join(", ")} (wide-area DNS-SD):\n${formatDiscoverTable(wideArea)}`);
    if (!json && peers.length) io.stdout(`${gateways.length || wideArea.length ? "\n" : ""}Tailscale peers that could host a gateway (not probed):\n${formatDiscoverTable(peers)}`);
    if (!gateways.length && !wideArea.length) say(`no gateway answered within ${seconds} s. ${NOTHING_FOUND}`);
  }
  if (dropped) say(`${dropped} more announcements were left out: the list is capped at ${MAX_CANDIDATES}`);
  return EXIT.ok;
}
