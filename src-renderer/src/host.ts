// The renderer's only door to the world: window.clawlink, provided by Electron's preload or the web host.
import { HOST_API_GLOBAL, type HostApi } from "../../src-shared/host-api";

export function getHost(): HostApi | null {
  return ((globalThis as Record<string, unknown>)[HOST_API_GLOBAL] as HostApi | undefined) ?? null;
}
