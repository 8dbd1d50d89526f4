import { describe, expect, it } from "vitest";
import { fieldOfRouteRefusal } from "../../src-shared/route-edit-schema";
import { addRoutePlan, movePlan, returnCheckPlan, routeSavedMessage } from "./route-form-model";

describe("the Routes form's model", () => {
  it("an address with a port and key becomes one add; empty port and key are not sent", () => {
    expect(addRoutePlan({ target: " ssh://me@desk ", remotePort: "18790", identityFile: "~/.ssh/id" })).toEqual({ ok: true, edit: { add: { target: "ssh://me@desk", remotePort: 18790, identityFile: "~/.ssh/id" } } });
    expect(addRoutePlan({ target: "wss://desk", remotePort: " ", identityFile: "" })).toEqual({ ok: true, edit: { add: { target: "wss://desk" } } });
  });
  it("an empty address and a port that is not a number are refused naming their field", () => {
    const fields = [addRoutePlan({ target: "", remotePort: "", identityFile: "" }), addRoutePlan({ target: "ssh://me@desk", remotePort: "22a", identityFile: "" }), returnCheckPlan("ten")].map((p) => (p.ok ? "sent" : fieldOfRouteRefusal(p.message)));
    expect(fields).toEqual(["target", "remotePort", "returnCheckS"]);
  });
  it("route 2 cannot move up (route 1 stays first), the last cannot move down", () => {
    expect([movePlan(2, "up", 3), movePlan(3, "up", 3), movePlan(3, "down", 3), movePlan(2, "down", 3)]).toEqual([null, { move: { route: 3, to: 2 } }, null, { move: { route: 2, to: 3 } }]);
  });
  it("after a change: what changed, and that only this gateway reconnects", () => {
    expect(routeSavedMessage("Desk", { changes: ["added route 2: ssh me@desk → 127.0.0.1:18789"], reconnected: true })).toBe("Saved Desk: added route 2: ssh me@desk → 127.0.0.1:18789. Reconnecting Desk to use them; other gateways are not affected.");
    expect(routeSavedMessage("Desk", { changes: ["moved route 3 to 2"], reconnected: false })).toBe("Saved Desk: moved route 3 to 2. The next connect uses them.");
  });
});
