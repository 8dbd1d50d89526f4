// Binds the shared host API contract to ipcMain: one handler per contract method, each checking its
// sender before anything else and validating the arguments (and the result) against the contract's
// schemas. Channel names come from the contract, never from call sites. Events to the renderer leave
// through sendHostEvent, validated against the contract's event schema, to trusted windows only.
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
  type HostMethodArgs,
  type HostMethodName,
} from "../../src-shared/host-api.js";
import { senderRefusal } from "../core/desktop/ipc-sender.js";
import type { Logger } from "../core/log/logger.js";

/** What crosses back to the preload: a value, or an error with the fix hint the UI shows. */
export type IpcReply = { ok: true; value: unknown } | { ok: false; error: { message: string; fixHint?: string } };

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
    const spec = hostMethods[name];
    ipcMain.handle(ipcChannel.method(name), async (event: IpcMainInvokeEvent, ...raw: unknown[]): Promise<IpcReply> => {
      const refused = trusted.refusal(event);
      if (refused) {
        log.warn(`refused ${name} from an untrusted sender`, { why: refused, contents: event.sender.id });
        return { ok: false, error: { message: `rejected ${name}: untrusted sender (${refused})` } };
      }
      const parsed = spec.args.safeParse(raw);
      if (!parsed.success) {
        const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "(args)"}: ${i.message}`).join("; ");
        return { ok: false, error: { message: `invalid arguments for ${name}: ${issues}` } };
      }
      try {
        const fn = handlers[name] as (...a: unknown[]) => unknown;
        const value = spec.result.parse(await fn(...(parsed.data as HostMethodArgs<typeof name>)));
        return { ok: true, value };
      } catch (e) {
        const err = e as { message?: string; fixHint?: string };
        log.warn(`${name} failed`, { error: err.message ?? String(e) });
        return { ok: false, error: { message: err.message ?? String(e), ...(err.fixHint ? { fixHint: err.fixHint } : {}) } };
      }
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
