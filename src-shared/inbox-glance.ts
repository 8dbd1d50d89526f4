// Why exists (issue 11 items 3, 4): the tray menu and the notifications show an inbox item at a glance —
// one short line, and actions a person can take without opening the window. A glance cannot show a long
// or multi-line command whole, and a command that is not shown whole must not be allowed from there
// (a hidden `; rm -rf` past the cut, a second line, a bidi override that reorders what is read). This
// decides, once for both surfaces, what the line says and which quick actions are safe to offer.
import { inboxItemTitle, type InboxItem, type InboxItemKind } from "./inbox.js";

export type QuickDecision = "allow-once" | "deny" | "approve" | "reject";

/** One inbox item, by where it lives (the inbox hub answers it on that connection). */
export interface InboxRef {
  connectionId: string;
  itemKind: InboxItemKind;
  itemId: string;
}

export interface QuickAction {
  id: QuickDecision;
  label: string;
}

/** The longest command a glance (a menu line, a notification title) still shows whole. */
export const GLANCE_COMMAND_MAX = 120;
/** The longest title line a glance shows; longer ones end in "…". */
export const GLANCE_TITLE_MAX = 80;

/** Line breaks, other control characters, zero-width and bidi-control characters: text that can hide or reorder what is read. */
const HIDING = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/;
const HIDING_ALL = new RegExp(HIDING.source, "g");

/** True when a glance shows this command exactly as it will run: short, one line, nothing hidden. */
export function commandShownWhole(command: string): boolean {
  return command.length <= GLANCE_COMMAND_MAX && !HIDING.test(command);
}

/** The item's title on one visible line (hidden characters made visible), at most `max` characters. */
export function glanceTitle(item: InboxItem, max = GLANCE_TITLE_MAX): string {
  const line = inboxItemTitle(item).replace(HIDING_ALL, "\ufffd");
  return line.length <= max ? line : `${line.slice(0, max - 1)}…`;
}

/** What a glance may offer: Allow once only for a command it shows whole and the gateway accepts; Deny, Approve and Reject always. */
export function quickActions(item: InboxItem): QuickAction[] {
  if (item.kind === "pairing") {
    return [
      { id: "approve", label: "Approve" },
      { id: "reject", label: "Reject" },
    ];
  }
  const out: QuickAction[] = [];
  if (item.allowedDecisions.includes("allow-once") && commandShownWhole(item.command)) out.push({ id: "allow-once", label: "Allow once" });
  out.push({ id: "deny", label: "Deny" });
  return out;
}

/** Why Allow once is missing from a glance, for the line under the title; null when it is offered or never applies. */
export function glanceNote(item: InboxItem): string | null {
  if (item.kind !== "exec" || !item.allowedDecisions.includes("allow-once") || commandShownWhole(item.command)) return null;
  return `Open Clawlink to read the whole command (${item.command.length} characters) before allowing it.`;
}

/** The one key of an item across gateways (a connection, a kind, the gateway's id). */
export function inboxItemKey(item: Pick<InboxItem, "connectionId" | "kind" | "id">): string {
  return `${item.connectionId}\u0000${item.kind}\u0000${item.id}`;
}
