import { describe, expect, it } from "vitest";
import { profileFromDashboardUrl } from "./dashboard-url.js";

describe("pasted dashboard URL → direct profile + token for the keychain", () => {
  it("takes the #token= out of the stored URL and hands it back separately", () => {
    const r = profileFromDashboardUrl("https://gw.tail1.ts.net/#token=dash-tok-123456");
    expect(r).toEqual({
      ok: true,
      value: {
        profile: { id: "gw-tail1-ts-net", uid: expect.stringMatching(/^[0-9a-f]{32}$/), name: "gw.tail1.ts.net", kind: "direct", connectAtStart: false, auth: { mode: "token" }, direct: { url: "wss://gw.tail1.ts.net/" } },
        token: "dash-tok-123456",
        notes: ["The #token= from the link goes to the keychain; the saved address has no token."],
      },
    });
    expect(JSON.stringify(r.ok && r.value.profile)).not.toContain("dash-tok");
  });

  it("a local dashboard link (http://127.0.0.1:18789/#token=…) becomes ws:// on that port", () => {
    const r = profileFromDashboardUrl("http://127.0.0.1:18789/#token=abcdef123456", { name: "Laptop gateway" });
    expect(r.ok && r.value.profile).toMatchObject({ name: "Laptop gateway", direct: { url: "ws://127.0.0.1:18789/" } });
  });

  it("without a token: device pairing only, and it says so", () => {
    const r = profileFromDashboardUrl("wss://gw.example.com");
    expect(r.ok && r.value.profile.auth.mode).toBe("device-only");
    expect(r.ok && r.value.token).toBeUndefined();
  });

  it("avoids ids and names already taken", () => {
    const r = profileFromDashboardUrl("wss://gw.example.com/#token=t0k3n-abc", { existing: [{ id: "gw-example-com", name: "gw.example.com" }] });
    expect(r.ok && [r.value.profile.id, r.value.profile.name]).toEqual(["gw-example-com-2", "gw.example.com (2)"]);
  });

  it("refuses plaintext ws:// to a public host when pasted, and non-URLs, with the transport's reasons", () => {
    expect(profileFromDashboardUrl("http://gw.example.com/#token=x")).toMatchObject({ ok: false, attention: { reason: "plaintext-refused" } });
    expect(profileFromDashboardUrl("ftp://gw.example.com")).toMatchObject({ ok: false, attention: { reason: "invalid-url" } });
  });

  // Issue 12: right after "No keychain is available: secrets are kept in memory", this note must not
  // claim the keychain.
  it("with no keychain, the note says the token is kept in memory for this session only", () => {
    const r = profileFromDashboardUrl("wss://gw.example.com/#token=fixture-t0k3n", { secretStore: "memory" });
    expect(r.ok && r.value.notes).toEqual(["No keychain is available: the #token= from the link is kept in memory for this session only; the saved address has no token."]);
  });

  it("with a keychain said explicitly, the note says the keychain", () => {
    const r = profileFromDashboardUrl("wss://gw.example.com/#token=fixture-t0k3n", { secretStore: "keychain" });
    expect(r.ok && r.value.notes).toEqual(["The #token= from the link goes to the keychain; the saved address has no token."]);
  });
});
