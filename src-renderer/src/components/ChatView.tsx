// The chat pane: the session picker, the open session's bar (name, rename, delete, model), the message
// list and the composer. Opening a session follows it on the host (history, outbox, live runs and
// their tool cards); the parts are ChatSessions, ChatHeader, ChatMessages and ChatComposer.
// Only LiveMessages follows the chat's rows: a streamed delta re-renders the list, not the pane around it.
import { useEffect, useMemo, useRef, useState } from "react";
import type { ChatSessionInfo, ProfileView } from "../../../src-shared/host-api";
import { readableSessionKey } from "../../../src-shared/session-label";
import { getHost } from "../host";
import { activeRun, chatId, chatItems, sameRows, type ChatItem, type ChatState, type UiState } from "../state";
import { errorText, openChat, useStore } from "../store";
import { ChatHeader } from "./ChatHeader";
import { Composer } from "./ChatComposer";
import { ChatIdContext, MessageList } from "./ChatMessages";
import { ChatSessions, useChatSessions } from "./ChatSessions";

export function ChatView({ profile }: { profile: ProfileView }) {
  const host = getHost()!;
  const connected = useStore((s) => s.connections[profile.id]?.state === "connected");
  const sessionKey = useStore((s) => s.openSession[profile.id]);
  const id = sessionKey ? chatId(profile.id, sessionKey) : null;
  const { chatKey, hasOlder, runId } = useChatFacts(id);
  const notify = useStore((s) => s.notify);
  const sessions = useChatSessions(profile.id);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!connected) return;
    let cancelled = false;
    void (async () => {
      try {
        await openChat(host, profile.id, sessionKey ?? null);
        await sessions.refresh();
        if (!cancelled) setError(null);
      } catch (e) {
        if (!cancelled) setError(errorText(e));
      }
    })();
    return () => {
      cancelled = true;
    };
    // Re-open after every reconnect: the host resyncs, and a new session may have appeared.
  }, [connected, profile.id, sessionKey, host]);

  if (!chatKey || !id) {
    return (
      <div className="chat-empty">
        {error ? (
          <p role="alert" className="callout attention">
            {error}
          </p>
        ) : null}
        <p className="muted">{connected ? "Loading the conversation…" : "Connect to chat with this gateway."}</p>
      </div>
    );
  }
  const open = (key: string | null) => void openChat(host, profile.id, key).catch((e: unknown) => notify("error", errorText(e)));
  const current: ChatSessionInfo = sessions.list.find((s) => s.key === chatKey) ?? { key: chatKey, label: readableSessionKey(chatKey), updatedAt: null };
  return (
    <div className="chat">
      <ChatSessions
        profileId={profile.id}
        connected={connected}
        sessions={sessions.list}
        current={current}
        onOpen={(key) => open(key)}
        onCreated={(s) => {
          void sessions.refresh();
          open(s.key);
        }}
      />
      <div className="chat-main">
        <ChatHeader
          profileId={profile.id}
          connected={connected}
          session={current}
          onChanged={(s) => {
            sessions.apply(s);
            void sessions.refresh();
          }}
          onDeleted={() => {
            void sessions.refresh();
            open(null);
          }}
        />
        {!connected ? (
          <p className="callout busy" role="status">
            Not connected: new messages wait here and are delivered once the connection is back.
          </p>
        ) : null}
        <LiveMessages profileId={profile.id} id={id} sessionKey={chatKey} hasOlder={hasOlder} />
        <Composer profileId={profile.id} sessionKey={chatKey} runId={runId} />
      </div>
    </div>
  );
}

/** Primitives only: the pane re-renders when the session, its paging or its running turn changes. */
function useChatFacts(id: string | null): { chatKey: string | undefined; hasOlder: boolean; runId: string | null } {
  const chat = (s: UiState) => (id ? s.chats[id] : undefined);
  const chatKey = useStore((s) => chat(s)?.sessionKey);
  const hasOlder = useStore((s) => chat(s)?.nextOffset !== null && chat(s)?.nextOffset !== undefined);
  const runId = useStore((s) => activeRun(chat(s))?.runId ?? null);
  return { chatKey, hasOlder, runId };
}

function LiveMessages({ profileId, id, sessionKey, hasOlder }: { profileId: string; id: string; sessionKey: string; hasOlder: boolean }) {
  const chat = useStore((s) => s.chats[id]);
  // The same rows while only a run's contents changed: the list (and its virtualizer) is left alone and the
  // run's row follows the store itself (ChatMessages' LiveRun).
  const shown = useRef<{ chat: ChatState; items: ChatItem[] } | null>(null);
  const items = useMemo(() => {
    const prev = shown.current;
    const next = !chat ? [] : prev && sameRows(prev.chat, chat) ? prev.items : chatItems(chat);
    shown.current = chat ? { chat, items: next } : null;
    return next;
  }, [chat]);
  return (
    <ChatIdContext value={id}>
      <MessageList profileId={profileId} sessionKey={sessionKey} items={items} hasOlder={hasOlder} />
    </ChatIdContext>
  );
}
