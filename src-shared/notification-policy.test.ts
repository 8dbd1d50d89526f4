import { describe, expect, it } from "vitest";
import type { OverallState } from "./connection.js";
import type { InboxItem } from "./inbox.js";
import { connectionSnapshot, type SnapshotFixture } from "./testing/connection-snapshot.js";
import { execItem, pairingItem } from "./testing/inbox-items.js";
import {
  DEFAULT_NOTIFICATION_SETTINGS,
  initialPolicyState,
  MORE_KEY,
  notificationStep,
  RATE_LIMIT,
  type NotificationDescriptor,
  type NotificationSettings,
  type PolicyInput,
  type PolicyState,
} from "./notification-policy.js";

/** Feeds inputs at the given times; returns every descriptor with the time it came out. */
function run(steps: Array<[number, PolicyInput]>, settings: NotificationSettings = DEFAULT_NOTIFICATION_SETTINGS, from: PolicyState = initialPolicyState()) {
  let state = from;
  const out: Array<NotificationDescriptor & { at: number }> = [];
  for (const [at, input] of steps) {
    const step = notificationStep(state, input, settings, at);
    state = step.state;
    out.push(...step.out.map((n) => ({ ...n, at })));
  }
  return { out, state };
}

const attention = { reason: "auth-token-mismatch", message: "The gateway refused the token.", fixHint: "Paste the current token." } as const;
const conn = (state: OverallState, over: SnapshotFixture = {}): PolicyInput => ({
  type: "connection",
  snapshot: connectionSnapshot({ id: "home", name: "Home Desktop", state, ...(state === "needs-attention" ? { attention } : {}), ...over }),
});
const pairing = { requestId: "req-1", reason: "not-paired", approveCommand: "openclaw devices approve req-1", since: 0 };
const inboxNew = (...items: InboxItem[]): PolicyInput => ({ type: "inbox-new", items });

describe("notifications for inbox items", () => {
  it("an exec approval: its title, where it runs, Allow once / Deny, and a click opens that item", () => {
    const { out } = run([[0, inboxNew(execItem())]]);
    expect(out).toEqual([
      {
        at: 0,
        key: "inbox:home\u0000exec\u0000a1",
        title: "Run `echo hello`?",
        body: "Home Desktop · agent main · in /home/me",
        actions: [
          { id: "allow-once", label: "Allow once" },
          { id: "deny", label: "Deny" },
        ],
        target: { kind: "inbox-item", connectionId: "home", itemKind: "exec", itemId: "a1" },
        quiet: false,
      },
    ]);
  });

  it("a pairing request: who asks and for what, Approve / Reject", () => {
    const { out } = run([[0, inboxNew(pairingItem())]]);
    expect(out[0]).toMatchObject({
      title: "Pair Pixel 9 (android)?",
      body: "Home Desktop · as operator · may read status and chats",
      actions: [{ id: "approve" }, { id: "reject" }],
      target: { kind: "inbox-item", itemKind: "pairing", itemId: "r1" },
    });
  });

  it("a command too long to show whole gets Deny only and says to open it", () => {
    const { out } = run([[0, inboxNew(execItem({ command: `echo ${"x".repeat(300)}; rm -rf ~` }))]]);
    expect(out[0]!.actions.map((a) => a.id)).toEqual(["deny"]);
    expect(out[0]!.body).toMatch(/\nOpen Clawlink to read the whole command \(315 characters\) before allowing it\.$/);
  });

  it("tells each item once: the same item again (a replayed list, every snapshot from the page) is not new", () => {
    const { out } = run([
      [0, inboxNew(execItem())],
      [20_000, inboxNew(execItem(), execItem({ id: "a2" }))],
      [40_000, inboxNew(execItem(), execItem({ id: "a2" }))],
    ]);
    expect(out.map((n) => n.key)).toEqual(["inbox:home\u0000exec\u0000a1", "inbox:home\u0000exec\u0000a2"]);
  });

  it("the same id on another gateway is another item", () => {
    const { out } = run([[0, inboxNew(execItem(), execItem({ connectionId: "vps", gatewayName: "VPS" }))]]);
    expect(out).toHaveLength(2);
  });

  it("what a page already shows when it starts is never notified", () => {
    const known: PolicyInput = { type: "known", items: [execItem()], connections: [connectionSnapshot({ id: "home", state: "needs-attention", attention })] };
    const { out } = run([
      [0, known],
      [1, inboxNew(execItem())],
      [2, conn("needs-attention")],
    ]);
    expect(out).toEqual([]);
  });
});

describe("notifications for connections that need a person", () => {
  it("needs-attention says why and what to do; pairing-required gives the approve command; a click opens the connection", () => {
    const { out } = run([
      [0, conn("needs-attention")],
      [20_000, conn("pairing-required", { pairing })],
    ]);
    expect(out.map(({ title, body, target, key }) => ({ key, title, body, target }))).toEqual([
      { key: "connection:home", title: "Home Desktop needs attention", body: "The gateway refused the token. Paste the current token.", target: { kind: "connection", connectionId: "home" } },
      { key: "connection:home", title: "Home Desktop is waiting for pairing approval", body: "Approve this device on the gateway: openclaw devices approve req-1", target: { kind: "connection", connectionId: "home" } },
    ]);
  });

  it("a link flapping with one cause is told once; after it was connected, the same cause is told again", () => {
    const { out } = run([
      [0, conn("needs-attention")],
      [1, conn("reconnecting")],
      [2, conn("handshaking")],
      [3, conn("needs-attention")],
      [20_000, conn("connected")],
      [40_000, conn("needs-attention")],
    ]);
    expect(out.map((n) => n.at)).toEqual([0, 40_000]);
  });

  it("another reason is told at once; progress and connected states are not told at all", () => {
    const { out } = run([
      [0, conn("ssh-connecting")],
      [1, conn("connected")],
      [2, conn("needs-attention")],
      [3, conn("needs-attention", { attention: { ...attention, reason: "host-key-changed" } })],
    ]);
    expect(out.map((n) => n.at)).toEqual([2, 3]);
  });

  it("a removed connection forgets its condition", () => {
    const { out } = run([
      [0, conn("needs-attention")],
      [1, { type: "connection-removed", id: "home" }],
      [20_000, conn("needs-attention")],
    ]);
    expect(out.map((n) => n.at)).toEqual([0, 20_000]);
  });
});

