// chat.history's own paging cursor, as the real gateway (2026.9.6) answered limit 2 over ten rows:
// the tail and every older page carry nextOffset while hasMore; the first page carries none.
import { describe, expect, it } from "vitest";
import { historyPageFrom } from "./chat-reconcile.js";

describe("history paging", () => {
  it("nextOffset is kept while hasMore", () => {
    expect(historyPageFrom({ messages: [], hasMore: true, nextOffset: 2, totalMessages: 10 }).nextOffset).toBe(2);
  });
  it("no cursor on the oldest page, or when the gateway sends a malformed one", () => {
    expect(historyPageFrom({ messages: [], hasMore: false, totalMessages: 10 }).nextOffset).toBeUndefined();
    expect(historyPageFrom({ messages: [], hasMore: true, nextOffset: -1 }).nextOffset).toBeUndefined();
    expect(historyPageFrom({ messages: [], hasMore: true, nextOffset: "2" }).nextOffset).toBeUndefined();
  });
});
