import { describe, expect, it } from "vitest";
import { boundStatus, configOf, healthStatus, planAuxSurfaces, preferredAuxPort, rewriteThroughTunnel } from "./aux-surfaces.js";

describe("planAuxSurfaces: what runs next to the gateway port, from its config", () => {
  it("plans nothing for a gateway with neither MCP Apps nor browser control turned on", () => {
    expect(planAuxSurfaces({ gateway: { port: 18789 } }, 18789)).toEqual([]);
  });
  it("plans the MCP Apps sandbox on gateway port + 1 when mcp.apps.enabled is true", () => {
    expect(planAuxSurfaces({ mcp: { apps: { enabled: true } } }, 18789)).toEqual([{ kind: "mcp-apps", label: "MCP Apps sandbox", remotePort: 18790 }]);
  });
  it("uses mcp.apps.sandboxPort when the config sets one", () => {
    expect(planAuxSurfaces({ mcp: { apps: { enabled: true, sandboxPort: 20000 } } }, 18789)[0]?.remotePort).toBe(20000);
  });
  it("ignores an invalid sandboxPort and falls back to gateway port + 1", () => {
    expect(planAuxSurfaces({ mcp: { apps: { enabled: true, sandboxPort: "x" } } }, 40000)[0]?.remotePort).toBe(40001);
  });
  it("does not plan the sandbox when mcp.apps.enabled is absent (the gateway does not start it)", () => {
    expect(planAuxSurfaces({ mcp: { apps: { sandboxPort: 20000 } } }, 18789)).toEqual([]);
  });
  it("plans browser control on gateway port + 2 only when browser.enabled is set to true", () => {
    expect(planAuxSurfaces({ browser: { enabled: true } }, 18789)).toEqual([{ kind: "browser-control", label: "Browser control", remotePort: 18791 }]);
  });
  it("forwards one port once when two surfaces are configured onto it", () => {
    expect(planAuxSurfaces({ mcp: { apps: { enabled: true, sandboxPort: 18791 } }, browser: { enabled: true } }, 18789).map((p) => p.kind)).toEqual(["mcp-apps"]);
  });
  it("never plans a surface past port 65535", () => {
    expect(planAuxSurfaces({ mcp: { apps: { enabled: true } }, browser: { enabled: true } }, 65535)).toEqual([]);
  });
});

describe("configOf: the config inside a config.get answer", () => {
  it("prefers the resolved config over the file's", () => {
    expect(configOf({ resolved: { a: 1 }, config: { a: 2 } })).toEqual({ a: 1 });
  });
  it("is empty for an answer without a config object", () => {
    expect(configOf({ path: "/x", exists: false })).toEqual({});
  });
});

describe("preferredAuxPort: the local port a surface's forward tries first", () => {
  const plan = { kind: "mcp-apps" as const, label: "MCP Apps sandbox", remotePort: 18790 };
  it("keeps the surface's offset from the tunnel's local port", () => {
    expect(preferredAuxPort(plan, { gatewayRemote: 18789, gatewayLocal: 41000, ownGatewayPort: 18789 })).toBe(41001);
  });
  it("never takes this machine's own gateway family (18789..18791): the kernel chooses instead", () => {
    expect(preferredAuxPort(plan, { gatewayRemote: 18789, gatewayLocal: 18789, ownGatewayPort: 18789 })).toBe(0);
  });
  it("lets the kernel choose when the offset leaves the port range", () => {
    expect(preferredAuxPort(plan, { gatewayRemote: 18789, gatewayLocal: 65535, ownGatewayPort: 18789 })).toBe(0);
  });
});

describe("health and degraded notes", () => {
  const plan = { kind: "mcp-apps" as const, label: "MCP Apps sandbox", remotePort: 18790 };
  it("any HTTP answer through the forward makes the surface ok", () => {
    expect(healthStatus(boundStatus(plan, 41001, false), { http: 404 }).state).toBe("ok");
  });
  it("no answer makes it degraded with a note that names the remote port and says the connection is unaffected", () => {
    const s = healthStatus(boundStatus(plan, 41001, false), { error: "connection refused" });
    expect([s.state, s.note?.includes("127.0.0.1:18790"), s.note?.includes("gateway connection is unaffected")]).toEqual(["degraded", true, true]);
  });
  it("browser control not answering says the browser tools still work and names the gateway's opt-in variable, not 'check it is running'", () => {
    const bc = { kind: "browser-control" as const, label: "Browser control", remotePort: 18791 };
    const note = healthStatus(boundStatus(bc, 41002, false), { error: "connection refused" }).note ?? "";
    expect([note.includes("browser tools still work"), note.includes("OPENCLAW_EAGER_BROWSER_CONTROL_SERVER=1"), note.includes("check that the surface is running")]).toEqual([true, true, false]);
  });
  it("a taken preferred port stays noted once the surface is ok", () => {
    expect(healthStatus(boundStatus(plan, 45555, true), { http: 200 }).note).toContain("forwarded on 45555");
  });
});

describe("rewriteThroughTunnel: gateway URLs as this machine reaches them", () => {
  const surfaces = [{ ...boundStatus({ kind: "mcp-apps", label: "MCP Apps sandbox", remotePort: 18790 }, 41001, false), state: "ok" as const }];
  const ports = { gatewayRemote: 18789, gatewayLocal: 41000, surfaces };
  it("maps a canvas document on the gateway port to the tunnel's local port", () => {
    expect(rewriteThroughTunnel("http://127.0.0.1:18789/__openclaw__/canvas/documents/cv_1/index.html", ports)).toBe("http://127.0.0.1:41000/__openclaw__/canvas/documents/cv_1/index.html");
  });
  it("maps a sandbox URL to its forward's local port", () => {
    expect(rewriteThroughTunnel("http://localhost:18790/app?x=1", ports)).toBe("http://127.0.0.1:41001/app?x=1");
  });
  it("maps the gateway host's own name when it is given", () => {
    expect(rewriteThroughTunnel("http://desk.tailnet.ts.net:18789/", ports, ["desk.tailnet.ts.net"])).toBe("http://127.0.0.1:41000/");
  });
  it("leaves a URL on another host unchanged", () => {
    expect(rewriteThroughTunnel("https://mcp-apps.example.com/app", ports)).toBe("https://mcp-apps.example.com/app");
  });
  it("leaves a port with no forward unchanged", () => {
    expect(rewriteThroughTunnel("http://127.0.0.1:18799/", ports)).toBe("http://127.0.0.1:18799/");
  });
});