describe("chat replies (opt-in)", () => {
  const reply = (over: Partial<Extract<PolicyInput, { type: "chat-reply" }>> = {}): PolicyInput => ({
    type: "chat-reply",
    connectionId: "home",
    gatewayName: "Home Desktop",
    sessionKey: "main",
    runId: "run-1",
    text: "Done.\n\nThe build is green.",
    windowHidden: true,
    ...over,
  });

  it("off by default", () => {
    expect(run([[0, reply()]]).out).toEqual([]);
  });

  it("when opted in: only while the window is hidden, once per run, opening that chat", () => {
    const on = { ...DEFAULT_NOTIFICATION_SETTINGS, chatReplies: true };
    const { out } = run([[0, reply({ windowHidden: false })], [1, reply({ runId: "run-2" })], [2, reply({ runId: "run-2" })]], on);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ title: "Home Desktop replied", body: "Done. The build is green.", target: { kind: "chat", connectionId: "home", sessionKey: "main" } });
  });

  it("a long reply is cut to one short body", () => {
    const { out } = run([[0, reply({ text: "y".repeat(5000) })]], { ...DEFAULT_NOTIFICATION_SETTINGS, chatReplies: true });
    expect(out[0]!.body).toHaveLength(200);
  });
});

describe("mute per profile", () => {
  const muted = { muted: ["home"], chatReplies: true };

  it("a muted profile notifies nothing: no items, no connection alerts, no chat replies; others still do", () => {
    const { out } = run(
      [
        [0, inboxNew(execItem(), execItem({ connectionId: "vps", gatewayName: "VPS" }))],
        [1, conn("needs-attention")],
        [2, { type: "chat-reply", connectionId: "home", gatewayName: "Home", sessionKey: "main", runId: "r", text: "hi", windowHidden: true }],
      ],
      muted,
    );
    expect(out.map((n) => n.target)).toEqual([{ kind: "inbox-item", connectionId: "vps", itemKind: "exec", itemId: "a1" }]);
  });

  it("what arrived while muted stays told after unmuting (no flood of old requests)", () => {
    const first = run([[0, inboxNew(execItem())], [1, conn("needs-attention")]], muted);
    const later = run([[20_000, inboxNew(execItem())], [20_001, conn("needs-attention")]], DEFAULT_NOTIFICATION_SETTINGS, first.state);
    expect(later.out).toEqual([]);
  });
});

describe("rate limit", () => {
  const items = (n: number, from = 0) => Array.from({ length: n }, (_, i) => execItem({ id: `a${from + i}` }));

  it(`at most ${RATE_LIMIT.max} in ${RATE_LIMIT.windowMs / 1000} s; the rest fold into one "N more requests" that opens the inbox`, () => {
    const { out } = run([[0, inboxNew(...items(5))]]);
    expect(out.map((n) => n.key)).toEqual(["inbox:home\u0000exec\u0000a0", "inbox:home\u0000exec\u0000a1", "inbox:home\u0000exec\u0000a2", MORE_KEY]);
    expect(out[3]).toEqual({ at: 0, key: MORE_KEY, title: "2 more requests", body: "Open the inbox to see them all.", actions: [], target: { kind: "inbox" }, quiet: false });
  });

  it("the summary counts up in place and quietly while the burst lasts", () => {
    const { out } = run([
      [0, inboxNew(...items(4))],
      [1_000, inboxNew(...items(1, 10))],
      [2_000, inboxNew(...items(2, 20))],
    ]);
    const more = out.filter((n) => n.key === MORE_KEY).map((n) => [n.title, n.quiet]);
    expect(more).toEqual([
      ["1 more request", false],
      ["2 more requests", true],
      ["4 more requests", true],
    ]);
  });

  it("the window slides: once a slot is older than the window, the next one shows on its own; a new burst's summary alerts again", () => {
    const { out } = run([
      [0, inboxNew(...items(4))],
      [RATE_LIMIT.windowMs - 1, inboxNew(...items(1, 10))],
      [RATE_LIMIT.windowMs, inboxNew(...items(1, 20))],
      [3 * RATE_LIMIT.windowMs, inboxNew(...items(4, 30))],
    ]);
    expect(out.map((n) => [n.at, n.key === MORE_KEY ? `${n.title}${n.quiet ? " (quiet)" : ""}` : "one"])).toEqual([
      [0, "one"],
      [0, "one"],
      [0, "one"],
      [0, "1 more request"],
      [RATE_LIMIT.windowMs - 1, "2 more requests (quiet)"],
      [RATE_LIMIT.windowMs, "one"],
      [3 * RATE_LIMIT.windowMs, "one"],
      [3 * RATE_LIMIT.windowMs, "one"],
      [3 * RATE_LIMIT.windowMs, "one"],
      [3 * RATE_LIMIT.windowMs, "1 more request"],
    ]);
  });

  it('a fold of requests and other kinds says "notifications"', () => {
    const { out } = run([
      [0, inboxNew(...items(3))],
      [1, conn("needs-attention")],
    ]);
    expect(out.at(-1)).toMatchObject({ key: MORE_KEY, title: "1 more notification", body: "Open Clawlink to see them." });
  });
});
