// `clawlink connect` names each auxiliary surface carried over the SSH connection (issue 13 §2), in both modes.
import { describe, expect, it } from "vitest";
import type { ConnectionSnapshot } from "../../../../src-shared/connection.js";
import { formatStateLine } from "./connect.js";

const base = {
  id: "desk", name: "Desk", kind: "ssh", layer: "gateway", attempt: 0, nextAttemptAt: null, localPort: 40001, portFallback: false, sshAuth: null, warning: null,
  url: "ws://127.0.0.1:40001", seq: 3, updatedAt: 0, attention: null, pairing: null, tlsChange: null, state: "connected",
  connected: { serverVersion: "2026.9.6", protocol: 3, connId: null, authMethod: null, authSource: "token", role: "operator", scopes: [], connectedAt: 0 },
} as const satisfies ConnectionSnapshot;
const sandbox = { kind: "mcp-apps", label: "MCP Apps sandbox", remotePort: 18790, state: "ok", localPort: 40002, url: "http://127.0.0.1:40002/", note: null } as const;

describe("connect lines with auxiliary surfaces", () => {
  it("text: an ok surface shows its local URL", () => {
    expect(formatStateLine({ ...base, aux: [sandbox] }, false, 0)).toContain("MCP Apps sandbox: http://127.0.0.1:40002/");
  });
  it("text: a degraded surface says so with its note while the line stays 'connected'", () => {
    const line = formatStateLine({ ...base, aux: [{ ...sandbox, state: "degraded", note: "does not answer" }] }, false, 0);
    expect([line.includes("connected"), line.includes("MCP Apps sandbox: degraded — does not answer")]).toEqual([true, true]);
  });
  it("json: the aux list is on the line", () => {
    expect(JSON.parse(formatStateLine({ ...base, aux: [sandbox] }, true, 0)).aux).toEqual([sandbox]);
  });
  it("json: no aux key without surfaces", () => {
    expect("aux" in JSON.parse(formatStateLine(base, true, 0))).toBe(false);
  });
});
