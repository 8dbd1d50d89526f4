// The message list: a virtual list (10,000 rows stay smooth) of transcript rows, this device's
// undelivered messages, live runs with their tool cards in order with the text, and "the agent is
// working" until the reply says something; "Load older" pages back with chat.history's cursor.
import { useVirtualizer } from "@tanstack/react-virtual";
import { createContext, memo, useContext, useLayoutEffect, useRef, useState } from "react";
import type { OutboxEntry } from "../../../src-shared/gateway-session";
import { phaseWords, runSegments } from "../chat-model";
import { getHost } from "../host";
import type { ChatItem, ChatRun } from "../state";
import { errorText, loadOlderChat, useStore } from "../store";
import { ChatMedia } from "./ChatMedia";
import { Markdown, StreamingMarkdown } from "./Markdown";
import { ToolCard } from "./ToolCard";

/** The chat (state.ts chatId) whose live runs the run rows follow in the store. The list's rows stay the same
 *  while only a run's contents change (state.ts sameRows), so a delta re-renders that run's row, not the
 *  virtual list; without it a run row shows the run it was given. */
export const ChatIdContext = createContext<string | null>(null);
/** Keeps the end in view after a run's row grew (the list does not re-render for it). */
const FollowContext = createContext<() => void>(() => {});

export const MessageList = memo(function MessageList({ profileId, sessionKey, items, hasOlder }: { profileId: string; sessionKey: string; items: ChatItem[]; hasOlder: boolean }) {
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
  const tail = last ? `${items.length}:${last.kind === "run" ? `${last.run.text.length}/${last.run.tools?.length ?? 0}` : last.key}` : "0";
  // Keeping the end in view waits for the next animation frame (once per frame however many deltas came):
  // reading the list's scroll height in the commit would force a layout per delta. The frame's callbacks
  // run before its layout and paint, so the reader sees the same picture. A new row goes through
  // scrollToIndex (it measures rows it has not seen); the last row growing (a streamed delta) only needs
  // the bottom, set directly: a scrollToIndex command per frame stays in flight and makes the virtualizer
  // read the scroll height again in every commit.
  const count = useRef(items.length);
  count.current = items.length;
  const scrolledCount = useRef(-1);
  const pendingScroll = useRef(0);
  const follow = useRef(() => {
    if (!stick.current || count.current === 0 || pendingScroll.current) return;
    pendingScroll.current = requestAnimationFrame(() => {
      pendingScroll.current = 0;
      const el = scrollRef.current;
      if (!stick.current || count.current === 0 || !el) return;
      if (scrolledCount.current !== count.current) virtualizer.scrollToIndex(count.current - 1, { align: "end" });
      else el.scrollTop = el.scrollHeight;
      scrolledCount.current = count.current;
    });
  }).current;
  useLayoutEffect(follow, [tail]);
  useLayoutEffect(() => () => cancelAnimationFrame(pendingScroll.current), []);
  // After older rows went in front, the row that was first stays where the reader left it.
  const firstKey = items[0]?.key;
  const prevFirst = useRef(firstKey);
  useLayoutEffect(() => {
    const was = prevFirst.current;
    prevFirst.current = firstKey;
    if (!was || was === firstKey) return;
    const at = items.findIndex((i) => i.key === was);
    if (at > 0) virtualizer.scrollToIndex(at, { align: "start" });
  }, [firstKey]);
  return (
    <>
      {hasOlder ? <LoadOlder profileId={profileId} sessionKey={sessionKey} /> : null}
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
          <FollowContext value={follow}>
            {virtualizer.getVirtualItems().map((v) => (
              <div key={v.key} data-index={v.index} ref={virtualizer.measureElement} className="message-row" style={{ transform: `translateY(${v.start}px)` }}>
                <RowItem profileId={profileId} sessionKey={sessionKey} item={items[v.index]!} />
              </div>
            ))}
          </FollowContext>
        </div>
      </div>
    </>
  );
});

function LoadOlder({ profileId, sessionKey }: { profileId: string; sessionKey: string }) {
  const host = getHost()!;
  const notify = useStore((s) => s.notify);
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      className="load-older quiet"
      disabled={busy}
      onClick={() => {
        setBusy(true);
        loadOlderChat(host, profileId, sessionKey)
          .catch((e: unknown) => notify("error", `Could not load older messages: ${errorText(e)}`))
          .finally(() => setBusy(false));
      }}
    >
      {busy ? "Loading older messages…" : "Load older messages"}
    </button>
  );
}

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

function Working({ phase }: { phase: string | null }) {
  const words = phaseWords(phase);
  return (
    <p className="working" role="status" data-testid="agent-working">
      <span className="spinner" aria-hidden="true" />
      The agent is working{words ? `: ${words}` : ""}…
    </p>
  );
}

function Item({ profileId, sessionKey, item }: { profileId: string; sessionKey: string; item: ChatItem }) {
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
        {m.media?.length ? <ChatMedia profileId={profileId} sessionKey={sessionKey} media={m.media} /> : null}
        {m.tools?.map((t) => <ToolCard key={t.id} card={t} />)}
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
  if (item.kind === "working") {
    return (
      <article className="message role-assistant run" data-role="assistant" data-working="true">
        <Working phase={item.working.phase} />
      </article>
    );
  }
  return <LiveRun run={item.run} />;
}

/** A run's row follows its run in the store: a delta re-renders this row only (see ChatIdContext). */
function LiveRun({ run }: { run: ChatRun }) {
  const id = useContext(ChatIdContext);
  const live = useStore((s) => (id ? s.chats[id]?.runs.find((r) => r.runId === run.runId) : undefined)) ?? run;
  const follow = useContext(FollowContext);
  useLayoutEffect(follow, [live, follow]);
  return <RunItem run={live} />;
}

function RunItem({ run: r }: { run: ChatRun }) {
  const quiet = !r.done && !r.text && !r.tools?.length;
  return (
    <article className={`message role-assistant run state-${r.state}${r.state === "error" ? " error" : ""}`} data-role="assistant" data-run-state={r.state}>
      <header className="message-meta">assistant · {r.done ? r.state : "streaming…"}</header>
      {quiet ? <Working phase={r.phase ?? null} /> : runSegments(r).map((s) => (s.kind === "tool" ? <ToolCard key={s.key} card={s.tool} /> : s.text ? <StreamingMarkdown key={s.key} text={s.text} /> : null))}
      {r.state === "error" ? (
        <p className="turn-error" data-testid="turn-error">
          Error turn ({r.errorKind ?? "error"}): {r.errorMessage ?? "the turn failed"}
        </p>
      ) : null}
      {r.state === "aborted" ? <p className="muted">Aborted.</p> : null}
    </article>
  );
}

/** Rows keep their rendering while what they show is the same object: a delta re-renders its run's row only
 *  (chatItems makes new row wrappers each time; the message, entry or run inside is what changes). */
function sameItem(a: ChatItem, b: ChatItem): boolean {
  if (a.kind === "message" && b.kind === "message") return a.message === b.message;
  if (a.kind === "pending" && b.kind === "pending") return a.entry === b.entry;
  if (a.kind === "run" && b.kind === "run") return a.run === b.run;
  if (a.kind === "working" && b.kind === "working") return a.working.key === b.working.key && a.working.phase === b.working.phase;
  return false;
}

function sameRow<P extends { item: ChatItem }>(a: P, b: P): boolean {
  for (const k of Object.keys(a) as Array<keyof P>) if (k !== "item" && a[k] !== b[k]) return false;
  return sameItem(a.item, b.item);
}

const RowItem = memo(Item, sameRow);
