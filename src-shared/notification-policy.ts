// Why exists (issue 11 item 4): when Clawlink tells a person something — a new exec approval or pairing
// request, a connection that now needs them, and (opt-in) a chat reply that finished while the window was
// hidden — decided once, as a pure reducer, for both hosts: the Electron main process feeds it the inbox
// hub's events and shows native notifications; the web host's page feeds it what the host sends and
// shows browser notifications or an in-page banner. It lives in src-shared because the renderer cannot
// import src-main. Rules (docs/notes/issue-11-notifications-tray.md):
// - De-duplicated by key: an inbox item is told once per process (a replay after a reconnect is not new);
//   a connection is told when it enters a condition that needs a person, and the same condition (state
//   and reason) again only after it was connected, stopped or removed in between.
// - Rate-limited: at most RATE_LIMIT.max notifications in any RATE_LIMIT.windowMs; the rest fold into one
//   "N more" notification (one key, replaced in place and quietly while the burst lasts).
// - Muted per profile: nothing from a muted profile; what it raised meanwhile is still marked as told.
import type { ConnectionSnapshot } from "./connection.js";
import { glanceNote, glanceTitle, inboxItemKey, quickActions, type InboxRef, type QuickAction } from "./inbox-glance.js";
import { scopesInWords, type InboxItem } from "./inbox.js";

export type NotificationTarget =
  | ({ kind: "inbox-item" } & InboxRef)
  | { kind: "inbox" }
  | { kind: "connection"; connectionId: string }
  | { kind: "chat"; connectionId: string; sessionKey: string };

export interface NotificationDescriptor {
  /** The notification's identity: a sink shows one per key, and a later one with the same key replaces it. */
  key: string;
  title: string;
  body: string;
  /** Buttons where the platform has them (exec: allow-once / deny; pairing: approve / reject). */
  actions: QuickAction[];
  /** What clicking it opens. */
  target: NotificationTarget;
  /** A replacement that should not sound or pop up again (the "N more" count going up). */
  quiet: boolean;
}

export interface NotificationSettings {
  /** Profiles (connection ids) that never notify. */
  muted: string[];
  /** Opt-in: a chat reply that finished while the window was hidden. */
  chatReplies: boolean;
}

export const DEFAULT_NOTIFICATION_SETTINGS: NotificationSettings = { muted: [], chatReplies: false };

export type PolicyInput =
  /** Items new to this process (the hub's inbox-new), or every pending item (the page): told once each. */
  | { type: "inbox-new"; items: readonly InboxItem[] }
  | { type: "connection"; snapshot: ConnectionSnapshot }
  | { type: "connection-removed"; id: string }
  | { type: "chat-reply"; connectionId: string; gatewayName: string; sessionKey: string; runId: string; text: string; windowHidden: boolean }
  /** What is already on screen when a page starts: remembered as told, never notified. */
  | { type: "known"; items: readonly InboxItem[]; connections: readonly ConnectionSnapshot[] };

export const RATE_LIMIT = { max: 3, windowMs: 10_000 } as const;
/** Told keys kept (oldest forgotten first), like the hub's own memory of seen items. */
export const TOLD_KEPT = 2_000;
export const MORE_KEY = "more";
const CHAT_BODY_MAX = 200;

export interface PolicyState {
  /** Keys already told (or suppressed by a mute), oldest first. */
  told: readonly string[];
  /** Per connection: the condition that needs a person it was last told about. */
  person: Readonly<Record<string, string>>;
  /** When each notification in the current window went out. */
  sentAt: readonly number[];
  /** The burst being folded: how many, whether all were requests, and when the last one came. */
  fold: { count: number; requestsOnly: boolean; lastAt: number } | null;
}

export const initialPolicyState = (): PolicyState => ({ told: [], person: {}, sentAt: [], fold: null });

export interface PolicyStep {
  state: PolicyState;
  out: NotificationDescriptor[];
}

