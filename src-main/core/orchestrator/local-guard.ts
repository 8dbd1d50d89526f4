// Local mode's gate (issue 10): a session of the "This machine" profile may only start against, and only
// show what it got from, this machine's own gateway. The supervisor asks admit() before it starts a
// session and vet() before it shows a session state that offers something (connected, a token or
// pairing prompt). When the listener turns out to be a tunnel or another program, the supervisor drops
// the session and shows the guard's attention; the guard then keeps looking every pollMs and calls
// onCleared() once the port is free or this machine's gateway holds it.
import type { Attention } from "../../../src-shared/attention.js";
import type { SessionSnapshot } from "../../../src-shared/gateway-session.js";
import { checkLocalListener, localListenerAttention, type LocalListener } from "../local/local-listener-check.js";

export interface LocalGuardOptions {
  env: NodeJS.ProcessEnv;
  homeDir?: string | undefined;
  log: (line: string) => void;
  onCleared: () => void;
  pollMs?: number;
  /** Tests: the facts, without a real port. */
  check?: (port: number) => Promise<LocalListener>;
}

/** Session phases whose snapshot offers a person something; these wait for the vetting. */
export const OFFERING_PHASES: ReadonlySet<SessionSnapshot["phase"]> = new Set(["connected", "needs-attention", "pairing-required"]);

export function portOfUrl(url: string): number {
  const u = new URL(url);
  return u.port ? Number(u.port) : u.protocol === "wss:" ? 443 : 80;
}

export class LocalGuard {
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(private readonly o: LocalGuardOptions) {}

  /** Null when the session may go ahead; else what to show instead (and polling has started). */
  async admit(url: string): Promise<Attention | null> {
    this.stopped = false;
    const port = portOfUrl(url);
    const found = await (this.o.check ?? ((p) => checkLocalListener(p, { env: this.o.env, ...(this.o.homeDir ? { homeDir: this.o.homeDir } : {}) })))(port);
    const attention = localListenerAttention(port, found);
    if (!attention) return null;
    this.o.log(`local mode: ${attention.message} (no token is sent there)`);
    this.poll(port);
    return attention;
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private poll(port: number): void {
    if (this.timer || this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void (this.o.check ?? ((p) => checkLocalListener(p, { env: this.o.env, ...(this.o.homeDir ? { homeDir: this.o.homeDir } : {}) })))(port).then((found) => {
        if (this.stopped) return;
        if (localListenerAttention(port, found)) this.poll(port);
        else this.o.onCleared();
      });
    }, this.o.pollMs ?? 2000);
  }
}
