// GatewaySession against the real gateway: auth outcomes, device tokens, status, chat streaming, abort,
// error turns, shutdown/restart with resync, startup (1013), exactly-once delivery across a restart,
// and no secret in any log line.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { GatewaySession, sendIdOf, type GatewaySessionEvent, type GatewaySessionOptions } from "../src-main/core/gateway/gateway-session.js";
import { KeyringSecretStore } from "../src-main/core/secrets/keyring-store.js";
import { MemorySecretStore, SECRET_SERVICES, type SecretStore } from "../src-main/core/secrets/secret-store.js";
import type { ChatStreamEvent } from "../src-shared/gateway-session.js";
import { TestGateway } from "./harness/gateway.js";
import { collectingLogger, recordStates, waitForEvent, waitForState } from "./harness/session-helpers.js";

const gwInfo = inject("gateway");
const gateway = TestGateway.attach(gwInfo);
const logs = collectingLogger();
const sessions: GatewaySession[] = [];
const stores: MemorySecretStore[] = [];
const MAIN = "agent:main:main";

function session(over: Partial<GatewaySessionOptions> & { secrets?: SecretStore } = {}): GatewaySession {
  const secrets = over.secrets ?? new MemorySecretStore();
  if (secrets instanceof MemorySecretStore) stores.push(secrets);
  const s = new GatewaySession({
    url: gwInfo.url,
    gatewayKey: "test-gateway",
    target: "test gateway",
    token: { value: gwInfo.token, source: "test" },
    logger: logs.logger,
    statusIntervalMs: 5_000,
    ...over,
    secrets,
  });
  sessions.push(s);
  return s;
}

const connected = (s: GatewaySession, ms = 60_000) => waitForState(s, (x) => x.phase === "connected", ms, "connected");

afterAll(async () => {
  await Promise.all(sessions.map((s) => s.stop()));
});

describe("GatewaySession auth", () => {
  it("connects with the shared token and reports status, version, auth source and latency", async () => {
    const s = session();
    const statusEvent = waitForEvent(s, (e) => e.type === "status" && e.status.latencyMs !== null, 30_000, "status with latency");
    await s.start();
    const snap = await connected(s);
    expect(snap.connected?.authMethod).toBe("token");
    expect(snap.connected?.authSource).toBe("shared token from test");
    expect(snap.connected?.scopes).toEqual(expect.arrayContaining(["operator.read", "operator.write", "operator.admin"]));
    expect(snap.connected?.serverVersion).toMatch(/^2026\./);
    const ev = await statusEvent;
    const st = (ev as Extract<GatewaySessionEvent, { type: "status" }>).status;
    expect(st.latencyMs).toBeGreaterThan(0);
    expect(st.uptimeMs).toBeGreaterThan(0);
    expect((st.health as { ok?: boolean }).ok).toBe(true);
    expect(st.presence.length).toBeGreaterThan(0);
    await s.stop();
  });

  it("reconnects with the stored device token alone, and the identity survives a restart (real keychain)", async () => {
    const secrets = new KeyringSecretStore();
    const first = session({ secrets, gatewayKey: "keychain-gw" });
    await first.start();
    await connected(first);
    const deviceId = first.deviceId;
    await first.stop();
    // A new session object = an app restart: identity and device token come back from the keychain.
    const second = session({ secrets, gatewayKey: "keychain-gw", token: undefined });
    await second.start();
    const snap = await connected(second);
    expect(second.deviceId).toBe(deviceId);
    expect(snap.connected?.authMethod).toBe("device-token");
    expect(snap.connected?.authSource).toBe("device token (keychain)");
    await second.stop();
  });

  it("wrong token with no device token: needs attention (token mismatch), no automatic retries", async () => {
    const s = session({ token: { value: "wrong-token-0123456789abcdef", source: "test" } });
    const states = recordStates(s);
    await s.start();
    const snap = await waitForState(s, (x) => x.phase === "needs-attention", 30_000);
    expect(snap.failure?.kind).toBe("auth-token-mismatch");
    expect(snap.attention?.fixHint).toMatch(/token/i);
    const gen = snap.generation;
    await new Promise((r) => setTimeout(r, 1500)); // a retry loop would have opened another attempt by now
    expect(s.snapshot.generation).toBe(gen);
    expect(states.filter((x) => x.phase === "connected")).toHaveLength(0);
    await s.stop();
  });

  it("wrong token but a stored device token on a trusted (loopback) endpoint: the single device-token retry connects", async () => {
    const secrets = new MemorySecretStore();
    const good = session({ secrets, gatewayKey: "retry-gw" });
    await good.start();
    await connected(good);
    await good.stop();
    const s = session({ secrets, gatewayKey: "retry-gw", token: { value: "rotated-away-0123456789abcdef", source: "test" } });
    const states = recordStates(s);
    await s.start();
    const snap = await connected(s);
    expect(states.some((x) => x.failure?.kind === "auth-token-mismatch")).toBe(true);
    expect(snap.connected?.authMethod).toBe("device-token");
    await s.stop();
  });

  it("missing token on a fresh device: needs attention (token missing) with a hint saying where to paste it", async () => {
    const s = session({ token: undefined });
    await s.start();
    const snap = await waitForState(s, (x) => x.phase === "needs-attention", 30_000);
    expect(snap.failure?.kind).toBe("auth-token-missing");
    expect(snap.attention?.fixHint).toMatch(/paste/i);
    await s.stop();
  });
});

