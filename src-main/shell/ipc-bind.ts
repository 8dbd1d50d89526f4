// Binds the shared host API contract to ipcMain: one handler per contract method, each checking that
// the sender is one of our windows' main frame and validating the arguments against the contract's
// schema before the core sees them. Channel names come from the contract, never from call sites.
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from "electron";
import { hostMethods, ipcChannel, type HostMethodName, type HostMethodArgs, type HostMethodResult } from "../../src-shared/host-api.js";

export type HostHandlers = { [K in HostMethodName]: (...args: HostMethodArgs<K>) => Promise<HostMethodResult<K>> | HostMethodResult<K> };

export function bindHostApi(handlers: HostHandlers, isTrusted: (sender: WebContents, frameUrl: string | undefined) => boolean): void {
  for (const name of Object.keys(hostMethods) as HostMethodName[]) {
    const spec = hostMethods[name];
    ipcMain.handle(ipcChannel.method(name), async (event: IpcMainInvokeEvent, ...raw: unknown[]) => {
      if (!isTrusted(event.sender, event.senderFrame?.url)) throw new Error(`rejected ${name}: untrusted sender`);
      const args = spec.args.parse(raw) as HostMethodArgs<typeof name>;
      const fn = handlers[name] as (...a: unknown[]) => unknown;
      return spec.result.parse(await fn(...args));
    });
  }
}
