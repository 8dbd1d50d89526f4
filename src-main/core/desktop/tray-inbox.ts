// Why exists (issue 11 item 3): the tray menu's inbox part — how many requests wait across every
// gateway, the newest few with their quick actions (exec: Allow once / Deny; pairing: Approve / Reject)
// and "Open Inbox" — as plain data, next to the rest of the tray model (tray-model.ts) and unit-tested
// the same way. Which quick actions a line may offer is decided once for the tray and the notifications
// (src-shared/inbox-glance.ts): never Allow once for a command the menu cannot show whole.
import { glanceNote, glanceTitle, quickActions } from "../../../src-shared/inbox-glance.js";
import type { InboxItem } from "../../../src-shared/inbox.js";
import type { TrayMenuItem } from "./tray-model.js";

/** How many of the newest items the menu lists; the rest are one "N more" line into the inbox. */
export const TRAY_INBOX_SHOWN = 3;
/** A menu line is shorter than a notification title: the gateway's name follows it. */
const TRAY_TITLE_MAX = 60;

const itemId = (i: InboxItem) => `${i.connectionId}:${i.kind}:${i.id}`;

/** "2 requests waiting" (the tooltip's first line and the Open Inbox label), or null when none. */
export function waitingWords(count: number): string | null {
  if (count === 0) return null;
  return `${count} ${count === 1 ? "request" : "requests"} waiting`;
}

function itemMenu(i: InboxItem): TrayMenuItem {
  const ref = { connectionId: i.connectionId, itemKind: i.kind, itemId: i.id };
  const items: TrayMenuItem[] = quickActions(i).map((a) => ({
    kind: "action",
    id: `inbox-${a.id}:${itemId(i)}`,
    label: a.label,
    enabled: true,
    action: { type: "answer-inbox", ...ref, decision: a.id },
  }));
  const note = glanceNote(i);
  if (note) items.push({ kind: "label", id: `inbox-note:${itemId(i)}`, label: note });
  items.push({ kind: "separator" });
  items.push({ kind: "action", id: `inbox-open:${itemId(i)}`, label: "Open in Inbox", enabled: true, action: { type: "open-inbox", item: ref } });
  return { kind: "submenu", id: `inbox-item:${itemId(i)}`, label: `${glanceTitle(i, TRAY_TITLE_MAX)} — ${i.gatewayName}`, items };
}

/** The inbox part of the menu (newest first, as the hub orders them), then a separator; nothing while none waits. */
export function inboxMenuItems(items: readonly InboxItem[]): TrayMenuItem[] {
  if (items.length === 0) return [];
  const out: TrayMenuItem[] = items.slice(0, TRAY_INBOX_SHOWN).map(itemMenu);
  const rest = items.length - TRAY_INBOX_SHOWN;
  if (rest > 0) out.push({ kind: "action", id: "inbox-more", label: `${rest} more in the Inbox…`, enabled: true, action: { type: "open-inbox", item: null } });
  const waiting = waitingWords(items.length);
  out.push({ kind: "action", id: "open-inbox", label: `Open Inbox (${waiting})`, enabled: true, action: { type: "open-inbox", item: null } });
  out.push({ kind: "separator" });
  return out;
}
