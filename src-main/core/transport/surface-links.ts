// Where this machine opens one of the gateway's web surfaces through an SSH tunnel (issue 13 §2, "Open
// canvas" through the tunnel). Pure: the host's openGatewaySurface hands the result to the UI, which opens
// it as a link (the web host: a new tab; Electron: the window-open handler sends it to the system browser).
//  - Canvas: hosted widget documents live on the gateway port itself under /__openclaw__/canvas/
//    (docs/network.md, docs/gateway/config-extensions.md "Canvas widget presenter"): the gateway-side URL
//    http://127.0.0.1:<gateway port>/__openclaw__/canvas/ is rewritten onto the tunnel's local port.
//  - A forwarded auxiliary surface (MCP Apps sandbox, browser control): its gateway-side URL
//    http://127.0.0.1:<its port>/ is rewritten onto its own forward's local port.
// Both go through rewriteThroughTunnel, the one rule for "a gateway URL as this machine reaches it".
import type { AuxSurfaceKind, AuxSurfaceView } from "../../../src-shared/aux-surfaces.js";
import { rewriteThroughTunnel } from "./aux-surfaces.js";

export type SurfaceLinkKind = "canvas" | AuxSurfaceKind;

/** The gateway's hosted canvas documents (served on its own port). */
export const CANVAS_PATH = "/__openclaw__/canvas/";

export interface TunnelPorts {
  /** The gateway's port on the SSH host (the active route's remote port). */
  gatewayRemote: number;
  /** The tunnel's local port, once bound. */
  gatewayLocal: number | null;
  /** The connection snapshot's forwarded surfaces. */
  surfaces: readonly AuxSurfaceView[];
}

/** The parts of a stored profile that say where each of its routes ends on the gateway host. */
export interface RoutePorts {
  /** Route 1 when the profile itself is an SSH one. */
  ssh?: { remotePort: number };
  /** The fallbacks, routes 2…, in order. */
  routes?: ReadonlyArray<{ ssh: { remotePort: number } } | { direct: unknown }>;
}

/**
 * The gateway's port on the SSH host of the route in use (the snapshot's route index; 0 without one), or
 * null when that route is no SSH tunnel. It goes by the route, not the profile's kind: a URL profile
 * running on an SSH fallback has a tunnel (that fallback's port), an SSH profile on a URL fallback has none.
 */
export function sshRemotePortInUse(p: RoutePorts, routeIndex: number): number | null {
  if (routeIndex === 0) return p.ssh?.remotePort ?? null;
  const r = p.routes?.[routeIndex - 1];
  return r && "ssh" in r ? r.ssh.remotePort : null;
}

/** The URL to open, or why there is none (a sentence the UI shows as it is). */
export function surfaceLink(kind: SurfaceLinkKind, t: TunnelPorts): { url: string } | { refused: string } {
  if (!t.gatewayLocal) return { refused: "The SSH tunnel has no local port yet: wait until the connection is up." };
  const ports = { gatewayRemote: t.gatewayRemote, gatewayLocal: t.gatewayLocal, surfaces: t.surfaces };
  let gatewaySide: string;
  if (kind === "canvas") gatewaySide = `http://127.0.0.1:${t.gatewayRemote}${CANVAS_PATH}`;
  else {
    const s = t.surfaces.find((x) => x.kind === kind);
    if (!s) return { refused: `The gateway does not run its ${kind === "mcp-apps" ? "MCP Apps sandbox" : "browser control service"}, so nothing of it is forwarded.` };
    if (s.state === "degraded") return { refused: `The ${s.label} is degraded: ${s.note ?? "its forward failed"}` };
    if (!s.localPort) return { refused: `The ${s.label}'s forward is still starting.` };
    gatewaySide = `http://127.0.0.1:${s.remotePort}/`;
  }
  const url = rewriteThroughTunnel(gatewaySide, ports);
  // Not rewritten means no local port carries it: opening the gateway-side address would reach this machine instead.
  return url === gatewaySide ? { refused: "That surface is not carried by this connection's tunnel." } : { url };
}
