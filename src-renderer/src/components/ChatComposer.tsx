// The message box: Enter sends, Shift+Enter is a new line, Up (empty box) edits the last undelivered
// message, Esc aborts (composer-keys.ts); Abort while a reply runs. Pictures: "Attach picture" (a file
// picker), paste or drop an image; each shows as a chip with Remove until Send. A refused send (too large,
// not a picture, not connected) says why next to the box and keeps text and chips (issue-12-send-pictures.md).
import { useRef, useState } from "react";
import { useComposerKeys } from "../composer-keys";
import { imageFilesOf, readPicture, type AttachedPicture } from "../composer-pictures";
import { getHost } from "../host";
import { safeImageSrc } from "../chat-media-model";
import { errorText, useStore } from "../store";

export function Composer({ profileId, sessionKey, runId }: { profileId: string; sessionKey: string; runId: string | null }) {
  const host = getHost()!;
  const notify = useStore((s) => s.notify);
  const [text, setText] = useState("");
  const { pictures, setPictures, problem, setProblem, attach } = usePictures();
  const send = async () => {
    const t = text.trim();
    if (!t && !pictures.length) return;
    try {
      const pics = pictures.map(({ fileName, base64 }) => ({ fileName, base64 }));
      // No fourth argument without pictures: over the web host's JSON an undefined in the argument list arrives as null.
      if (pics.length) await host.sendChat(profileId, sessionKey, t, pics);
      else await host.sendChat(profileId, sessionKey, t);
      setText("");
      setPictures([]);
      setProblem(null);
    } catch (e) {
      if (pictures.length) setProblem(errorText(e));
      else notify("error", errorText(e));
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
      onDragOver={(e) => {
        if (Array.from(e.dataTransfer.types).includes("Files")) e.preventDefault();
      }}
      onDrop={(e) => {
        const files = imageFilesOf(e.dataTransfer);
        if (!files.length) return;
        e.preventDefault();
        void attach(files);
      }}
    >
      <PictureChips pictures={pictures} remove={(id) => setPictures((all) => all.filter((x) => x.id !== id))} />
      {problem ? (
        <p role="alert" className="composer-problem">
          {problem}
        </p>
      ) : null}
      <textarea
        aria-label="Message"
        value={text}
        rows={2}
        placeholder="Message (Enter sends, Shift+Enter for a new line)"
        onChange={(e) => setText(e.target.value)}
        onKeyDown={keys}
        onPaste={(e) => {
          const files = imageFilesOf(e.clipboardData);
          if (!files.length) return;
          e.preventDefault();
          void attach(files);
        }}
      />
      <PicturePicker onFiles={(files) => void attach(files)} />
      <button type="submit" className="primary" disabled={!text.trim() && !pictures.length}>
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

function PictureChips({ pictures, remove }: { pictures: AttachedPicture[]; remove: (id: string) => void }) {
  if (!pictures.length) return null;
  return (
    <ul className="composer-pictures" aria-label="Pictures to send">
      {pictures.map((p) => (
        <li key={p.id} className="picture-chip">
          {safeImageSrc(p.dataUrl) ? <img src={p.dataUrl} alt="" /> : null}
          <span>{p.fileName}</span>
          <button type="button" aria-label={`Remove ${p.fileName}`} onClick={() => remove(p.id)}>
            Remove
          </button>
        </li>
      ))}
    </ul>
  );
}

/** "Attach picture": a real button in the tab order that opens the (hidden) file picker. */
function PicturePicker({ onFiles }: { onFiles: (files: File[]) => void }) {
  const fileInput = useRef<HTMLInputElement>(null);
  return (
    <>
      <input
        ref={fileInput}
        type="file"
        accept="image/png,image/jpeg,image/gif,image/webp"
        multiple
        hidden
        aria-label="Picture file"
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          e.target.value = "";
          onFiles(files);
        }}
      />
      <button type="button" onClick={() => fileInput.current?.click()}>
        Attach picture
      </button>
    </>
  );
}

/** The chips waiting for Send, and the sentence of the last refusal. */
function usePictures() {
  const [pictures, setPictures] = useState<AttachedPicture[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const attach = async (files: File[]) => {
    let count = pictures.length;
    const added: AttachedPicture[] = [];
    for (const f of files) {
      const r = await readPicture(f, count);
      if (typeof r === "string") {
        setProblem(r);
        break;
      }
      added.push(r);
      count++;
    }
    if (added.length) {
      setPictures((p) => [...p, ...added]);
      if (added.length === files.length) setProblem(null);
    }
  };
  return { pictures, setPictures, problem, setProblem, attach };
}
