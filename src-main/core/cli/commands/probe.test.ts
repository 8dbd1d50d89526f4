import { describe, expect, it } from "vitest";
import type { LadderResult } from "../../diagnostics/ladder.js";
import type { OutcomeKind } from "../../diagnostics/outcome.js";
import { EXIT } from "../exit-codes.js";
import { exitCodeForOutcome, probeJson, probeText } from "./probe.js";

describe("probe outcome → exit code", () => {
  const table: Array<[OutcomeKind, number]> = [
    ["connected", 0],
    ["config", 2],
    ["network", 3],
    ["ssh-auth", 4],
    ["host-key", 5],
    ["tls", 6],
    ["gateway-auth", 7],
    ["pairing-required", 8],
    ["protocol-mismatch", 9],
    ["not-a-gateway", 9],
    ["plaintext-refused", 10],
    ["failure", 1],
  ];
  it.each(table)("%s → %i", (kind, code) => {
    expect(exitCodeForOutcome(kind)).toBe(code);
  });
  it("every exit code of the issue is reachable", () => {
    expect(new Set(table.map(([, c]) => c))).toEqual(new Set(Object.values(EXIT)));
  });
});

const failed: LadderResult = {
  ok: false,
  target: { id: "p", name: "pairing gw", kind: "direct" },
  startedAt: new Date(0).toISOString(),
  totalMs: 10,
  outcome: { kind: "pairing-required", reason: "pairing-required", step: "pairing", message: "not approved", fixHint: "On the gateway host run: openclaw devices approve r-9", requestId: "r-9", approveCommand: "openclaw devices approve r-9" },
  steps: [
    { name: "target", ok: true, ms: 0.4, detail: "ws://127.0.0.1:1" },
    { name: "auth", ok: true, ms: 12.34, detail: "accepted", data: { authSource: "x" } },
    { name: "pairing", ok: false, ms: 0, detail: "pairing required", attention: { reason: "pairing-required", message: "not approved", fixHint: "f" }, data: { requestId: "r-9" } },
  ],
};

describe("probe output", () => {
  it("--json: exactly {ok, outcome, steps:[{name, ok, ms, detail}]}", () => {
    const j = probeJson(failed);
    expect(Object.keys(j)).toEqual(["ok", "outcome", "steps"]);
    expect(j.steps[2]).toEqual({ name: "pairing", ok: false, ms: 0, detail: "pairing required" });
  });
  it("text: ✓/✗ per step with ms, then what failed, the request id, the approve command and the fix", () => {
    const lines = probeText(failed);
    expect(lines[0]).toMatch(/^✓ target\s+0\.4 ms  ws:\/\/127\.0\.0\.1:1$/);
    expect(lines[2]).toMatch(/^✗ pairing\s+0\.0 ms  pairing required$/);
    expect(lines).toContain("pairing request: r-9");
    expect(lines).toContain("approve it on the gateway host: openclaw devices approve r-9");
    expect(lines.at(-1)).toBe("fix: On the gateway host run: openclaw devices approve r-9");
  });
});