describe("GatewaySession chat", () => {
  let s: GatewaySession;
  const chat: ChatStreamEvent[] = [];
  beforeAll(async () => {
    s = session();
    s.on((e) => e.type === "chat" && chat.push(e.event));
    await s.start();
    await connected(s);
  });

  const finalFor = (runId: string, ms = 120_000) =>
    waitForEvent(s, (e) => e.type === "chat" && e.event.runId === runId && ["final", "error", "aborted"].includes(e.event.state), ms, `end of run ${runId}`).then(
      (e) => (e as Extract<GatewaySessionEvent, { type: "chat" }>).event,
    );

  it("round trip: streamed cumulative deltas, then the final text; history has both turns", async () => {
    const entry = s.send(MAIN, "ping one two three");
    const accepted = await waitForEvent(s, (e) => e.type === "outbox" && e.entries.some((x) => x.idempotencyKey === entry.idempotencyKey && x.state === "sent"), 30_000);
    expect(accepted.type).toBe("outbox");
    const runId = s.outboxEntries().find((x) => x.idempotencyKey === entry.idempotencyKey)!.runId!;
    const fin = await finalFor(runId);
    expect(fin.state).toBe("final");
    expect(fin.text).toBe("Hello from fake-llm. You said: ping one two three");
    const deltas = chat.filter((c) => c.runId === runId && c.state === "delta");
    expect(deltas.length).toBeGreaterThan(0);
    // Cumulative: each delta's text extends the previous one and the final extends them all.
    for (let i = 1; i < deltas.length; i++) expect(deltas[i]!.text.startsWith(deltas[i - 1]!.text)).toBe(true);
    expect(fin.text.startsWith(deltas.at(-1)!.text)).toBe(true);
    const history = await s.history(MAIN);
    const users = history.filter((m) => (m as { role?: string }).role === "user" && sendIdOf(m) === entry.idempotencyKey);
    expect(users).toHaveLength(1);
    const sessionsList = await s.listSessions();
    expect(sessionsList.sessions.some((x) => x.key === MAIN)).toBe(true);
  });

  it("abort stops a streaming run", async () => {
    const entry = s.send(MAIN, "[[slow]] a long answer that takes its time to stream word by word");
    const firstDelta = await waitForEvent(s, (e) => e.type === "chat" && e.event.state === "delta" && e.event.runId === (s.outboxEntries().find((x) => x.idempotencyKey === entry.idempotencyKey)?.runId ?? "?"), 120_000, "first delta");
    const runId = (firstDelta as Extract<GatewaySessionEvent, { type: "chat" }>).event.runId;
    const ended = finalFor(runId, 30_000); // the aborted event may arrive before the abort call's answer
    const res = await s.abort(MAIN, runId);
    expect(res.aborted).toBe(true);
    const end = await ended;
    expect(end.state).toBe("aborted");
  });

  it("an error turn (model HTTP 500) arrives as an error event with its kind", async () => {
    const entry = s.send(MAIN, "[[fail]] please fail");
    await waitForEvent(s, (e) => e.type === "outbox" && e.entries.some((x) => x.idempotencyKey === entry.idempotencyKey && x.state === "sent"), 30_000);
    const runId = s.outboxEntries().find((x) => x.idempotencyKey === entry.idempotencyKey)!.runId!;
    const end = await finalFor(runId);
    expect(end.state).toBe("error");
    expect(end.errorKind ?? end.errorMessage).toBeTruthy();
  });
});

