// What every layer reports when it needs a person: a closed reason code the UI and CLI can branch on,
// a sentence saying what happened, and a fix hint saying what to do. Never a raw stack or errno alone.
export interface Attention {
  /** Closed, layer-specific reason code, e.g. "host-key-changed", "auth-token-mismatch". */
  reason: string;
  /** What happened, for a person. */
  message: string;
  /** What to do about it, for a person. */
  fixHint: string;
}
