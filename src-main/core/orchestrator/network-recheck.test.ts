import { describe, expect, it } from "vitest";
import { planNetworkRecheck } from "./network-recheck.js";

describe("what a network change re-checks", () => {
  it("a local profile is loopback: nothing is touched, whatever its state", () => {
    for (const session of ["connected", "reconnecting", "connecting", null] as const) {
      expect(planNetworkRecheck({ kind: "local", tunnel: null, session })).toEqual({ tunnel: "none", session: "none" });
    }
  });
  it("an SSH profile hands the event to its tunnel and never touches the session behind it", () => {
    expect(planNetworkRecheck({ kind: "ssh", tunnel: "forwarding", session: "connected" })).toEqual({ tunnel: "recheck", session: "none" });
    expect(planNetworkRecheck({ kind: "ssh", tunnel: "reconnecting", session: "reconnecting" })).toEqual({ tunnel: "recheck", session: "none" });
  });
  it("an SSH profile whose tunnel is not made yet has nothing to re-check", () => {
    expect(planNetworkRecheck({ kind: "ssh", tunnel: null, session: null })).toEqual({ tunnel: "none", session: "none" });
  });
  it("a connected direct session gets a round-trip check, not a reconnect", () => {
    expect(planNetworkRecheck({ kind: "direct", tunnel: null, session: "connected" })).toEqual({ tunnel: "none", session: "check-alive" });
  });
  it("a direct session between or in attempts retries now", () => {
    expect(planNetworkRecheck({ kind: "direct", tunnel: null, session: "reconnecting" }).session).toBe("retry-now");
    expect(planNetworkRecheck({ kind: "direct", tunnel: null, session: "connecting" }).session).toBe("retry-now");
  });
  it("a direct session waiting on a person (pairing, needs attention) or not live is left alone", () => {
    for (const session of ["pairing-required", "needs-attention", "idle", "stopped", null] as const) {
      expect(planNetworkRecheck({ kind: "direct", tunnel: null, session }).session).toBe("none");
    }
  });
});
