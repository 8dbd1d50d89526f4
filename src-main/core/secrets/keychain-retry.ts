// One retry for a keychain call whose Secret Service went away under it. gnome-keyring-daemon aborts
// when clients connect and disconnect quickly (upstream GNOME/gnome-keyring #190/#196; our CI hit it),
// and the desktop starts it again at once (its systemd unit, or D-Bus activation on the next call).
// Pure apart from the wait, so the rule is unit-tested without a keychain.
//
// What "went away" looks like through @napi-rs/keyring pinned to the Secret Service (keyring-store.ts),
// seen against a real gnome-keyring aborting under 4 parallel clients in the e2e sandbox:
//   "Platform failure: DBus error: Message recipient disconnected from message bus without replying"
//   (thrown by the Entry constructor or by the call), and, from a daemon stopped and then killed under
//   the call, "Platform failure: DBus error: Did not receive a reply. Possible causes include: ..."
//   (D-Bus NoReply), and "The session wrapping the secret does not exist" (a restarted daemon does not
//   know the session the call was opened in; seen in a 240 s run of 4 parallel processes, 7 aborts).
// Everything else is reported at once: "Failed to connect to socket", "was not provided by any .service
// files" (no Secret Service at all), "no result found" (no collection), a dismissed unlock prompt.
const GONE = /recipient disconnected|Did not receive a reply|NoReply|session wrapping the secret does not exist/;

/** How long to wait before the one retry: long enough for D-Bus activation to start the daemon again. */
export const KEYCHAIN_RETRY_DELAY_MS = 150;

export function isTransientKeychainError(e: unknown): boolean {
  const text = e instanceof Error ? `${e.message} ${e.cause instanceof Error ? e.cause.message : ""}` : String(e);
  return GONE.test(text);
}

/** Runs `op`; if its Secret Service went away under it, waits and runs it once more; otherwise rethrows. */
export async function withOneRetry<T>(op: () => T, delayMs = KEYCHAIN_RETRY_DELAY_MS): Promise<T> {
  try {
    return op();
  } catch (e) {
    if (!isTransientKeychainError(e)) throw e;
    await new Promise((r) => setTimeout(r, delayMs));
    return op();
  }
}
