// The UI's state and every change to it, as pure functions of (state, host data) → state. The zustand
// store (store.ts) only calls these with what the host sends, so all of it is unit-tested without a DOM.
import type { ConnectionSnapshot, OverallState } from "../../src-shared/connection";
import { ACTION_OF_REASON, type Reason, type ReasonAction } from "../../src-shared/reasons";
import type { ChatStreamEvent, GatewayStatus, OutboxEntry } from "../../src-shared/gateway-session";
import type { AppInfo, ChatMessage, HostEventMessage, HostState, Prompt, ProfileView } from "../../src-shared/host-api";
import type { InboxSnapshot } from "../../src-shared/inbox";
import { applyInbox, emptyInbox, staleInbox } from "./inbox-model";
import { applyToolEvent, mergeTail, settle, workingOf, type RunTool, type Working } from "./chat-model";

export interface ConnectStep {
  state: OverallState;
  at: number;
  detail: string | null;
}

export interface ChatRun {
  runId: string;
  text: string;
  state: ChatStreamEvent["state"];
  errorKind: string | null;
  errorMessage: string | null;
  /** Ended (final/error/aborted); dropped once the transcript (history) has it. */
  done: boolean;
  /** The gateway's run phase from its status events, while nothing else shows (chat-model.ts). */
  phase?: string;
  /** Tool calls of this run as cards, each placed where it happened in the text. */
  tools?: RunTool[];
}

export interface ChatState {
  profileId: string;
  sessionKey: string;
  messages: ChatMessage[];
  outbox: OutboxEntry[];
  runs: ChatRun[];
  /** chat.history's cursor for the page before the oldest row shown; null/absent: nothing older. */
  nextOffset?: number | null;
  /** Rows from "load older" are shown (a new tail keeps them in front). */
  olderLoaded?: boolean;
  /** Runs whose end this chat saw (bounded), so their message shows no "working" once the run is gone. */
  settled?: string[];
}

export interface Notice {
  id: number;
  level: "info" | "warn" | "error";
  message: string;
}

export interface UiState {
  app: AppInfo | null;
  /** False while the page has no link to its host (web host restarted, socket dropped). */
  hostConnected: boolean;
  profiles: ProfileView[];
  connections: Record<string, ConnectionSnapshot>;
  steps: Record<string, ConnectStep[]>;
  statuses: Record<string, GatewayStatus>;
  prompts: Prompt[];
  notices: Notice[];
  chats: Record<string, ChatState>;
  /** The operator inbox across gateways (inbox-model.ts); its count is inboxCount(state.inbox). */
  inbox: InboxSnapshot;
  /** Why the inbox could not be loaded from the host, if it could not. */
  inboxError: string | null;
}

export const MAX_STEPS = 40;

export function initialState(): UiState {
  return { app: null, hostConnected: true, profiles: [], connections: {}, steps: {}, statuses: {}, prompts: [], notices: [], chats: {}, inbox: emptyInbox(), inboxError: null };
}

export const chatId = (profileId: string, sessionKey: string): string => `${profileId}\u0000${sessionKey}`;

let noticeSeq = 0;

// ---- connection state ---------------------------------------------------------------------------------

function stepDetail(s: ConnectionSnapshot): string | null {
  if (s.state === "connected" && s.connected) return `gateway ${s.connected.serverVersion ?? "?"} · ${s.connected.authSource}`;
  if (s.state === "pairing-required" && s.pairing) return `approval pending${s.pairing.requestId ? ` (request ${s.pairing.requestId})` : ""}`;
  if (s.attention) return s.attention.message;
  if (s.state === "connecting" && s.localPort) return `tunnel forwarding on 127.0.0.1:${s.localPort}`;
  return null;
}

/** A snapshot replaces the last one; a change of state adds a step to the connection's step list. */
export function applySnapshot(state: UiState, s: ConnectionSnapshot): UiState {
  const prev = state.steps[s.id] ?? [];
  const last = prev.at(-1);
  const detail = stepDetail(s);
  const steps = !last || last.state !== s.state ? [...prev, { state: s.state, at: s.updatedAt, detail }].slice(-MAX_STEPS) : prev;
  return { ...state, connections: { ...state.connections, [s.id]: s }, steps: { ...state.steps, [s.id]: steps } };
}

export function removeConnection(state: UiState, id: string): UiState {
  const { [id]: _c, ...connections } = state.connections;
  const { [id]: _s, ...statuses } = state.statuses;
  return { ...state, connections, statuses };
}

/** Everything at once (start, or the host link came back). Steps already seen are kept. */
export function applyHostState(state: UiState, hs: HostState): UiState {
  let next: UiState = {
    ...state,
    app: hs.app,
    hostConnected: true,
    profiles: hs.profiles,
    connections: {},
    statuses: Object.fromEntries(hs.statuses.map((x) => [x.profileId, x.status])),
    prompts: hs.prompts,
    notices: [...state.notices.filter((n) => !hs.notices.includes(n.message)), ...hs.notices.map((message) => ({ id: ++noticeSeq, level: "warn" as const, message }))],
  };
  for (const c of hs.connections) next = applySnapshot(next, c);
  return next;
}

