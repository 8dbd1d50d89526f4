// The message box: Enter sends, Shift+Enter is a new line, Up (empty box) edits the last undelivered
// message, Esc aborts (composer-keys.ts); Abort while a reply runs.
import { useState } from "react";
import { useComposerKeys } from "../composer-keys";
import { getHost } from "../host";
import { errorText, useStore } from "../store";

export function Composer({ profileId, sessionKey, runId }: { profileId: string; sessionKey: string; runId: string | null }) {
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
