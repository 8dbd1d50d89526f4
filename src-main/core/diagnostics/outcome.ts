// What a ladder run amounts to: one outcome kind (the CLI turns it into an exit code), taken from the
// reason code of the step that failed. Reason codes come from every layer (the transports, the gateway
// failure union, the ladder's own probes); their closed list and the kind of each are in
// src-shared/reasons.ts, so a new reason cannot land without saying what it amounts to.
import type { Attention } from "../../../src-shared/attention.js";
import { OUTCOME_OF_REASON, type OutcomeKind, type Reason } from "../../../src-shared/reasons.js";

export type { OutcomeKind };

/** The outcome kind for the reason code a failed step carries. */
export function outcomeKindFor(reason: Reason): OutcomeKind {
  return OUTCOME_OF_REASON[reason];
}

const PROXY_HEADERS = /proxy headers detected from untrusted address|proxy client attribution is required/i;

/**
 * Whatever text the gateway sent (a close reason, an error message, a remediation hint) may name a
 * problem our reason codes do not: the reverse-proxy one in particular. Returns the attention with a
 * fix hint for it, or the attention unchanged.
 */
export function withGatewayTextHints(a: Attention, gatewayText: Array<string | null | undefined>): Attention {
  const text = gatewayText.filter((t): t is string => typeof t === "string" && t.length > 0).join(" | ");
  if (!PROXY_HEADERS.test(text)) return a;
  return {
    ...a,
    message: `${a.message} The gateway said: "${text.slice(0, 300)}".`,
    fixHint:
      "A reverse proxy sits between Clawlink and the gateway, and the gateway does not trust the address it forwards from, so it sees the proxy instead of you. " +
      "On the gateway host add the proxy's address to gateway.trustedProxies (e.g. `openclaw config set gateway.trustedProxies '[\"127.0.0.1\"]'`) " +
      "or set OPENCLAW_GATEWAY_TRUSTED_PROXIES for the gateway process, make the proxy overwrite X-Forwarded-For, then restart the gateway.",
  };
}
