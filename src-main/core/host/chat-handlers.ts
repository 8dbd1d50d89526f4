// The host API's chat methods: list and open sessions (opening one follows it, chat-follower.ts), send,
// resend or discard an outbox message, abort a run; older history pages; new / rename / model / delete
// a session and the agents and models to pick from (core/gateway/chat-sessions.ts, shared with the
// CLI). Sending needs a session that reached the gateway once; everything else needs it connected now.
import type { HostHandlers } from "../../../src-shared/host-api.js";
import { createSession, deleteSession, listAgents, listModels, listSessions, patchSession, type Request } from "../gateway/chat-sessions.js";
import { checkPictures } from "../gateway/chat-pictures.js";
import { sessionOf, type HostContext } from "./host-context.js";
import { HandlerError } from "./host-call.js";

type ChatMethods =
  | "listChatSessions"
  | "openChat"
  | "sendChat"
  | "resendChat"
  | "discardChat"
  | "abortChat"
  | "loadOlderChat"
  | "createChatSession"
  | "patchChatSession"
  | "deleteChatSession"
  | "listChatAgents"
  | "listChatModels";

export function chatHandlers(ctx: HostContext): Pick<HostHandlers, ChatMethods> {
  const queued = (id: string) => sessionOf(ctx, id, { connected: false });
  const req = (id: string): Request => {
    const session = sessionOf(ctx, id);
    return (method, params) => session.request(method, params);
  };
  return {
    listChatSessions: (id) => {
      const request = req(id);
      // The list is in use: from now on it follows the gateway's sessions.changed (chatSessions events).
      ctx.rosters.follow(id);
      return listSessions(request, 100);
    },
    openChat: async (id, key) => ctx.chats.open(id, sessionOf(ctx, id), key),
    sendChat: (id, key, text, pictures) => {
      const session = queued(id);
      if (!pictures?.length) {
        if (!text.trim()) throw new HandlerError("There is nothing to send.", "Type a message or attach a picture.");
        return { ...session.send(key, text) };
      }
      // Pictures are never queued: they would have to be kept in the outbox file (issue-12-send-pictures.md).
      if (session.snapshot.phase !== "connected") throw new HandlerError("Not connected: the picture is kept in the box; send it when connected.", "Wait until the connection is back, then press Send again.");
      const checked = checkPictures(pictures, session.uploadPolicy, text);
      if (!checked.ok) throw new HandlerError(checked.problem, "Nothing was sent.");
      return { ...session.send(key, text, checked.attachments) };
    },
    resendChat: (id, key) => {
      const e = queued(id).resend(key);
      return e ? { ...e } : null;
    },
    discardChat: (id, key) => ({ discarded: queued(id).discard(key) }),
    abortChat: async (id, key, runId) => {
      const res = await sessionOf(ctx, id).abort(key, runId ?? undefined);
      return { aborted: Boolean(res.aborted) };
    },
    loadOlderChat: (id, key, offset) => ctx.chats.loadOlder(sessionOf(ctx, id), key, offset),
    createChatSession: (id, input) => createSession(req(id), input),
    patchChatSession: (id, key, patch) => patchSession(req(id), key, patch),
    deleteChatSession: (id, key) => deleteSession(req(id), key),
    listChatAgents: (id) => listAgents(req(id)),
    listChatModels: (id, agentId) => listModels(req(id), agentId),
  };
}
