// ChatDelivery against a scripted gateway (a few lines of state standing in for chat.send/chat.history;
// the real gateway's behaviour is proven in e2e/chat-delivery and e2e/faults): the order of
// confirmations, resends and run verdicts after reconnects.
import { describe, expect, it } from "vitest";
import type { ChatStreamEvent, OutboxEntry } from "../../../src-shared/gateway-session.js";
import { silentLogger } from "../log/logger.js";
import { ChatDelivery } from "./chat-delivery.js";
import type { OutboxPersistence } from "./outbox-file.js";

interface Fake {
  d: ChatDelivery;
  up: boolean;
  transcript: Map<string, unknown[]>;
  active: Set<string>;
  sends: Array<{ key: string; status: string }>;
  chat: ChatStreamEvent[];
  outbox: () => readonly OutboxEntry[];
  dropNextAnswer: boolean;
  ageMs: number;
}

function fake(): Fake {
  const f = { up: true, transcript: new Map<string, unknown[]>(), active: new Set<string>(), sends: [] as Fake["sends"], chat: [] as ChatStreamEvent[], dropNextAnswer: false, ageMs: 60_000 } as Fake;
  const seen = new Set<string>();
  f.d = new ChatDelivery({
    request: async <T>(method: string, params: unknown): Promise<T> => {
      if (!f.up) throw new Error("not connected to the gateway");
      const p = params as { sessionKey: string; idempotencyKey?: string; message?: string };
      if (method === "chat.send") {
        const status = seen.has(p.idempotencyKey!) ? "in_flight" : "started";
        seen.add(p.idempotencyKey!);
        f.sends.push({ key: p.idempotencyKey!, status });
        if (f.dropNextAnswer) {
          f.dropNextAnswer = false;
          throw new Error("gateway client stopped");
        }
        return { runId: p.idempotencyKey, status } as T;
      }
      return { messages: f.transcript.get(p.sessionKey) ?? [], sessionInfo: { hasActiveRun: f.active.has(p.sessionKey) } } as T;
    },
    connected: () => f.up,
    sendIdOf: (m) => (m as { key?: string }).key ?? null,
    onOutbox: () => undefined,
    onChat: (e) => f.chat.push(e),
    gatewayRestarted: () => true,
    sinceRestartSeenMs: () => f.ageMs,
    logger: silentLogger(),
  });
  f.outbox = () => f.d.outbox.list();
  return f;
}
const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));
const stateOf = (f: Fake, key: string) => f.outbox().find((e) => e.idempotencyKey === key)?.state;

describe("ChatDelivery and its saved outbox", () => {
  it("a message typed while the saved outbox is still loading never overwrites what an earlier run left", async () => {
    const earlier: OutboxEntry = { idempotencyKey: "old", sessionKey: "s", text: "from the last run", state: "queued", runId: null, error: null, createdAt: 1, sentAt: null };
    const writes: string[][] = [];
    let release!: () => void;
    const loaded = new Promise<void>((r) => (release = r));
    const persistence: OutboxPersistence = {
      load: async () => (await loaded, { entries: [earlier], problem: null }),
      save: (entries) => writes.push(entries.map((e) => e.text)),
      flush: async () => undefined,
    };
    const d = new ChatDelivery({ request: async () => ({}) as never, connected: () => false, sendIdOf: () => null, onOutbox: () => undefined, onChat: () => undefined, gatewayRestarted: () => false, sinceRestartSeenMs: () => null, logger: silentLogger(), persistence });
    const restoring = d.restore();
    d.send("s", "typed meanwhile");
    expect(writes).toEqual([]);
    release();
    await restoring;
    expect(writes.at(-1)).toEqual(["from the last run", "typed meanwhile"]);
  });
});

