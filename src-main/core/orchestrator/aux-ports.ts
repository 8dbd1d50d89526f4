// Issue 13 §2 for one SSH connection: after each hello, ask the gateway what runs next to it
// (config.get → planAuxSurfaces) and keep one AuxForwards over the connection's tunnel in step with it.
// A surface that fails is its own degraded entry in the snapshot (ConnectionSnapshot.aux); nothing here
// ever fails, stops or restarts the gateway connection itself.
import type { AuxSurfaceView } from "../../../src-shared/aux-surfaces.js";
import type { GatewaySession } from "../gateway/gateway-session.js";
import { AuxForwards } from "../transport/aux-forwards.js";
import { configOf, planAuxSurfaces, type AuxSurfacePlan } from "../transport/aux-surfaces.js";
import type { TunnelSupervisor } from "../transport/tunnel-supervisor.js";

export interface AuxPortsDeps {
  tunnel: TunnelSupervisor;
  /** The gateway port on its host (ssh.remotePort, else 18789). */
  gatewayRemotePort: number;
  /** This machine's own gateway port: its surface ports are never taken (preferredAuxPort). */
  ownGatewayPort: number;
  onChange: (surfaces: AuxSurfaceView[]) => void;
  log: (line: string) => void;
}

const key = (plans: readonly AuxSurfacePlan[]) => plans.map((p) => `${p.kind}:${p.remotePort}`).join(",");

export class AuxPorts {
  private forwards: AuxForwards | null = null;
  private planKey = "";
  private chain: Promise<void> = Promise.resolve();
  private stopped = false;
  /** The session generation last synced: a connected session sends many state updates, one hello each generation. */
  private synced = -1;

  constructor(private readonly d: AuxPortsDeps) {}

  /** The session is connected (a first hello, or again after a reconnect): plan afresh and forward. */
  connected(session: GatewaySession, generation: number): void {
    if (generation === this.synced) return;
    this.synced = generation;
    this.chain = this.chain.then(() => this.sync(session)).catch((e: Error) => this.d.log(`aux surfaces: ${e.message}`));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.chain;
    await this.forwards?.stop();
    this.forwards = null;
  }

  private async sync(session: GatewaySession): Promise<void> {
    let plans: AuxSurfacePlan[];
    try {
      plans = planAuxSurfaces(configOf(await session.request("config.get", {}, { timeoutMs: 5_000 })), this.d.gatewayRemotePort);
    } catch (e) {
      // Without operator.admin (or on an older gateway) config.get is refused: nothing is advertised to us.
      this.d.log(`aux surfaces: config.get failed (${(e as Error).message}); forwarding the gateway port only`);
      plans = [];
    }
    if (this.stopped) return;
    const localPort = this.d.tunnel.snapshot.localPort;
    if (key(plans) === this.planKey && this.forwards) {
      await this.forwards.recheck();
      return;
    }
    await this.forwards?.stop();
    this.forwards = null;
    this.planKey = key(plans);
    if (!plans.length || !localPort) return this.d.onChange([]);
    const f = new AuxForwards(this.d.tunnel, this.d.log);
    this.forwards = f;
    f.onChange((s) => {
      if (this.forwards === f && !this.stopped) this.d.onChange([...s]);
    });
    await f.start(plans, { gatewayRemote: this.d.gatewayRemotePort, gatewayLocal: localPort, ownGatewayPort: this.d.ownGatewayPort });
  }
}
