// The host API's discoverGateways (issue 13 §1, §5): the gateways announcing themselves on the local
// network (mDNS, core/discovery/mdns-browse.ts) and, where the `tailscale` CLI is present, the tailnet's
// peers that could host one, for the "Add gateway" form. The first call starts one browse for this host;
// every change is pushed as a `discovery` event (so a gateway that starts while the form is open appears
// without asking again). The browse stops by itself once nobody asked for IDLE_MS (the form re-asks while
// it is open), so a host that never shows the form never opens the mDNS socket.
import type { HostHandlers } from "../../../src-shared/host-api.js";
import type { DiscoveryView } from "../../../src-shared/discovery.js";
import { browseGateways, type MdnsBrowse, type MdnsBrowseOptions } from "../discovery/mdns-browse.js";
import { tailscalePart } from "../discovery/tailscale-candidates.js";
import { lookUpTailscale, type TailscaleLookup } from "../discovery/tailscale-runner.js";
import type { HostContext } from "./host-context.js";

export const IDLE_MS = 90_000;
/** `tailscale status` is a process spawn: asked again at most this often. */
const TAILSCALE_TTL_MS = 30_000;

export interface DiscoveryDeps {
  open?: MdnsBrowseOptions["open"];
  lookUpTailscale?: () => Promise<TailscaleLookup>;
}

interface State {
  browse: MdnsBrowse;
  mdnsError: string | null;
  idle: NodeJS.Timeout | null;
  tailscale: { at: number; value: TailscaleLookup } | null;
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
  if (!state.tailscale || now - state.tailscale.at > TAILSCALE_TTL_MS) {
    state.tailscale = { at: now, value: await (deps.lookUpTailscale ?? (() => lookUpTailscale({ ...(ctx.o.env ? { env: ctx.o.env } : {}) })))() };
  }
  return view(state);
}

function view(s: State): DiscoveryView {
  const { gateways, dropped } = s.browse.list();
  const ts = s.tailscale ? tailscalePart(s.tailscale.value, Date.now()) : { gateways: [], tailscale: { state: "unavailable" as const, message: null } };
  return { gateways: [...gateways, ...ts.gateways], leftOut: dropped, mdnsError: s.mdnsError, tailscale: ts.tailscale };
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
