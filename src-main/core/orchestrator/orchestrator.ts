// All live connections, each independent: several gateways can be connected at once. wake() and
// networkChanged() (power and network events from the shell) fan out to every live supervisor.
import type { ConnectionSnapshot } from "../../../src-shared/connection.js";
import type { GatewaySessionEvent } from "../gateway/gateway-session.js";
import type { ConnectionNotice, ConnectionSpec, SupervisorDeps } from "./connection-spec.js";
import { ConnectionSupervisor } from "./connection-supervisor.js";
import { stateLogLine } from "./state-log.js";

export type OrchestratorEvent =
  | { type: "connection"; snapshot: ConnectionSnapshot }
  | { type: "session"; id: string; event: GatewaySessionEvent }
  | { type: "notice"; id: string; level: ConnectionNotice["level"]; message: string }
  | { type: "removed"; id: string };

export class Orchestrator {
  private readonly live = new Map<string, ConnectionSupervisor>();
  private readonly listeners = new Set<(e: OrchestratorEvent) => void>();

  constructor(private readonly deps: SupervisorDeps) {}

  on(l: (e: OrchestratorEvent) => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  get(id: string): ConnectionSupervisor | undefined {
    return this.live.get(id);
  }

  snapshots(): ConnectionSnapshot[] {
    return [...this.live.values()].map((s) => s.snapshot);
  }

  /** Starts (or restarts with new settings) the connection for this spec. */
  async connect(spec: ConnectionSpec): Promise<ConnectionSupervisor> {
    await this.disconnect(spec.id, { keep: true });
    const sup = new ConnectionSupervisor(spec, this.deps);
    this.live.set(spec.id, sup);
    const log = this.deps.logger.child(`conn.${spec.id}`);
    let last: ConnectionSnapshot | null = null;
    sup.onSnapshot((snapshot) => {
      const line = stateLogLine(last, snapshot);
      last = snapshot;
      if (line) log[line.level](line.msg);
      this.emit({ type: "connection", snapshot });
    });
    sup.onSessionEvent((event) => this.emit({ type: "session", id: spec.id, event }));
    sup.onNotice((n) => this.emit({ type: "notice", id: spec.id, ...n }));
    await sup.start();
    return sup;
  }

  async disconnect(id: string, opts: { keep?: boolean } = {}): Promise<void> {
    const sup = this.live.get(id);
    if (!sup) return;
    this.live.delete(id);
    await sup.stop();
    if (!opts.keep) this.emit({ type: "removed", id });
  }

  /** Quit: every supervisor stops cleanly (tunnels closed, sessions stopped). */
  async stopAll(): Promise<void> {
    await Promise.all([...this.live.keys()].map((id) => this.disconnect(id)));
  }

  wake(): void {
    for (const s of this.live.values()) s.wake();
  }

  networkChanged(): void {
    for (const s of this.live.values()) s.networkChanged();
  }

  private emit(e: OrchestratorEvent): void {
    for (const l of this.listeners) l(e);
  }
}