describe("GatewaySession across gateway restarts", () => {
  it("SIGTERM → shutdown (1012) → reconnected when the gateway is back, history resynced; a message sent meanwhile is delivered exactly once", async () => {
    const s = session();
    await s.start();
    await connected(s);
    s.watch(MAIN);
    await waitForEvent(s, (e) => e.type === "chat-history" && e.reason === "watch", 30_000);
    const states = recordStates(s);

    const down = waitForState(s, (x) => x.phase === "reconnecting" && x.failure?.kind === "shutdown", 30_000, "reconnecting after shutdown");
    const restarting = gateway.restart("SIGTERM");
    await down;
    // Sent while the gateway is down: queued, then delivered once it is back.
    const entry = s.send(MAIN, "sent while restarting");
    expect(s.outboxEntries().find((x) => x.idempotencyKey === entry.idempotencyKey)?.state).toBe("queued");
    const resynced = waitForEvent(s, (e) => e.type === "chat-history" && e.reason === "reconnect", 120_000, "history resync after reconnect");
    const replied = waitForEvent(s, (e) => e.type === "chat" && e.event.runId === entry.idempotencyKey && e.event.state === "final", 180_000, "the reply to the message sent meanwhile");
    await restarting;
    await connected(s, 60_000);
    await resynced;
    await replied;
    const history = await s.history(MAIN, 500);
    // Delivered means the gateway's history shows it (reading the history confirms it in the outbox).
    expect(s.outboxEntries().find((x) => x.idempotencyKey === entry.idempotencyKey)?.state).toBe("delivered");
    const copies = history.filter((m) => sendIdOf(m) === entry.idempotencyKey);
    expect(copies).toHaveLength(1);
    // While the gateway was starting again, attempts were answered "starting" (1013) or refused — never a person-needed state.
    expect(states.some((x) => x.phase === "needs-attention")).toBe(false);
    await s.stop();
  });

  it("a connect while the gateway is starting counts as 'starting', not as an error", async () => {
    await gateway.signal("SIGTERM");
    // Short fixed retries so attempts land in the few seconds between "listening" and "ready" (the
    // default backoff would be at several seconds by then and could step over that window).
    const s = session({ policy: { initialDelayMs: 150, maxDelayMs: 150, firstReconnectMs: 150 } });
    const states = recordStates(s);
    const restarted = gateway.restart("SIGTERM"); // starts it again; we connect during its startup
    await s.start();
    await restarted;
    await connected(s, 60_000);
    const failures = states.map((x) => x.failure?.kind).filter(Boolean);
    expect(failures).toContain("gateway-starting");
    expect(states.some((x) => x.phase === "needs-attention")).toBe(false);
    await s.stop();
  });
});

describe("secrets never reach the logs", () => {
  it("no token, device token or private key in any log line of this file", async () => {
    const text = logs.text();
    expect(logs.records.length).toBeGreaterThan(20);
    expect(text).not.toContain(gwInfo.token);
    const secretValues: string[] = [];
    for (const store of stores) {
      for (const [, v] of (store as unknown as { map: Map<string, string> }).map) secretValues.push(v);
    }
    expect(secretValues.length).toBeGreaterThan(0);
    for (const raw of secretValues) {
      const parsed = JSON.parse(raw) as { token?: string; privateKeyPem?: string };
      if (parsed.token) expect(text).not.toContain(parsed.token);
      if (parsed.privateKeyPem) expect(text).not.toContain(parsed.privateKeyPem.split("\n")[1]!);
    }
    expect(SECRET_SERVICES.deviceToken).toBeTruthy();
  });
});
