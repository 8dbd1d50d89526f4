// The host API's chat pictures (chatMedia): the renderer names a picture a transcript row refers to
// (ChatMessage.media[].source) and gets back a checked `data:` URL or the sentence for its placeholder;
// it never makes a request of its own. Two kinds of source, one gate (checkImage):
// - `media://inbound/<name>`: the gateway's own inbound files (chat-media.ts), from the Control UI's
//   media route over this connection's path (controlUiBase: the SSH tunnel's loopback port or the direct
//   URL) with this profile's credential and certificate pin;
// - `artifact:<id>`: an assistant's generated image (artifact-image.ts), through artifacts.download on
//   this connection and its short-lived link, fetched over the same path and pin with no credential.
// A picture that cannot be shown is an answer, never a failed call.
import type { HostHandlers, HostMethodResult } from "../../../src-shared/host-api.js";
import type { Profile } from "../profiles/profile-schema.js";
import { agentOfKey } from "../../../src-shared/session-label.js";
import { controlUiBase } from "../desktop/tray-model.js";
import { ARTIFACT_IMAGE_CAP_BYTES, artifactIdOf, gatewayUrl, isUnmanagedImage, loadArtifactImage, UNMANAGED_PROBLEM } from "../gateway/artifact-image.js";
import { isFetchableSource, mediaUrl, type ImageCheck } from "../gateway/chat-media.js";
import { fetchAnswer, fetchImage } from "../gateway/media-fetch.js";
import { specFromProfile } from "../orchestrator/profile-spec.js";
import { profileOf, type HostContext } from "./host-context.js";
import { specOptions } from "./profile-views.js";

type Result = HostMethodResult<"chatMedia">;
const no = (problem: string): Result => ({ dataUrl: null, mimeType: null, problem });

export function chatMediaHandlers(ctx: HostContext): Pick<HostHandlers, "chatMedia"> {
  return {
    chatMedia: async (id, sessionKey, source) => {
      const p = profileOf(ctx, id);
      const artifactId = artifactIdOf(source);
      if (artifactId) return answer(ctx, p, await artifactPicture(ctx, p, sessionKey, artifactId));
      if (isUnmanagedImage(source)) return no(UNMANAGED_PROBLEM);
      if (!isFetchableSource(source)) return no("it is not a file this gateway keeps for the chat");
      const sup = ctx.orchestrator.get(p.id);
      const snap = sup?.snapshot;
      const base = snap && snap.state === "connected" ? controlUiBase(snap) : null;
      if (!base) return no(`${p.name} is not connected right now`);
      const creds = (await specFromProfile(p, specOptions(ctx.o))).credentials;
      const bearer = creds.token?.value ?? creds.password?.value ?? null;
      if (!bearer) return no("this gateway's media needs its token or password, and this profile uses neither");
      const r = await fetchImage({ url: mediaUrl(base, source, sessionKey, agentOfKey(sessionKey)), bearer, tlsFingerprint: snap?.kind === "direct" ? (sup?.tlsPin ?? null) : null });
      return answer(ctx, p, r);
    },
  };
}

function answer(ctx: HostContext, p: Profile, r: ImageCheck): Result {
  if (!r.ok) ctx.log.info(`chat picture not shown for ${p.id}: ${r.problem}`);
  return r.ok ? { dataUrl: r.dataUrl, mimeType: r.mimeType, problem: null } : no(r.problem);
}

/** One generated image, loaded on the connection (session object, attempt, route) it started on. */
async function artifactPicture(ctx: HostContext, p: Profile, sessionKey: string, artifactId: string): Promise<ImageCheck> {
  const sup = ctx.orchestrator.get(p.id);
  const session = sup?.session ?? null;
  const snap = sup?.snapshot;
  const base = snap && snap.state === "connected" ? controlUiBase(snap) : null;
  if (!sup || !session || !base || session.snapshot.phase !== "connected") return { ok: false, problem: `${p.name} is not connected right now` };
  const generation = session.snapshot.generation;
  const pin = snap?.kind === "direct" ? sup.tlsPin : null;
  const agentId = agentOfKey(sessionKey);
  return loadArtifactImage({
    download: () => session.request("artifacts.download", { sessionKey, ...(agentId ? { agentId } : {}), artifactId }),
    fetch: (url) => fetchAnswer({ url, bearer: null, tlsFingerprint: pin, cap: ARTIFACT_IMAGE_CAP_BYTES }),
    resolve: (url) => gatewayUrl(base, url),
    current: () => {
      const now = sup.snapshot;
      return sup.session === session && session.snapshot.phase === "connected" && session.snapshot.generation === generation && now.state === "connected" && controlUiBase(now) === base;
    },
    now: () => Date.now(),
  });
}