// ---- chat -----------------------------------------------------------------------------------------------

export function openChatState(state: UiState, profileId: string, sessionKey: string, messages: ChatMessage[], outbox: OutboxEntry[], nextOffset: number | null = null): UiState {
  const id = chatId(profileId, sessionKey);
  const prev = state.chats[id];
  const chat: ChatState = { profileId, sessionKey, messages, outbox, runs: (prev?.runs ?? []).filter((r) => !r.done), nextOffset, settled: prev?.settled ?? [] };
  return { ...state, chats: { ...state.chats, [id]: chat } };
}

export function applyChatEvent(chat: ChatState, ev: ChatStreamEvent): ChatState {
  const done = ev.state === "final" || ev.state === "error" || ev.state === "aborted";
  const i = chat.runs.findIndex((r) => r.runId === ev.runId);
  const prev = i >= 0 ? chat.runs[i]! : null;
  // Events of a run that already ended (a late delta) change nothing.
  if (prev?.done) return chat;
  const run: ChatRun = {
    runId: ev.runId,
    // Text is cumulative; a status event may carry none, so keep what we had.
    text: ev.text || prev?.text || "",
    state: ev.state,
    errorKind: ev.errorKind ?? prev?.errorKind ?? null,
    errorMessage: ev.errorMessage ?? prev?.errorMessage ?? null,
    done,
  };
  const phase = ev.state === "status" ? (ev.phase ?? prev?.phase) : prev?.phase;
  if (phase) run.phase = phase;
  if (prev?.tools) run.tools = prev.tools;
  const runs = i >= 0 ? chat.runs.map((r, j) => (j === i ? run : r)) : [...chat.runs, run];
  return done ? settle({ ...chat, runs }, ev.runId) : { ...chat, runs };
}

/** The transcript is authoritative: finished runs are in it now; runs still streaming stay. */
export function applyHistory(chat: ChatState, messages: ChatMessage[]): ChatState {
  return { ...mergeTail(chat, messages), runs: chat.runs.filter((r) => !r.done) };
}

export function applyOutbox(chat: ChatState, entries: OutboxEntry[]): ChatState {
  return { ...chat, outbox: entries.filter((e) => e.sessionKey === chat.sessionKey) };
}

function updateChats(state: UiState, profileId: string, sessionKey: string | null, fn: (c: ChatState) => ChatState): UiState {
  let changed = false;
  const chats: Record<string, ChatState> = {};
  for (const [k, c] of Object.entries(state.chats)) {
    if (c.profileId === profileId && (sessionKey === null || c.sessionKey === sessionKey)) {
      chats[k] = fn(c);
      changed = true;
    } else chats[k] = c;
  }
  return changed ? { ...state, chats } : state;
}

export type ChatItem =
  | { kind: "message"; key: string; message: ChatMessage }
  /** Sent by this device and not yet in the transcript: waiting to be delivered, delivered, or refused. */
  | { kind: "pending"; key: string; entry: OutboxEntry }
  /** An assistant reply still streaming (or ended and not yet in the transcript). */
  | { kind: "run"; key: string; run: ChatRun }
  /** Delivered, and the agent has not said anything yet (issue 12: the first turn showed nothing for ~9 s). */
  | { kind: "working"; key: string; working: Working };

/** The transcript's rows and send ids, made once per messages array: a streamed delta changes only the runs. */
const transcriptRows = new WeakMap<ChatMessage[], { items: ChatItem[]; sendIds: Set<string> }>();

function transcriptOf(messages: ChatMessage[]): { items: ChatItem[]; sendIds: Set<string> } {
  let t = transcriptRows.get(messages);
  if (!t) {
    t = { items: messages.map((m) => ({ kind: "message", key: `m:${m.id}`, message: m })), sendIds: new Set(messages.map((m) => m.sendId).filter((x): x is string => x !== null)) };
    transcriptRows.set(messages, t);
  }
  return t;
}

/** What the chat list shows, in order: the transcript, then this device's undelivered messages, then live runs. */
export function chatItems(chat: ChatState): ChatItem[] {
  const { items: rows, sendIds: inHistory } = transcriptOf(chat.messages);
  const items: ChatItem[] = [...rows];
  for (const e of chat.outbox) if (!inHistory.has(e.idempotencyKey)) items.push({ kind: "pending", key: `o:${e.idempotencyKey}`, entry: e });
  for (const r of chat.runs) items.push({ kind: "run", key: `r:${r.runId}`, run: r });
  const working = workingOf(chat);
  if (working) items.push({ kind: "working", key: working.key, working });
  return items;
}

/** chatItems(b) would give the rows of chatItems(a), the same objects but for the runs' contents: what a
 *  streamed delta or a tool event changes. The list then keeps its rows and only the run's row follows the
 *  store (ChatMessages' LiveRun), so a delta does not re-render the virtual list. */
