// Why exists (issue 12 "Keyboard"): the quick-chat window — a global shortcut opens a small (380×640)
// window on the chat of the last-used gateway, near the tray's corner; the same shortcut hides it again.
// Every decision is here, in plain Node with unit tests (which gateway, which URL, where the window goes,
// what a press does, which host events count as using a gateway); src-main/shell/quick-chat.ts only binds
// Electron's globalShortcut and BrowserWindow to them. The renderer opens the compact layout on the
// gateway named by `#quick-chat=<id>` (src-renderer/src/layout.ts addressRequest).
import type { HostEventMessage } from "../../../src-shared/host-api.js";
import { APP_INDEX_URL } from "./app-protocol.js";
import { lockedWebPreferences } from "./web-preferences.js";

/** The shortcut, as Electron's accelerator. Ctrl/Cmd+Shift+Space: free on the three desktops' defaults. */
export const QUICK_CHAT_SHORTCUT = "CommandOrControl+Shift+Space";
export const QUICK_CHAT_SIZE = { width: 380, height: 640 } as const;
/** Distance from the work area's edge (clear of the menu bar / taskbar, which the work area excludes). */
const MARGIN = 8;
/** The most gateways remembered as recently used (most recent first). */
const RECENT_MAX = 10;

/**
 * A host event that means the person used a gateway's chat: a message of theirs entering its outbox (queued
 * or sending). Not a reply (another client's session may stream into a followed chat) and not the outbox
 * being loaded at start (nothing queued in it by this person now).
 */
export function noteChatUse(recent: readonly string[], e: HostEventMessage): string[] {
  if (e.name !== "outbox" || !e.payload.entries.some((x) => x.state === "queued" || x.state === "sending")) return [...recent];
  const id = e.payload.profileId;
  return [id, ...recent.filter((x) => x !== id)].slice(0, RECENT_MAX);
}

export interface QuickChatInput {
  /** Profile ids, most recently used first (noteChatUse). */
  recent: readonly string[];
  /** Saved profiles in their order. */
  profiles: ReadonlyArray<{ id: string }>;
  /** Live connections. */
  connections: ReadonlyArray<{ id: string; state: string }>;
}

/** Which gateway the quick chat opens on: the last used that still exists, else the first connected one in list order, else the first profile. */
export function quickChatTarget(i: QuickChatInput): string | null {
  const known = new Set(i.profiles.map((p) => p.id));
  const recent = i.recent.find((id) => known.has(id));
  if (recent) return recent;
  const connected = new Set(i.connections.filter((c) => c.state === "connected").map((c) => c.id));
  return i.profiles.find((p) => connected.has(p.id))?.id ?? i.profiles[0]?.id ?? null;
}

/** The window's address: our own index, told which gateway's chat to open (no gateway: the compact shell as is). */
export function quickChatUrl(profileId: string | null): string {
  return profileId ? `${APP_INDEX_URL}#quick-chat=${encodeURIComponent(profileId)}` : `${APP_INDEX_URL}#layout=compact`;
}

/** A quick-chat address is our index with that one fragment; the navigation guard allows it next to the index. */
export function isQuickChatUrl(url: string): boolean {
  if (!url.startsWith(`${APP_INDEX_URL}#`)) return false;
  const hash = url.slice(APP_INDEX_URL.length + 1);
  return /^quick-chat=[^#&]{1,400}$/.test(hash) || hash === "layout=compact";
}

export interface WorkArea {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Near the tray: top right under the macOS menu bar; bottom right above the Windows/Linux taskbar. */
export function quickChatBounds(platform: string, wa: WorkArea): { x: number; y: number; width: number; height: number } {
  const { width, height } = QUICK_CHAT_SIZE;
  const x = Math.max(wa.x, wa.x + wa.width - width - MARGIN);
  const y = platform === "darwin" ? wa.y + MARGIN : Math.max(wa.y, wa.y + wa.height - height - MARGIN);
  return { x, y, width, height };
}

/** The window's options (structurally Electron's BrowserWindowConstructorOptions): locked down as the main one. */
export function quickChatWindowOptions(outDir: string, o: { isPackaged: boolean; platform: string; workArea: WorkArea }) {
  return {
    ...quickChatBounds(o.platform, o.workArea),
    resizable: true,
    minimizable: false,
    maximizable: false,
    fullscreenable: false,
    skipTaskbar: true,
    alwaysOnTop: true,
    show: false,
    title: "Clawlink quick chat",
    webPreferences: lockedWebPreferences(outDir, o),
  } as const;
}

export type QuickChatPress =
  | { kind: "create"; url: string }
  | { kind: "show"; reload: string | null }
  | { kind: "hide" };

/** A press of the shortcut: hide a window that has the focus; show (on the current target) one that does not; create one when none lives. */
export function onQuickChatPress(win: { live: boolean; visible: boolean; focused: boolean; url: string | null }, target: string | null): QuickChatPress {
  const url = quickChatUrl(target);
  if (!win.live) return { kind: "create", url };
  if (win.visible && win.focused) return { kind: "hide" };
  return { kind: "show", reload: win.url === url ? null : url };
}
