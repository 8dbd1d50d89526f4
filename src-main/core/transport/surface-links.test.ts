// Where "Open canvas" and "Open <surface>" land (issue 13 §2): the gateway-side URL rewritten onto the
// tunnel's local ports, or a sentence saying why there is nothing to open.
import { describe, expect, it } from "vitest";
import type { AuxSurfaceView } from "../../../src-shared/aux-surfaces.js";
import { sshRemotePortInUse, surfaceLink } from "./surface-links.js";

const sandbox: AuxSurfaceView = { kind: "mcp-apps", label: "MCP Apps sandbox", remotePort: 18790, state: "ok", localPort: 41011, url: "http://127.0.0.1:41011/", note: null };
const ports = { gatewayRemote: 18789, gatewayLocal: 41000, surfaces: [sandbox] };

describe("surfaceLink", () => {
  it("canvas opens on the tunnel's local port, at the gateway's canvas path", () => {
    expect(surfaceLink("canvas", ports)).toEqual({ url: "http://127.0.0.1:41000/__openclaw__/canvas/" });
  });
  it("a forwarded surface opens on its own forward's local port (a fallback port too)", () => {
    expect(surfaceLink("mcp-apps", ports)).toEqual({ url: "http://127.0.0.1:41011/" });
  });
  it("a degraded surface is not opened: the reason says why", () => {
    const r = surfaceLink("mcp-apps", { ...ports, surfaces: [{ ...sandbox, state: "degraded", localPort: null, url: null, note: "does not answer" }] });
    expect(r).toEqual({ refused: "The MCP Apps sandbox is degraded: does not answer" });
  });
  it("a surface the gateway does not run, and a tunnel with no local port yet, open nothing", () => {
    expect(surfaceLink("browser-control", ports)).toEqual({ refused: expect.stringContaining("does not run its browser control service") });
    expect(surfaceLink("canvas", { ...ports, gatewayLocal: null })).toEqual({ refused: expect.stringContaining("no local port yet") });
  });
});

describe("sshRemotePortInUse: the tunnel goes by the route in use, not the profile's kind", () => {
  const urlWithSshFallback = { routes: [{ ssh: { remotePort: 18800 } }] };
  it("a URL profile on its direct route has no tunnel", () => {
    expect(sshRemotePortInUse(urlWithSshFallback, 0)).toBe(null);
  });
  it("a URL profile on its SSH fallback has that fallback's remote port", () => {
    expect(sshRemotePortInUse(urlWithSshFallback, 1)).toBe(18800);
  });
  it("an SSH profile has its own remote port on route 1, and none on a URL fallback", () => {
    const ssh = { ssh: { remotePort: 18789 }, routes: [{ direct: { url: "wss://desk.tailnet.ts.net" } }] };
    expect([sshRemotePortInUse(ssh, 0), sshRemotePortInUse(ssh, 1)]).toEqual([18789, null]);
  });
});
