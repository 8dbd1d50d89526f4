// The host service's one way out to the UI: every event is validated against the contract
// (src-shared/host-api.ts) before any listener (the web host, the Electron shell's IPC) sees it, and one
// listener that throws does not keep the others from hearing it.
import { hostEvents, type HostEventMessage, type HostEventName, type HostEventPayload } from "../../../src-shared/host-api.js";
import type { Logger } from "../log/logger.js";

export type EmitHostEvent = <K extends HostEventName>(name: K, payload: HostEventPayload<K>) => void;

export class HostEventHub {
  private readonly listeners = new Set<(e: HostEventMessage) => void>();

  constructor(private readonly log: Logger) {}

  on(l: (e: HostEventMessage) => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  readonly emit: EmitHostEvent = (name, payload) => {
    const checked = hostEvents[name].safeParse(payload);
    if (!checked.success) {
      this.log.error(`event ${name} does not match the host API contract; not sent`, { issues: checked.error.issues.slice(0, 5).map((i) => `${i.path.join(".")}: ${i.message}`) });
      return;
    }
    const msg = { name, payload: checked.data } as HostEventMessage;
    for (const l of this.listeners) {
      try {
        l(msg);
      } catch (e) {
        this.log.error(`event listener for ${name} threw`, { error: e });
      }
    }
  };
}
