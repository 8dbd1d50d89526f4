// Why this file exists (issue 12, keyboard): the message box's keys, bound — Enter sends, Shift+Enter is
// a new line, Up in an empty box takes back the last message that was not delivered (its text into the
// box, the failed entry dismissed, so sending again is the edited message), Esc aborts the running reply.
// keymap.ts composerKeyAction decides; this carries it out through the host.
import type { KeyboardEvent } from "react";
import { getHost } from "./host";
import { composerKeyAction, lastUnsent } from "./keymap";
import { chatId } from "./state";
import { errorText, useStore } from "./store";

export interface ComposerKeysInput {
  profileId: string;
  sessionKey: string;
  runId: string | null;
  text: string;
  setText(text: string): void;
  send(): void | Promise<void>;
}

export function useComposerKeys(o: ComposerKeysInput): (e: KeyboardEvent<HTMLTextAreaElement>) => void {
  const host = getHost()!;
  const notify = useStore((s) => s.notify);
  const unsent = useStore((s) => lastUnsent(s.chats[chatId(o.profileId, o.sessionKey)]?.outbox ?? [], o.sessionKey));
  return (e) => {
    const action = composerKeyAction({ key: e.key, ctrlKey: e.ctrlKey, metaKey: e.metaKey, shiftKey: e.shiftKey, altKey: e.altKey, isComposing: e.nativeEvent.isComposing }, { empty: !o.text.trim(), running: o.runId !== null, hasUnsent: unsent !== null });
    if (action === null || action === "newline") return;
    e.preventDefault();
    if (action === "send") void o.send();
    else if (action === "abort" && o.runId) void host.abortChat(o.profileId, o.sessionKey, o.runId).catch((err: unknown) => notify("error", errorText(err)));
    else if (action === "edit-last" && unsent) {
      o.setText(unsent.text);
      void host.discardChat(o.profileId, unsent.idempotencyKey).catch((err: unknown) => notify("error", errorText(err)));
    }
  };
}
