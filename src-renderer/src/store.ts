// The zustand store: state from state.ts, fed by the host's events through its pure update functions.
// View choices (selected profile, tab) live here too, so keyboard shortcuts and components agree.
import { create } from "zustand";
import type { HostApi, HostEventMessage } from "../../src-shared/host-api";
import { hostErrorText, hostEventNames } from "../../src-shared/host-client";
import { eventBatcher } from "./event-batch";
import { applyInbox, inboxCount } from "./inbox-model";
import { mergeOlder } from "./chat-model";
import { addNotice, applyHostEvent, applyHostState, chatId, dismissNotice, initialState, openChatState, type UiState } from "./state";

export type Tab = "status" | "chat" | "inbox" | "settings" | "diagnostics";
/** "add" shows the add-gateway flow, "inbox" the inbox across every gateway, "profile" one profile. */
export type View = "profile" | "add" | "inbox";

interface Store extends UiState {
  selected: string | null;
  view: View;
  tab: Tab;
  openSession: Record<string, string>;
  /** The combined inbox's gateway filter: a connection id, or null for every gateway. */
  inboxFilter: string | null;
  select(id: string): void;
  setView(v: View): void;
  setInboxFilter(connectionId: string | null): void;
  /** Opens the combined inbox, on one gateway when given (a notification or the tray opening an item). */
  showInbox(connectionId?: string | null): void;
  setTab(t: Tab): void;
  setOpenSession(profileId: string, key: string): void;
  /** The command palette (Ctrl/Cmd+K) is open. */
  paletteOpen: boolean;
  setPalette(open: boolean): void;
  /** Bumped per profile to ask its Diagnostics view to run the test (the palette's "Run diagnostics"). */
  diagnosticsRequest: Record<string, number>;
  requestDiagnostics(profileId: string): void;
  dispatch(fn: (s: UiState) => UiState): void;
  notify(level: "info" | "warn" | "error", message: string): void;
  dismiss(id: number): void;
}

export const useStore = create<Store>((set) => ({
  ...initialState(),
  selected: null,
  view: "profile",
  tab: "status",
  openSession: {},
  inboxFilter: null,
  select: (id) => set({ selected: id, view: "profile" }),
  setView: (view) => set({ view }),
  setInboxFilter: (inboxFilter) => set({ inboxFilter }),
  showInbox: (connectionId = null) => set({ view: "inbox", inboxFilter: connectionId }),
  setTab: (tab) => set({ tab }),
  setOpenSession: (profileId, key) => set((s) => ({ openSession: { ...s.openSession, [profileId]: key } })),
  paletteOpen: false,
  setPalette: (paletteOpen) => set({ paletteOpen }),
  diagnosticsRequest: {},
  requestDiagnostics: (id) => set((s) => ({ selected: id, view: "profile", tab: "diagnostics", diagnosticsRequest: { ...s.diagnosticsRequest, [id]: (s.diagnosticsRequest[id] ?? 0) + 1 } })),
  dispatch: (fn) => set((s) => fn(s)),
  notify: (level, message) => set((s) => addNotice(s, level, message)),
  dismiss: (id) => set((s) => dismissNotice(s, id)),
}));

/** How many items wait for a person: across gateways, or for one connection (tab, tray, compact views). */
export const useInboxCount = (connectionId: string | null = null): number => useStore((s) => inboxCount(s.inbox, connectionId));

/** A failed host call as the UI says it: the message, then its fix hint (one error shape for both hosts). */
export const errorText = hostErrorText;

/** Subscribes the store to every host event and loads the initial state. Returns the unsubscribe.
 *  Events go through eventBatcher: a fast stream's deltas share a render per frame, none is dropped. */
export function connectStore(host: HostApi): () => void {
  const batch = eventBatcher((events) => useStore.getState().dispatch((s) => events.reduce(applyHostEvent, s)), {
    frame: (fn) => void requestAnimationFrame(fn),
    later: (fn, ms) => void setTimeout(fn, ms),
    now: () => performance.now(),
    microtask: (fn) => queueMicrotask(fn),
  });
  const offs = hostEventNames.map((name) =>
    host.on(name, (payload: unknown) => {
      batch.push({ name, payload } as HostEventMessage);
      if (name === "hostConnection" && (payload as { connected: boolean }).connected) void load();
    }),
  );
  const load = async () => {
    try {
      const hs = await host.getState();
      useStore.setState((s) => {
        const next = applyHostState(s, hs);
        const selected = s.selected && hs.profiles.some((p) => p.id === s.selected) ? s.selected : (hs.profiles[0]?.id ?? null);
        return { ...next, selected };
      });
    } catch (e) {
      useStore.getState().notify("error", `Could not load the state from the host: ${errorText(e)}`);
    }
  };
  // The inbox comes separately: a host without it (an older or synthetic host) still shows everything else.
  const loadInbox = async () => {
    try {
      const snap = await host.getInbox();
      useStore.setState((s) => ({ inbox: applyInbox(s.inbox, snap), inboxError: null }));
    } catch (e) {
      useStore.setState({ inboxError: `Could not load the inbox from the host: ${errorText(e)}` });
    }
  };
  void load();
  void loadInbox();
  const offReload = host.on("hostConnection", (p) => {
    if (p.connected) void loadInbox();
  });
  return () => [...offs, offReload].forEach((off) => off());
}

export async function openChat(host: HostApi, profileId: string, sessionKey: string | null): Promise<string> {
  const r = await host.openChat(profileId, sessionKey);
  useStore.getState().dispatch((s) => openChatState(s, profileId, r.sessionKey, r.messages, r.outbox, r.nextOffset ?? null));
  useStore.getState().setOpenSession(profileId, r.sessionKey);
  return r.sessionKey;
}

/** "Load older": the page before the oldest row shown, from chat.history's own offset cursor. */
export async function loadOlderChat(host: HostApi, profileId: string, sessionKey: string): Promise<number> {
  const id = chatId(profileId, sessionKey);
  const offset = useStore.getState().chats[id]?.nextOffset;
  if (offset === null || offset === undefined) return 0;
  const r = await host.loadOlderChat(profileId, sessionKey, offset);
  let added = 0;
  useStore.getState().dispatch((s) => {
    const chat = s.chats[id];
    if (!chat) return s;
    const next = mergeOlder(chat, r.messages, r.nextOffset);
    added = next.messages.length - chat.messages.length;
    return { ...s, chats: { ...s.chats, [id]: next } };
  });
  return added;
}
