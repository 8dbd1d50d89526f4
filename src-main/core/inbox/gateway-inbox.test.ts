// The inbox runner against a scripted session. The gateway side is a stand-in here (answers shaped
// like the real 2026.9.6 gateway's, from the captured fixture and the error details it sent); the same
// flows run against the real gateway in e2e/inbox.e2e.test.ts.
import { afterEach, describe, expect, it, vi } from "vitest";
import fixture from "./fixtures/exec-approval-2026.9.6.json" with { type: "json" };
import type { SessionSnapshot } from "../../../src-shared/gateway-session.js";
import { createLogger } from "../log/logger.js";
import { GatewayInbox, type InboxSession, type InboxSourceEvent } from "./gateway-inbox.js";

const connected = (generation: number, scopes = ["operator.approvals", "operator.pairing"]): SessionSnapshot =>
  ({ phase: "connected", generation, attempt: 0, nextAttemptAt: null, failure: null, attention: null, pairing: null, connected: { serverVersion: "2026.9.6", protocol: 4, connId: "c", authMethod: "token", authSource: "test", role: "operator", scopes, connectedAt: 0 } }) as SessionSnapshot;

class ScriptedSession implements InboxSession {
  snapshot: SessionSnapshot = connected(1);
  deviceId = "own-device";
  calls: { method: string; params: unknown }[] = [];
  sent: { sessionKey: string; text: string }[] = [];
  answers = new Map<string, (params: unknown) => unknown>();
  async request<T>(method: string, params: unknown = {}): Promise<T> {
    this.calls.push({ method, params });
    const a = this.answers.get(method);
    return (a ? await a(params) : {}) as T;
  }
  send(sessionKey: string, text: string) {
    this.sent.push({ sessionKey, text });
    return {};
  }
}

function source(session: ScriptedSession) {
  const listeners = new Set<(e: InboxSourceEvent) => void>();
  return {
    session: session as InboxSession | null,
    onSessionEvent: (l: (e: InboxSourceEvent) => void) => (listeners.add(l), () => listeners.delete(l)),
    emit: (e: InboxSourceEvent) => listeners.forEach((l) => l(e)),
  };
}

const gatewayError = (reason: string) => Object.assign(new Error("GatewayClientRequestError: nope"), { code: "INVALID_REQUEST", details: { reason } });
const flush = () => new Promise((r) => setTimeout(r, 0));
const logger = createLogger([]);
// The captured approval's own clock: a second after the gateway created it (it expires 30 min later),
// so these tests do not depend on today's date.
const now = () => fixture.requested.createdAtMs + 1_000;

afterEach(() => vi.useRealTimers());

