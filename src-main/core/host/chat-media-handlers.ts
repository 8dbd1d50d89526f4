// The host API's chat pictures (chatMedia): the renderer names a picture a transcript row refers to
// (ChatMessage.media[].source) and gets back a checked `data:` URL or the sentence for its placeholder;
// it never makes a request of its own. The host fetches only the gateway's media route for the
// gateway's own inbound files (chat-media.ts), over this connection's path (controlUiBase: the SSH
// tunnel's loopback port or the direct URL) with this profile's credential and certificate pin.
// A picture that cannot be shown is an answer, never a failed call.
import type { HostHandlers } from "../../../src-shared/host-api.js";
import { agentOfKey } from "../../../src-shared/session-label.js";
import { controlUiBase } from "../desktop/tray-model.js";
import { isFetchableSource, mediaUrl } from "../gateway/chat-media.js";
import { fetchImage } from "../gateway/media-fetch.js";
import { specFromProfile } from "../orchestrator/profile-spec.js";
import { profileOf, type HostContext } from "./host-context.js";
import { specOptions } from "./profile-views.js";

export function chatMediaHandlers(ctx: HostContext): Pick<HostHandlers, "chatMedia"> {
  return {
    chatMedia: async (id, sessionKey, source) => {
      const no = (problem: string) => ({ dataUrl: null, mimeType: null, problem });
      if (!isFetchableSource(source)) return no("it is not a file this gateway keeps for the chat");
      const p = profileOf(ctx, id);
      const sup = ctx.orchestrator.get(p.id);
      const snap = sup?.snapshot;
      const base = snap && snap.state === "connected" ? controlUiBase(snap) : null;
      if (!base) return no(`${p.name} is not connected right now`);
      const creds = (await specFromProfile(p, specOptions(ctx.o))).credentials;
      const bearer = creds.token?.value ?? creds.password?.value ?? null;
      if (!bearer) return no("this gateway's media needs its token or password, and this profile uses neither");
      const r = await fetchImage({ url: mediaUrl(base, source, sessionKey, agentOfKey(sessionKey)), bearer, tlsFingerprint: snap?.kind === "direct" ? (sup?.tlsPin ?? null) : null });
      if (!r.ok) ctx.log.info(`chat picture not shown for ${p.id}: ${r.problem}`);
      return r.ok ? { dataUrl: r.dataUrl, mimeType: r.mimeType, problem: null } : no(r.problem);
    },
  };
}
