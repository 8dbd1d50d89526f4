import { describe, expect, it } from "vitest";
import type { OutboxEntry } from "../../../src-shared/gateway-session.js";
import { historyPageFrom, isTransientSendError, judgeRun, reconcileOutbox, replyAfter, type HistoryPage } from "./chat-reconcile.js";

const entry = (key: string, state: OutboxEntry["state"], sessionKey = "s"): OutboxEntry => ({ idempotencyKey: key, sessionKey, text: key, state, runId: state === "sent" ? key : null, error: null, createdAt: 1, sentAt: state === "sent" ? 2 : null });
const user = (key: string) => ({ role: "user", content: `m ${key}`, idempotencyKey: `${key}:user` });
const assistant = (text: string) => ({ role: "assistant", content: [{ type: "text", text }] });
const sendIdOf = (m: unknown) => ((m as { idempotencyKey?: string }).idempotencyKey ?? "").replace(/:user$/, "") || null;
const page = (over: Partial<HistoryPage> = {}): HistoryPage => ({ messages: [], pending: [], hasActiveRun: false, ...over });

describe("reconcileOutbox: what the gateway's history confirms", () => {
  it("a sent message in the transcript is delivered; one held as a queued pending input is delivered too", () => {
    const v = reconcileOutbox([entry("a", "sent"), entry("b", "sent")], "s", page({ pending: [{ runId: "b", state: "queued" }] }), new Set(["a"]));
    expect([...v.delivered].sort()).toEqual(["a", "b"]);
    expect(v.resend).toEqual([]);
  });
  it("a sent message in no list while the session is idle goes out again (same key)", () => {
    expect(reconcileOutbox([entry("a", "sent")], "s", page(), new Set()).resend).toEqual(["a"]);
  });
  it("while the session is busy, a sent message in no list waits (it may sit in the in-memory follow-up queue)", () => {
    const v = reconcileOutbox([entry("a", "sent")], "s", page({ hasActiveRun: true }), new Set());
    expect(v).toEqual({ delivered: new Set(), resend: [], cancelled: [] });
  });
  it("an interrupted pending input is resent; a cancelled one is reported, never replayed", () => {
    const v = reconcileOutbox([entry("a", "sent"), entry("b", "sent")], "s", page({ hasActiveRun: true, pending: [{ runId: "a", state: "interrupted" }, { runId: "b", state: "cancelled" }] }), new Set());
    expect(v.resend).toEqual(["a"]);
    expect(v.cancelled).toEqual(["b"]);
  });
  it("a sent message older than the oldest row of a full page is taken as delivered, never sent again", () => {
    const old = { ...entry("a", "sent"), sentAt: 100 };
    const v = reconcileOutbox([old, { ...entry("b", "sent"), sentAt: 900 }], "s", page({ hasMore: true, oldestTs: 500, messages: [user("z")] }), new Set());
    expect([...v.delivered]).toEqual(["a"]);
    expect(v.resend).toEqual(["b"]);
  });
  it("queued and sending messages belong to the send path; other sessions' and failed ones are untouched", () => {
    const v = reconcileOutbox([entry("q", "queued"), entry("x", "sending"), entry("o", "sent", "other"), entry("f", "failed")], "s", page(), new Set());
    expect(v).toEqual({ delivered: new Set(), resend: [], cancelled: [] });
  });
});