export function sameRows(a: ChatState, b: ChatState): boolean {
  if (a.profileId !== b.profileId || a.sessionKey !== b.sessionKey) return false;
  if (a.messages !== b.messages || a.outbox !== b.outbox || a.runs.length !== b.runs.length) return false;
  for (let i = 0; i < a.runs.length; i++) if (a.runs[i]!.runId !== b.runs[i]!.runId) return false;
  const wa = workingOf(a);
  const wb = workingOf(b);
  return wa?.key === wb?.key && wa?.phase === wb?.phase;
}

/** The run a person can abort: the newest one still going. */
export function activeRun(chat: ChatState | undefined): ChatRun | null {
  if (!chat) return null;
  for (let i = chat.runs.length - 1; i >= 0; i--) if (!chat.runs[i]!.done) return chat.runs[i]!;
  return null;
}

// ---- host events ------------------------------------------------------------------------------------------

export function addNotice(state: UiState, level: Notice["level"], message: string): UiState {
  return { ...state, notices: [...state.notices, { id: ++noticeSeq, level, message }].slice(-10) };
}

export function dismissNotice(state: UiState, id: number): UiState {
  return { ...state, notices: state.notices.filter((n) => n.id !== id) };
}

export function applyHostEvent(state: UiState, e: HostEventMessage): UiState {
  switch (e.name) {
    case "appInfoChanged":
      return { ...state, app: e.payload };
    case "connection":
      return applySnapshot(state, e.payload);
    case "connectionRemoved":
      return removeConnection(state, e.payload.id);
    case "profiles": {
      const ids = new Set(e.payload.map((p) => p.id));
      const connections = Object.fromEntries(Object.entries(state.connections).filter(([id]) => ids.has(id)));
      return { ...state, profiles: e.payload, connections };
    }
    case "gatewayStatus":
      return { ...state, statuses: { ...state.statuses, [e.payload.profileId]: e.payload.status } };
    case "prompts":
      return { ...state, prompts: e.payload };
    case "chat":
      return updateChats(state, e.payload.profileId, e.payload.event.sessionKey, (c) => applyChatEvent(c, e.payload.event));
    case "chatTool":
      return updateChats(state, e.payload.profileId, e.payload.event.sessionKey, (c) => applyToolEvent(c, e.payload.event));
    case "chatHistory":
      return updateChats(state, e.payload.profileId, e.payload.sessionKey, (c) => applyHistory(c, e.payload.messages));
    case "outbox":
      return updateChats(state, e.payload.profileId, null, (c) => applyOutbox(c, e.payload.entries));
    case "notice":
      return addNotice(state, e.payload.level, e.payload.message);
    // Followed by notify.ts (the page's notifications and the shell's "open this"), not UI state here.
    case "notificationSettings":
    case "navigate":
    // The live log tail (components/LogTail.tsx) follows its own events while it is open.
    case "log":
    // The Add form's "Found on your network" (components/NearbyGateways.tsx) follows its own events while open.
    case "discovery":
    // The chat's session picker (components/ChatSessions.tsx useChatSessions) follows its own list.
    case "chatSessions":
      return state;
    case "hostConnection":
      return { ...state, hostConnected: e.payload.connected, inbox: staleInbox(state.inbox) };
    case "inbox":
      return { ...state, inbox: applyInbox(state.inbox, e.payload), inboxError: null };
  }
}

// ---- presentation helpers (pure) --------------------------------------------------------------------------

// The words and the tone of each state are one table shared with the tray (src-shared/state-labels.ts).
export { STATE_LABEL, toneOf } from "../../src-shared/state-labels";

/** What the app offers next to a reason (src-shared/reasons.ts): a secret field, the re-trust button, or nothing. */
export function reasonAction(reason: Reason | undefined): ReasonAction {
  return reason ? ACTION_OF_REASON[reason] : "none";
}

/** Auth failures a stored token/password can fix: the UI offers the settings right there. */
export function needsCredential(reason: Reason | undefined): "token" | "password" | null {
  const action = reasonAction(reason);
  return action === "enter-token" ? "token" : action === "enter-password" ? "password" : null;
}

/** A 64-hex SHA-256 fingerprint as people compare it: SHA256 AB:CD:… */
export function displayFingerprint(hex: string): string {
  return `SHA256 ${(hex.toUpperCase().match(/../g) ?? []).join(":")}`;
}

/** The two fingerprints of a changed certificate, from the snapshot's structured field (never parsed from text). */
export function tlsFingerprints(change: { previous: string; observed: string } | null | undefined): { expected: string; observed: string } | null {
  return change ? { expected: displayFingerprint(change.previous), observed: displayFingerprint(change.observed) } : null;
}

export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return "—";
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${s % 60}s`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h ${m % 60}m`;
  return `${Math.floor(h / 24)}d ${h % 24}h`;
}

/** Health as one word from whatever the gateway's health payload holds. */
export function healthLabel(health: unknown): string {
  if (health === null || health === undefined) return "—";
  if (typeof health === "object") {
    const h = health as Record<string, unknown>;
    if (h.ok === true) return "ok";
    if (h.ok === false) return "failing";
    if (typeof h.status === "string") return h.status;
  }
  if (typeof health === "string") return health;
  return "reported";
}
