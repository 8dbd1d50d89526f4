// The host API's discoverGateways (issue 13 §1, §5): the gateways announcing themselves on the local
// network (mDNS, core/discovery/mdns-browse.ts) and, where the `tailscale` CLI is present, the tailnet's
// peers that could host one, for the "Add gateway" form. The first call starts one browse for this host;
// every change is pushed as a `discovery` event (so a gateway that starts while the form is open appears
// without asking again). The browse stops by itself once nobody asked for IDLE_MS (the form re-asks while
// it is open), so a host that never shows the form never opens the mDNS socket.
// Wide-area DNS-SD (issue 13 §1): the domains in <config dir>/discovery.json and OPENCLAW_WIDE_AREA_DOMAIN
// (core/discovery/wide-area-config.ts) are looked up at most every WIDE_AREA_TTL_MS, in the background,
// and at once after the settings form changed them (refreshWideAreaNow), by the same re-lookup
// `clawlink discover --watch` runs (core/discovery/wide-area-refresh.ts): each answer is pushed as a
// `discovery` event when it lands, so a slow DNS server never holds the form up.
import type { HostHandlers } from "../../../src-shared/host-api.js";
import type { DiscoveryView } from "../../../src-shared/discovery.js";
import { browseGateways, type MdnsBrowse, type MdnsBrowseOptions } from "../discovery/mdns-browse.js";
import { tailscalePart } from "../discovery/tailscale-candidates.js";
import { lookUpTailscale, type TailscaleLookup } from "../discovery/tailscale-runner.js";
import { mergeDiscovered, readWideAreaConfig } from "../discovery/wide-area-config.js";
import type { WideAreaOptions, WideAreaPart } from "../discovery/wide-area-dns.js";
import { WIDE_AREA_REFRESH_MS, WideAreaRefresher } from "../discovery/wide-area-refresh.js";
import type { HostContext } from "./host-context.js";

export const IDLE_MS = 90_000;
/** `tailscale status` is a process spawn: asked again at most this often. */
const TAILSCALE_TTL_MS = 30_000;
/** Wide-area lookups are DNS queries to a server that may be far away: again at most this often. */
export const WIDE_AREA_TTL_MS = WIDE_AREA_REFRESH_MS;

export interface DiscoveryDeps {
  open?: MdnsBrowseOptions["open"];
  lookUpTailscale?: () => Promise<TailscaleLookup>;
  /** For tests: the wide-area lookup (default: node:dns on the configured or system servers). */
  browseWideArea?: (o: WideAreaOptions) => Promise<WideAreaPart>;
}

interface State {
  browse: MdnsBrowse;
  mdnsError: string | null;
  idle: NodeJS.Timeout | null;
  tailscale: { at: number; value: TailscaleLookup } | null;
  wideArea: WideAreaRefresher;
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
      wideArea: new WideAreaRefresher({
        config: () => readWideAreaConfig(ctx.o.configDir, ctx.o.env ?? process.env),
        ...(deps.browseWideArea ? { browse: deps.browseWideArea } : {}),
        onUpdate: () => emitView(ctx, fresh),
      }),
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
  state.wideArea.refreshIfOlderThan(WIDE_AREA_TTL_MS);
  if (!state.tailscale || now - state.tailscale.at > TAILSCALE_TTL_MS) {
    state.tailscale = { at: now, value: await (deps.lookUpTailscale ?? (() => lookUpTailscale({ ...(ctx.o.env ? { env: ctx.o.env } : {}) })))() };
  }
  return view(state);
}

/** The settings changed (the form): look the domains up again now, if the form's browse runs. */
export function refreshWideAreaNow(ctx: HostContext): void {
  states.get(ctx)?.wideArea.refreshNow();
}

function view(s: State): DiscoveryView {
  const { gateways, dropped } = s.browse.list();
  const ts = s.tailscale ? tailscalePart(s.tailscale.value, Date.now()) : { gateways: [], tailscale: { state: "unavailable" as const, message: null } };
  const wide = s.wideArea.snapshot();
  const merged = mergeDiscovered(gateways, wide?.gateways ?? [], ts.gateways);
  const wideArea = wide && (wide.domains.length || wide.errors.length) ? { domains: wide.domains, errors: wide.errors.slice(0, 64) } : undefined;
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
  s.wideArea.stop();
  await s.browse.stop();
}
