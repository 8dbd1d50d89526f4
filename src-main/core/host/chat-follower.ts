// The chats the UI has open, followed across reconnects: every new GatewaySession of a connection (a
// new tunnel makes one) watches the sessions the UI opened, and the gateway's chat, history and outbox
// events go out as host events. A finished run sends the authoritative history from the transcript.
// Tool activity (the gateway's `agent` events on the "tool" stream) goes out as chatTool cards; older
// transcript pages come from chat.history's own offset cursor (loadOlder).
import type { HostMethodResult } from "../../../src-shared/host-api.js";
import { sendIdOf, type GatewaySession, type GatewaySessionEvent } from "../gateway/gateway-session.js";
import type { Logger } from "../log/logger.js";
import type { Orchestrator } from "../orchestrator/orchestrator.js";
import { normalizeToolEvent } from "../gateway/chat-tools.js";
import { normalizeHistory } from "./chat-history.js";
import type { EmitHostEvent } from "./host-events.js";

const CHAT_HISTORY_LIMIT = 500;

export class ChatFollower {
  private readonly watched = new Map<string, Set<string>>();
  private readonly watchedOn = new WeakMap<GatewaySession, Set<string>>();

  constructor(
    private readonly orchestrator: Orchestrator,
    private readonly emit: EmitHostEvent,
    private readonly log: Logger,
  ) {}

  /** Starts following a chat session (null = the gateway's main one) and returns its history and outbox. */
  async open(id: string, session: GatewaySession, key: string | null): Promise<HostMethodResult<"openChat">> {
    const sessionKey = key ?? session.mainSessionKey;
    const set = this.watched.get(id) ?? new Set<string>();
    set.add(sessionKey);
    this.watched.set(id, set);
    this.ensureWatches(id);
    const page = await session.historyPage(sessionKey, CHAT_HISTORY_LIMIT);
    const messages = normalizeHistory(page.messages, sendIdOf);
    return { sessionKey, messages, outbox: session.outboxEntries().filter((e) => e.sessionKey === sessionKey), nextOffset: page.nextOffset ?? null };
  }

  /** The page of rows before `offset` (a nextOffset this gateway gave); nextOffset null when it was the first page. */
  async loadOlder(session: GatewaySession, sessionKey: string, offset: number): Promise<HostMethodResult<"loadOlderChat">> {
    const page = await session.historyPage(sessionKey, CHAT_HISTORY_LIMIT, offset);
    return { messages: normalizeHistory(page.messages, sendIdOf), nextOffset: page.nextOffset ?? null };
  }

  /** Each new GatewaySession of a connection (a new tunnel makes one) follows the chats the UI opened. */
  ensureWatches(id: string): void {
    const session = this.orchestrator.get(id)?.session;
    const keys = this.watched.get(id);
    if (!session || !keys) return;
    const done = this.watchedOn.get(session) ?? new Set<string>();
    this.watchedOn.set(session, done);
    for (const k of keys) {
      if (done.has(k)) continue;
      done.add(k);
      session.watch(k);
    }
  }

  /** The chat-related session events (chat, chat-history, outbox); others are not this module's. */
  onSessionEvent(id: string, e: GatewaySessionEvent): void {
    switch (e.type) {
      case "chat":
        this.emit("chat", { profileId: id, event: e.event });
        // A finished run is in the transcript now: send the authoritative history.
        if (e.event.state === "final" || e.event.state === "error" || e.event.state === "aborted") void this.refreshHistory(id, e.event.sessionKey);
        return;
      case "chat-history":
        this.emit("chatHistory", { profileId: id, sessionKey: e.sessionKey, messages: normalizeHistory(e.messages, sendIdOf), reason: e.reason });
        return;
      case "outbox":
        this.emit("outbox", { profileId: id, entries: e.entries.map((x) => ({ ...x })) });
        return;
      case "gateway-event": {
        const tool = e.event === "agent" ? normalizeToolEvent(e.payload) : null;
        if (tool) this.emit("chatTool", { profileId: id, event: tool });
        return;
      }
      default:
        return;
    }
  }

  private async refreshHistory(id: string, sessionKey: string): Promise<void> {
    const session = this.orchestrator.get(id)?.session;
    if (!session || session.snapshot.phase !== "connected") return;
    try {
      const messages = normalizeHistory(await session.history(sessionKey, CHAT_HISTORY_LIMIT), sendIdOf);
      this.emit("chatHistory", { profileId: id, sessionKey, messages, reason: "refresh" });
    } catch (e) {
      this.log.warn(`history refresh for ${id} failed`, { error: e });
    }
  }
}