/** One input → the notifications to show now. `now` in ms; settings as persisted (settings-file.ts). */
export function notificationStep(state: PolicyState, input: PolicyInput, settings: NotificationSettings, now: number): PolicyStep {
  const { state: s1, wanted } = candidates(state, input, settings);
  return limit(s1, wanted, now);
}

type Candidate = NotificationDescriptor & { request: boolean };

function candidates(state: PolicyState, input: PolicyInput, settings: NotificationSettings): { state: PolicyState; wanted: Candidate[] } {
  const muted = (id: string) => settings.muted.includes(id);
  switch (input.type) {
    case "inbox-new":
    case "known": {
      const fresh = input.items.filter((i) => !state.told.includes(itemKey(i)));
      const told = remember(state.told, fresh.map(itemKey));
      const person = input.type === "known" ? knownPeople(state.person, input.connections) : state.person;
      const wanted = input.type === "known" ? [] : fresh.filter((i) => !muted(i.connectionId)).map(itemNotification);
      return { state: { ...state, told, person }, wanted };
    }
    case "connection":
      return connectionCandidate(state, input.snapshot, muted(input.snapshot.id));
    case "connection-removed": {
      const { [input.id]: _gone, ...person } = state.person;
      return { state: { ...state, person }, wanted: [] };
    }
    case "chat-reply": {
      const key = `chat:${input.connectionId}:${input.sessionKey}:${input.runId}`;
      if (state.told.includes(key) || !settings.chatReplies || !input.windowHidden) return { state, wanted: [] };
      const told = remember(state.told, [key]);
      return { state: { ...state, told }, wanted: muted(input.connectionId) ? [] : [chatNotification(key, input)] };
    }
  }
}

const itemKey = (i: InboxItem) => `inbox:${inboxItemKey(i)}`;

function remember(told: readonly string[], keys: readonly string[]): readonly string[] {
  if (keys.length === 0) return told;
  const next = [...told, ...keys];
  return next.length > TOLD_KEPT ? next.slice(next.length - TOLD_KEPT) : next;
}

/** The condition of a snapshot that needs a person ("state:reason"), or null; "" when it clears the memory. */
export function personCondition(s: ConnectionSnapshot): string | null | "" {
  if (s.state === "pairing-required") return `pairing-required:${s.pairing.requestId ?? s.pairing.reason}`;
  if (s.state === "needs-attention") return `needs-attention:${s.attention.reason}`;
  // Reconnecting and the progress states keep the memory: a flapping link with one cause is told once.
  return s.state === "connected" || s.state === "stopped" || s.state === "idle" ? "" : null;
}

function knownPeople(person: Readonly<Record<string, string>>, connections: readonly ConnectionSnapshot[]): Record<string, string> {
  const next = { ...person };
  for (const c of connections) {
    const cond = personCondition(c);
    if (cond) next[c.id] = cond;
  }
  return next;
}

function connectionCandidate(state: PolicyState, s: ConnectionSnapshot, muted: boolean): { state: PolicyState; wanted: Candidate[] } {
  const cond = personCondition(s);
  if (cond === null || state.person[s.id] === cond) return { state, wanted: [] };
  if (cond === "") {
    if (!(s.id in state.person)) return { state, wanted: [] };
    const { [s.id]: _cleared, ...person } = state.person;
    return { state: { ...state, person }, wanted: [] };
  }
  const next = { ...state, person: { ...state.person, [s.id]: cond } };
  return { state: next, wanted: muted ? [] : [connectionNotification(s)] };
}

function itemNotification(i: InboxItem): Candidate {
  const target: NotificationTarget = { kind: "inbox-item", connectionId: i.connectionId, itemKind: i.kind, itemId: i.id };
  return { key: itemKey(i), title: glanceTitle(i), body: itemBody(i), actions: quickActions(i), target, quiet: false, request: true };
}

