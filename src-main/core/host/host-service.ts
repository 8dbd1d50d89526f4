// The one implementation of the host API contract (src-shared/host-api.ts) on top of the core: profiles,
// keychain secrets, the orchestrator's live connections, chat, prompts and diagnostics. Both hosts run
// this same service: the web host (`clawlink serve`, web-host.ts) over a WebSocket and the Electron shell
// over IPC. Plain Node; it never sees a window or a socket of the UI.
//
// This file composes the parts, each in its own module: the event hub (host-events.ts), the prompt
// broker (prompt-broker.ts), the chat follower (chat-follower.ts), profile views (profile-views.ts), the
// inbox hub (core/inbox/inbox-hub.ts) and the handlers by area (profile-, connection-, chat-,
// diagnostics-, inbox-handlers.ts), which share one HostContext (host-context.ts).
//
// Rules it keeps:
// - Secrets only come in (setSecret, a token typed in the add form, a passphrase). What goes out says
//   whether a secret is stored and which source is in use, never its value.
// - Questions only a person can answer (unknown host key, TLS first use / re-trust, key passphrase) become
//   prompts the UI shows; the connection waits until the person answers.
// - Every event leaves through the hub, which validates it against the contract first.
import { controlUiHandlers } from "./control-ui-handlers.js";
import { followLog } from "./log-follower.js";
import type { AppInfo, HostEventMessage, HostHandlers, HostState } from "../../../src-shared/host-api.js";
import type { GatewayStatus } from "../../../src-shared/gateway-session.js";
import type { LadderResult } from "../diagnostics/ladder.js";
import type { GatewaySessionEvent } from "../gateway/gateway-session.js";
import { InboxHub } from "../inbox/inbox-hub.js";
import type { SupervisorDeps } from "../orchestrator/connection-spec.js";
import { Orchestrator } from "../orchestrator/orchestrator.js";
import { rememberLocalPortIn } from "../orchestrator/profile-spec.js";
import { ProfileError } from "../profiles/profile-store.js";
import { CLAWLINK_VERSION } from "../version.js";
import { ChatFollower } from "./chat-follower.js";
import { chatHandlers } from "./chat-handlers.js";
import { chatMediaHandlers } from "./chat-media-handlers.js";
import { connectionHandlers } from "./connection-handlers.js";
import { DiagnosticsExports } from "./diagnostics-exports.js";
import { diagnosticsHandlers } from "./diagnostics-handlers.js";
import { discoveryHandlers, stopDiscovery } from "./discovery-handlers.js";
import { startConnection, type HostContext, type HostServiceOptions } from "./host-context.js";
import { HostEventHub } from "./host-events.js";
import { notificationHandlers } from "./notification-handlers.js";
import { NotificationSettingsFile } from "../notifications/settings-file.js";
import { inboxHandlers } from "./inbox-handlers.js";
import { profileHandlers } from "./profile-handlers.js";
import { profileEditHandlers } from "./profile-edit-handlers.js";
import { routeEditHandlers } from "./route-edit-handlers.js";
import { surfaceLinkHandlers } from "./surface-link-handlers.js";
import { wideAreaSettingsHandlers } from "./wide-area-settings-handlers.js";
import { profileViews } from "./profile-views.js";
import { PromptBroker } from "./prompt-broker.js";
import { SessionRosterFollower } from "./session-roster-follower.js";

export type { HostServiceOptions } from "./host-context.js";
export { HandlerError } from "./host-call.js";
export { ladderView } from "./ladder-view.js";

export class HostService {
  readonly orchestrator: Orchestrator;
  readonly handlers: HostHandlers;
  /** Notification settings (per-profile mute, chat-reply opt-in); the desktop shell's notifier reads them too. */
  readonly notificationSettings: NotificationSettingsFile;
  /** The operator inbox (exec approvals, pairing requests) across every connection; the desktop shell
   *  reads it too (tray count, notifications on its "inbox-new" events). */
  readonly inbox: InboxHub;
  private readonly hub: HostEventHub;
  private readonly offLog: () => void;
  private readonly ctx: HostContext;

