// Tool events and history rows as the real gateway (2026.9.6) sent them in a run of the fake model's
// [[exec:echo explore-hi]] (recorded shapes, trimmed), read into cards.
import { describe, expect, it } from "vitest";
import { upsertCard } from "../../../src-shared/tool-cards.js";
import { argsExcerpt, excerpt, normalizeToolEvent, resultExcerpt } from "./chat-tools.js";

const base = { runId: "r1", sessionKey: "agent:main:s1", agentId: "main", seq: 8, ts: 1 };

describe("tool events", () => {
  it("start carries the name and the arguments as compact JSON", () => {
    const ev = normalizeToolEvent({ ...base, stream: "tool", data: { phase: "start", name: "exec", toolCallId: "call_1", args: { command: "echo explore-hi" } } });
    expect(ev).toEqual({ sessionKey: "agent:main:s1", runId: "r1", card: { id: "call_1", name: "exec", args: '{"command":"echo explore-hi"}', status: "running", result: null } });
  });
  it("update shows the partial output while running", () => {
    const ev = normalizeToolEvent({ ...base, stream: "tool", data: { phase: "update", name: "exec", toolCallId: "call_1", partialResult: { content: [{ type: "text", text: "explore-hi\n" }] } } });
    expect(ev?.card).toMatchObject({ status: "running", result: "explore-hi\n", args: "" });
  });
  it("result ends the card as done, or as error when isError", () => {
    const done = normalizeToolEvent({ ...base, stream: "tool", data: { phase: "result", name: "exec", toolCallId: "call_1", isError: false, result: { content: [{ type: "text", text: "explore-hi" }] } } });
    expect(done?.card).toMatchObject({ status: "done", result: "explore-hi" });
    const failed = normalizeToolEvent({ ...base, stream: "tool", data: { phase: "result", name: "exec", toolCallId: "c2", isError: true, result: "denied" } });
    expect(failed?.card).toMatchObject({ status: "error", result: "denied" });
  });
  it("other streams and malformed payloads are not tool events", () => {
    expect(normalizeToolEvent({ ...base, stream: "assistant", data: { text: "Hi", delta: "Hi" } })).toBeNull();
    expect(normalizeToolEvent({ ...base, stream: "item", data: { toolCallId: "call_1", kind: "tool", phase: "start" } })).toBeNull();
    expect(normalizeToolEvent({ stream: "tool", data: { toolCallId: "x" } })).toBeNull();
    expect(normalizeToolEvent(null)).toBeNull();
  });
  it("a later event keeps the arguments the card started with", () => {
    const start = normalizeToolEvent({ ...base, stream: "tool", data: { phase: "start", name: "exec", toolCallId: "call_1", args: { command: "ls" } } })!.card;
    const end = normalizeToolEvent({ ...base, stream: "tool", data: { phase: "result", name: "exec", toolCallId: "call_1", result: "a\nb" } })!.card;
    const cards = upsertCard(upsertCard([], start), end);
    expect(cards).toEqual([{ id: "call_1", name: "exec", args: '{"command":"ls"}', status: "done", result: "a\nb" }]);
  });
  it("excerpts are bounded", () => {
    expect(excerpt("x".repeat(5000)).length).toBe(2000);
    expect(argsExcerpt({ big: "y".repeat(5000) }).endsWith("…")).toBe(true);
    expect(resultExcerpt({ content: [{ type: "image", data: "…" }] })).toBe('{"content":[{"type":"image","data":"…"}]}');
  });
});
