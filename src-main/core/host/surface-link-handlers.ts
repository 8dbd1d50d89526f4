// The host API's openGatewaySurface (issue 13 §2): the gateway's canvas or a forwarded auxiliary surface
// of a connection running over an SSH route (an SSH profile, or a URL profile on an SSH fallback), as a URL
// through the tunnel's local ports (transport/surface-links.ts).
// Nothing secret is in it (canvas and the surfaces take no token on the gateway host's loopback), so the
// UI gets the URL itself — unlike openControlUi's one-shot link — and opens it as a link.
import type { HostHandlers } from "../../../src-shared/host-api.js";
import { sshRemotePortInUse, surfaceLink } from "../transport/surface-links.js";
import { HandlerError } from "./host-call.js";
import { profileOf, type HostContext } from "./host-context.js";

export function surfaceLinkHandlers(ctx: HostContext): Pick<HostHandlers, "openGatewaySurface"> {
  return {
    openGatewaySurface: (id, kind) => {
      const p = profileOf(ctx, id);
      const snap = ctx.orchestrator.get(p.id)?.snapshot;
      if (!snap || snap.state !== "connected") throw new HandlerError(`${p.name} is not connected.`, "Connect first: its surfaces open through the same SSH tunnel.");
      const remote = sshRemotePortInUse(p, snap.route?.index ?? 0);
      if (remote === null) throw new HandlerError(`${p.name} is not connected through an SSH tunnel now, so there is no tunnel to open it through.`);
      const r = surfaceLink(kind, { gatewayRemote: remote, gatewayLocal: snap.localPort, surfaces: snap.aux ?? [] });
      if ("refused" in r) throw new HandlerError(r.refused);
      return { url: r.url };
    },
  };
}
