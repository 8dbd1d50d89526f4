// Preload: exposes the host API contract as window.clawlink through contextBridge — the one host client
// (src-shared/host-client.ts, the same the web host serves) over IPC, with channel names derived from the
// contract. Nothing else crosses over (never ipcRenderer itself). Main answers every call with a
// HostReply value ({ ok, value } or { ok: false, error: { reason, message, fixHint } }); plain data
// crosses contextBridge whole, so the fix hint stays its own field.
import { contextBridge, ipcRenderer } from "electron";
import { HOST_API_GLOBAL, ipcChannel } from "../src-shared/host-api-names.js";
import type { HostReply } from "../src-shared/host-api.js";
import { createHostBridge } from "../src-shared/host-client.js";

const bridge = createHostBridge({
  call: (method, args) => ipcRenderer.invoke(ipcChannel.method(method), ...args) as Promise<HostReply>,
  listen: (event, listener) => {
    const wrapped = (_e: unknown, payload: unknown) => listener(payload);
    ipcRenderer.on(ipcChannel.event(event), wrapped);
    return () => ipcRenderer.off(ipcChannel.event(event), wrapped);
  },
});
contextBridge.exposeInMainWorld(HOST_API_GLOBAL, bridge);
