// What every layer reports when it needs a person: a closed reason code the UI and CLI can branch on,
// a sentence saying what happened, and a fix hint saying what to do. Never a raw stack or errno alone.
import type { Reason } from "./reasons.js";

export type { Reason } from "./reasons.js";

export interface Attention {
  /** Closed reason code (src-shared/reasons.ts), e.g. "host-key-changed", "auth-token-mismatch". */
  reason: Reason;
  /** What happened, for a person. */
  message: string;
  /** What to do about it, for a person. */
  fixHint: string;
}
