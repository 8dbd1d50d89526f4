import { describe, expect, it } from "vitest";
import type { ConnectionSnapshot } from "../../src-shared/connection";
import { connectionSnapshot } from "../../src-shared/testing/connection-snapshot";
import type { ChatMessage, HostState } from "../../src-shared/host-api";
import { activeRun, applyChatEvent, applyHistory, applyHostEvent, applyHostState, applyOutbox, applySnapshot, chatId, chatItems, initialState, MAX_STEPS, needsCredential, openChatState, tlsFingerprints, toneOf } from "./state";

const snap = (over: Partial<ConnectionSnapshot> = {}): ConnectionSnapshot => connectionSnapshot({ state: "ssh-connecting", layer: "transport", updatedAt: 1000, ...over });
const msg = (id: string, role: string, text: string, sendId: string | null = null): ChatMessage => ({ id, role, text, ts: null, sendId, error: null });

describe("connection state", () => {
  it("a snapshot replaces the last one and a state change adds a step (same state: no new step)", () => {
    let s = applySnapshot(initialState(), snap());
    s = applySnapshot(s, snap({ state: "verifying-host", seq: 2, updatedAt: 1100 }));
    s = applySnapshot(s, snap({ state: "verifying-host", seq: 3, updatedAt: 1200, attempt: 1 }));
    s = applySnapshot(s, snap({ state: "connected", seq: 4, updatedAt: 1300, connected: { serverVersion: "2026.9.6", protocol: 3, connId: null, authMethod: "token", authSource: "keychain (profile home)", role: "operator", scopes: [], connectedAt: 1300 } }));
    expect(s.connections.home!.state).toBe("connected");
    expect(s.steps.home!.map((x) => x.state)).toEqual(["ssh-connecting", "verifying-host", "connected"]);
    expect(s.steps.home!.at(-1)!.detail).toBe("gateway 2026.9.6 · keychain (profile home)");
  });

  it("keeps at most MAX_STEPS steps", () => {
    let s = initialState();
    for (let i = 0; i < MAX_STEPS + 10; i++) s = applySnapshot(s, snap({ state: i % 2 ? "reconnecting" : "connected", seq: i, updatedAt: i }));
    expect(s.steps.home).toHaveLength(MAX_STEPS);
    expect(s.steps.home!.at(-1)!.at).toBe(MAX_STEPS + 9);
  });

  it("host state replaces profiles, connections, prompts; removal drops the connection; profiles drop stale connections", () => {
    const hs: HostState = { app: { name: "Clawlink", version: "1", platform: "linux", host: "web", secretStore: "keychain" }, profiles: [], connections: [snap()], statuses: [], prompts: [], notices: ["no keychain"] };
    let s = applyHostState(initialState(), hs);
    expect(Object.keys(s.connections)).toEqual(["home"]);
    expect(s.notices.map((n) => n.message)).toEqual(["no keychain"]);
    // Loading again does not duplicate the notice.
    s = applyHostState(s, hs);
    expect(s.notices).toHaveLength(1);
    s = applyHostEvent(s, { name: "connectionRemoved", payload: { id: "home" } });
    expect(s.connections).toEqual({});
    s = applyHostEvent(applySnapshot(s, snap()), { name: "profiles", payload: [] });
    expect(s.connections).toEqual({});
  });

  it("hostConnection toggles the link flag", () => {
    const s = applyHostEvent(initialState(), { name: "hostConnection", payload: { connected: false } });
    expect(s.hostConnected).toBe(false);
  });
});

