import { useVirtualizer } from "@tanstack/react-virtual";
import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import type { OutboxEntry } from "../../../src-shared/gateway-session";
import type { ChatSessionInfo, ProfileView } from "../../../src-shared/host-api";
import { getHost } from "../host";
import { useComposerKeys } from "../composer-keys";
import { renderMarkdown } from "../markdown";
import { activeRun, chatId, chatItems, type ChatItem } from "../state";
import { errorText, openChat, useStore } from "../store";

export function ChatView({ profile }: { profile: ProfileView }) {
  const host = getHost()!;
  const connected = useStore((s) => s.connections[profile.id]?.state === "connected");
  const sessionKey = useStore((s) => s.openSession[profile.id]);
  const chat = useStore((s) => (sessionKey ? s.chats[chatId(profile.id, sessionKey)] : undefined));
  const notify = useStore((s) => s.notify);
  const [sessions, setSessions] = useState<ChatSessionInfo[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!connected) return;
    let cancelled = false;
    void (async () => {
      try {
        await openChat(host, profile.id, sessionKey ?? null);
        const list = await host.listChatSessions(profile.id);
        if (!cancelled) setSessions(list);
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

  if (!chat) {
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
  return (
    <div className="chat">
      <aside className="chat-sessions" aria-label="Chat sessions">
        <ul>
          {(sessions.length ? sessions : [{ key: chat.sessionKey, label: chat.sessionKey, updatedAt: null }]).map((s) => (
            <li key={s.key}>
              <button
                className={s.key === chat.sessionKey ? "session selected" : "session"}
                aria-current={s.key === chat.sessionKey ? "true" : undefined}
                onClick={() => void openChat(host, profile.id, s.key).catch((e: unknown) => notify("error", errorText(e)))}
                title={s.key}
              >
                {s.label}
              </button>
            </li>
          ))}
        </ul>
      </aside>
      <div className="chat-main">
        {!connected ? (
          <p className="callout busy" role="status">
            Not connected: new messages wait here and are delivered once the connection is back.
          </p>
        ) : null}
        <MessageList profileId={profile.id} items={chatItems(chat)} />
        <Composer profileId={profile.id} sessionKey={chat.sessionKey} runId={activeRun(chat)?.runId ?? null} />
      </div>
    </div>
  );
}

function MessageList({ profileId, items }: { profileId: string; items: ChatItem[] }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 80,
    overscan: 10,
    getItemKey: (i) => items[i]!.key,
  });
  // Rows measured while scrolling up (taller than estimated) must not push the view back down, or a
  // jump to the top of a long history never arrives; scrolling down keeps the default correction.
  virtualizer.shouldAdjustScrollPositionOnItemSizeChange = (item, _delta, v) => v.scrollDirection !== "backward" && item.start < (v.scrollOffset ?? 0);
  const last = items.at(-1);
  const tail = last ? `${items.length}:${last.kind === "run" ? last.run.text.length : last.key}` : "0";
  useLayoutEffect(() => {
    if (stick.current && items.length > 0) virtualizer.scrollToIndex(items.length - 1, { align: "end" });
  }, [tail]);
  return (
    <div
      className="messages"
      ref={scrollRef}
      role="log"
      aria-label="Messages"
      // Not live: every streamed delta would be read out. ChatAnnouncer says each final reply once.
      aria-live="off"
      tabIndex={0}
      data-count={items.length}
      onScroll={(e) => {
        const el = e.currentTarget;
        stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
      }}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: "relative", width: "100%" }}>
        {virtualizer.getVirtualItems().map((v) => (
          <div key={v.key} data-index={v.index} ref={virtualizer.measureElement} className="message-row" style={{ transform: `translateY(${v.start}px)` }}>
            <Item profileId={profileId} item={items[v.index]!} />
          </div>
        ))}
      </div>
    </div>
  );
}

const Markdown = memo(function Markdown({ text }: { text: string }) {
  const html = useMemo(() => renderMarkdown(text), [text]);
  return <div className="md" dangerouslySetInnerHTML={{ __html: html }} />;
});

