import { describe, expect, it } from "vitest";
import type { ProfileView } from "../../src-shared/host-api";
import { existingProfileFor, splitLinkToken } from "./add-form-model";

describe("a dashboard link's token leaves the URL field", () => {
  it.each([
    ["https://gw.example.com/#token=abc123", "https://gw.example.com/", "abc123"],
    ["http://127.0.0.1:18789/?token=abc123", "http://127.0.0.1:18789/", "abc123"],
    ["https://gw.example.com/#session=main&token=abc123", "https://gw.example.com/#session=main", "abc123"],
    ["https://gw.example.com/#token=abc123&session=main", "https://gw.example.com/#session=main", "abc123"],
    ["https://gw.example.com/#token=a%2Fb", "https://gw.example.com/", "a/b"],
  ])("%s → %s (token kept apart)", (input, url, token) => {
    expect(splitLinkToken(input)).toEqual({ url, token });
  });
  it("a URL without a token is left as it is", () => {
    expect(splitLinkToken("wss://gw.example.com")).toEqual({ url: "wss://gw.example.com", token: null });
  });
});

const view = (p: Partial<ProfileView>): ProfileView => ({
  id: "x", name: "X", kind: "direct", connectAtStart: true, authMode: "token", importedFrom: null, ssh: null, direct: null, local: null,
  stored: { token: false, password: false }, credential: { token: null, password: null, missing: null }, ...p,
});
const lab = view({ id: "lab", name: "Lab", direct: { url: "wss://gw.example.com/", tlsPinned: false } });
const home = view({ id: "home", name: "Home", kind: "ssh", ssh: { target: "me@box", identityFile: null, remotePort: 18789, localPort: null } });

describe("adding a gateway that is already a profile", () => {
  it.each([
    ["the same URL", "wss://gw.example.com"],
    ["https:// for the same wss:// endpoint", "https://gw.example.com/"],
    ["a bare host (completed to wss://)", "GW.example.com"],
    ["the default port spelled out", "wss://gw.example.com:443/"],
    ["a dashboard link with a token", "https://gw.example.com/#token=abc"],
  ])("%s finds the existing profile", (_n, url) => {
    expect(existingProfileFor({ kind: "direct", url }, [home, lab])?.id).toBe("lab");
  });
  it("another port is another gateway", () => {
    expect(existingProfileFor({ kind: "direct", url: "wss://gw.example.com:8443" }, [lab])).toBeNull();
  });
  it("ws:// and wss:// on the same host are different gateways", () => {
    expect(existingProfileFor({ kind: "direct", url: "ws://gw.example.com" }, [lab])).toBeNull();
  });
  it("the same SSH target and remote port finds the SSH profile (port 22 spelled out or not)", () => {
    expect(existingProfileFor({ kind: "ssh", target: "me@box:22", remotePort: 18789 }, [lab, home])?.id).toBe("home");
  });
  it("the same SSH host with another remote port is another gateway", () => {
    expect(existingProfileFor({ kind: "ssh", target: "me@box", remotePort: 18790 }, [home])).toBeNull();
  });
  it("an empty field matches nothing", () => {
    expect(existingProfileFor({ kind: "direct", url: "" }, [lab])).toBeNull();
  });
});
