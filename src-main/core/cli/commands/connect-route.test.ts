// `clawlink connect` says which route a multi-route profile runs over (issue 13 §3), in both modes.
import { describe, expect, it } from "vitest";
import type { ConnectionSnapshot } from "../../../../src-shared/connection.js";
import { formatStateLine } from "./connect.js";

const base = {
  id: "desk", name: "Desk", kind: "ssh", layer: "gateway", attempt: 0, nextAttemptAt: null, localPort: 40001, portFallback: false, sshAuth: null, warning: null,
  url: "ws://127.0.0.1:40001", seq: 3, updatedAt: 0, attention: null, pairing: null, tlsChange: null, state: "connected",
  connected: { serverVersion: "2026.9.6", protocol: 3, connId: null, authMethod: null, authSource: "token", role: "operator", scopes: [], connectedAt: 0 },
} as const satisfies ConnectionSnapshot;

describe("connect lines with routes", () => {
  const onFallback: ConnectionSnapshot = { ...base, route: { index: 1, count: 2, label: "ssh me@desk → 127.0.0.1:18789" } };

  it("text: the state line names the route and that it is the fallback", () => {
    expect(formatStateLine(onFallback, false, 0)).toContain("via ssh me@desk → 127.0.0.1:18789 (route 2 of 2, fallback)");
  });

  it("json: the route object is on the line", () => {
    expect(JSON.parse(formatStateLine(onFallback, true, 0)).route).toEqual({ index: 1, count: 2, label: "ssh me@desk → 127.0.0.1:18789" });
  });

  it("a single-route connection's line has no route words", () => {
    expect(formatStateLine(base, false, 0)).not.toContain("via ");
  });
});
