// The inbox reducer and the payload readers, fed the payloads the real 2026.9.6 gateway sent
// (fixtures/exec-approval-2026.9.6.json, captured by the e2e harness).
import { describe, expect, it } from "vitest";
import fixture from "./fixtures/exec-approval-2026.9.6.json" with { type: "json" };
import type { InboxItem } from "../../../src-shared/inbox.js";
import { execItemFrom, execResolvedFrom, listEntries, pairingItemFrom } from "./inbox-parse.js";
import { initialInbox, isLive, missingScopes, nextExpiry, reduceInbox, type InboxEvent, type InboxModel } from "./inbox-state.js";

const origin = { connectionId: "home", gatewayName: "Home" };
const ALL = ["operator.read", "operator.write", "operator.approvals", "operator.pairing"];

function run(events: InboxEvent[], m: InboxModel = initialInbox("home", "Home")) {
  const effects = [];
  for (const e of events) {
    const r = reduceInbox(m, e);
    m = r.model;
    effects.push(...r.effects);
  }
  return { m, effects };
}

const exec = (id: string, over: Partial<Extract<InboxItem, { kind: "exec" }>> = {}): InboxItem => ({ ...execItemFrom({ ...fixture.requested, id }, origin, 1000)!, ...over });

describe("reading the gateway's payloads", () => {
  it("an exec approval keeps the command whole, with cwd, host, agent, session, who asked and the offered decisions", () => {
    const item = execItemFrom(fixture.requested, origin, 0)!;
    expect(item).toMatchObject({
      kind: "exec",
      id: fixture.requested.id,
      command: "echo hello-approval",
      cwd: "/tmp/clawlink-gw-XXXXXX/workspace",
      host: "gateway",
      agentId: "main",
      sessionKey: "agent:main:main",
      requestedVia: "webchat",
      resolvedPath: "/usr/bin/echo",
      allowedDecisions: ["allow-once", "deny"],
      expiresAt: fixture.requested.expiresAtMs,
      createdAt: fixture.requested.createdAtMs,
    });
    expect(execItemFrom(listEntries(fixture.list)[0], origin, 0)).toEqual(item);
  });

  it("a long command with a hidden second command is kept exactly, not shortened", () => {
    const command = `echo ${"x".repeat(5000)}; rm -rf ~/important`;
    expect(execItemFrom({ ...fixture.requested, request: { ...fixture.requested.request, command } }, origin)!.command).toBe(command);
  });

  it("junk from a hostile server gives no item instead of a crash", () => {
    for (const junk of [null, 42, "x", [], {}, { id: "" }, { id: "a", request: { command: 7 } }, { id: "a", approvalKind: "plugin", request: { command: "ls" } }]) {
      expect(execItemFrom(junk, origin)).toBeNull();
    }
    expect(pairingItemFrom({ requestId: "r1" }, origin)).toBeNull();
  });

  it("the resolved event says who resolved it", () => {
    expect(execResolvedFrom(fixture.resolved)).toEqual({ id: fixture.resolved.id, decision: "allow-once", by: "Clawlink on vm", at: fixture.resolved.ts });
  });
});

