// The host API's chat methods: list and open sessions (opening one follows it, chat-follower.ts), send,
// resend or discard an outbox message, abort a run. Sending needs a session that reached the gateway
// once; reading and aborting need it connected now.
import type { HostHandlers } from "../../../src-shared/host-api.js";
import { normalizeSessions } from "./chat-history.js";
import { sessionOf, type HostContext } from "./host-context.js";

type ChatMethods = "listChatSessions" | "openChat" | "sendChat" | "resendChat" | "discardChat" | "abortChat";

export function chatHandlers(ctx: HostContext): Pick<HostHandlers, ChatMethods> {
  const queued = (id: string) => sessionOf(ctx, id, { connected: false });
  return {
    listChatSessions: async (id) => normalizeSessions(await sessionOf(ctx, id).listSessions(100)),
    openChat: async (id, key) => ctx.chats.open(id, sessionOf(ctx, id), key),
    sendChat: (id, key, text) => ({ ...queued(id).send(key, text) }),
    resendChat: (id, key) => {
      const e = queued(id).resend(key);
      return e ? { ...e } : null;
    },
    discardChat: (id, key) => ({ discarded: queued(id).discard(key) }),
    abortChat: async (id, key, runId) => {
      const res = await sessionOf(ctx, id).abort(key, runId ?? undefined);
      return { aborted: Boolean(res.aborted) };
    },
  };
}
