// Why exists (issue 11 item 4): both hosts run the same notification policy (notification-policy.ts) on
// the same host events — the Electron main process on what its host service emits, the web host's page
// on what arrives over its WebSocket. What an event means to the policy, and what a click on a
// notification (or one of its buttons) does, are decided here once, so the two cannot drift apart:
// a button answers the item and opens nothing; a click on the body opens its target.
import type { HostEventMessage } from "./host-api.js";
import type { InboxRef, QuickDecision } from "./inbox-glance.js";
import type { NotificationDescriptor, NotificationTarget, PolicyInput } from "./notification-policy.js";

export interface InputContext {
  /** Whether the window (the desktop app's, or the browser tab) is hidden right now. */
  windowHidden: boolean;
  /** The connection's name as the person knows it (its profile's name), or null when unknown. */
  nameOf(connectionId: string): string | null;
}

/** A host event as the policy sees it; null for the ones it does not care about. The inbox is fed on its own (the hub's inbox-new, or the page's snapshots). */
export function policyInputOf(e: HostEventMessage, ctx: InputContext): PolicyInput | null {
  switch (e.name) {
    case "connection":
      return { type: "connection", snapshot: e.payload };
    case "connectionRemoved":
      return { type: "connection-removed", id: e.payload.id };
    case "chat": {
      const ev = e.payload.event;
      if (ev.state !== "final" || !ev.text.trim()) return null;
      const id = e.payload.profileId;
      return { type: "chat-reply", connectionId: id, gatewayName: ctx.nameOf(id) ?? id, sessionKey: ev.sessionKey, runId: ev.runId, text: ev.text, windowHidden: ctx.windowHidden };
    }
    default:
      return null;
  }
}

export type ClickPlan = { kind: "answer"; ref: InboxRef; decision: QuickDecision } | { kind: "open"; target: NotificationTarget } | { kind: "none" };

/** What a click does: a button (by its action id) answers the item it is about; the body opens the target. */
export function clickPlan(n: NotificationDescriptor, actionId: string | null): ClickPlan {
  if (actionId === null) return { kind: "open", target: n.target };
  const action = n.actions.find((a) => a.id === actionId);
  if (!action || n.target.kind !== "inbox-item") return { kind: "none" };
  const { kind: _k, ...ref } = n.target;
  return { kind: "answer", ref, decision: action.id };
}
