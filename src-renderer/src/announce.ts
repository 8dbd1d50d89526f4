// Why this file exists (issue 12, accessibility): what a screen reader is told about the chat. The
// message list is a log that is not live (every streamed delta would be read out); instead one polite
// live region receives the newest reply once it is final. This is the pure part: which runs became
// final between two states of the store, and the sentence the live region says.
import type { ChatState } from "./state";

export interface Finished {
  runId: string;
  text: string;
}

/** Runs of `profileId`'s chats that are final in `next` and were not (or did not exist) in `prev`; the
 *  newest last. A run dropped because the transcript now holds it is not a new finish. */
export function newlyFinished(prev: Readonly<Record<string, ChatState>>, next: Readonly<Record<string, ChatState>>, profileId: string): Finished[] {
  const out: Finished[] = [];
  for (const [key, chat] of Object.entries(next)) {
    if (chat.profileId !== profileId || prev[key] === chat) continue;
    const before = new Map((prev[key]?.runs ?? []).map((r) => [r.runId, r]));
    for (const r of chat.runs) {
      if (r.state !== "final" || !r.done) continue;
      const was = before.get(r.runId);
      if (!was || !was.done) out.push({ runId: r.runId, text: r.text });
    }
  }
  return out;
}

/** What the live region says for a finished reply (bounded: a long reply is read from the list). */
export function announcement(gatewayName: string, f: Finished, max = 600): string {
  const text = f.text.trim().replace(/\s+/g, " ");
  const body = text.length > max ? `${text.slice(0, max)}… (continues in the message list)` : text || "(no text)";
  return `Reply from ${gatewayName}: ${body}`;
}
