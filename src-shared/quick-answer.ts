// Why exists (issue 11 items 3, 4): the tray menu, a desktop notification's buttons and the web host's
// banner answer an inbox item with one of four quick decisions (Allow once, Deny, Approve, Reject). Which
// answer call that is, and what a person is told when it did not go through (already resolved elsewhere,
// offline, scope missing), is decided here once; the desktop passes the inbox hub in, the page its host API.
import type { InboxRef, QuickDecision } from "./inbox-glance.js";
import type { ApprovalDecision, InboxAnswerOutcome } from "./inbox.js";

type PairingDecision = "approve" | "reject";

/** What answers: the inbox hub (core/inbox/inbox-hub.ts), or the page's host API around it. */
export interface InboxAnswerer {
  answerExec(connectionId: string, id: string, decision: ApprovalDecision): Promise<InboxAnswerOutcome>;
  answerPairing(connectionId: string, id: string, decision: PairingDecision): Promise<InboxAnswerOutcome>;
}

const EXEC: Partial<Record<QuickDecision, ApprovalDecision>> = { "allow-once": "allow-once", deny: "deny" };
const PAIRING: Partial<Record<QuickDecision, PairingDecision>> = { approve: "approve", reject: "reject" };

/** Sends the decision to the item's gateway; a decision that does not fit the item's kind is refused here. */
export function answerQuick(hub: InboxAnswerer, ref: InboxRef, decision: QuickDecision): Promise<InboxAnswerOutcome> {
  if (ref.itemKind === "exec") {
    const d = EXEC[decision];
    if (d) return hub.answerExec(ref.connectionId, ref.itemId, d);
  } else {
    const d = PAIRING[decision];
    if (d) return hub.answerPairing(ref.connectionId, ref.itemId, d);
  }
  return Promise.resolve({ kind: "not-allowed", message: `"${decision}" does not answer ${ref.itemKind === "exec" ? "an exec approval" : "a pairing request"}.` });
}

/** What to tell a person after a quick answer: nothing when it went through, else the outcome's sentence. */
export function quickAnswerMessage(outcome: InboxAnswerOutcome): string | null {
  if (outcome.kind !== "done") return outcome.message;
  return outcome.reason === "failed" ? "Answered, but the reason could not be told to the agent." : null;
}
