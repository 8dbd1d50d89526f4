// Binds the desktop notifications to main.ts's window and the host service: the notifier (core/desktop/
// desktop-notifier.ts) hears the inbox hub and the host events, Electron's Notification shows what it says
// (shell/notifications.ts), and a click shows the window and sends it a `navigate` request (a window
// created for it gets the request once its page has loaded, so the renderer is listening). It decides
// nothing; main.ts calls it once and forwards host events to `hostEvent`.
import type { BrowserWindow } from "electron";
import type { HostEventMessage } from "../../src-shared/host-api.js";
import type { InboxRef, QuickDecision } from "../../src-shared/inbox-glance.js";
import type { InboxAnswerOutcome } from "../../src-shared/inbox.js";
import type { NotificationTarget } from "../../src-shared/notification-policy.js";
import { answerQuick } from "../../src-shared/quick-answer.js";
import { DesktopNotifier, runNotificationClick } from "../core/desktop/desktop-notifier.js";
import type { HostService } from "../core/host/host-service.js";
import type { Logger } from "../core/log/logger.js";
import { sendHostEvent, type TrustedSenders } from "./ipc-bind.js";
import { NativeNotifications, type ShownNotification } from "./notifications.js";

export interface NotifyBindDeps {
  host: HostService;
  window(): BrowserWindow | null;
  showWindow(): void;
  nameOf(connectionId: string): string | null;
  trusted: TrustedSenders;
  log: Logger;
}

export interface NotifyBinding {
  hostEvent(e: HostEventMessage): void;
  openTarget(target: NotificationTarget): void;
  answerInbox(ref: InboxRef, decision: QuickDecision): Promise<InboxAnswerOutcome>;
  tell(message: string): void;
  /** The notifications on screen, for the _electron specs' seam only. */
  shown(): ShownNotification[];
  dispose(): void;
}

export function bindNotifications(d: NotifyBindDeps): NotifyBinding {
  const openTarget = (target: NotificationTarget) => {
    d.showWindow();
    const wc = d.window()?.webContents;
    if (!wc) return;
    const send = () => sendHostEvent("navigate", { target }, [wc], d.trusted, d.log);
    if (wc.isLoading()) wc.once("did-finish-load", send);
    else send();
  };
  const answerInbox = (ref: InboxRef, decision: QuickDecision) => answerQuick(d.host.inbox, ref, decision);
  const tell = (message: string) => native.tell("Clawlink", message);
  const native = new NativeNotifications({
    platform: process.platform,
    onClick: (n, actionId) => void runNotificationClick(n, actionId, { answerInbox, openTarget, tell, warn: (m, f) => d.log.warn(m, f) }),
  });
  const hidden = () => {
    const w = d.window();
    return !w || w.isDestroyed() || !w.isVisible() || w.isMinimized();
  };
  const notifier = new DesktopNotifier({ settings: () => d.host.notificationSettings.get(), windowHidden: hidden, nameOf: d.nameOf, show: (n) => native.show(n) });
  const off = d.host.inbox.on((e) => notifier.hubEvent(e));
  void d.host.notificationSettings.load().then((r) => r.warning && d.log.warn(r.warning));
  return {
    hostEvent: (e) => notifier.hostEvent(e),
    openTarget,
    answerInbox,
    tell,
    shown: () => native.current(),
    dispose: () => {
      off();
      native.closeAll();
    },
  };
}
