// Why this file exists (issue 12, accessibility): the one live region for the chat. It follows the
// store's transitions (not React renders, which may batch a final and the transcript that replaces it)
// and says only the newest reply of the selected gateway once it is final (announce.ts) — never the
// streamed deltas, never the history when a chat opens.
import { useEffect, useState } from "react";
import { announcement, newlyFinished } from "../announce";
import { useStore } from "../store";

export function ChatAnnouncer() {
  const [said, setSaid] = useState("");
  useEffect(
    () =>
      useStore.subscribe((next, prev) => {
        if (next.chats === prev.chats || !next.selected) return;
        const done = newlyFinished(prev.chats, next.chats, next.selected).at(-1);
        if (!done) return;
        const name = next.profiles.find((p) => p.id === next.selected)?.name ?? "the gateway";
        setSaid(announcement(name, done));
      }),
    [],
  );
  return (
    <div className="sr-only" role="status" aria-live="polite" aria-atomic="true" data-testid="chat-announcer">
      {said}
    </div>
  );
}