describe("chat state", () => {
  const open = () => openChatState(initialState(), "home", "main", [msg("1", "user", "hi", "k1"), msg("2", "assistant", "hello")], []);

  it("streams cumulative text into a run; a late delta after the final changes nothing", () => {
    let s = open();
    const ev = (state: "delta" | "final", text: string) => applyHostEvent(s, { name: "chat", payload: { profileId: "home", event: { sessionKey: "main", runId: "r1", state, text } } });
    s = ev("delta", "Hel");
    s = ev("delta", "Hello wor");
    const chat = () => s.chats[chatId("home", "main")]!;
    expect(chat().runs).toEqual([{ runId: "r1", text: "Hello wor", state: "delta", errorKind: null, errorMessage: null, done: false }]);
    expect(activeRun(chat())!.runId).toBe("r1");
    s = ev("final", "Hello world");
    expect(chat().runs[0]!.done).toBe(true);
    expect(activeRun(chat())).toBeNull();
    s = ev("delta", "Hello w");
    expect(chat().runs[0]!.text).toBe("Hello world");
  });

  it("events for another profile or session leave the chat alone", () => {
    const s = open();
    const t = applyHostEvent(s, { name: "chat", payload: { profileId: "other", event: { sessionKey: "main", runId: "r1", state: "delta", text: "x" } } });
    expect(t).toBe(s);
  });

  it("error turns keep their kind", () => {
    const c = applyChatEvent(open().chats[chatId("home", "main")]!, { sessionKey: "main", runId: "r2", state: "error", text: "", errorKind: "rate_limit", errorMessage: "429" });
    expect(c.runs[0]).toMatchObject({ state: "error", errorKind: "rate_limit", errorMessage: "429", done: true });
  });

  it("history is authoritative: finished runs go, running ones stay", () => {
    let c = open().chats[chatId("home", "main")]!;
    c = applyChatEvent(c, { sessionKey: "main", runId: "done", state: "final", text: "A" });
    c = applyChatEvent(c, { sessionKey: "main", runId: "live", state: "delta", text: "B" });
    c = applyHistory(c, [msg("1", "user", "hi", "k1"), msg("2", "assistant", "hello"), msg("3", "assistant", "A")]);
    expect(c.runs.map((r) => r.runId)).toEqual(["live"]);
  });

  it("items: transcript, then undelivered outbox entries (not those already in the transcript), then runs", () => {
    let c = open().chats[chatId("home", "main")]!;
    c = applyOutbox(c, [
      { idempotencyKey: "k1", sessionKey: "main", text: "hi", state: "sent", runId: "k1", error: null, createdAt: 1, sentAt: 2 },
      { idempotencyKey: "k2", sessionKey: "main", text: "queued one", state: "queued", runId: null, error: null, createdAt: 2, sentAt: null },
      { idempotencyKey: "k3", sessionKey: "other", text: "elsewhere", state: "queued", runId: null, error: null, createdAt: 3, sentAt: null },
    ]);
    c = applyChatEvent(c, { sessionKey: "main", runId: "r", state: "delta", text: "typing" });
    const items = chatItems(c);
    expect(items.map((i) => i.kind)).toEqual(["message", "message", "pending", "run"]);
    expect(items[2]).toMatchObject({ kind: "pending", entry: { idempotencyKey: "k2", state: "queued" } });
    expect(new Set(items.map((i) => i.key)).size).toBe(items.length);
  });

  it("10,000 history rows become 10,000 items quickly (the list itself is virtualized)", () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => msg(String(i), i % 2 ? "assistant" : "user", `message ${i}`));
    const t0 = performance.now();
    const items = chatItems(applyHistory(open().chats[chatId("home", "main")]!, rows));
    expect(items).toHaveLength(10_000);
    expect(performance.now() - t0).toBeLessThan(200);
  });
});

describe("presentation helpers", () => {
  it("credential fixes by reason", () => {
    expect(needsCredential("auth-token-mismatch")).toBe("token");
    expect(needsCredential("auth-token-missing")).toBe("token");
    expect(needsCredential("auth-password-mismatch")).toBe("password");
    expect(needsCredential("tls-pin-mismatch")).toBeNull();
    expect(needsCredential(undefined)).toBeNull();
  });
  it("TLS fingerprints of a changed certificate from the snapshot's structured field, pinned first", () => {
    expect(tlsFingerprints({ previous: "ab".repeat(32), observed: "0f".repeat(32) })).toEqual({ expected: `SHA256 ${Array(32).fill("AB").join(":")}`, observed: `SHA256 ${Array(32).fill("0F").join(":")}` });
    expect(tlsFingerprints(null)).toBeNull();
  });
  it("tones", () => {
    expect(toneOf("connected")).toBe("ok");
    expect(toneOf("pairing-required")).toBe("attention");
    expect(toneOf("reconnecting")).toBe("busy");
    expect(toneOf(undefined)).toBe("off");
  });
});
