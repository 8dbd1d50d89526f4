// Preload: exposes the host API contract as window.clawlink through contextBridge. It builds one
// function per contract method and one subscription per contract event; nothing else crosses over (never
// ipcRenderer itself). Main answers every call with { ok, value } or { ok: false, error }; a refusal
// becomes a rejected promise. contextBridge copies an Error's message but drops custom properties, so the
// fix hint travels inside the message (the UI shows "message fixHint" for the web host too).
import { contextBridge, ipcRenderer } from "electron";
import { HOST_API_GLOBAL, hostEvents, hostMethods, ipcChannel, type HostEventName } from "../src-shared/host-api.js";

type Reply = { ok: true; value: unknown } | { ok: false; error: { message: string; fixHint?: string } };

const api: Record<string, unknown> = {};
for (const name of Object.keys(hostMethods) as (keyof typeof hostMethods)[]) {
  api[name] = async (...args: unknown[]) => {
    const reply = (await ipcRenderer.invoke(ipcChannel.method(name), ...args)) as Reply;
    if (reply.ok) return reply.value;
    throw new Error(reply.error.fixHint ? `${reply.error.message} ${reply.error.fixHint}` : reply.error.message);
  };
}
api.on = (event: HostEventName, listener: (payload: unknown) => void) => {
  if (!Object.prototype.hasOwnProperty.call(hostEvents, event)) throw new Error(`unknown host event ${String(event)}`);
  const wrapped = (_e: unknown, payload: unknown) => listener(payload);
  ipcRenderer.on(ipcChannel.event(event), wrapped);
  return () => ipcRenderer.off(ipcChannel.event(event), wrapped);
};
contextBridge.exposeInMainWorld(HOST_API_GLOBAL, api);
