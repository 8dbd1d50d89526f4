// Why exists (issue 11 item 4): the web host's notifications as pure functions, unit-tested without a
// DOM — where a notification goes (the browser's Notification API once the person allowed it, the
// in-page banner otherwise), the banner list (one per key, a request's banner leaves when the request
// leaves the inbox), what opening a target does to the view, and what the page feeds the shared policy
// (src-shared/notification-policy.ts) from its store. notify.ts runs them; NotificationBanner.tsx draws.
import type { ConnectionSnapshot } from "../../src-shared/connection";
import { inboxItemKey } from "../../src-shared/inbox-glance";
import type { InboxSnapshot } from "../../src-shared/inbox";
import type { NotificationDescriptor, NotificationTarget, PolicyInput } from "../../src-shared/notification-policy";

/** The browser's notification permission, or "unsupported" where the page has no Notification API. */
export type Permission = "unsupported" | "default" | "granted" | "denied";

/** A system notification only once the person allowed it; otherwise the banner in the page. */
export function surfaceFor(permission: Permission): "system" | "banner" {
  return permission === "granted" ? "system" : "banner";
}

/** A banner for a request is not needed while the visible page shows the inbox: its card is right there. */
export function bannerNeeded(n: NotificationDescriptor, page: { inboxOpen: boolean; hidden: boolean }): boolean {
  const aboutInbox = n.target.kind === "inbox-item" || n.target.kind === "inbox";
  return !(aboutInbox && page.inboxOpen && !page.hidden);
}

/** The "Enable notifications" button: only while the browser would still ask (never asked on load). */
export const canAskPermission = (permission: Permission): boolean => permission === "default";

/** How many banners stay on screen; the policy's "N more" covers the rest of a burst. */
export const BANNERS_KEPT = 4;

/** A banner with the same key replaces the old one in place; a new one goes on top. */
export function upsertBanner(banners: readonly NotificationDescriptor[], n: NotificationDescriptor): NotificationDescriptor[] {
  const i = banners.findIndex((b) => b.key === n.key);
  if (i >= 0) return banners.map((b, j) => (j === i ? n : b));
  return [n, ...banners].slice(0, BANNERS_KEPT);
}

export const dropBanner = (banners: readonly NotificationDescriptor[], key: string): NotificationDescriptor[] => banners.filter((b) => b.key !== key);

/** A request's banner leaves once the request left the inbox (answered here or elsewhere, expired). */
export function pruneBanners(banners: readonly NotificationDescriptor[], inbox: InboxSnapshot): NotificationDescriptor[] {
  const pending = new Set(inbox.items.map(inboxItemKey));
  const kept = banners.filter((b) => b.target.kind !== "inbox-item" || pending.has(inboxItemKey({ connectionId: b.target.connectionId, kind: b.target.itemKind, id: b.target.itemId })));
  return kept.length === banners.length ? (banners as NotificationDescriptor[]) : kept;
}

/** What opening a target does to the view (the store's actions, named here so it is tested). */
export type ViewPlan =
  | { view: "inbox"; connectionId: string | null }
  | { view: "profile"; profileId: string; tab: "status" }
  | { view: "profile"; profileId: string; tab: "chat"; sessionKey: string };

export function viewFor(target: NotificationTarget): ViewPlan {
  switch (target.kind) {
    case "inbox-item":
      return { view: "inbox", connectionId: target.connectionId };
    case "inbox":
      return { view: "inbox", connectionId: null };
    case "connection":
      return { view: "profile", profileId: target.connectionId, tab: "status" };
    case "chat":
      return { view: "profile", profileId: target.connectionId, tab: "chat", sessionKey: target.sessionKey };
  }
}

/**
 * What the page's inbox tells the policy: the first snapshot after the page started is what it already
 * shows (known, never notified), every later one offers all its items (the policy tells each once, so a
 * list replayed after a reconnect notifies only what is really new).
 */
export function inboxInput(inbox: InboxSnapshot, primed: boolean, connections: readonly ConnectionSnapshot[]): PolicyInput {
  return primed ? { type: "inbox-new", items: inbox.items } : { type: "known", items: inbox.items, connections };
}
