// History rows as the real gateway (2026.9.6) returned them for a run of the fake model's
// [[exec:echo explore-hi]] (recorded shapes, trimmed): tool calls become cards, results finish them.
import { describe, expect, it } from "vitest";
import { normalizeHistory } from "./chat-history.js";

describe("history rows with tool calls", () => {
  const rows = [
    { role: "user", content: "please [[exec:echo explore-hi]]", timestamp: 1, __openclaw: { id: "u1", seq: 1 } },
    { role: "assistant", content: [{ type: "toolCall", id: "call_1", name: "exec", arguments: { command: "echo explore-hi" } }], stopReason: "toolUse", timestamp: 2, __openclaw: { id: "a1", seq: 2 } },
    { role: "toolResult", toolCallId: "call_1", toolName: "exec", content: [{ type: "text", text: "explore-hi" }], isError: false, timestamp: 3, __openclaw: { id: "t1", seq: 3 } },
    { role: "assistant", content: [{ type: "text", text: "Exec result: explore-hi" }], stopReason: "stop", timestamp: 4, __openclaw: { id: "a2", seq: 4 } },
  ];
  it("the call's row holds its card, finished by the result row, which is not shown on its own", () => {
    const out = normalizeHistory(rows, () => null);
    expect(out.map((m) => m.id)).toEqual(["u1", "a1", "a2"]);
    expect(out[1]!.tools).toEqual([{ id: "call_1", name: "exec", args: '{"command":"echo explore-hi"}', status: "done", result: "explore-hi" }]);
    expect(out[2]!.tools).toBeUndefined();
  });
  it("a result whose call is on an older page is a card row of its own", () => {
    const out = normalizeHistory(rows.slice(2), () => null);
    expect(out[0]).toMatchObject({ id: "t1", role: "tool", text: "", tools: [{ id: "call_1", status: "done", result: "explore-hi" }] });
  });
  it("rows of one transcript record keep distinct, stable ids", () => {
    const twice = normalizeHistory([rows[0], rows[0]], () => null);
    expect(twice.map((m) => m.id)).toEqual(["u1", "u1#1"]);
  });
});