describe("GatewayInbox", () => {
  it("lists on hello, takes live requests, leaves out this device's own pairing request", async () => {
    const s = new ScriptedSession();
    s.answers.set("exec.approval.list", () => fixture.list);
    s.answers.set("device.pair.list", () => ({ pending: [{ requestId: "p-own", deviceId: "own-device" }, { requestId: "p1", deviceId: "phone", displayName: "Pixel", platform: "android", scopes: ["operator.read"] }], paired: [] }));
    const src = source(s);
    const inbox = new GatewayInbox({ connectionId: "home", gatewayName: "Home" }, src, { logger, now });
    await flush();
    expect(s.calls.map((c) => c.method)).toEqual(["exec.approval.list", "device.pair.list"]);
    expect(inbox.snapshot.items.map((x) => `${x.kind}:${x.id}`)).toEqual([`exec:${fixture.requested.id}`, "pairing:p1"]);
    src.emit({ type: "gateway-event", event: "device.pair.requested", payload: { requestId: "p2", deviceId: "own-device", publicKey: "k", ts: 1 } });
    expect(inbox.snapshot.items).toHaveLength(2);
    src.emit({ type: "gateway-event", event: "exec.approval.resolved", payload: fixture.resolved });
    expect(inbox.snapshot.items.map((x) => x.id)).toEqual(["p1"]);
    expect(inbox.snapshot.resolved[0]).toMatchObject({ by: "Clawlink on vm", decision: "allow-once" });
    inbox.dispose();
  });

  it("a reconnect (new generation) empties the inbox and lists again", async () => {
    const s = new ScriptedSession();
    let listed = 0;
    s.answers.set("exec.approval.list", () => (listed++ === 0 ? fixture.list : []));
    const src = source(s);
    const inbox = new GatewayInbox({ connectionId: "home", gatewayName: "Home" }, src, { logger, now });
    await flush();
    expect(inbox.snapshot.items).toHaveLength(1);
    src.emit({ type: "state", snapshot: { ...s.snapshot, phase: "reconnecting" } as SessionSnapshot });
    expect(inbox.snapshot.items).toHaveLength(0);
    s.snapshot = connected(2);
    src.emit({ type: "state", snapshot: s.snapshot });
    await flush();
    expect(listed).toBe(2);
    expect(inbox.snapshot.items).toHaveLength(0);
    inbox.dispose();
  });

  it("answers: done leaves at once; already resolved and unknown ids are told apart; a decision the gateway does not offer is refused before sending", async () => {
    const s = new ScriptedSession();
    s.answers.set("exec.approval.list", () => fixture.list);
    const inbox = new GatewayInbox({ connectionId: "home", gatewayName: "Home" }, source(s), { logger, now });
    await flush();
    const id = fixture.requested.id;
    expect(await inbox.answerExec(id, "allow-always")).toMatchObject({ kind: "not-allowed" });
    expect(s.calls.filter((c) => c.method === "exec.approval.resolve")).toEqual([]);
    expect(await inbox.answerExec(id, "allow-once")).toEqual({ kind: "done", item: id });
    expect(s.calls.at(-1)).toEqual({ method: "exec.approval.resolve", params: { id, decision: "allow-once" } });
    expect(inbox.snapshot.items).toEqual([]);
    s.answers.set("exec.approval.resolve", () => Promise.reject(gatewayError("APPROVAL_ALREADY_RESOLVED")));
    expect(await inbox.answerExec(id, "deny")).toEqual({ kind: "already-resolved", message: `${id} was already resolved (allow-once by you).` });
    s.answers.set("exec.approval.resolve", () => Promise.reject(gatewayError("APPROVAL_NOT_FOUND")));
    expect(await inbox.answerExec("nope", "deny")).toMatchObject({ kind: "unknown-id" });
    // An id this process never held: the gateway's record says it was answered (resolve may accept a repeat).
    s.answers.set("approval.get", () => ({ approval: { id: "elsewhere", status: "denied", decision: "deny", resolver: { kind: "runtime", id: "Control UI" } } }));
    s.answers.set("exec.approval.resolve", () => ({ ok: true }));
    expect(await inbox.answerExec("elsewhere", "deny")).toEqual({ kind: "already-resolved", message: "elsewhere was already resolved (deny by Control UI)." });
    expect(s.calls.at(-1)?.method).toBe("approval.get");
    inbox.dispose();
  });

  it("a deny with a reason tells the agent in its session; without the scope nothing is sent and the scope is named", async () => {
    const s = new ScriptedSession();
    s.answers.set("exec.approval.list", () => fixture.list);
    const inbox = new GatewayInbox({ connectionId: "home", gatewayName: "Home" }, source(s), { logger, now });
    await flush();
    await inbox.answerExec(fixture.requested.id, "deny", "  not on prod  ");
    expect(s.sent).toEqual([{ sessionKey: "agent:main:main", text: "I denied `echo hello-approval`: not on prod" }]);
    const few = new ScriptedSession();
    few.snapshot = connected(1, ["operator.read"]);
    const limited = new GatewayInbox({ connectionId: "w", gatewayName: "Work" }, source(few), { logger, now });
    expect(await limited.answerExec("x", "deny")).toMatchObject({ kind: "scope-missing", scope: "operator.approvals" });
    expect(few.calls).toEqual([]);
    inbox.dispose();
    limited.dispose();
  });

  it("an approval leaves the inbox when it expires, with no event from the gateway", async () => {
    vi.useFakeTimers({ now: 10_000 });
    const s = new ScriptedSession();
    s.answers.set("exec.approval.list", () => [{ ...fixture.list[0], expiresAtMs: 13_000 }]);
    const inbox = new GatewayInbox({ connectionId: "home", gatewayName: "Home" }, source(s), { logger });
    await vi.advanceTimersByTimeAsync(0);
    expect(inbox.snapshot.items).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(3_100);
    expect(inbox.snapshot.items).toHaveLength(0);
    expect(inbox.snapshot.resolved[0]?.decision).toBe("expired");
    inbox.dispose();
  });
});
