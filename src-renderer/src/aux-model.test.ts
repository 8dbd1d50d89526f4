import { describe, expect, it } from "vitest";
import { auxText, tunnelSurfaces } from "./aux-model";

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

describe("tunnelSurfaces: what a connected SSH profile opens through its tunnel", () => {
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
