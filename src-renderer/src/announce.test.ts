import { describe, expect, it } from "vitest";
import { announcement, newlyFinished } from "./announce";
import { applyChatEvent, applyHistory, chatId, type ChatState } from "./state";

const chat = (profileId = "home", sessionKey = "main"): ChatState => ({ profileId, sessionKey, messages: [], outbox: [], runs: [] });
const ev = (runId: string, state: "delta" | "final" | "error", text: string) => ({ sessionKey: "main", runId, state, text });
const key = chatId("home", "main");

describe("which reply the live region says", () => {
  it("a delta is never said; the final is said once", () => {
    const c0 = chat();
    const c1 = applyChatEvent(c0, ev("r1", "delta", "Hel"));
    const c2 = applyChatEvent(c1, ev("r1", "final", "Hello"));
    expect(newlyFinished({ [key]: c0 }, { [key]: c1 }, "home")).toEqual([]);
    expect(newlyFinished({ [key]: c1 }, { [key]: c2 }, "home")).toEqual([{ runId: "r1", text: "Hello" }]);
    // The transcript replacing the run, and a late delta, say nothing more.
    const c3 = applyHistory(c2, []);
    expect(newlyFinished({ [key]: c2 }, { [key]: c3 }, "home")).toEqual([]);
    expect(newlyFinished({ [key]: c2 }, { [key]: applyChatEvent(c2, ev("r1", "delta", "Hello!")) }, "home")).toEqual([]);
  });
  it("a final that arrives without deltas, an error turn, another gateway, an opened history", () => {
    const c0 = chat();
    expect(newlyFinished({}, { [key]: applyChatEvent(c0, ev("r2", "final", "Hi")) }, "home")).toHaveLength(1);
    expect(newlyFinished({ [key]: c0 }, { [key]: applyChatEvent(c0, ev("r3", "error", "")) }, "home")).toEqual([]);
    expect(newlyFinished({ [key]: c0 }, { [key]: applyChatEvent(c0, ev("r4", "final", "x")) }, "vps")).toEqual([]);
    expect(newlyFinished({}, { [key]: { ...c0, messages: [{ id: "m", role: "assistant", text: "old" } as ChatState["messages"][number]] } }, "home")).toEqual([]);
  });
  it("the sentence names the gateway, folds whitespace and bounds a long reply", () => {
    expect(announcement("Home", { runId: "r", text: " Hello\n\n world " })).toBe("Reply from Home: Hello world");
    expect(announcement("Home", { runId: "r", text: "" })).toBe("Reply from Home: (no text)");
    expect(announcement("Home", { runId: "r", text: "a".repeat(700) }, 600)).toMatch(/^Reply from Home: a{600}… \(continues in the message list\)$/);
  });
});
