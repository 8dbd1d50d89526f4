// The host API's inbox methods (issue 11): the current inbox across every live connection, and answering
// one item on its own gateway. The answer's outcome (done, already resolved, unknown id, not allowed,
// scope missing, offline) is returned as a value for the UI to show on the item's card; only a call the
// contract refuses (bad arguments) fails as an error.
import type { HostHandlers } from "../../../src-shared/host-api.js";
import type { HostContext } from "./host-context.js";

type InboxMethods = "getInbox" | "answerExecApproval" | "answerPairingRequest";

export function inboxHandlers(ctx: HostContext): Pick<HostHandlers, InboxMethods> {
  return {
    getInbox: () => ctx.inbox.snapshot,
    answerExecApproval: (connectionId, id, decision, reason) => {
      const why = reason?.trim();
      return ctx.inbox.answerExec(connectionId, id, decision, why ? why : undefined);
    },
    answerPairingRequest: (connectionId, id, decision) => ctx.inbox.answerPairing(connectionId, id, decision),
  };
}
