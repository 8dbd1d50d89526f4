// The pictures of a chat row: each asks the host for its checked data: URL (chatMedia) and shows it,
// or a placeholder saying why it could not be shown. The renderer never requests the picture itself
// (its CSP allows img-src data: only), and the markdown still drops every <img>.
import { useEffect, useState } from "react";
import type { ChatMediaRef } from "../../../src-shared/chat-schema";
import { PictureCache, placeholderText, type PictureState } from "../chat-media-model";
import { getHost } from "../host";

const cache = new PictureCache();

export function ChatMedia({ profileId, sessionKey, media }: { profileId: string; sessionKey: string; media: ChatMediaRef[] }) {
  return (
    <div className="chat-media">
      {media.map((m) => (
        <Picture key={m.source} profileId={profileId} sessionKey={sessionKey} media={m} />
      ))}
    </div>
  );
}

function Picture({ profileId, sessionKey, media }: { profileId: string; sessionKey: string; media: ChatMediaRef }) {
  const host = getHost()!;
  const [pic, setPic] = useState<PictureState>({ state: "loading" });
  useEffect(() => {
    let live = true;
    const key = `${profileId}\n${sessionKey}\n${media.source}`;
    void cache.get(key, () => host.chatMedia(profileId, sessionKey, media.source)).then((p) => {
      if (p.state === "not-shown") cache.forget(key);
      if (live) setPic(p);
    });
    return () => {
      live = false;
    };
  }, [host, profileId, sessionKey, media.source]);
  const name = media.fileName ?? "image";
  if (pic.state === "shown") return <img className="chat-image" src={pic.src} alt={name} title={name} data-testid="chat-image" />;
  if (pic.state === "loading") return <p className="chat-image-placeholder muted" data-testid="chat-image-loading">Loading {name}…</p>;
  return (
    <p className="chat-image-placeholder" role="note" data-testid="chat-image-placeholder">
      {placeholderText(media, pic.problem)}
    </p>
  );
}
