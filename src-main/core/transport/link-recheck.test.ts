import { describe, expect, it } from "vitest";
import { tunnelRecheckOnNetworkChange } from "./link-recheck.js";

describe("tunnel on a network change", () => {
  it("a forwarding link is probed, never torn down on sight", () => {
    expect(tunnelRecheckOnNetworkChange("forwarding", false)).toBe("probe");
  });
  it("a tunnel waiting out its backoff redials at once (the network may just have come back)", () => {
    expect(tunnelRecheckOnNetworkChange("reconnecting", false)).toBe("redial");
  });
  it("a dial in flight starts over, since it may be stuck on a route that went away", () => {
    for (const p of ["connecting", "verifying-host", "authenticating"] as const) expect(tunnelRecheckOnNetworkChange(p, false)).toBe("redial");
  });
  it("a dial whose host-key or passphrase prompt is open is left alone: the person's answer is not thrown away", () => {
    expect(tunnelRecheckOnNetworkChange("verifying-host", true)).toBe("none");
    expect(tunnelRecheckOnNetworkChange("authenticating", true)).toBe("none");
  });
  it("nothing happens when there is nothing live or a person must act", () => {
    for (const p of ["idle", "needs-attention", "stopped"] as const) expect(tunnelRecheckOnNetworkChange(p, false)).toBe("none");
  });
});
