// Binds the quick-chat window (core/desktop/quick-chat.ts decides everything): registers the global
// shortcut, remembers which gateway was last used from the host events main.ts forwards, and applies what a
// press means — create the window near the tray (a trusted sender, loaded on the target's chat), show and
// focus it (reloading for another gateway), or hide it. Its close button hides it, as the main window's does.
import { BrowserWindow, app, globalShortcut, screen } from "electron";
import type { HostEventMessage } from "../../src-shared/host-api.js";
import { QUICK_CHAT_SHORTCUT, noteChatUse, onQuickChatPress, quickChatTarget, quickChatWindowOptions, type QuickChatInput } from "../core/desktop/quick-chat.js";
import type { Logger } from "../core/log/logger.js";
import type { TrustedSenders } from "./ipc-bind.js";

export interface QuickChatDeps {
  outDir: string;
  trusted: TrustedSenders;
  /** Profiles in order and live connections, for the target when nothing was used yet. */
  input(): Omit<QuickChatInput, "recent">;
  quitting(): boolean;
  log: Logger;
}

export interface QuickChat {
  hostEvent(e: HostEventMessage): void;
  /** What the shortcut does (the _electron spec's seam calls this too). */
  press(): void;
  window(): BrowserWindow | null;
  registered: boolean;
  dispose(): void;
}

export function bindQuickChat(d: QuickChatDeps): QuickChat {
  let recent: string[] = [];
  let win: BrowserWindow | null = null;
  const create = (url: string) => {
    const platform = process.platform;
    win = new BrowserWindow(quickChatWindowOptions(d.outDir, { isPackaged: app.isPackaged, platform, workArea: screen.getPrimaryDisplay().workArea }));
    d.trusted.add(win.webContents);
    win.on("close", (e) => {
      if (d.quitting()) return;
      e.preventDefault();
      win?.hide();
    });
    win.on("closed", () => (win = null));
    win.once("ready-to-show", () => (win?.show(), win?.focus()));
    void win.loadURL(url);
  };
  const press = () => {
    const live = !!win && !win.isDestroyed();
    const plan = onQuickChatPress({ live, visible: live && win!.isVisible(), focused: live && win!.isFocused(), url: live ? win!.webContents.getURL() : null }, quickChatTarget({ ...d.input(), recent }));
    if (plan.kind === "create") return create(plan.url);
    if (plan.kind === "hide") return win!.hide();
    if (plan.reload) void win!.loadURL(plan.reload);
    win!.show();
    win!.focus();
  };
  const registered = globalShortcut.register(QUICK_CHAT_SHORTCUT, press);
  if (!registered) d.log.warn(`the quick-chat shortcut ${QUICK_CHAT_SHORTCUT} could not be registered (another app has it); open Clawlink from the tray instead`);
  return {
    hostEvent: (e) => void (recent = noteChatUse(recent, e)),
    press,
    window: () => (win && !win.isDestroyed() ? win : null),
    registered,
    dispose: () => {
      globalShortcut.unregister(QUICK_CHAT_SHORTCUT);
      if (win && !win.isDestroyed()) win.destroy();
    },
  };
}
