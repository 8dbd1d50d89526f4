import { describe, expect, it } from "vitest";
import type { HostEventMessage } from "./host-api.js";
import { clickPlan, policyInputOf } from "./notification-io.js";
import { DEFAULT_NOTIFICATION_SETTINGS, initialPolicyState, notificationStep } from "./notification-policy.js";
import { connectionSnapshot } from "./testing/connection-snapshot.js";
import { execItem } from "./testing/inbox-items.js";

const ctx = { windowHidden: true, nameOf: (id: string) => (id === "home" ? "Home Desktop" : null) };
const chat = (state: "delta" | "final", text = "All done."): HostEventMessage => ({ name: "chat", payload: { profileId: "home", event: { sessionKey: "main", runId: "r1", state, text } } });

describe("host events as the notification policy sees them", () => {
  it("connections and their removal", () => {
    const snapshot = connectionSnapshot({ state: "needs-attention" });
    expect(policyInputOf({ name: "connection", payload: snapshot }, ctx)).toEqual({ type: "connection", snapshot });
    expect(policyInputOf({ name: "connectionRemoved", payload: { id: "home" } }, ctx)).toEqual({ type: "connection-removed", id: "home" });
  });

  it("a chat reply when it is final, with the profile's name and whether the window is hidden", () => {
    expect(policyInputOf(chat("delta"), ctx)).toBeNull();
    expect(policyInputOf(chat("final", "  "), ctx)).toBeNull();
    expect(policyInputOf(chat("final"), ctx)).toEqual({ type: "chat-reply", connectionId: "home", gatewayName: "Home Desktop", sessionKey: "main", runId: "r1", text: "All done.", windowHidden: true });
    expect(policyInputOf(chat("final"), { windowHidden: false, nameOf: () => null })).toMatchObject({ gatewayName: "home", windowHidden: false });
  });

  it("ignores the rest (notices, status, outbox)", () => {
    expect(policyInputOf({ name: "notice", payload: { level: "info", message: "x" } }, ctx)).toBeNull();
  });
});

describe("clicking a notification", () => {
  // What the policy says for a new exec approval: Allow once and Deny, about that item.
  const n = notificationStep(initialPolicyState(), { type: "inbox-new", items: [execItem()] }, DEFAULT_NOTIFICATION_SETTINGS, 0).out[0]!;

  it("a button answers the item it is about; the body opens it", () => {
    expect(clickPlan(n, "deny")).toEqual({ kind: "answer", ref: { connectionId: "home", itemKind: "exec", itemId: "a1" }, decision: "deny" });
    expect(clickPlan(n, null)).toEqual({ kind: "open", target: n.target });
  });

  it("a button the notification does not have does nothing (never an Allow once it did not offer)", () => {
    expect(clickPlan({ ...n, actions: [{ id: "deny", label: "Deny" }] }, "allow-once")).toEqual({ kind: "none" });
    expect(clickPlan({ ...n, target: { kind: "inbox" } }, "deny")).toEqual({ kind: "none" });
  });
});
