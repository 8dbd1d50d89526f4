// The host API's discoverGateways (issue 13 §1, §5): the gateways announcing themselves on the local
// network (mDNS, core/discovery/mdns-browse.ts) and, where the `tailscale` CLI is present, the tailnet's
// peers that could host one, for the "Add gateway" form. The first call starts one browse for this host;
// every change is pushed as a `discovery` event (so a gateway that starts while the form is open appears
// without asking again). The browse stops by itself once nobody asked for IDLE_MS (the form re-asks while
// it is open), so a host that never shows the form never opens the mDNS socket.
// Wide-area DNS-SD (issue 13 §1): the domains in <config dir>/discovery.json and OPENCLAW_WIDE_AREA_DOMAIN
// (core/discovery/wide-area-config.ts) are looked up at most every WIDE_AREA_TTL_MS, in the background:
// the answer is pushed as a `discovery` event when it lands, so a slow DNS server never holds the form up.
import type { HostHandlers } from "../../../src-shared/host-api.js";
import type { DiscoveryView } from "../../../src-shared/discovery.js";
import { browseGateways, type MdnsBrowse, type MdnsBrowseOptions } from "../discovery/mdns-browse.js";
import { tailscalePart } from "../discovery/tailscale-candidates.js";
import { lookUpTailscale, type TailscaleLookup } from "../discovery/tailscale-runner.js";
import { mergeDiscovered, readWideAreaConfig } from "../discovery/wide-area-config.js";
import { browseWideArea, type WideAreaOptions, type WideAreaPart } from "../discovery/wide-area-dns.js";
import type { HostContext } from "./host-context.js";

export const IDLE_MS = 90_000;
/** `tailscale status` is a process spawn: asked again at most this often. */
const TAILSCALE_TTL_MS = 30_000;
/** Wide-area lookups are DNS queries to a server that may be far away: again at most this often. */
export const WIDE_AREA_TTL_MS = 30_000;

export interface DiscoveryDeps {
  open?: MdnsBrowseOptions["open"];
  lookUpTailscale?: () => Promise<TailscaleLookup>;
  /** For tests: the wide-area lookup (default: node:dns on the configured or system servers). */
  browseWideArea?: (o: WideAreaOptions) => Promise<WideAreaPart>;
}

interface WideAreaState {
  at: number;
  domains: string[];
  part: WideAreaPart | null;
  running: boolean;
}

interface State {
  browse: MdnsBrowse;
  mdnsError: string | null;
  idle: NodeJS.Timeout | null;
  tailscale: { at: number; value: TailscaleLookup } | null;
  wideArea: WideAreaState | null;
}

const states = new WeakMap<HostContext, State>();

export function discoveryHandlers(ctx: HostContext, deps: DiscoveryDeps = {}): Pick<HostHandlers, "discoverGateways"> {
  return { discoverGateways: () => discover(ctx, deps) };
}

async function discover(ctx: HostContext, deps: DiscoveryDeps): Promise<DiscoveryView> {
  let s = states.get(ctx);
  if (!s) {
    const fresh: State = {
      mdnsError: null,
      idle: null,
      tailscale: null,
      wideArea: null,
      browse: browseGateways({
        ...(deps.open ? { open: deps.open } : {}),
        onError: (m) => {
          fresh.mdnsError ??= m;
          emitView(ctx, fresh);
        },
        onChange: () => emitView(ctx, fresh),
      }),
    };
    s = fresh;
    states.set(ctx, s);
  }
  const state = s;
  if (state.idle) clearTimeout(state.idle);
  state.idle = setTimeout(() => void stopDiscovery(ctx), IDLE_MS);
  state.idle.unref?.();
  const now = Date.now();
  if (!state.wideArea || (!state.wideArea.running && now - state.wideArea.at > WIDE_AREA_TTL_MS)) refreshWideArea(ctx, state, deps);
  if (!state.tailscale || now - state.tailscale.at > TAILSCALE_TTL_MS) {
    state.tailscale = { at: now, value: await (deps.lookUpTailscale ?? (() => lookUpTailscale({ ...(ctx.o.env ? { env: ctx.o.env } : {}) })))() };
  }
  return view(state);
}

/** Reads the settings and looks the domains up in the background; the answer goes out as an event. */
function refreshWideArea(ctx: HostContext, s: State, deps: DiscoveryDeps): void {
  const w: WideAreaState = (s.wideArea ??= { at: 0, domains: [], part: null, running: false });
  w.running = true;
  w.at = Date.now();
  void (async () => {
    try {
      const cfg = await readWideAreaConfig(ctx.o.configDir, ctx.o.env ?? process.env);
      w.domains = cfg.domains;
      const part = cfg.domains.length ? await (deps.browseWideArea ?? browseWideArea)({ domains: cfg.domains, servers: cfg.servers }) : { gateways: [], leftOut: 0, errors: [] };
      w.part = cfg.warning ? { ...part, errors: [cfg.warning, ...part.errors] } : part;
    } catch (e) {
      w.part = { gateways: [], leftOut: 0, errors: [`wide-area lookup failed: ${e instanceof Error ? e.message : String(e)}`] };
    } finally {
      w.running = false;
      w.at = Date.now();
    }
    emitView(ctx, s);
  })();
}

function view(s: State): DiscoveryView {
  const { gateways, dropped } = s.browse.list();
  const ts = s.tailscale ? tailscalePart(s.tailscale.value, Date.now()) : { gateways: [], tailscale: { state: "unavailable" as const, message: null } };
  const wide = s.wideArea?.part ?? null;
  const merged = mergeDiscovered(gateways, wide?.gateways ?? [], ts.gateways);
  const wideArea = s.wideArea && (s.wideArea.domains.length || wide?.errors.length) ? { domains: s.wideArea.domains, errors: wide?.errors.slice(0, 64) ?? [] } : undefined;
  return { gateways: merged.gateways, leftOut: dropped + merged.leftOut + (wide?.leftOut ?? 0), mdnsError: s.mdnsError, ...(wideArea ? { wideArea } : {}), tailscale: ts.tailscale };
}

function emitView(ctx: HostContext, s: State): void {
  if (states.get(ctx) !== s) return;
  ctx.emit("discovery", view(s));
}

/** Closes the mDNS socket (idle, or the host stopping). */
export async function stopDiscovery(ctx: HostContext): Promise<void> {
  const s = states.get(ctx);
  if (!s) return;
  states.delete(ctx);
  if (s.idle) clearTimeout(s.idle);
  await s.browse.stop();
}
