// The renderer's only door to the world: window.clawlink, provided by Electron's preload or the web host
// (both the one host client from src-shared/host-client.ts). Its methods answer with HostReply values;
// the components call the promise-returning API hostApiFrom makes of it (a failure rejects with a
// HostCallError holding the contract's reason, message and fix hint).
import { HOST_API_GLOBAL, type HostApi, type HostBridge } from "../../src-shared/host-api";
import { hostApiFrom } from "../../src-shared/host-client";

let cached: { bridge: HostBridge; api: HostApi } | null = null;

export function getHost(): HostApi | null {
  const bridge = ((globalThis as Record<string, unknown>)[HOST_API_GLOBAL] as HostBridge | undefined) ?? null;
  if (!bridge) return null;
  if (cached?.bridge !== bridge) cached = { bridge, api: hostApiFrom(bridge) };
  return cached.api;
}
