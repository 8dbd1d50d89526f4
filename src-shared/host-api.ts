// The one host API contract between the UI and whatever hosts it: Electron's preload (contextBridge +
// IPC) or the web host (`clawlink serve`, a WebSocket on the same origin). Every method and event is
// declared once here with a schema; both hosts validate payloads against it and derive their channel
// names from it, so no call site ever spells a channel string.
import { z } from "zod";

export const AppInfoSchema = z.object({
  name: z.literal("Clawlink"),
  version: z.string(),
  platform: z.string(),
  host: z.enum(["electron", "web"]),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;

/** Methods: name → argument tuple schema and result schema. */
export const hostMethods = {
  getAppInfo: { args: z.tuple([]), result: AppInfoSchema },
} as const;

/** Events pushed from host to UI: name → payload schema. */
export const hostEvents = {
  appInfoChanged: AppInfoSchema,
} as const;

export type HostMethodName = keyof typeof hostMethods;
export type HostEventName = keyof typeof hostEvents;
export type HostMethodArgs<K extends HostMethodName> = z.infer<(typeof hostMethods)[K]["args"]>;
export type HostMethodResult<K extends HostMethodName> = z.infer<(typeof hostMethods)[K]["result"]>;
export type HostEventPayload<K extends HostEventName> = z.infer<(typeof hostEvents)[K]>;

/** What the renderer sees as `window.clawlink`, whichever host provides it. */
export type HostApi = {
  [K in HostMethodName]: (...args: HostMethodArgs<K>) => Promise<HostMethodResult<K>>;
} & {
  on<K extends HostEventName>(event: K, listener: (payload: HostEventPayload<K>) => void): () => void;
};

/** The IPC channel for a method or event, derived from the contract (Electron host only). */
export const ipcChannel = {
  method: (name: HostMethodName) => `clawlink:invoke:${name}`,
  event: (name: HostEventName) => `clawlink:event:${name}`,
};

export const HOST_API_GLOBAL = "clawlink" as const;
