// The host API's connection methods: connect, disconnect, retry from the top, re-trust a changed TLS
// certificate (only the one the person was shown), and answering a prompt.
import type { HostHandlers } from "../../../src-shared/host-api.js";
import { profileScopedStore } from "../profiles/profile-keychain.js";
import type { Profile } from "../profiles/profile-schema.js";
import { parseDirectUrl } from "../transport/direct-url.js";
import { retrustTlsPin } from "../transport/tls-pin.js";
import { profileOf, startConnection, type HostContext } from "./host-context.js";
import { HandlerError } from "./host-call.js";
import { tlsPrompt } from "./prompt-broker.js";

type ConnectionMethods = "connect" | "disconnect" | "retry" | "retrustTls" | "answerPrompt";

export function connectionHandlers(ctx: HostContext): Pick<HostHandlers, ConnectionMethods> {
  return {
    connect: (id) => {
      startConnection(ctx, profileOf(ctx, id));
      return { ok: true };
    },
    disconnect: async (id) => {
      const p = profileOf(ctx, id);
      ctx.prompts.declineFor(p.id);
      await ctx.orchestrator.disconnect(p.id);
      ctx.statuses.delete(p.id);
      return { ok: true };
    },
    retry: (id) => {
      // From the top with freshly resolved settings and credentials (a person just fixed something).
      startConnection(ctx, profileOf(ctx, id));
      return { ok: true };
    },
    retrustTls: async (id, shown) => {
      await retrustTls(ctx, profileOf(ctx, id), shown);
      return { ok: true };
    },
    answerPrompt: (a) => ctx.prompts.answer([a]),
  };
}

/**
 * Re-trust after "tls-cert-changed", for the fingerprint the UI showed (`shown`, sent back with the
 * click): one probe, which must still see that certificate, then the details once more in a prompt
 * whose answer must name it again. A server that now presents anything else is refused.
 */
async function retrustTls(ctx: HostContext, p: Profile, shown: string): Promise<void> {
  const u = p.direct ? parseDirectUrl(p.direct.url) : null;
  if (!u?.ok || !u.value.secure) throw new HandlerError("Only wss:// profiles have a pinned certificate.");
  const { host, port } = u.value;
  const res = await retrustTlsPin({
    host,
    port,
    store: profileScopedStore(ctx.o.secrets, p.uid),
    shown,
    confirm: async (prompt) => {
      const a = await ctx.prompts.ask(tlsPrompt(prompt, p.id));
      return { accept: a.accept, ...(a.fingerprint ? { fingerprint: a.fingerprint } : {}) };
    },
  });
  if (!res.ok) throw new HandlerError(res.attention.message, res.attention.fixHint);
  startConnection(ctx, p);
}
