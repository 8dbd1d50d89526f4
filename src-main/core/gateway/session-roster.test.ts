// The session list following sessions.changed (session-roster.ts). Payload shapes are the real
// gateway's (recorded against the test gateway, 2026.9.6: a create by another client, a rename, a run's
// phase event, a delete with its keyless companion), cut to the fields the roster reads.
import { describe, expect, it } from "vitest";
import { initialRoster, mergeChange, reduceRoster, type RosterEvent, type RosterModel } from "./session-roster.js";

const KEY = "agent:main:dashboard:24c89407-42ed-43d8-bc3a-5094385303d5";
const row = (key: string, label: string, extra: Record<string, unknown> = {}) => ({ key, label, updatedAt: 1, agentId: "main", modelProvider: "fake", model: "fake-model", ...extra });
const subscribed = (sessions: unknown[]) => ({ subscribed: true, list: { count: sessions.length, sessions } });
const created = { sessionKey: KEY, agentId: "main", reason: "create", ts: 2, session: row(KEY, "explore") };
const renamed = { sessionKey: KEY, agentId: "main", reason: "patch", ts: 3, session: row(KEY, "renamed") };
const runPhase = { sessionKey: KEY, agentId: "main", phase: "end", runId: "r1", ts: 4, session: row(KEY, "renamed", { status: "done" }) };
const deleted = { sessionKey: KEY, sessionId: "b890bcee", agentId: "main", reason: "delete", ts: 5 };
const keyless = { reason: "delete", ts: 5 };

function run(events: RosterEvent[], from: RosterModel = initialRoster()) {
  let m = from;
  const effects: unknown[] = [];
  for (const e of events) {
    const t = reduceRoster(m, e);
    m = t.model;
    effects.push(...t.effects);
  }
  return { m, effects };
}
const labels = (effects: unknown[]) => effects.filter((e) => (e as { type: string }).type === "publish").map((e) => (e as { rows: { label: string }[] }).rows.map((r) => r.label));

describe("session roster (sessions.subscribe + sessions.changed)", () => {
  it("a connection subscribes, and the subscribe answer is the first list the UI gets", () => {
    const { m, effects } = run([{ type: "connected", generation: 1 }, { type: "answered", generation: 1, result: subscribed([row("agent:main:main", "main")]) }]);
    expect(effects[0]).toEqual({ type: "subscribe", generation: 1 });
    expect(labels(effects)).toEqual([["main"]]);
    expect(m.busy).toBe(false);
  });

  it("a session another client created is not held: the list is read again and the new one is in it", () => {
    const start = run([{ type: "connected", generation: 1 }, { type: "answered", generation: 1, result: subscribed([row("agent:main:main", "main")]) }]).m;
    const { effects } = run([{ type: "changed", generation: 1, payload: created }, { type: "answered", generation: 1, result: { sessions: [row(KEY, "explore"), row("agent:main:main", "main")] } }], start);
    expect(effects[0]).toEqual({ type: "list", generation: 1 });
    expect(labels(effects)).toEqual([["explore", "main"]]);
  });

  it("a rename or a run phase of a held session is merged from the event's row without a refetch", () => {
    const start = run([{ type: "connected", generation: 1 }, { type: "answered", generation: 1, result: subscribed([row(KEY, "explore")]) }]).m;
    const { effects } = run([{ type: "changed", generation: 1, payload: renamed }, { type: "changed", generation: 1, payload: runPhase }], start);
    expect(effects.map((e) => (e as { type: string }).type)).toEqual(["publish", "publish"]);
    expect(labels(effects)).toEqual([["renamed"], ["renamed"]]);
  });

  it("a delete (no row) and its keyless companion ask for the list; the second waits as the trailing read", () => {
    const start = run([{ type: "connected", generation: 1 }, { type: "answered", generation: 1, result: subscribed([row(KEY, "explore")]) }]).m;
    const { m, effects } = run([{ type: "changed", generation: 1, payload: deleted }, { type: "changed", generation: 1, payload: keyless }, { type: "answered", generation: 1, result: { sessions: [] } }], start);
    expect(effects).toEqual([{ type: "list", generation: 1 }, { type: "publish", rows: [] }, { type: "list", generation: 1 }]);
    expect(m.busy).toBe(true);
  });

  it("an event while the subscribe is in flight keeps a trailing list, so the snapshot cannot lose it", () => {
    const { effects } = run([{ type: "connected", generation: 1 }, { type: "changed", generation: 1, payload: created }, { type: "answered", generation: 1, result: subscribed([]) }]);
    expect(effects).toEqual([{ type: "subscribe", generation: 1 }, { type: "publish", rows: [] }, { type: "list", generation: 1 }]);
  });

  it("a late answer or event of a replaced connection is dropped", () => {
    const { m, effects } = run([
      { type: "connected", generation: 1 },
      { type: "connected", generation: 2 },
      { type: "answered", generation: 1, result: subscribed([row(KEY, "stale")]) },
      { type: "changed", generation: 1, payload: created },
      { type: "failed", generation: 1 },
    ]);
    expect(effects).toEqual([{ type: "subscribe", generation: 1 }, { type: "subscribe", generation: 2 }]);
    expect(m).toMatchObject({ generation: 2, busy: true, again: false });
  });

  it("not connected: events are ignored until a new connection subscribes again", () => {
    const { effects } = run([{ type: "connected", generation: 1 }, { type: "disconnected" }, { type: "changed", generation: 1, payload: created }, { type: "connected", generation: 2 }]);
    expect(effects).toEqual([{ type: "subscribe", generation: 1 }, { type: "subscribe", generation: 2 }]);
  });

  it("a failed read with an event waiting reads again; without one it rests", () => {
    const busy = run([{ type: "connected", generation: 1 }, { type: "changed", generation: 1, payload: created }]).m;
    expect(run([{ type: "failed", generation: 1 }], busy).effects).toEqual([{ type: "list", generation: 1 }]);
    const quiet = run([{ type: "connected", generation: 1 }]).m;
    expect(run([{ type: "failed", generation: 1 }], quiet)).toMatchObject({ effects: [], m: { busy: false } });
  });

  it("rows that cannot be merged locally: an archived row, a catalog change, an unknown reason", () => {
    const rows = [{ key: KEY, label: "explore", updatedAt: 1, agentId: "main", model: "fake/fake-model" }];
    expect(mergeChange(rows, { ...renamed, session: row(KEY, "x", { archived: true }) })).toBeNull();
    expect(mergeChange(rows, { ...renamed, catalogChanged: true })).toBeNull();
    expect(mergeChange(rows, { ...renamed, reason: "participants" })).toBeNull();
    expect(mergeChange(rows, renamed)?.[0]?.label).toBe("renamed");
  });
});
