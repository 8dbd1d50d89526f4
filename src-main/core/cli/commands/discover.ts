// `clawlink discover [--json] [--timeout S] [--watch]`: the OpenClaw gateways that announce themselves
// on the local network (mDNS, `_openclaw-gw._tcp`; core/discovery/mdns-browse.ts). Without --watch it
// browses for S seconds (default 3) and prints what answered: a table, or one JSON array with --json.
// With --watch it keeps browsing and prints each gateway as it appears (+), changes (~) or leaves (-),
// one JSON object per line with --json, until Ctrl-C or --timeout. Opens no config dir and no keychain:
// discovery only listens; choosing a candidate is `clawlink profiles add <name> <suggested target>`.
// Where the `tailscale` CLI is present its peers that could host a gateway are listed too (issue 13 §5;
// core/discovery/tailscale-candidates.ts), after the LAN beacons; where it is absent, stderr says so.
import type { DiscoveredGateway, DiscoveryChange } from "../../../../src-shared/discovery.js";
import { browseGateways, type MdnsBrowseOptions } from "../../discovery/mdns-browse.js";
import { MAX_CANDIDATES } from "../../discovery/candidate-list.js";
import { tailscalePart } from "../../discovery/tailscale-candidates.js";
import { lookUpTailscale, type TailscaleLookup } from "../../discovery/tailscale-runner.js";
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
}

export async function discoverCommand(argv: string[], io: CliIO, deps: DiscoverDeps = {}): Promise<number> {
  const args = parseArgs(argv);
  if (args.positionals.length) throw new UsageError(`discover takes no target (got "${args.positionals[0]}"): it lists the gateways on the local network`);
  const json = has(args, "json");
  const watch = has(args, "watch");
  const seconds = intFlag(args, "timeout") ?? (watch ? undefined : DEFAULT_DISCOVER_SECONDS);
  const say = (m: string) => io.stderr(`clawlink discover: ${m}`);
  const state: { failed: string | null } = { failed: null };

  const browse = browseGateways({
    ...(deps.open ? { open: deps.open } : {}),
    onError: (m) => (state.failed ??= m),
    onChange: (changes) => {
      if (watch) for (const c of changes) io.stdout(formatChange(c, json));
    },
  });
  if (!json) say(`listening for gateways (mDNS _openclaw-gw._tcp)${seconds ? ` for ${seconds} s` : ""}${watch ? "; Ctrl-C ends" : ""}`);
  // Asked while the browse listens (it is bounded by its own 3 s timeout).
  const tailnet = (deps.lookUpTailscale ?? (() => lookUpTailscale({ env: io.env })))().then((t) => {
    const part = tailscalePart(t, Date.now());
    if (part.tailscale.message) say(part.tailscale.message);
    if (watch) for (const g of part.gateways) io.stdout(formatChange({ kind: "up", gateway: g }, json));
    return part.gateways;
  });
  await waitForEnd(seconds, () => state.failed !== null);
  const peers = await tailnet;
  const { gateways, dropped } = browse.list();
  await browse.stop();
  if (state.failed) {
    say(state.failed);
    return EXIT.network;
  }
  if (!watch) {
    if (json) io.stdout(JSON.stringify([...gateways, ...peers]));
    else if (gateways.length) io.stdout(formatDiscoverTable(gateways));
    if (!json && peers.length) io.stdout(`${gateways.length ? "\n" : ""}Tailscale peers that could host a gateway (not probed):\n${formatDiscoverTable(peers)}`);
    if (!gateways.length) say(`no gateway answered within ${seconds} s. ${NOTHING_FOUND}`);
  }
  if (dropped) say(`${dropped} more announcements were left out: the list is capped at ${MAX_CANDIDATES}`);
  return EXIT.ok;
}
