// A cheap "are you there?" over an established SSH connection: one keepalive@openssh.com global
// request, which every OpenSSH server answers (with REQUEST_FAILURE, which is fine: any answer proves
// the link carries packets both ways). ssh2's own keepalive sends the same packet, but only on a fixed
// interval with a count before giving up; the tunnel's liveness check needs to send one on demand.
//
// ssh2 (pinned at 1.17.0 in package.json) has no public method for it, so this uses the two internals
// its keepalive uses: `_protocol.ping()` and the `_callbacks` FIFO that global-request replies are
// matched against. Pushing a no-op callback keeps that FIFO in step with the reply. If a future ssh2
// drops these internals, sshPing returns false and the tunnel falls back to ssh2 keepalive alone.
import type { Client } from "ssh2";

interface Ssh2Internals {
  _protocol?: { ping?: () => void };
  _callbacks?: Array<(hadErr: boolean) => void>;
}

export function canSshPing(client: Client): boolean {
  const c = client as unknown as Ssh2Internals;
  return typeof c._protocol?.ping === "function" && Array.isArray(c._callbacks);
}

/** Sends one ping; `onReply` runs when the server answers. Returns false when ping is unavailable. */
export function sshPing(client: Client, onReply?: () => void): boolean {
  const c = client as unknown as Ssh2Internals;
  if (!canSshPing(client)) return false;
  c._callbacks!.push(() => onReply?.());
  c._protocol!.ping!();
  return true;
}
