// Renders the desktop notifications (core/desktop/desktop-notifier.ts) with Electron's Notification and
// hands clicks and button presses back to main.ts. It decides nothing: the core says what each
// notification says, which buttons it has (macOS and Windows), and what a click does. One notification per key
// is kept (a newer one with the same key replaces it), and each is referenced until it closes so its
// click handlers are not garbage-collected away.
import { Notification } from "electron";
import { nativeNotificationOptions } from "../core/desktop/desktop-notifier.js";
import type { NotificationDescriptor } from "../../src-shared/notification-policy.js";

export interface NativeNotificationDeps {
  platform: string;
  /** actionId is the pressed button's quick decision, null for a click on the notification itself. */
  onClick(n: NotificationDescriptor, actionId: string | null): void;
}

/** What is on screen now, for the _electron specs' seam (shell/e2e-seam.ts); the app itself never reads it. */
export interface ShownNotification {
  key: string;
  title: string;
  body: string;
  actions: string[];
  /** Emits the same event Electron emits for a click (actionIndex null) or a button press. */
  press(actionIndex: number | null): void;
}

export class NativeNotifications {
  private readonly shown = new Map<string, Notification>();
  private readonly meta = new Map<Notification, { key: string; title: string; body: string; actions: string[] }>();

  constructor(private readonly d: NativeNotificationDeps) {}

  show(n: NotificationDescriptor): void {
    if (!Notification.isSupported()) return;
    const o = nativeNotificationOptions(n, this.d.platform);
    const native = new Notification({ title: o.title, body: o.body, silent: o.silent, actions: o.actions.map((text) => ({ type: "button" as const, text })) });
    native.on("click", () => this.d.onClick(n, null));
    native.on("action", (e) => this.d.onClick(n, o.actionIds[e.actionIndex] ?? null));
    native.on("close", () => {
      this.meta.delete(native);
      if (this.shown.get(n.key) === native) this.shown.delete(n.key);
    });
    this.meta.set(native, { key: n.key, title: o.title, body: o.body, actions: o.actions });
    this.shown.get(n.key)?.close();
    this.shown.set(n.key, native);
    native.show();
  }

  /** A plain message (an answer that did not go through), outside the policy: rare, and asked for by a click. */
  tell(title: string, body: string): void {
    if (Notification.isSupported()) new Notification({ title, body }).show();
  }

  current(): ShownNotification[] {
    return [...this.shown.values()].flatMap((native) => {
      const m = this.meta.get(native);
      if (!m) return [];
      const press = (i: number | null) => (i === null ? native.emit("click") : native.emit("action", { actionIndex: i }, i));
      return [{ ...m, press }];
    });
  }

  closeAll(): void {
    for (const n of this.shown.values()) n.close();
    this.shown.clear();
  }
}