describe("judgeRun: how a followed run ended while we were away", () => {
  const run = { runId: "a", sessionKey: "s", sendId: "a", text: "Hel" };
  it("still running while the session has an active run", () => {
    expect(judgeRun(run, page({ hasActiveRun: true, messages: [user("a")] }), sendIdOf)).toEqual({ kind: "running" });
  });
  it("finished: the reply after our turn, from history", () => {
    expect(judgeRun(run, page({ messages: [user("a"), assistant("Hello"), user("b"), assistant("other")] }), sendIdOf)).toEqual({ kind: "finished", text: "Hello" });
  });
  it("lost: our turn is there, the session is idle, and no reply follows (e.g. the gateway wrote an interrupted turn)", () => {
    expect(judgeRun(run, page({ messages: [user("a"), { role: "system", content: "interrupted" }] }), sendIdOf)).toEqual({ kind: "lost" });
  });
  it("not started: our turn is not in the transcript (the outbox sends it again)", () => {
    expect(judgeRun(run, page({ messages: [user("z")] }), sendIdOf)).toEqual({ kind: "not-started" });
  });
  it("someone else's run that is no longer active is settled (history shows its end)", () => {
    expect(judgeRun({ ...run, sendId: null }, page(), sendIdOf)).toEqual({ kind: "settled" });
  });
  it("a run from before a gateway restart: the stale busy flag is ignored once the recovery grace is over", () => {
    const orphan = { ...run, orphaned: true };
    const busy = page({ hasActiveRun: true, messages: [user("a")] });
    expect(judgeRun(orphan, busy, sendIdOf, { recovering: true })).toEqual({ kind: "running" });
    expect(judgeRun(orphan, busy, sendIdOf, { recovering: false })).toEqual({ kind: "lost" });
    expect(judgeRun(orphan, page({ hasActiveRun: true, messages: [user("a"), { role: "user", content: "continue" }, assistant("resumed")] }), sendIdOf)).toEqual({ kind: "finished", text: "resumed" });
  });
  it("while the gateway may still resume a turn, an idle session without a reply is not yet lost", () => {
    expect(judgeRun(run, page({ messages: [user("a")] }), sendIdOf, { recovering: true })).toEqual({ kind: "running" });
  });
  it("replyAfter is null when the turn is missing", () => {
    expect(replyAfter([assistant("x")], "a", sendIdOf)).toBeNull();
  });
});

describe("historyPageFrom", () => {
  it("reads messages, pending inputs and hasActiveRun from a chat.history answer; ignores malformed parts", () => {
    const p = historyPageFrom({ messages: [user("a")], pendingInputs: { items: [{ runId: "a", state: "queued" }, { nope: 1 }, "x"] }, sessionInfo: { hasActiveRun: true } });
    expect(p).toEqual({ messages: [user("a")], pending: [{ runId: "a", state: "queued" }], hasActiveRun: true });
    expect(historyPageFrom({ messages: [{ timestamp: 7 }, { timestamp: 3 }], hasMore: true })).toMatchObject({ hasMore: true, oldestTs: 3 });
    expect(historyPageFrom({})).toEqual({ messages: [], pending: [], hasActiveRun: false });
  });
});

describe("isTransientSendError: send again, or show as failed", () => {
  const gw = (gatewayCode: string, message: string, retryable = false) => Object.assign(new Error(message), { gatewayCode, retryable });
  it("transport failures, UNAVAILABLE and retryable answers are sent again", () => {
    expect(isTransientSendError(new Error("gateway closed (1006): "))).toBe(true);
    expect(isTransientSendError(gw("UNAVAILABLE", "session transcript is rebuilding; retry shortly"))).toBe(true);
    expect(isTransientSendError(gw("INVALID_REQUEST", "Goal is being admitted", true))).toBe(true);
  });
  it("the gateway's 'session changed before chat.send; retry the request' (a send racing its session's creation) is sent again", () => {
    expect(isTransientSendError(gw("INVALID_REQUEST", "SessionMutationAuthorizationChangedError: session changed before chat.send; retry the request"))).toBe(true);
  });
  it("a refusal, or one that asks a person to review first, is final", () => {
    expect(isTransientSendError(gw("INVALID_REQUEST", "send blocked by session policy"))).toBe(false);
    expect(isTransientSendError(gw("INVALID_REQUEST", "active branch changed; review and retry"))).toBe(false);
    expect(isTransientSendError(gw("FORBIDDEN", "missing scope: operator.write"))).toBe(false);
  });
});
