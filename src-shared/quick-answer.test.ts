import { describe, expect, it } from "vitest";
import { answerQuick, quickAnswerMessage, type InboxAnswerer } from "./quick-answer.js";

function hub() {
  const calls: string[] = [];
  const h: InboxAnswerer = {
    answerExec: async (c, id, d) => (calls.push(`exec ${c} ${id} ${d}`), { kind: "done", item: id }),
    answerPairing: async (c, id, d) => (calls.push(`pairing ${c} ${id} ${d}`), { kind: "done", item: id }),
  };
  return { h, calls };
}

describe("quick answers (tray and notification buttons)", () => {
  it("sends Allow once / Deny as exec decisions and Approve / Reject as pairing decisions, on the item's connection", async () => {
    const { h, calls } = hub();
    await answerQuick(h, { connectionId: "home", itemKind: "exec", itemId: "a1" }, "allow-once");
    await answerQuick(h, { connectionId: "home", itemKind: "exec", itemId: "a1" }, "deny");
    await answerQuick(h, { connectionId: "vps", itemKind: "pairing", itemId: "r1" }, "approve");
    await answerQuick(h, { connectionId: "vps", itemKind: "pairing", itemId: "r1" }, "reject");
    expect(calls).toEqual(["exec home a1 allow-once", "exec home a1 deny", "pairing vps r1 approve", "pairing vps r1 reject"]);
  });

  it("refuses a decision that does not fit the kind, sending nothing", async () => {
    const { h, calls } = hub();
    expect(await answerQuick(h, { connectionId: "home", itemKind: "exec", itemId: "a1" }, "approve")).toEqual({ kind: "not-allowed", message: '"approve" does not answer an exec approval.' });
    expect(await answerQuick(h, { connectionId: "home", itemKind: "pairing", itemId: "r1" }, "allow-once")).toMatchObject({ kind: "not-allowed" });
    expect(calls).toEqual([]);
  });

  it("says nothing when it went through, and the outcome's sentence otherwise", () => {
    expect(quickAnswerMessage({ kind: "done", item: "a1" })).toBeNull();
    expect(quickAnswerMessage({ kind: "offline", message: "No live connection." })).toBe("No live connection.");
    expect(quickAnswerMessage({ kind: "done", item: "a1", reason: "failed" })).toMatch(/could not be told/);
  });
});