  constructor(private readonly o: HostServiceOptions) {
    const log = o.logger.child("host");
    this.hub = new HostEventHub(log);
    const emit = this.hub.emit;
    // The broker reads the orchestrator's snapshots (only once a supervisor asks); the orchestrator's
    // supervisors ask through the broker.
    const prompts = new PromptBroker(emit, () => this.orchestrator.snapshots(), o.logger.redactor);
    const deps: SupervisorDeps = {
      secrets: o.secrets,
      logger: o.logger,
      prompts: prompts.supervisorPrompts(),
      configDir: o.configDir,
      rememberLocalPort: rememberLocalPortIn(o.profiles),
      ...(o.env ? { env: o.env } : {}),
      ...(o.homeDir ? { homeDir: o.homeDir } : {}),
      ...(o.supervisor?.tunnel ? { tunnel: o.supervisor.tunnel } : {}),
      ...(o.supervisor?.sessionPolicy ? { sessionPolicy: o.supervisor.sessionPolicy } : {}),
    };
    const orchestrator = (this.orchestrator = new Orchestrator(deps));
    const inbox = (this.inbox = new InboxHub(orchestrator, { logger: log }));
    inbox.on((e) => {
      if (e.type === "inbox") emit("inbox", e.snapshot);
    });
    this.ctx = {
      o,
      log,
      deps,
      orchestrator,
      emit,
      prompts,
      chats: new ChatFollower(orchestrator, emit, log),
      rosters: new SessionRosterFollower(orchestrator, emit, log),
      inbox,
      exports: new DiagnosticsExports({ configDir: o.configDir, revealInFolder: o.revealInFolder }),
      statuses: new Map<string, GatewayStatus>(),
      ladders: new Map<string, LadderResult>(),
    };
    orchestrator.on((e) => {
      if (e.type === "connection") {
        emit("connection", e.snapshot);
        if (e.snapshot.state === "connected") this.ctx.chats.ensureWatches(e.snapshot.id);
      } else if (e.type === "notice") emit("notice", { level: e.level, message: e.message });
      else if (e.type === "removed") {
        this.ctx.rosters.forget(e.id);
        emit("connectionRemoved", { id: e.id });
      }
      else this.onSessionEvent(e.id, e.event);
    });
    this.notificationSettings = new NotificationSettingsFile(o.configDir);
    this.offLog = o.logTap ? followLog(o.logTap, emit) : () => undefined;
    this.handlers = {
      getAppInfo: () => this.appInfo(),
      getState: () => this.state(),
      ...profileHandlers(this.ctx),
      ...profileEditHandlers(this.ctx),
      ...routeEditHandlers(this.ctx),
      ...connectionHandlers(this.ctx),
      ...chatHandlers(this.ctx),
      ...chatMediaHandlers(this.ctx),
      ...diagnosticsHandlers(this.ctx),
      ...controlUiHandlers(this.ctx),
      ...surfaceLinkHandlers(this.ctx),
      ...discoveryHandlers(this.ctx, this.o.discovery),
      ...wideAreaSettingsHandlers(this.ctx),
      ...notificationHandlers(this.notificationSettings, emit),
      ...inboxHandlers(this.ctx),
    };
  }

  /** Every event for the UI, already validated against the contract. */
  onEvent(l: (e: HostEventMessage) => void): () => void {
    return this.hub.on(l);
  }

  /** Connects the profiles marked "connect at start". */
  async start(): Promise<void> {
    for (const p of this.o.profiles.list()) if (p.connectAtStart) startConnection(this.ctx, p);
  }

  /** Quit: every pending question is declined and every connection stops cleanly; the inbox lets go. */
  async stop(): Promise<void> {
    this.ctx.prompts.declineAll();
    try {
      await this.orchestrator.stopAll();
    } finally {
      this.inbox.dispose();
      await stopDiscovery(this.ctx);
      this.offLog();
    }
  }

  appInfo(): AppInfo {
    return { name: "Clawlink", version: CLAWLINK_VERSION, platform: this.o.platform ?? process.platform, host: this.o.host, secretStore: this.o.secrets.kind };
  }

  async state(): Promise<HostState> {
    const report = this.o.profiles.loadReport;
    const notices = [...(this.o.notices ?? []), ...report.warnings];
    if (report.error) notices.push(`${report.error.message} ${report.error.fixHint}`);
    return {
      app: this.appInfo(),
      profiles: await profileViews(this.o),
      connections: this.orchestrator.snapshots(),
      statuses: [...this.ctx.statuses].map(([profileId, status]) => ({ profileId, status })),
      prompts: this.ctx.prompts.list(),
      notices,
    };
  }

  private onSessionEvent(id: string, e: GatewaySessionEvent): void {
    this.ctx.rosters.onSessionEvent(id, e);
    if (e.type !== "status") return this.ctx.chats.onSessionEvent(id, e);
    this.ctx.statuses.set(id, e.status);
    this.ctx.emit("gatewayStatus", { profileId: id, status: e.status });
  }
}

export { ProfileError };
