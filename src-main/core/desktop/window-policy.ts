// Why exists: the window and quit decisions of the desktop app (close hides to the tray, quitting stops
// every connection first, which navigations a window may make, how the main window is locked down, what
// differs per platform) were inline in src-main/main.ts and shell/secure-window.ts, untestable where no
// Electron binary exists (CI). They are plain functions here with unit tests; the shell only applies them.
import { APP_INDEX_URL } from "./app-protocol.js";
import { isQuickChatUrl } from "./quick-chat.js";
import { lockedWebPreferences } from "./web-preferences.js";

/** What differs between platforms in the shell. */
export interface PlatformShell {
  /** macOS: the dock icon shows only while a window is shown (a tray app otherwise). */
  dock: boolean;
  /** Windows: notifications and the taskbar group by the AppUserModelID. */
  appUserModelId: boolean;
  /** macOS: the login item settings say whether this launch came from login (others pass --hidden). */
  knowsOpenedAtLogin: boolean;
}

export function platformShell(platform: string): PlatformShell {
  return { dock: platform === "darwin", appUserModelId: platform === "win32", knowsOpenedAtLogin: platform === "darwin" };
}

/** Running, stopping the connections after a quit was asked for, or stopped (the process may go). */
export type QuitPhase = "running" | "stopping" | "stopped";

/** How long a quit waits for the connections to stop (tunnels closed, sessions ended) before it goes anyway. */
export const QUIT_STOP_DEADLINE_MS = 5_000;

export interface BeforeQuit {
  next: QuitPhase;
  /** Hold the quit (event.preventDefault()). */
  prevent: boolean;
  /** Start stopping every connection, then quit again when done or at the deadline. */
  stopConnections: boolean;
}

/** app "before-quit": the first quit stops everything cleanly first; one asked for while stopping waits for it. */
export function onBeforeQuit(phase: QuitPhase): BeforeQuit {
  switch (phase) {
    case "running":
      return { next: "stopping", prevent: true, stopConnections: true };
    case "stopping":
      return { next: "stopping", prevent: true, stopConnections: false };
    case "stopped":
      return { next: "stopped", prevent: false, stopConnections: false };
  }
}

export interface WindowClose {
  /** Keep the window (event.preventDefault()) and hide it instead. */
  hide: boolean;
  hideDock: boolean;
}

/** The close button hides to the tray (Quit is in the tray menu); once quitting, windows really close. */
export function onWindowClose(phase: QuitPhase, shell: PlatformShell): WindowClose {
  if (phase !== "running") return { hide: false, hideDock: false };
  return { hide: true, hideDock: shell.dock };
}

export interface ShowWindow {
  /** No live window: make one (it shows itself when ready). */
  create: boolean;
  /** A minimized window is restored before it is shown and focused. */
  restore: boolean;
  showDock: boolean;
}

/** "Open Clawlink", a second launch, a left click on the tray: one window, brought to the front. */
export function onShowWindow(win: { live: boolean; minimized: boolean }, shell: PlatformShell): ShowWindow {
  return { create: !win.live, restore: win.live && win.minimized, showDock: shell.dock };
}

/** A window may only (re)load our own index (the quick-chat window: with its one fragment); anything else would leave the app. Links go to the browser. */
export function navigationAllowed(url: string): boolean {
  return url === APP_INDEX_URL || isQuickChatUrl(url);
}

/** The main window's constructor options (structurally Electron's BrowserWindowConstructorOptions). */
export function mainWindowOptions(outDir: string, o: { isPackaged: boolean }) {
  return {
    width: 1100,
    height: 760,
    minWidth: 720,
    minHeight: 480,
    // Shown on ready-to-show, so no blank frame flashes.
    show: false,
    title: "Clawlink",
    webPreferences: lockedWebPreferences(outDir, o),
  } as const;
}
