import { describe, expect, it } from "vitest";
import { ChatOutbox } from "./chat-outbox.js";
import { messageText, normalizeChatEvent } from "./chat-events.js";

describe("chat event normalisation", () => {
  it("takes the cumulative text from message.content, never deltaText", () => {
    const ev = normalizeChatEvent({ runId: "r", sessionKey: "agent:main:main", state: "delta", deltaText: " world", message: { role: "assistant", content: [{ type: "text", text: "hello world" }] } });
    expect(ev).toEqual({ sessionKey: "agent:main:main", runId: "r", state: "delta", text: "hello world" });
  });
  it("keeps status phase, stop reason and error kind", () => {
    expect(normalizeChatEvent({ runId: "r", sessionKey: "k", state: "status", phase: "starting_model" })?.phase).toBe("starting_model");
    expect(normalizeChatEvent({ runId: "r", sessionKey: "k", state: "aborted", stopReason: "rpc" })?.stopReason).toBe("rpc");
    const err = normalizeChatEvent({ runId: "r", sessionKey: "k", state: "error", errorMessage: "boom", errorDetail: { failoverReason: "server_error" } });
    expect(err?.errorKind).toBe("server_error");
    expect(err?.errorMessage).toBe("boom");
  });
  it("rejects malformed payloads instead of guessing", () => {
    expect(normalizeChatEvent(null)).toBeNull();
    expect(normalizeChatEvent({ runId: "r", sessionKey: "k", state: "exploded" })).toBeNull();
    expect(normalizeChatEvent({ sessionKey: "k", state: "delta" })).toBeNull();
  });
  it("reads text from string and part-array content", () => {
    expect(messageText({ content: "plain" })).toBe("plain");
    expect(messageText({ content: [{ type: "text", text: "a" }, { type: "image" }, { type: "text", text: "b" }] })).toBe("ab");
  });
});

describe("chat outbox", () => {
  it("gives each message one idempotency key that never changes across state updates", () => {
    const seen: number[] = [];
    const box = new ChatOutbox((entries) => seen.push(entries.length));
    const e = box.add("k", "hi", 1);
    expect(e.state).toBe("queued");
    box.update(e.idempotencyKey, { state: "sending" });
    box.update(e.idempotencyKey, { state: "queued" });
    expect(box.queued().map((x) => x.idempotencyKey)).toEqual([e.idempotencyKey]);
    box.update(e.idempotencyKey, { state: "sent", runId: "run-1", sentAt: 2 });
    expect(box.list()[0]).toMatchObject({ idempotencyKey: e.idempotencyKey, state: "sent", runId: "run-1" });
    expect(box.markDelivered(new Set([e.idempotencyKey])).map((x) => x.state)).toEqual(["delivered"]);
    expect(box.list()[0]).toMatchObject({ idempotencyKey: e.idempotencyKey, state: "delivered" });
    expect(seen).toHaveLength(5);
  });
  it("keeps queued messages in the order they were sent", () => {
    const box = new ChatOutbox(() => {});
    const a = box.add("k", "1");
    const b = box.add("k", "2");
    expect(box.queued().map((x) => x.text)).toEqual(["1", "2"]);
    box.update(a.idempotencyKey, { state: "sent" });
    expect(box.queued().map((x) => x.idempotencyKey)).toEqual([b.idempotencyKey]);
    expect(box.unconfirmed().map((x) => x.idempotencyKey)).toEqual([a.idempotencyKey]);
  });
  it("Resend of a failed message is a new submission with a new key; only failed messages can be resent or dismissed", () => {
    const box = new ChatOutbox(() => {});
    const a = box.add("k", "refused one");
    expect(box.resend(a.idempotencyKey)).toBeNull();
    box.update(a.idempotencyKey, { state: "failed", error: "forbidden" });
    const again = box.resend(a.idempotencyKey)!;
    expect(again).toMatchObject({ text: "refused one", state: "queued", error: null, sessionKey: "k" });
    expect(again.idempotencyKey).not.toBe(a.idempotencyKey);
    expect(box.list().map((x) => x.idempotencyKey)).toEqual([again.idempotencyKey]);
    expect(box.discard(again.idempotencyKey)).toBe(false);
    box.update(again.idempotencyKey, { state: "failed" });
    expect(box.discard(again.idempotencyKey)).toBe(true);
    expect(box.list()).toEqual([]);
  });
  it("restores saved entries ahead of new ones, once", () => {
    const box = new ChatOutbox(() => {});
    const fresh = box.add("k", "new");
    const saved = { ...fresh, idempotencyKey: "old-1", text: "old" };
    box.restore([saved, fresh]);
    expect(box.list().map((x) => x.text)).toEqual(["old", "new"]);
  });
});
