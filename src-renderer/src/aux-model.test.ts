import { describe, expect, it } from "vitest";
import { auxText, forwardPortText, onSshTransport, tunnelSurfaces } from "./aux-model";

const base = { kind: "mcp-apps" as const, label: "MCP Apps sandbox", remotePort: 18790, localPort: 41001, url: "http://127.0.0.1:41001/", note: null };

describe("auxText: an auxiliary surface's status row", () => {
  it("an ok surface shows its local URL and the port on the gateway host", () => {
    expect(auxText({ ...base, state: "ok" })).toBe("Forwarded: http://127.0.0.1:41001/ (gateway host port 18790)");
  });
  it("an ok surface on a fallback port keeps the note that says so", () => {
    expect(auxText({ ...base, state: "ok", note: "the preferred local port was taken; forwarded on 41001 instead" })).toContain("— the preferred local port was taken");
  });
  it("a degraded surface shows its note, not the URL", () => {
    expect(auxText({ ...base, state: "degraded", note: "does not answer" })).toBe("Degraded: does not answer");
  });
  it("a surface not yet bound names only the gateway host port", () => {
    expect(auxText({ ...base, state: "starting", localPort: null, url: null })).toBe("Starting forward… gateway host port 18790");
  });
});

describe("tunnelSurfaces: what a connection on an SSH tunnel opens through it", () => {
  const conn = { kind: "ssh" as const, state: "connected" as const, localPort: 41000 };
  it("the canvas, then each forwarded surface; a degraded one is listed with why and cannot be opened", () => {
    const rows = tunnelSurfaces({ ...conn, aux: [{ ...base, state: "degraded", localPort: null, url: null, note: "does not answer" }] });
    expect(rows.map((r) => [r.kind, r.openable, r.text])).toEqual([
      ["canvas", true, "Hosted widget documents on the gateway port, through 127.0.0.1:41000"],
      ["mcp-apps", false, "Degraded: does not answer"],
    ]);
  });
  it("nothing before the connection is up, and nothing for a URL profile", () => {
    expect([tunnelSurfaces({ ...conn, state: "reconnecting" }), tunnelSurfaces({ ...conn, kind: "direct" })]).toEqual([[], []]);
  });
});

describe("tunnelSurfaces follows the route in use, not the profile's kind", () => {
  // The snapshot's kind is the route's (connection-supervisor useRoute); these are the snapshots each case gives.
  const direct = { kind: "direct" as const, state: "connected" as const, localPort: null, route: { index: 0, count: 2, label: "ws://desk:18789/" } };
  it("a URL profile on its direct route: nothing through a tunnel", () => {
    expect(tunnelSurfaces(direct)).toEqual([]);
  });
  it("a URL profile on its SSH fallback: the canvas and its forwarded surfaces, on the fallback's tunnel", () => {
    const onSsh = { kind: "ssh" as const, state: "connected" as const, localPort: 41000, route: { index: 1, count: 2, label: "ssh me@desk → 127.0.0.1:18789" }, aux: [{ ...base, state: "ok" as const }] };
    expect(tunnelSurfaces(onSsh).map((r) => [r.kind, r.openable])).toEqual([["canvas", true], ["mcp-apps", true]]);
  });
  it("an SSH profile on its own route, as before; on a URL fallback, nothing", () => {
    const ssh = { kind: "ssh" as const, state: "connected" as const, localPort: 41000 };
    const onUrlFallback = { ...direct, route: { index: 1, count: 2, label: "wss://desk.tailnet.ts.net" } };
    expect([tunnelSurfaces(ssh).map((r) => r.kind), tunnelSurfaces(onUrlFallback)]).toEqual([["canvas"], []]);
  });
});

describe("the status view's SSH rows (local forward port, SSH login) follow the transport in use", () => {
  it("a URL profile on its SSH fallback has them; an SSH profile on a URL fallback has not; before a connection, the profile's kind", () => {
    expect([onSshTransport("direct", { kind: "ssh" }), onSshTransport("ssh", { kind: "direct" }), onSshTransport("ssh", undefined), onSshTransport("direct", undefined)]).toEqual([true, false, true, false]);
  });
  it("the forward port names the profile's preferred port only on route 1", () => {
    const c = { localPort: 41002, portFallback: true };
    expect([forwardPortText({ ...c, route: { index: 0, count: 2, label: "" } }, 41000), forwardPortText({ ...c, route: { index: 1, count: 2, label: "" } }, 41000), forwardPortText(c, undefined), forwardPortText(undefined, 41000)]).toEqual([
      "127.0.0.1:41002 (preferred 41000 was busy)",
      "127.0.0.1:41002 (the preferred port was busy)",
      "127.0.0.1:41002 (the preferred port was busy)",
      "—",
    ]);
  });
});
