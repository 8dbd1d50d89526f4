// Preload: exposes the host API contract as window.clawlink through contextBridge. It builds one
// function per contract method and one subscription per contract event; nothing else crosses over.
import { contextBridge, ipcRenderer } from "electron";
import { HOST_API_GLOBAL, hostEvents, hostMethods, ipcChannel, type HostEventName } from "../src-shared/host-api.js";

const api: Record<string, unknown> = {};
for (const name of Object.keys(hostMethods) as (keyof typeof hostMethods)[]) {
  api[name] = (...args: unknown[]) => ipcRenderer.invoke(ipcChannel.method(name), ...args);
}
api.on = (event: HostEventName, listener: (payload: unknown) => void) => {
  if (!(event in hostEvents)) throw new Error(`unknown host event ${String(event)}`);
  const wrapped = (_e: unknown, payload: unknown) => listener(payload);
  ipcRenderer.on(ipcChannel.event(event), wrapped);
  return () => ipcRenderer.off(ipcChannel.event(event), wrapped);
};
contextBridge.exposeInMainWorld(HOST_API_GLOBAL, api);
