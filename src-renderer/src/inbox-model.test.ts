// The inbox as the renderer shows it (inbox-model.ts), without a DOM: which snapshot wins, the
// combined and per-gateway views, the missing-scope line, resolved notes, the countdown, invisible
// characters in a command, and the words for each answer outcome.
import { describe, expect, it } from "vitest";
import type { ExecApprovalItem, GatewayInbox, InboxSnapshot, PairingRequestItem } from "../../src-shared/inbox";
import { applyInbox, commandParts, countdown, emptyInbox, gatewayLines, hiddenLabel, inboxCount, outcomeNote, resolvedNotes, resolvedWords, shortSummary, staleInbox, visibleItems } from "./inbox-model";
import { applyHostEvent, initialState } from "./state";

const exec = (id: string, connectionId: string, over: Partial<ExecApprovalItem> = {}): ExecApprovalItem => ({
  kind: "exec", id, connectionId, gatewayName: connectionId.toUpperCase(), createdAt: 1, command: `echo ${id}`, cwd: "/w", host: "gateway", nodeId: null,
  agentId: "main", sessionKey: "agent:main:x", resolvedPath: null, requestedVia: "webchat", warnings: [], allowedDecisions: ["allow-once", "deny"], expiresAt: 100_000, ...over,
});
const pairing = (id: string, connectionId: string): PairingRequestItem => ({
  kind: "pairing", id, connectionId, gatewayName: connectionId.toUpperCase(), createdAt: 2, deviceId: "dev-1234567890abcdef", displayName: null, platform: "ios",
  deviceFamily: "iPhone", clientId: null, role: "operator", scopes: ["operator.read"], remoteIp: "10.0.0.2", isRepair: false,
});
const gw = (connectionId: string, over: Partial<GatewayInbox> = {}): GatewayInbox => ({
  connectionId, gatewayName: connectionId.toUpperCase(), live: true, canApprove: true, canPair: true, missingScopes: [], problem: null, pending: 0, ...over,
});
const snap = (over: Partial<InboxSnapshot> = {}): InboxSnapshot => ({ items: [], gateways: [], resolved: [], seq: 1, ...over });

describe("inbox snapshots in the renderer", () => {
  it("a newer snapshot replaces an older one; an older answer that raced an event does not", () => {
    const a = snap({ seq: 5, items: [exec("a", "one")] });
    expect(applyInbox(emptyInbox(), a)).toBe(a);
    expect(applyInbox(a, snap({ seq: 4 }))).toBe(a);
    const b = snap({ seq: 6 });
    expect(applyInbox(a, b)).toBe(b);
    // After the host link dropped, a restarted host's seq 1 still wins.
    expect(applyInbox(staleInbox(a), snap({ seq: 1 })).seq).toBe(1);
  });

  it("the inbox event goes through the store's reducer and the host link resets ordering", () => {
    let s = applyHostEvent(initialState(), { name: "inbox", payload: snap({ seq: 9, items: [exec("a", "one")] }) });
    expect(inboxCount(s.inbox)).toBe(1);
    s = applyHostEvent(s, { name: "hostConnection", payload: { connected: false } });
    s = applyHostEvent(s, { name: "inbox", payload: snap({ seq: 1 }) });
    expect(inboxCount(s.inbox)).toBe(0);
  });

  it("combined and per-gateway views and counts", () => {
    const s = snap({ items: [exec("a", "one"), pairing("p", "two"), exec("b", "two")] });
    expect(inboxCount(s)).toBe(3);
    expect(inboxCount(s, "two")).toBe(2);
    expect(visibleItems(s, null).map((x) => x.id)).toEqual(["a", "p", "b"]);
    expect(visibleItems(s, "one").map((x) => x.id)).toEqual(["a"]);
  });
});

