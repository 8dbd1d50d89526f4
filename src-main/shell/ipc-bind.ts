// Binds the shared host API contract to ipcMain: one handler per contract method, each checking its
// sender before anything else, then core/host/host-call.ts (shared with the web host) validates the
// arguments and the result against the contract and answers with a HostReply value. Channel names come
// from the contract, never from call sites. Events to the renderer leave through sendHostEvent,
// validated against the contract's event schema, to trusted windows only.
//
// Sender check: the rule (registered window, its main frame, our app://clawlink origin) is the pure
// senderRefusal in core/desktop/ipc-sender.ts, unit-tested without Electron; this file keeps the
// registry of our windows' webContents, which is what makes the check hold under Playwright too.
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from "electron";
import {
  hostEvents,
  hostMethods,
  ipcChannel,
  type HostEventName,
  type HostEventPayload,
  type HostHandlers,
  type HostMethodName,
  type HostReply,
} from "../../src-shared/host-api.js";
import { hostFailure } from "../../src-shared/host-client.js";
import { senderRefusal } from "../core/desktop/ipc-sender.js";
import { callHostMethod } from "../core/host/host-call.js";
import type { Logger } from "../core/log/logger.js";

/** What crosses back to the preload: the contract's HostReply (the same value the web host answers with). */
export type IpcReply = HostReply;

export class TrustedSenders {
  private readonly ids = new Set<number>();

  add(contents: WebContents): void {
    const id = contents.id;
    this.ids.add(id);
    contents.once("destroyed", () => this.ids.delete(id));
  }

  has(contents: WebContents): boolean {
    return this.ids.has(contents.id);
  }

  /** Why a sender is refused, or null when it is one of ours (main frame, our origin). */
  refusal(event: Pick<IpcMainInvokeEvent, "sender" | "senderFrame">): string | null {
    return senderRefusal(this.ids, event);
  }

  all(): number[] {
    return [...this.ids];
  }
}

export function bindHostApi(handlers: HostHandlers, trusted: TrustedSenders, log: Logger): () => void {
  const names = Object.keys(hostMethods) as HostMethodName[];
  for (const name of names) {
    ipcMain.handle(ipcChannel.method(name), async (event: IpcMainInvokeEvent, ...raw: unknown[]): Promise<IpcReply> => {
      const refused = trusted.refusal(event);
      if (refused) {
        log.warn(`refused ${name} from an untrusted sender`, { why: refused, contents: event.sender.id });
        return hostFailure("untrusted-sender", `rejected ${name}: untrusted sender (${refused})`);
      }
      return callHostMethod(handlers, name, raw, log);
    });
  }
  return () => names.forEach((n) => ipcMain.removeHandler(ipcChannel.method(n)));
}

/** Sends one contract event to every trusted, live window; an invalid payload is a bug and is dropped loudly. */
export function sendHostEvent<K extends HostEventName>(
  name: K,
  payload: HostEventPayload<K>,
  targets: Iterable<WebContents>,
  trusted: TrustedSenders,
  log: Logger,
): void {
  const parsed = hostEvents[name].safeParse(payload);
  if (!parsed.success) {
    log.error(`dropped host event ${name}: payload does not match the contract`);
    return;
  }
  for (const wc of targets) if (!wc.isDestroyed() && trusted.has(wc)) wc.send(ipcChannel.event(name), parsed.data);
}