describe("the inbox reducer", () => {
  it("a hello with both scopes lists exec approvals and pairing requests; without them it lists nothing and names what is missing", () => {
    const both = run([{ type: "connected", generation: 1, scopes: ALL }]);
    expect(both.effects).toEqual([{ type: "list", generation: 1, kind: "exec" }, { type: "list", generation: 1, kind: "pairing" }]);
    expect(isLive(both.m)).toBe(false);
    const few = run([{ type: "connected", generation: 1, scopes: ["operator.read"] }]);
    expect(few.effects).toEqual([]);
    expect(missingScopes(few.m.scopes)).toEqual(["operator.approvals", "operator.pairing"]);
    expect(missingScopes(["operator.admin"])).toEqual([]);
  });

  it("a request that arrives while listing is kept, and an id resolved while listing is not resurrected by the list", () => {
    const { m } = run([
      { type: "connected", generation: 1, scopes: ["operator.approvals"] },
      { type: "requested", generation: 1, item: exec("new") },
      { type: "resolved", generation: 1, kind: "exec", id: "old", decision: "deny", by: "CLI", at: 5 },
      { type: "listed", generation: 1, kind: "exec", items: [exec("old"), exec("new"), exec("other")], now: 2000 },
    ]);
    expect(m.items.map((x) => x.id)).toEqual(["new", "other"]);
    expect(isLive(m)).toBe(true);
  });

  it("resolved elsewhere: the item leaves with who resolved it", () => {
    const { m } = run([
      { type: "connected", generation: 1, scopes: ALL },
      { type: "listed", generation: 1, kind: "exec", items: [exec("a")], now: 2000 },
      { type: "resolved", generation: 1, kind: "exec", id: "a", decision: "allow-once", by: "Control UI", at: 3000 },
    ]);
    expect(m.items).toEqual([]);
    expect(m.resolved[0]).toMatchObject({ id: "a", decision: "allow-once", by: "Control UI", summary: "echo hello-approval" });
  });

  it("answered here: it reads 'by you' even when the gateway's resolved event (naming this client) came first", () => {
    const { m } = run([
      { type: "connected", generation: 1, scopes: ALL },
      { type: "listed", generation: 1, kind: "exec", items: [exec("a")], now: 2000 },
      { type: "resolved", generation: 1, kind: "exec", id: "a", decision: "allow-once", by: "Clawlink on laptop", at: 3000 },
      { type: "resolved", generation: 1, kind: "exec", id: "a", decision: "allow-once", by: "you", at: 3001 },
    ]);
    expect(m.resolved.map((r) => `${r.id} ${r.decision} by ${r.by}`)).toEqual(["a allow-once by you"]);
  });

  it("an approval past its expiry leaves on the tick, recorded as expired; expired list entries never enter", () => {
    const { m } = run([
      { type: "connected", generation: 1, scopes: ALL },
      { type: "listed", generation: 1, kind: "exec", items: [exec("soon", { expiresAt: 5000 }), exec("gone", { expiresAt: 1500 })], now: 2000 },
    ]);
    expect(m.items.map((x) => x.id)).toEqual(["soon"]);
    expect(nextExpiry(m)).toBe(5000);
    const after = reduceInbox(m, { type: "tick", now: 5000 }).model;
    expect(after.items).toEqual([]);
    expect(after.resolved[0]).toMatchObject({ id: "soon", decision: "expired", by: "expired" });
  });

  it("a reconnect starts empty (no stale copy), and events of the old generation are ignored", () => {
    const first = run([
      { type: "connected", generation: 1, scopes: ALL },
      { type: "listed", generation: 1, kind: "exec", items: [exec("a")], now: 2000 },
    ]).m;
    const { m, effects } = run([{ type: "disconnected" }, { type: "connected", generation: 2, scopes: ALL }, { type: "requested", generation: 1, item: exec("late") }, { type: "listed", generation: 1, kind: "exec", items: [exec("a")], now: 2000 }], first);
    expect(m.items).toEqual([]);
    expect(effects.map((e) => e.generation)).toEqual([2, 2]);
  });

  it("a failed list says so and does not keep the inbox waiting", () => {
    const { m } = run([
      { type: "connected", generation: 1, scopes: ["operator.approvals"] },
      { type: "list-failed", generation: 1, kind: "exec", message: "Could not list exec approvals: timeout" },
    ]);
    expect(m.problem).toBe("Could not list exec approvals: timeout");
    expect(isLive(m)).toBe(true);
  });
});

describe("pairing requests from a device that keeps asking", () => {
  const pair = (id: string, createdAt: number, deviceId = "phone"): InboxItem => pairingItemFrom({ requestId: id, deviceId, ts: createdAt, displayName: "Pixel" }, origin)!;
  it("one card per device: a newer request replaces the older one, an older one never replaces a newer", () => {
    const { m } = run([
      { type: "connected", generation: 1, scopes: ALL },
      { type: "requested", generation: 1, item: pair("r1", 10) },
      { type: "requested", generation: 1, item: pair("r2", 20) },
      { type: "requested", generation: 1, item: pair("other", 15, "laptop") },
      { type: "listed", generation: 1, kind: "pairing", items: [pair("r0", 5)], now: 30 },
    ]);
    expect(m.items.map((x) => x.id)).toEqual(["r2", "other"]);
  });
});