describe("gateway lines", () => {
  it("a gateway without operator.approvals says so and what to do; offline and problems are told too", () => {
    const s = snap({ gateways: [gw("one", { missingScopes: ["operator.approvals"] }), gw("two", { live: false }), gw("three", { problem: "Could not list exec approvals: boom" })] });
    const lines = gatewayLines(s, null);
    expect(lines[0]).toMatchObject({ connectionId: "one", tone: "attention" });
    expect(lines[0]!.text).toContain("ONE did not grant operator.approvals (approve commands the agent runs)");
    expect(lines[0]!.text).toContain("openclaw devices approve");
    expect(lines[1]).toMatchObject({ connectionId: "two", tone: "muted" });
    expect(lines[2]).toMatchObject({ tone: "warn", text: "THREE: Could not list exec approvals: boom" });
    expect(gatewayLines(s, "two")).toHaveLength(1);
    expect(gatewayLines(snap({ gateways: [gw("ok")] }), null)).toEqual([]);
  });
});

describe("resolved notes", () => {
  const r = (id: string, at: number, decision: string, by: string | null) => ({ id, kind: "exec" as const, connectionId: "one", gatewayName: "ONE", summary: `echo ${id}`, decision, by, at });
  it("say who resolved it, newest first, only recent ones, at most five", () => {
    expect(resolvedWords({ decision: "allow-once", by: "Clawlink on laptop" })).toBe("Allowed once by Clawlink on laptop");
    expect(resolvedWords({ decision: "deny", by: "you" })).toBe("Denied by you");
    expect(resolvedWords({ decision: "expired", by: "expired" })).toBe("Expired");
    expect(resolvedWords({ decision: "approved", by: null })).toBe("Approved");
    const now = 20 * 60_000;
    const s = snap({ resolved: [r("a", now - 1000, "deny", "cli"), r("old", 0, "deny", null), ...["b", "c", "d", "e", "f"].map((x) => r(x, now - 2000, "allow-once", null))] });
    const notes = resolvedNotes(s, null, now);
    expect(notes).toHaveLength(5);
    expect(notes[0]).toMatchObject({ summary: "echo a", words: "Denied by cli", gatewayName: "ONE" });
    expect(notes.map((n) => n.summary)).not.toContain("echo old");
    expect(resolvedNotes(s, "two", now)).toEqual([]);
    expect(shortSummary("x".repeat(300))).toMatch(/^x{200}… \(300 characters\)$/);
  });
});

describe("the card's pieces", () => {
  it("countdown: minutes and seconds, hours when long, expired at zero", () => {
    expect(countdown(65_000, 0)).toBe("1:05");
    expect(countdown(3_723_000, 0)).toBe("1:02:03");
    expect(countdown(400, 0)).toBe("0:01");
    expect(countdown(0, 0)).toBe("expired");
  });

  it("a command keeps every character; invisible ones are parts of their own", () => {
    expect(commandParts("echo hi; rm -rf /")).toEqual([{ text: "echo hi; rm -rf /" }]);
    const sneaky = "echo safe\u202e; rm -rf ~\u200b\n";
    const parts = commandParts(sneaky);
    expect(parts).toEqual([{ text: "echo safe" }, { hidden: "\u202e" }, { text: "; rm -rf ~" }, { hidden: "\u200b" }, { text: "\n" }]);
    expect(parts.map((p) => ("text" in p ? p.text : p.hidden)).join("")).toBe(sneaky);
    expect(hiddenLabel("\u202e")).toBe("U+202E");
    expect(commandParts("")).toEqual([]);
  });

  it("outcomes in words: done (and where a deny reason went), and every refusal's own message", () => {
    expect(outcomeNote({ kind: "done", item: "a" }, "allow-once")).toEqual({ tone: "ok", text: "Allowed once." });
    expect(outcomeNote({ kind: "done", item: "a", reason: "sent" }, "deny").text).toBe("Denied. The reason was sent to the agent in its session.");
    expect(outcomeNote({ kind: "done", item: "a", reason: "failed" }, "deny").tone).toBe("attention");
    expect(outcomeNote({ kind: "already-resolved", message: "a was already resolved (deny by cli)." }, "allow-once")).toEqual({ tone: "attention", text: "a was already resolved (deny by cli)." });
    expect(outcomeNote({ kind: "scope-missing", scope: "operator.approvals", message: "no scope" }, "deny").text).toBe("no scope");
    expect(outcomeNote({ kind: "offline", message: "offline" }, "approve").tone).toBe("warn");
  });
});
