// Why exists: the _electron specs (e2e/electron/shell.e2e.test.ts) read the tray model and click its
// items through globalThis.__clawlinkShell, which the app itself must never carry. main.ts calls this
// only under the build-time flag __CLAWLINK_E2E__ (scripts/build.mjs --e2e-seam, which npm test's build
// passes); every other build defines it false and esbuild drops the call and this module with it.
import { findItem, type TrayAction, type TrayModel } from "../core/desktop/tray-model.js";
import type { ShownNotification } from "./notifications.js";
import type { QuickChat } from "./quick-chat.js";

export interface E2eSeamDeps {
  tray: { refresh(): Promise<void>; readonly model: TrayModel | null };
  dispatch(action: TrayAction): Promise<void>;
  trustedContents(): number[];
  notifications(): ShownNotification[];
  quickChat: QuickChat;
  configDir: string;
}

/** A notification as the spec sees it (functions do not cross evaluate()). */
export interface E2eNotification {
  key: string;
  title: string;
  body: string;
  actions: string[];
}

/** The shape e2e/electron/shell.e2e.test.ts reads. */
export interface E2eShell {
  trayModel(): Promise<TrayModel | null>;
  clickTray(id: string): Promise<void>;
  trustedContents(): number[];
  notifications(): E2eNotification[];
  /** Clicks the notification with this key (actionIndex null) or presses one of its buttons. */
  pressNotification(key: string, actionIndex: number | null): void;
  /** What the quick-chat shortcut does, and the window it made (null while none lives). */
  pressQuickChat(): void;
  quickChatWindow(): { id: number; url: string; visible: boolean; bounds: { x: number; y: number; width: number; height: number } } | null;
  quickChatShortcutRegistered: boolean;
  configDir: string;
}

export function exposeE2eSeam(d: E2eSeamDeps): void {
  const seam: E2eShell = {
    trayModel: async () => (await d.tray.refresh(), d.tray.model),
    clickTray: async (id) => {
      await d.tray.refresh();
      const item = d.tray.model && findItem(d.tray.model.items, id);
      if (!item || (item.kind !== "action" && item.kind !== "checkbox")) throw new Error(`no tray item ${id}`);
      await d.dispatch(item.action);
    },
    trustedContents: d.trustedContents,
    notifications: () => d.notifications().map(({ key, title, body, actions }) => ({ key, title, body, actions })),
    pressNotification: (key, actionIndex) => {
      const n = d.notifications().find((x) => x.key === key);
      if (!n) throw new Error(`no notification ${key} on screen`);
      n.press(actionIndex);
    },
    pressQuickChat: () => d.quickChat.press(),
    quickChatWindow: () => {
      const w = d.quickChat.window();
      return w ? { id: w.webContents.id, url: w.webContents.getURL(), visible: w.isVisible(), bounds: w.getBounds() } : null;
    },
    quickChatShortcutRegistered: d.quickChat.registered,
    configDir: d.configDir,
  };
  (globalThis as Record<string, unknown>).__clawlinkShell = seam;
}
