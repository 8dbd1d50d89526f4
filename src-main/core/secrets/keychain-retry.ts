// One retry for a keychain call whose Secret Service went away mid-call (gnome-keyring-daemon aborts on
// fast client churn, upstream GNOME/gnome-keyring #190/#196, and the desktop starts it again). Pure
// apart from the wait, so the rule is unit-tested without a keychain.
//
// What "went away" looks like through @napi-rs/keyring, seen against a real gnome-keyring stopped and
// killed under a call in the e2e sandbox (e2e/keychain.e2e.test.ts):
//   "Couldn't access platform storage: AccessDenied"
//   "Platform failure: DBus error: Message recipient disconnected from message bus without replying"
//   "... NoReply ..."  (the call timed out on a daemon that hung)
// AccessDenied is also exactly what a process gets on its first call when no Secret Service exists at
// all (no session bus, or a bus with no provider), and on Linux @napi-rs/keyring then quietly serves
// every later call from the kernel keyring alone (gone at logout). A retry there would "succeed" into
// that, and the person would believe their token was kept. So AccessDenied counts as transient only once
// the Secret Service has answered in this process (the probe or any call); before that it is reported.
// Never retried: "Secret Service: no result found" (no collection at all) and anything else, so a real
// refusal is reported at once.
const GONE = /recipient disconnected|NoReply/;
const DENIED = /AccessDenied/;

/** How long to wait before the one retry: long enough for D-Bus activation to start the daemon again. */
export const KEYCHAIN_RETRY_DELAY_MS = 150;

export function isTransientKeychainError(e: unknown, answeredBefore: boolean): boolean {
  const text = e instanceof Error ? `${e.message} ${e.cause instanceof Error ? e.cause.message : ""}` : String(e);
  return GONE.test(text) || (answeredBefore && DENIED.test(text));
}

export interface RetryOptions {
  /** Has the Secret Service answered a call in this process before this one? */
  answeredBefore: boolean;
  /** Runs before the retry (its errors ignored), e.g. clearing a half-written entry. */
  beforeRetry?: () => unknown;
  delayMs?: number;
}

/** Runs `op`; if it fails the transient way, waits and runs it once more; any other failure is rethrown. */
export async function withOneRetry<T>(op: () => T, o: RetryOptions): Promise<T> {
  try {
    return op();
  } catch (e) {
    if (!isTransientKeychainError(e, o.answeredBefore)) throw e;
    await new Promise((r) => setTimeout(r, o.delayMs ?? KEYCHAIN_RETRY_DELAY_MS));
    try {
      o.beforeRetry?.();
    } catch {
      /* nothing to clear */
    }
    return op();
  }
}