const OUTBOX_LABEL: Record<OutboxEntry["state"], string> = {
  queued: "pending: waits for the connection",
  sending: "sending…",
  sent: "sent: waiting for the gateway to confirm",
  delivered: "delivered",
  failed: "not delivered",
};

/** Resend (a new submission) or dismiss a message the gateway refused, cancelled or lost. */
function FailedActions({ profileId, entry }: { profileId: string; entry: OutboxEntry }) {
  const host = getHost()!;
  const notify = useStore((s) => s.notify);
  return (
    <div className="message-actions">
      <button type="button" onClick={() => void host.resendChat(profileId, entry.idempotencyKey).catch((e: unknown) => notify("error", errorText(e)))}>
        Resend
      </button>
      <button type="button" className="quiet" onClick={() => void host.discardChat(profileId, entry.idempotencyKey).catch((e: unknown) => notify("error", errorText(e)))}>
        Dismiss
      </button>
    </div>
  );
}

function Item({ profileId, item }: { profileId: string; item: ChatItem }) {
  if (item.kind === "message") {
    const m = item.message;
    return (
      <article className={`message role-${m.role}${m.error ? " error" : ""}`} data-role={m.role}>
        <header className="message-meta">
          {m.role}
          {m.ts ? ` · ${new Date(m.ts).toLocaleTimeString()}` : ""}
          {m.role === "user" && m.sendId ? <span className="badge-inline" data-delivery="delivered"> · delivered</span> : null}
        </header>
        {m.text ? <Markdown text={m.text} /> : null}
        {m.error ? (
          <p className="turn-error" data-testid="turn-error">
            Error turn ({m.error.kind}): {m.error.message}
          </p>
        ) : null}
      </article>
    );
  }
  if (item.kind === "pending") {
    const e = item.entry;
    return (
      <article className={`message role-user pending state-${e.state}`} data-role="user" data-outbox={e.state}>
        <header className="message-meta">
          you · <span className="badge-inline">{OUTBOX_LABEL[e.state]}</span>
          {e.state === "failed" ? <span className="badge-inline">: {e.error ?? "refused"}</span> : null}
        </header>
        <Markdown text={e.text} />
        {e.state === "failed" ? <FailedActions profileId={profileId} entry={e} /> : null}
      </article>
    );
  }
  const r = item.run;
  return (
    <article className={`message role-assistant run state-${r.state}${r.state === "error" ? " error" : ""}`} data-role="assistant" data-run-state={r.state}>
      <header className="message-meta">
        assistant · {r.done ? r.state : "streaming…"}
      </header>
      {r.text ? <Markdown text={r.text} /> : <p className="muted">…</p>}
      {r.state === "error" ? (
        <p className="turn-error" data-testid="turn-error">
          Error turn ({r.errorKind ?? "error"}): {r.errorMessage ?? "the turn failed"}
        </p>
      ) : null}
      {r.state === "aborted" ? <p className="muted">Aborted.</p> : null}
    </article>
  );
}

function Composer({ profileId, sessionKey, runId }: { profileId: string; sessionKey: string; runId: string | null }) {
  const host = getHost()!;
  const notify = useStore((s) => s.notify);
  const [text, setText] = useState("");
  const send = async () => {
    const t = text.trim();
    if (!t) return;
    try {
      await host.sendChat(profileId, sessionKey, t);
      setText("");
    } catch (e) {
      notify("error", errorText(e));
    }
  };
  // Enter / Shift+Enter, Up (empty box) edits the last undelivered message, Esc aborts (composer-keys.ts).
  const keys = useComposerKeys({ profileId, sessionKey, runId, text, setText, send });
  return (
    <form
      className="composer"
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <textarea
        aria-label="Message"
        value={text}
        rows={2}
        placeholder="Message (Enter sends, Shift+Enter for a new line)"
        onChange={(e) => setText(e.target.value)}
        onKeyDown={keys}
      />
      <button type="submit" className="primary" disabled={!text.trim()}>
        Send
      </button>
      {runId ? (
        <button type="button" onClick={() => void host.abortChat(profileId, sessionKey, runId).catch((e: unknown) => notify("error", errorText(e)))}>
          Abort
        </button>
      ) : null}
    </form>
  );
}