function itemBody(i: InboxItem): string {
  const note = glanceNote(i);
  if (i.kind === "pairing") {
    const words = scopesInWords(i.scopes);
    return [i.gatewayName, i.role ? `as ${i.role}` : null, words.length ? `may ${words.join(", ")}` : null].filter(Boolean).join(" · ");
  }
  const where = [i.gatewayName, i.agentId ? `agent ${i.agentId}` : null, i.cwd ? `in ${i.cwd}` : null].filter(Boolean).join(" · ");
  return note ? `${where}\n${note}` : where;
}

function connectionNotification(s: ConnectionSnapshot): Candidate {
  const target: NotificationTarget = { kind: "connection", connectionId: s.id };
  const base = { key: `connection:${s.id}`, actions: [], target, quiet: false, request: false };
  if (s.state === "pairing-required") {
    const cmd = s.pairing.approveCommand ?? "openclaw devices list";
    return { ...base, title: `${s.name} is waiting for pairing approval`, body: `Approve this device on the gateway: ${cmd}` };
  }
  const why = s.attention ? `${s.attention.message} ${s.attention.fixHint}`.trim() : "";
  return { ...base, title: `${s.name} needs attention`, body: why };
}

function chatNotification(key: string, r: Extract<PolicyInput, { type: "chat-reply" }>): Candidate {
  const text = r.text.replace(/\s+/g, " ").trim();
  const body = text.length <= CHAT_BODY_MAX ? text : `${text.slice(0, CHAT_BODY_MAX - 1)}…`;
  return { key, title: `${r.gatewayName} replied`, body, actions: [], target: { kind: "chat", connectionId: r.connectionId, sessionKey: r.sessionKey }, quiet: false, request: false };
}

/** The rate limit: individual notifications while the window has room, then one "N more" for the rest. */
function limit(state: PolicyState, wanted: readonly Candidate[], now: number): PolicyStep {
  let sentAt = state.sentAt.filter((t) => now - t < RATE_LIMIT.windowMs);
  let fold = state.fold && now - state.fold.lastAt < RATE_LIMIT.windowMs ? state.fold : null;
  const out: NotificationDescriptor[] = [];
  let folded = false;
  for (const { request, ...n } of wanted) {
    if (sentAt.length < RATE_LIMIT.max) {
      sentAt = [...sentAt, now];
      out.push(n);
      continue;
    }
    fold = { count: (fold?.count ?? 0) + 1, requestsOnly: (fold?.requestsOnly ?? true) && request, lastAt: now };
    folded = true;
  }
  if (folded && fold) out.push(moreNotification(fold, isUpdate(state.fold, now)));
  return { state: { ...state, sentAt, fold }, out };
}

/** A summary already showing for this burst is updated quietly; a new burst's summary alerts. */
const isUpdate = (prev: PolicyState["fold"], now: number) => prev !== null && now - prev.lastAt < RATE_LIMIT.windowMs;

function moreNotification(fold: NonNullable<PolicyState["fold"]>, quiet: boolean): NotificationDescriptor {
  const what = fold.requestsOnly ? (fold.count === 1 ? "request" : "requests") : fold.count === 1 ? "notification" : "notifications";
  return {
    key: MORE_KEY,
    title: `${fold.count} more ${what}`,
    body: fold.requestsOnly ? "Open the inbox to see them all." : "Open Clawlink to see them.",
    actions: [],
    target: { kind: "inbox" },
    quiet,
  };
}

/** The reducer with its state kept, for callers that feed events as they come (main.ts, the page). */
export class NotificationPolicy {
  private state = initialPolicyState();

  constructor(
    private readonly settings: () => NotificationSettings,
    private readonly now: () => number = Date.now,
  ) {}

  feed(input: PolicyInput): NotificationDescriptor[] {
    const step = notificationStep(this.state, input, this.settings(), this.now());
    this.state = step.state;
    return step.out;
  }
}
