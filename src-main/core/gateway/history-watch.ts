// The chat sessions someone is looking at: their history is fetched when watched, and again after every
// reconnect or event gap, so what is shown never misses what happened while the link was down. Split out
// of gateway-session.ts (issue 14 §5).
import type { Logger } from "../log/logger.js";
import type { GatewaySessionEvent, HistoryReason } from "./session-options.js";

export class HistoryWatch {
  private readonly watched = new Set<string>();

  constructor(
    private readonly fetch: (sessionKey: string) => Promise<unknown[]>,
    private readonly emit: (e: GatewaySessionEvent) => void,
    private readonly logger: Logger,
  ) {}

  /** Watches `sessionKey` (fetched now when connected); returns the function that stops watching. */
  add(sessionKey: string, connected: boolean): () => void {
    this.watched.add(sessionKey);
    if (connected) void this.resync(sessionKey, "watch");
    return () => this.watched.delete(sessionKey);
  }

  resyncAll(reason: HistoryReason): void {
    for (const key of this.watched) void this.resync(key, reason);
  }

  private async resync(sessionKey: string, reason: HistoryReason): Promise<void> {
    try {
      const messages = await this.fetch(sessionKey);
      this.emit({ type: "chat-history", sessionKey, messages, reason });
    } catch (e) {
      this.logger.warn("chat history refetch failed", { sessionKey, error: e });
    }
  }
}
