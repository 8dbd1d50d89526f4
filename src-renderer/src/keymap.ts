// Why this file exists (issue 12, keyboard): every key → action decision of the UI as pure functions, so
// the mapping is unit-tested without a DOM and the components only carry out what these return —
// - the window's shortcuts: Ctrl/Cmd+1…9 switch gateways, Ctrl/Cmd+K opens the command palette;
// - the composer: Enter sends, Shift+Enter is a new line, Up in an empty composer edits the last unsent
//   message, Esc aborts a running reply;
// - ARIA tabs: Left/Right (wrapping), Home/End move between tabs;
// - the command palette's list: Up/Down (wrapping), Enter runs, Esc closes.
import type { OutboxEntry } from "../../src-shared/gateway-session";

/** The parts of a KeyboardEvent the decisions read (a React or DOM event fits). */
export interface KeyInput {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
  /** An IME composition is in progress: Enter picks a candidate, it never sends. */
  isComposing?: boolean;
}

/** macOS uses Cmd where the others use Ctrl. */
export type KeyPlatform = "mac" | "other";

export function keyPlatform(platform: string | undefined): KeyPlatform {
  return platform && /^(darwin|mac)/i.test(platform) ? "mac" : "other";
}

/** Cmd on macOS, Ctrl elsewhere — and not both, and no Alt (Ctrl+Alt is AltGr on some layouts). */
function primaryOnly(e: KeyInput, p: KeyPlatform): boolean {
  if (e.altKey) return false;
  return p === "mac" ? e.metaKey && !e.ctrlKey : e.ctrlKey && !e.metaKey;
}

export type WindowAction = { kind: "switch-gateway"; index: number } | { kind: "palette" };

/** A shortcut that works anywhere in the window (also while typing), or null. */
export function windowKeyAction(e: KeyInput, p: KeyPlatform): WindowAction | null {
  if (!primaryOnly(e, p) || e.shiftKey) return null;
  if (/^[1-9]$/.test(e.key)) return { kind: "switch-gateway", index: Number(e.key) - 1 };
  if (e.key.toLowerCase() === "k") return { kind: "palette" };
  return null;
}

/** The profile Ctrl/Cmd+N selects (in the order the gateway list shows), or null when there is none. */
export function gatewayAt<T extends { id: string }>(profiles: readonly T[], index: number): string | null {
  return profiles[index]?.id ?? null;
}

export type ComposerAction = "send" | "newline" | "edit-last" | "abort" | null;

export interface ComposerContext {
  /** The composer holds only whitespace. */
  empty: boolean;
  /** A reply is streaming and can be aborted. */
  running: boolean;
  /** There is a message of this device that was not delivered, which Up can take back (lastUnsent). */
  hasUnsent: boolean;
}

/** What a key in the message box does; null leaves it to the browser (typing, moving the caret). */
export function composerKeyAction(e: KeyInput, c: ComposerContext): ComposerAction {
  if (e.isComposing) return null;
  if (e.key === "Enter" && !e.ctrlKey && !e.metaKey && !e.altKey) return e.shiftKey ? "newline" : "send";
  if (e.key === "ArrowUp" && !e.shiftKey && !e.ctrlKey && !e.metaKey && !e.altKey && c.empty && c.hasUnsent) return "edit-last";
  if (e.key === "Escape" && c.running) return "abort";
  return null;
}

/** The newest message of this session that was not delivered (refused, cancelled or lost): Up puts it
 *  back in the box to edit and send again. A queued message is not "unsent" here: it still goes out by
 *  itself once the gateway is reachable, and taking it back could deliver it twice. */
export function lastUnsent(outbox: readonly OutboxEntry[], sessionKey: string): OutboxEntry | null {
  for (let i = outbox.length - 1; i >= 0; i--) {
    const e = outbox[i]!;
    if (e.sessionKey === sessionKey && e.state === "failed") return e;
  }
  return null;
}

/** ARIA tabs: the tab a key moves to (wrapping), or null for a key tabs do not handle. */
export function tabKeyTarget(key: string, index: number, count: number): number | null {
  if (count <= 0) return null;
  switch (key) {
    case "ArrowRight":
      return (index + 1) % count;
    case "ArrowLeft":
      return (index - 1 + count) % count;
    case "Home":
      return 0;
    case "End":
      return count - 1;
    default:
      return null;
  }
}

export type ListAction = { kind: "move"; index: number } | { kind: "run" } | { kind: "close" };

/** The command palette's input: Up/Down move the highlight (wrapping), Enter runs it, Esc closes. */
export function listKeyAction(key: string, index: number, count: number): ListAction | null {
  if (key === "Escape") return { kind: "close" };
  if (key === "Enter") return count > 0 ? { kind: "run" } : null;
  if (count === 0) return null;
  if (key === "ArrowDown") return { kind: "move", index: (index + 1) % count };
  if (key === "ArrowUp") return { kind: "move", index: (index - 1 + count) % count };
  if (key === "Home") return { kind: "move", index: 0 };
  if (key === "End") return { kind: "move", index: count - 1 };
  return null;
}

/** Tab inside a modal dialog: the index focus goes to among its focusable elements (wrapping both ways). */
export function trapFocusIndex(current: number, count: number, backwards: boolean): number | null {
  if (count === 0) return null;
  if (current < 0) return backwards ? count - 1 : 0;
  return backwards ? (current - 1 + count) % count : (current + 1) % count;
}
