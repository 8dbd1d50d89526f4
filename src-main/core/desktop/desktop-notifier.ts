// Why exists (issue 11 item 4): the desktop app's notifications, decided in plain Node so they are
// unit-tested without Electron (no Electron binary in CI). The notification policy (src-shared/
// notification-policy.ts) hears the inbox hub's inbox-new events and the host service's connection and
// chat events; what it says becomes the options of an Electron Notification (buttons only where the OS
// shows them: macOS, Windows); a click opens its target in the window, a button answers the item. The shell
// (shell/notifications.ts, main.ts) only binds Electron's Notification and the window to this.
import type { HostEventMessage } from "../../../src-shared/host-api.js";
import type { InboxRef, QuickDecision } from "../../../src-shared/inbox-glance.js";
import type { InboxAnswerOutcome } from "../../../src-shared/inbox.js";
import { clickPlan, policyInputOf } from "../../../src-shared/notification-io.js";
import { NotificationPolicy, type NotificationDescriptor, type NotificationSettings, type NotificationTarget } from "../../../src-shared/notification-policy.js";
import type { HubEvent } from "../inbox/inbox-hub.js";
import { quickAnswerMessage } from "../../../src-shared/quick-answer.js";

export interface DesktopNotifierDeps {
  settings(): NotificationSettings;
  /** The window is closed, hidden or minimised (a chat reply then notifies, when opted in). */
  windowHidden(): boolean;
  /** A connection's name as the person knows it. */
  nameOf(connectionId: string): string | null;
  show(n: NotificationDescriptor): void;
  now?: () => number;
}

/** Feeds the policy from the hub and the host service, and shows what it says. */
export class DesktopNotifier {
  private readonly policy: NotificationPolicy;

  constructor(private readonly d: DesktopNotifierDeps) {
    this.policy = new NotificationPolicy(d.settings, d.now);
  }

  /** The inbox hub's events: its inbox-new items (new to this process, once each). */
  hubEvent(e: HubEvent): void {
    if (e.type === "inbox-new") this.showAll(this.policy.feed({ type: "inbox-new", items: e.items }));
  }

  /** The host service's events (connections that need a person, finished chat replies). */
  hostEvent(e: HostEventMessage): void {
    const input = policyInputOf(e, { windowHidden: this.d.windowHidden(), nameOf: (id) => this.d.nameOf(id) });
    if (input) this.showAll(this.policy.feed(input));
  }

  private showAll(out: NotificationDescriptor[]): void {
    for (const n of out) this.d.show(n);
  }
}

/** Electron's Notification options for a descriptor: buttons where the platform shows them. */
export interface NativeNotificationOptions {
  title: string;
  body: string;
  silent: boolean;
  /** Button labels, in the order of `actionIds` (Electron reports the index of the one pressed). */
  actions: string[];
  actionIds: QuickDecision[];
}

/** Where Electron's Notification shows buttons: macOS and Windows (Electron 45's NotificationAction); Linux has none. */
const BUTTON_PLATFORMS: ReadonlySet<string> = new Set(["darwin", "win32"]);

export function nativeNotificationOptions(n: NotificationDescriptor, platform: string): NativeNotificationOptions {
  const buttons = BUTTON_PLATFORMS.has(platform) ? n.actions : [];
  return { title: n.title, body: n.body, silent: n.quiet, actions: buttons.map((a) => a.label), actionIds: buttons.map((a) => a.id) };
}

export interface NotificationClickDeps {
  answerInbox(ref: InboxRef, decision: QuickDecision): Promise<InboxAnswerOutcome>;
  /** Shows the window and asks the renderer to open the target. */
  openTarget(target: NotificationTarget): void;
  tell(message: string): void;
  warn(message: string, fields: Record<string, unknown>): void;
}

/** A click on the body (actionId null) or on a button; a failure is logged, never thrown into Electron. */
export async function runNotificationClick(n: NotificationDescriptor, actionId: string | null, d: NotificationClickDeps): Promise<void> {
  const plan = clickPlan(n, actionId);
  try {
    if (plan.kind === "open") return d.openTarget(plan.target);
    if (plan.kind !== "answer") return;
    const message = quickAnswerMessage(await d.answerInbox(plan.ref, plan.decision));
    if (message) d.tell(message);
  } catch (e) {
    d.warn(`notification action ${actionId ?? "click"} failed`, { error: (e as Error).message });
  }
}
