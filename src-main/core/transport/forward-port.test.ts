import { describe, expect, it } from "vitest";
import { chooseForwardPort, shouldRemember } from "./forward-port.js";

describe("the local port of an SSH forward (issue 10: never this machine's gateway port)", () => {
  it("with nothing set, the kernel picks a free port (0), not 18789", () => {
    expect(chooseForwardPort({ ownGatewayPort: 18789 })).toEqual({ ok: true, preferred: 0, source: "new" });
  });

  it("a port remembered from an earlier connect is asked for again", () => {
    expect(chooseForwardPort({ remembered: 40123, ownGatewayPort: 18789 })).toEqual({ ok: true, preferred: 40123, source: "remembered" });
  });

  it("a remembered port that has since become the gateway's is dropped for a fresh one, not refused", () => {
    expect(chooseForwardPort({ remembered: 18800, ownGatewayPort: 18800 })).toEqual({ ok: true, preferred: 0, source: "new" });
  });

  it("an explicit port wins over a remembered one", () => {
    expect(chooseForwardPort({ explicit: 18790, remembered: 40123, ownGatewayPort: 18789 })).toEqual({ ok: true, preferred: 18790, source: "explicit" });
  });

  it("an explicit 18789 is refused with a message naming ssh.localPort", () => {
    const c = chooseForwardPort({ explicit: 18789, ownGatewayPort: 18789 });
    expect(c).toEqual({
      ok: false,
      attention: {
        reason: "local-port-reserved",
        message: `ssh.localPort 18789 is this machine's own gateway port: a tunnel there would answer for "This machine" with the remote gateway.`,
        fixHint: "Remove ssh.localPort from this profile (in profiles.json, or add the profile again without a local port) so Clawlink picks a free port and keeps it, or choose another port.",
      },
    });
  });

  it("the refused port is whatever the local gateway's config uses, and 18789 is then allowed", () => {
    expect(chooseForwardPort({ explicit: 18800, ownGatewayPort: 18800 }).ok).toBe(false);
    expect(chooseForwardPort({ explicit: 18789, ownGatewayPort: 18800 })).toEqual({ ok: true, preferred: 18789, source: "explicit" });
  });

  it("remembers a newly picked or fallback port, never an explicit one, an unchanged one or the gateway's", () => {
    const fresh = chooseForwardPort({ ownGatewayPort: 18789 });
    const remembered = chooseForwardPort({ remembered: 40123, ownGatewayPort: 18789 });
    const explicit = chooseForwardPort({ explicit: 18790, ownGatewayPort: 18789 });
    expect(shouldRemember(fresh, 40123, undefined, 18789)).toBe(true);
    expect(shouldRemember(remembered, 40123, 40123, 18789)).toBe(false);
    expect(shouldRemember(remembered, 40999, 40123, 18789)).toBe(true); // the remembered one was busy: the fallback is kept
    expect(shouldRemember(explicit, 40999, undefined, 18789)).toBe(false);
    expect(shouldRemember(fresh, 18789, undefined, 18789)).toBe(false);
  });
});
