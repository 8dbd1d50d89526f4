// Which of the gateway's auxiliary surfaces (the listeners next to the gateway port) an SSH connection
// should carry, and what each looks like through the tunnel (issue 13 §2). Pure: the effects are in
// aux-forwards.ts.
//
// The gateway does not list these ports in hello-ok; they follow from its config (config.get):
//  - MCP Apps sandbox: an HTTP listener on gateway port + 1, or mcp.apps.sandboxPort, started only when
//    mcp.apps.enabled is true (docs/cli/mcp/apps.md: "Direct Gateway connections need access to both ports").
//  - Browser control service: loopback only, gateway port + 2 (docs/tools/browser/configuration.md,
//    "Ports and reachability"; docs/gateway/config-browser-ui-desktop.md). Its default is enabled, but it
//    runs only while a browser plugin is active, so we carry it only when browser.enabled is set to true
//    explicitly — otherwise every SSH profile would show a degraded surface that was never running.
// Hosted canvas documents (/__openclaw__/canvas/, hello-ok pluginSurfaceUrls) live on the gateway port
// itself (docs/network.md), so they need no forward of their own, only the URL rewrite below.

import type { AuxSurfaceKind, AuxSurfaceView } from "../../../src-shared/aux-surfaces.js";

export interface AuxSurfacePlan {
  kind: AuxSurfaceKind;
  /** What the UI calls it. */
  label: string;
  /** The port on the gateway host (forwarded to 127.0.0.1:<remotePort> there). */
  remotePort: number;
}

const SANDBOX_OFFSET = 1;
const BROWSER_CONTROL_OFFSET = 2;

function obj(v: unknown): Record<string, unknown> | undefined {
  return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

function validPort(v: unknown): number | undefined {
  return typeof v === "number" && Number.isInteger(v) && v >= 1 && v <= 65535 ? v : undefined;
}

/** The effective config inside a config.get answer (resolved when the gateway sends it, else the file's). */
export function configOf(configGet: unknown): Record<string, unknown> {
  const r = obj(configGet) ?? {};
  return obj(r.resolved) ?? obj(r.config) ?? obj(r.parsed) ?? {};
}

/** The surfaces to forward for a gateway listening on `gatewayPort` on its host, from its config. */
export function planAuxSurfaces(config: Record<string, unknown>, gatewayPort: number): AuxSurfacePlan[] {
  const plans: AuxSurfacePlan[] = [];
  const apps = obj(obj(config.mcp)?.apps);
  if (apps?.enabled === true) {
    const remotePort = validPort(apps.sandboxPort) ?? gatewayPort + SANDBOX_OFFSET;
    if (remotePort !== gatewayPort && remotePort <= 65535) plans.push({ kind: "mcp-apps", label: "MCP Apps sandbox", remotePort });
  }
  if (obj(config.browser)?.enabled === true && gatewayPort + BROWSER_CONTROL_OFFSET <= 65535) {
    plans.push({ kind: "browser-control", label: "Browser control", remotePort: gatewayPort + BROWSER_CONTROL_OFFSET });
  }
  // Two surfaces configured onto one port would be one listener: forward it once.
  return plans.filter((p, i) => plans.findIndex((q) => q.remotePort === p.remotePort) === i);
}

export type AuxSurfaceStatus = AuxSurfaceView;

export function startingStatus(p: AuxSurfacePlan): AuxSurfaceStatus {
  return { ...p, state: "starting", localPort: null, url: null, note: null };
}

export function boundStatus(p: AuxSurfacePlan, localPort: number, fallback: boolean): AuxSurfaceStatus {
  const note = fallback ? `the preferred local port was taken; forwarded on ${localPort} instead` : null;
  return { ...p, state: "starting", localPort, url: `http://127.0.0.1:${localPort}/`, note };
}

export function bindFailedStatus(p: AuxSurfacePlan, code: string): AuxSurfaceStatus {
  return { ...p, state: "degraded", localPort: null, url: null, note: `could not listen on a local port for the ${p.label} (${code}); the gateway connection is unaffected` };
}

/** The health check's outcome: `http` is the HTTP status seen through the forward, or null with why not. */
export function healthStatus(s: AuxSurfaceStatus, check: { http: number } | { error: string }): AuxSurfaceStatus {
  if ("http" in check) return { ...s, state: "ok", note: s.note && s.note.includes("taken") ? s.note : null };
  return {
    ...s,
    state: "degraded",
    note: `the ${s.label} on the gateway host (127.0.0.1:${s.remotePort}) does not answer through the tunnel: ${check.error}. The gateway connection is unaffected; ${WHAT_TO_DO[s.kind]}`,
  };
}

/**
 * What the user can do about a surface that does not answer. Browser control is special: the gateway runs
 * it in-process and opens its loopback HTTP API only when its service environment sets
 * OPENCLAW_EAGER_BROWSER_CONTROL_SERVER=1 (docs/tools/browser-control.md: "Without this variable the browser
 * control runtime still works through the CLI and agent tools, but nothing listens on the loopback control
 * port"), so "check that it is running" would send the user looking for a fault that is not there.
 */
const WHAT_TO_DO: Record<AuxSurfacePlan["kind"], string> = {
  "mcp-apps": "check that the surface is running on the gateway host.",
  "browser-control":
    "the browser tools still work through it. The gateway opens browser control's HTTP API only when its service environment sets OPENCLAW_EAGER_BROWSER_CONTROL_SERVER=1: set it there and restart the gateway if you need the API through the tunnel.",
};

/**
 * A URL the gateway handed out (pluginSurfaceUrls, controlUiUrl, a canvas document link) as this machine
 * reaches it: the gateway port → the tunnel's local port, a forwarded surface's port → its local port.
 * Only loopback/the gateway host's own names are rewritten; anything else is returned unchanged.
 */
export function rewriteThroughTunnel(url: string, ports: { gatewayRemote: number; gatewayLocal: number; surfaces: readonly AuxSurfaceStatus[] }, gatewayHosts: readonly string[] = []): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return url;
  }
  const hosts = new Set(["127.0.0.1", "localhost", "[::1]", ...gatewayHosts.map((h) => h.toLowerCase())]);
  if (!hosts.has(u.hostname.toLowerCase())) return url;
  const port = Number(u.port || (u.protocol === "https:" || u.protocol === "wss:" ? 443 : 80));
  const local = port === ports.gatewayRemote ? ports.gatewayLocal : ports.surfaces.find((s) => s.remotePort === port)?.localPort;
  if (!local) return url;
  u.hostname = "127.0.0.1";
  u.port = String(local);
  return u.toString();
}

/**
 * The local port a surface's forward tries first: the same offset from the tunnel's local port as the
 * surface has from the gateway port on its host, so the family stays recognisable (e.g. 41000 → 41001).
 * Never this machine's own gateway family (its port, +1 sandbox, +2 browser control): a forward there
 * would stop the local gateway from starting its own surface (it binds without retrying, and issue 10's
 * rule is that a tunnel never answers for "This machine"). 0 = let the kernel choose.
 */
export function preferredAuxPort(p: AuxSurfacePlan, ports: { gatewayRemote: number; gatewayLocal: number; ownGatewayPort: number }): number {
  const candidate = ports.gatewayLocal + (p.remotePort - ports.gatewayRemote);
  const own = ports.ownGatewayPort;
  if (candidate < 1024 || candidate > 65535 || candidate === ports.gatewayLocal) return 0;
  if (candidate >= own && candidate <= own + BROWSER_CONTROL_OFFSET) return 0;
  return candidate;
}
