// What the host service's parts share: its options, the orchestrator and the supervisors' deps, the
// event hub, the prompt broker, the chat follower, the inbox hub and the little state the host keeps per profile
// (gateway status, last ladder). The handler modules (profile-, connection-, chat-, diagnostics-
// handlers.ts) take this one object instead of reaching into the HostService class; the lookups every
// handler needs (a profile by id, its live session, starting a connection) live here too.
import type { LogTap } from "../log/log-tap.js";
import type { AppInfo } from "../../../src-shared/host-api.js";
import type { GatewayStatus } from "../../../src-shared/gateway-session.js";
import type { LadderResult } from "../diagnostics/ladder.js";
import type { GatewaySession } from "../gateway/gateway-session.js";
import type { InboxHub } from "../inbox/inbox-hub.js";
import type { Logger } from "../log/logger.js";
import { errorClause, systemErrorWords } from "../log/system-error.js";
import type { SupervisorDeps } from "../orchestrator/connection-spec.js";
import type { Orchestrator } from "../orchestrator/orchestrator.js";
import { specFromProfile } from "../orchestrator/profile-spec.js";
import type { Profile } from "../profiles/profile-schema.js";
import type { ProfileStore } from "../profiles/profile-store.js";
import type { SecretStore } from "../secrets/secret-store.js";
import type { ChatFollower } from "./chat-follower.js";
import type { SessionRosterFollower } from "./session-roster-follower.js";
import type { DiagnosticsExports } from "./diagnostics-exports.js";
import type { DiscoveryDeps } from "./discovery-handlers.js";
import type { EmitHostEvent } from "./host-events.js";
import { HandlerError } from "./host-call.js";
import type { PromptBroker } from "./prompt-broker.js";
import { profileViews, specOptions } from "./profile-views.js";
import { bootstrapTokenFor } from "./setup-code-add.js";

export interface HostServiceOptions {
  host: AppInfo["host"];
  configDir: string;
  profiles: ProfileStore;
  secrets: SecretStore;
  logger: Logger;
  /** Shown to the person (e.g. "No keychain is available …"). */
  notices?: string[];
  env?: NodeJS.ProcessEnv;
  homeDir?: string;
  platform?: string;
  /** "Show in folder": the Electron shell binds shell.showItemInFolder; the web host has none (the UI shows the folder). */
  revealInFolder?: (file: string) => void | Promise<void>;
  /** The log's live tap (core/log/log-tap.ts), when the host has one: the Diagnostics log tail follows it. */
  logTap?: LogTap;
  /** Test overrides for discoverGateways (the mDNS socket, the Tailscale lookup). */
  discovery?: DiscoveryDeps;
  /** Test/bench overrides for the supervisors (liveness intervals, backoff). */
  supervisor?: Pick<SupervisorDeps, "tunnel" | "sessionPolicy">;
}

export interface HostContext {
  readonly o: HostServiceOptions;
  readonly log: Logger;
  readonly deps: SupervisorDeps;
  readonly orchestrator: Orchestrator;
  readonly emit: EmitHostEvent;
  readonly prompts: PromptBroker;
  readonly chats: ChatFollower;
  /** The session lists the UI reads, kept current from the gateway's sessions.changed events. */
  readonly rosters: SessionRosterFollower;
  /** The operator inbox across every connection the orchestrator runs (issue 11). */
  readonly inbox: InboxHub;
  readonly exports: DiagnosticsExports;
  readonly statuses: Map<string, GatewayStatus>;
  readonly ladders: Map<string, LadderResult>;
}

export function profileOf(ctx: HostContext, id: string): Profile {
  const p = ctx.o.profiles.get(id);
  if (!p) throw new HandlerError(`No profile "${id}".`, "It may have been removed; pick another profile.");
  return p;
}

/** The live gateway session of a profile; by default it must be connected right now. */
export function sessionOf(ctx: HostContext, id: string, o: { connected?: boolean } = { connected: true }): GatewaySession {
  const p = profileOf(ctx, id);
  const session = ctx.orchestrator.get(p.id)?.session;
  if (!session) throw new HandlerError(`${p.name} is not connected.`, "Connect first; messages can be queued once the connection has reached the gateway once.");
  if (o.connected && session.snapshot.phase !== "connected") throw new HandlerError(`${p.name} is not connected right now.`, "Wait until it is connected again.");
  return session;
}

/** Connects (or reconnects from the top) with freshly resolved settings and credentials. */
export function startConnection(ctx: HostContext, p: Profile): void {
  void (async () => {
    const { spec, notes } = await specFromProfile(p, specOptions(ctx.o));
    for (const n of notes) ctx.log.info(`profile ${p.id}: ${n}`);
    // A setup code pasted into the Add form pairs on this connect (setup-code-add.ts).
    const bootstrap = bootstrapTokenFor(ctx, p.id);
    if (bootstrap) spec.bootstrapToken = bootstrap;
    await ctx.orchestrator.connect(spec);
  })().catch((e: unknown) => {
    ctx.log.error(`connect ${p.id} failed`, { error: e });
    // In words with its fix (an errno error included), never Node's raw text.
    const hint = systemErrorWords(e)?.fixHint ?? (e as { fixHint?: string }).fixHint;
    ctx.emit("notice", { level: "error", message: `Could not start ${p.name}: ${errorClause(e)}.${hint ? ` ${hint}` : ""}`.replace(/\.\.(?= |$)/, ".") });
  });
}

export async function emitProfiles(ctx: HostContext): Promise<void> {
  ctx.emit("profiles", await profileViews(ctx.o));
}