describe("ChatDelivery", () => {
  it("sent → delivered once a history page shows the turn", async () => {
    const f = fake();
    const e = f.d.send("s", "hello");
    await tick();
    expect(stateOf(f, e.idempotencyKey)).toBe("sent");
    f.transcript.set("s", [{ role: "user", key: e.idempotencyKey }]);
    await f.d.historyPage("s", 200);
    expect(stateOf(f, e.idempotencyKey)).toBe("delivered");
  });

  it("after a reconnect, an acknowledged message missing from an idle session's history goes out again with the same key", async () => {
    const f = fake();
    const e = f.d.send("s", "lost by the gateway");
    await tick();
    f.up = false;
    f.up = true;
    f.d.onConnected(true);
    await tick(10);
    expect(f.sends.map((x) => x.key)).toEqual([e.idempotencyKey, e.idempotencyKey]);
    f.transcript.set("s", [{ role: "user", key: e.idempotencyKey }]);
    await tick(2_100);
    expect(stateOf(f, e.idempotencyKey)).toBe("delivered");
    f.d.stop();
  });

  it("keeps re-checking every 2 s while the session is busy, and confirms without resending", async () => {
    const f = fake();
    const e = f.d.send("s", "queued behind a run");
    await tick();
    f.active.add("s");
    f.d.onConnected(true);
    await tick(10);
    expect(stateOf(f, e.idempotencyKey)).toBe("sent");
    f.active.delete("s");
    f.transcript.set("s", [{ role: "user", key: e.idempotencyKey }, { role: "assistant", content: "done" }]);
    await tick(2_100);
    expect(stateOf(f, e.idempotencyKey)).toBe("delivered");
    expect(f.sends).toHaveLength(1);
    f.d.stop();
  });

  it("a message whose answer was lost in the disconnect is sent again (in_flight) and confirmed", async () => {
    const f = fake();
    f.dropNextAnswer = true;
    const e = f.d.send("s", "answer lost");
    await tick();
    expect(stateOf(f, e.idempotencyKey)).toBe("queued");
    f.d.onConnected(true);
    await tick(10);
    expect(f.sends.map((x) => x.status)).toEqual(["started", "in_flight"]);
    expect(stateOf(f, e.idempotencyKey)).toBe("sent");
    f.d.stop();
  });

  it("a followed run that ended while away: the reply from history arrives as a final; no reply → 'lost' error", async () => {
    const f = fake();
    const a = f.d.send("s", "one");
    const b = f.d.send("t", "two");
    await tick();
    f.d.onChatEvent({ sessionKey: "s", runId: a.idempotencyKey, state: "delta", text: "Hel" });
    f.d.onChatEvent({ sessionKey: "t", runId: b.idempotencyKey, state: "delta", text: "Par" });
    f.transcript.set("s", [{ role: "user", key: a.idempotencyKey }, { role: "assistant", content: "Hello there" }]);
    f.transcript.set("t", [{ role: "user", key: b.idempotencyKey }]);
    f.d.onConnected(true);
    await tick(10);
    expect(f.chat).toEqual([
      { sessionKey: "s", runId: a.idempotencyKey, state: "final", text: "Hello there" },
      { sessionKey: "t", runId: b.idempotencyKey, state: "error", text: "Par", errorKind: "lost", errorMessage: "The gateway restarted and this reply was lost; send again?" },
    ]);
    expect(f.d.waiting()).toBe(false);
    f.d.stop();
  });

  it("a gateway that just restarted gets RECOVERY_GRACE_MS to resume the turn before the reply is called lost", async () => {
    const f = fake();
    f.ageMs = 3_000;
    const a = f.d.send("s", "one");
    await tick();
    f.d.onChatEvent({ sessionKey: "s", runId: a.idempotencyKey, state: "delta", text: "Hel" });
    f.transcript.set("s", [{ role: "user", key: a.idempotencyKey }]);
    f.d.onConnected(true);
    await tick(10);
    expect(f.chat).toEqual([]);
    expect(f.d.waiting()).toBe(true);
    // The gateway's recovery resumed the turn and finished it: the reply comes from history.
    f.transcript.set("s", [{ role: "user", key: a.idempotencyKey }, { role: "user", content: "(interrupted; continue)" }, { role: "assistant", content: "Hello again" }]);
    await tick(2_100);
    expect(f.chat).toEqual([{ sessionKey: "s", runId: a.idempotencyKey, state: "final", text: "Hello again" }]);
    f.d.stop();
  });

  it("past the grace, a turn with no reply on an idle session is lost", async () => {
    const f = fake();
    f.ageMs = 3_000;
    const a = f.d.send("s", "one");
    await tick();
    f.d.onChatEvent({ sessionKey: "s", runId: a.idempotencyKey, state: "delta", text: "Hel" });
    f.transcript.set("s", [{ role: "user", key: a.idempotencyKey }]);
    f.d.onConnected(true);
    await tick(10);
    f.ageMs = 11_000;
    await tick(2_100);
    expect(f.chat.map((e) => [e.state, e.errorKind])).toEqual([["error", "lost"]]);
    f.d.stop();
  });
});
