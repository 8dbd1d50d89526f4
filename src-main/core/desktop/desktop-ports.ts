// What the desktop shell (tray, start-up, power events) needs from the core, as one narrow interface,
// and its implementation over the host service's orchestrator, the profile store and the secret store.
// Connect and disconnect go through the host service's own handlers (so prompts, notices and status
// bookkeeping are the same as from the UI); the shell never reaches past this interface.
import type { ConnectionSnapshot } from "../../../src-shared/connection.js";
import type { Orchestrator } from "../orchestrator/orchestrator.js";
import { specFromProfile } from "../orchestrator/profile-spec.js";
import type { Profile } from "../profiles/profile-schema.js";
import type { SecretStore } from "../secrets/secret-store.js";
import { planStartupConnections, type StartupPlan, type StartupProfile } from "./startup.js";
import { controlUiUrl } from "./tray-model.js";

export interface DesktopPorts {
  profiles(): StartupProfile[];
  snapshots(): ConnectionSnapshot[];
  /** Any connection changed, appeared or went away. */
  onChange(listener: () => void): () => void;
  connect(profileId: string): Promise<void>;
  disconnect(profileId: string): Promise<void>;
  /** The Control UI link with the token in the fragment; null while not connected. Never logged. */
  controlUiUrl(profileId: string): Promise<string | null>;
  connectAtStart(): Promise<StartupPlan>;
  wake(): void;
  networkChanged(): void;
  stopAll(): Promise<void>;
}

export interface CorePortsDeps {
  orchestrator: Orchestrator;
  /** The host service's connect/disconnect handlers (by profile id). */
  host: { connect(profileId: string): unknown; disconnect(profileId: string): unknown };
  profiles: { list(): Profile[]; get(id: string): Profile | undefined };
  secrets: SecretStore;
  env?: NodeJS.ProcessEnv;
  homeDir?: string;
}

export function corePorts(d: CorePortsDeps): DesktopPorts {
  const opts = { secrets: d.secrets, ...(d.env ? { env: d.env } : {}), ...(d.homeDir ? { homeDir: d.homeDir } : {}) };
  const profile = (id: string) => {
    const p = d.profiles.get(id);
    if (!p) throw new Error(`no profile "${id}"`);
    return p;
  };
  const connect = async (id: string) => {
    await d.host.connect(profile(id).id);
  };
  return {
    profiles: () => d.profiles.list().map((p) => ({ id: p.id, name: p.name, connectAtStart: p.connectAtStart })),
    snapshots: () => d.orchestrator.snapshots(),
    onChange: (l) => d.orchestrator.on((e) => (e.type === "session" ? undefined : l())),
    connect,
    disconnect: async (id) => {
      await d.host.disconnect(id);
    },
    async controlUiUrl(id) {
      const snap = d.orchestrator.get(id)?.snapshot;
      if (!snap || snap.state !== "connected") return null;
      const p = d.profiles.get(id);
      const token = p ? (await specFromProfile(p, opts)).credentials.token?.value : undefined;
      return controlUiUrl(snap, token);
    },
    async connectAtStart() {
      const plan = await planStartupConnections(d.profiles.list(), async (p) => (await specFromProfile(p, opts)).credentials);
      // One connection failing to start must not keep the others from starting.
      const failed = new Set<string>();
      await Promise.all(
        plan.connect.map((id) =>
          connect(id).catch((e: Error) => {
            failed.add(id);
            plan.skipped.push({ id, reason: `it could not be started (${e.message})` });
          }),
        ),
      );
      return { connect: plan.connect.filter((id) => !failed.has(id)), skipped: plan.skipped };
    },
    wake: () => d.orchestrator.wake(),
    networkChanged: () => d.orchestrator.networkChanged(),
    stopAll: () => d.orchestrator.stopAll(),
  };
}
