// A stand-in host service behind the real web host (startWebHost, the module behind `clawlink serve`:
// its token/cookie gate, CSP, WebSocket and contract validation of every result and event). For browser
// benchmarks whose host state cannot come from this machine's one gateway (UI at scale: 100 configured
// profiles, 25 of them live in varied states). Every method a benchmark does not give answers with a
// rejection naming it, so a renderer call nobody expected shows in the page as an error, not as data.
import type { HostEventMessage, HostHandlers } from "../../src-shared/host-api.js";
import { hostMethods } from "../../src-shared/host-api.js";
import { createLogger } from "../../src-main/core/log/logger.js";
import { startWebHost, type WebHost } from "../../src-main/core/host/web-host.js";

/** Every host method: the given ones, the rest rejecting with "<name>: not part of this benchmark". */
export function standInHandlers(given: Partial<HostHandlers>): HostHandlers {
  const all: Record<string, unknown> = {};
  for (const name of Object.keys(hostMethods)) all[name] = () => Promise.reject(new Error(`${name}: not part of this benchmark`));
  return { ...(all as HostHandlers), ...given };
}

/** The real web host over `handlers`; `emit` sends a host event to every page connected to it. */
export async function standInWebHost(rendererDir: string, handlers: HostHandlers): Promise<{ web: WebHost; emit(e: HostEventMessage): void }> {
  const listeners = new Set<(e: HostEventMessage) => void>();
  const web = await startWebHost({
    handlers,
    onEvent: (l) => (listeners.add(l), () => listeners.delete(l)),
    rendererDir,
    logger: createLogger([]),
  });
  return { web, emit: (e) => listeners.forEach((l) => l(e)) };
}
