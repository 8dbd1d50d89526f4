// The chat's pure updates for tool cards, paging and "the agent is working" (issue 12 "Chat").
import { describe, expect, it } from "vitest";
import type { ChatMessage } from "../../src-shared/host-api";
import type { OutboxEntry } from "../../src-shared/gateway-session";
import { applyToolEvent, mergeOlder, mergeTail, runSegments, workingOf } from "./chat-model";
import { applyChatEvent, applyHistory, chatItems, sameRows, type ChatState } from "./state";

const chat = (over: Partial<ChatState> = {}): ChatState => ({ profileId: "p", sessionKey: "s", messages: [], outbox: [], runs: [], ...over });
const msg = (id: string, over: Partial<ChatMessage> = {}): ChatMessage => ({ id, role: "assistant", text: id, ts: null, sendId: null, error: null, ...over });
const tool = (id: string, status: "running" | "done" | "error", over = {}) => ({ sessionKey: "s", runId: "r1", card: { id, name: "exec", args: "", status, result: null, ...over } });
const entry = (key: string, state: OutboxEntry["state"]): OutboxEntry => ({ idempotencyKey: key, sessionKey: "s", text: "hi", state, runId: key, error: null, createdAt: 1, sentAt: 1 });

describe("tool cards in a run", () => {
  it("a card sits where the text was when the call started, and the text after it follows", () => {
    let c = applyChatEvent(chat(), { sessionKey: "s", runId: "r1", state: "delta", text: "Let me look." });
    c = applyToolEvent(c, tool("call_1", "running", { args: '{"command":"ls"}' }));
    c = applyChatEvent(c, { sessionKey: "s", runId: "r1", state: "delta", text: "Let me look. Found two files." });
    c = applyToolEvent(c, tool("call_1", "done", { result: "a\nb" }));
    const segs = runSegments(c.runs[0]!);
    expect(segs.map((s) => (s.kind === "text" ? s.text : `[${s.tool.id} ${s.tool.status}]`))).toEqual(["Let me look.", "[call_1 done]", " Found two files."]);
    expect(c.runs[0]!.tools![0]).toMatchObject({ args: '{"command":"ls"}', result: "a\nb" });
  });
  it("a tool event before any text starts the run; a delta keeps its cards", () => {
    let c = applyToolEvent(chat(), tool("call_1", "running"));
    expect(c.runs).toHaveLength(1);
    c = applyChatEvent(c, { sessionKey: "s", runId: "r1", state: "delta", text: "Exec result: hi" });
    expect(c.runs[0]!.tools).toHaveLength(1);
  });
  it("events of a finished run change nothing", () => {
    const c = applyChatEvent(chat(), { sessionKey: "s", runId: "r1", state: "final", text: "done" });
    expect(applyToolEvent(c, tool("late", "done"))).toBe(c);
  });
});

describe("older pages", () => {
  it("older rows go in front, rows already shown are skipped, and the cursor moves on", () => {
    const c = mergeOlder(chat({ messages: [msg("c"), msg("d")], nextOffset: 2 }), [msg("a"), msg("b"), msg("c")], 4);
    expect(c.messages.map((m) => m.id)).toEqual(["a", "b", "c", "d"]);
    expect(c.nextOffset).toBe(4);
  });
  it("a new tail keeps the older rows before its first row", () => {
    const older = mergeOlder(chat({ messages: [msg("c"), msg("d")], nextOffset: 2 }), [msg("a"), msg("b")], null);
    const c = applyHistory(older, [msg("c"), msg("d"), msg("e")]);
    expect(c.messages.map((m) => m.id)).toEqual(["a", "b", "c", "d", "e"]);
    expect(c.nextOffset).toBeNull();
  });
  it("a tail that does not overlap (reset, compaction) replaces everything and paging restarts from it", () => {
    const older = mergeOlder(chat({ messages: [msg("c")], nextOffset: 1 }), [msg("a")], null);
    const c = mergeTail(older, [msg("x")], 7);
    expect(c.messages.map((m) => m.id)).toEqual(["x"]);
    expect(c.nextOffset).toBe(7);
  });
});

describe("the agent is working", () => {
  it("from acknowledgement until the run's first event, then the run shows its own state", () => {
    const sent = chat({ outbox: [entry("k1", "sent")] });
    expect(workingOf(sent)).toEqual({ key: "w:k1", phase: null });
    expect(chatItems(sent).at(-1)).toMatchObject({ kind: "working" });
    const started = applyChatEvent(sent, { sessionKey: "s", runId: "k1", state: "status", text: "", phase: "preparing_workspace" });
    expect(workingOf(started)).toBeNull();
    expect(started.runs[0]!.phase).toBe("preparing_workspace");
  });
  it("delivered and the last row of the transcript: still working; a reply after it: not", () => {
    const user = msg("u", { role: "user", sendId: "k1" });
    expect(workingOf(chat({ outbox: [entry("k1", "delivered")], messages: [user] }))).not.toBeNull();
    expect(workingOf(chat({ outbox: [entry("k1", "delivered")], messages: [user, msg("reply")] }))).toBeNull();
  });
  it("a run that ended (its transcript not back yet, or gone) shows no indicator", () => {
    let c = applyChatEvent(chat({ outbox: [entry("k1", "delivered")] }), { sessionKey: "s", runId: "k1", state: "aborted", text: "" });
    c = applyHistory(c, [msg("u", { role: "user", sendId: "k1" })]);
    expect(c.runs).toEqual([]);
    expect(workingOf(c)).toBeNull();
  });
  it("queued and failed messages are not being worked on", () => {
    expect(workingOf(chat({ outbox: [entry("k1", "queued")] }))).toBeNull();
    expect(workingOf(chat({ outbox: [entry("k1", "failed")] }))).toBeNull();
  });
});

describe("rows kept while a run streams (the list is not re-rendered for a delta)", () => {
  const delta = (c: ChatState, runId: string, text: string) => applyChatEvent(c, { sessionKey: "s", runId, state: "delta", text });
  it("a delta or a tool event changes only the run: same rows", () => {
    const a = delta(chat({ messages: [msg("m1")] }), "r1", "Hel");
    const b = delta(a, "r1", "Hello");
    expect(sameRows(a, b)).toBe(true);
    expect(sameRows(b, applyToolEvent(b, tool("call_1", "running")))).toBe(true);
  });
  it("a new run, a new transcript, an outbox change or the working row appearing: new rows", () => {
    const a = delta(chat({ messages: [msg("m1")] }), "r1", "Hel");
    expect(sameRows(a, delta(a, "r2", "x"))).toBe(false);
    expect(sameRows(a, applyHistory(a, [msg("m1"), msg("m2")]))).toBe(false);
    expect(sameRows(a, { ...a, outbox: [entry("k1", "queued")] })).toBe(false);
    expect(sameRows(a, { ...a, sessionKey: "other" })).toBe(false);
    const sent = chat({ outbox: [entry("k1", "sent")] });
    expect(sameRows(chat({ outbox: sent.outbox, settled: ["k1"] }), sent)).toBe(false);
  });
});
