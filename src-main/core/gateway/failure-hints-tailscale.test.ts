// Issue 13 §5: the allowTailscale sentence in the token-missing hint, only for a *.ts.net target.
import { describe, expect, it } from "vitest";
import { fixHintFor } from "../diagnostics/fix-hints.js";
import { describeFailure, tailscaleIdentityHint } from "./failure-hints.js";

describe("Tailscale Serve identity auth in the hints", () => {
  it.each([
    ["wss://desk.tailnet-4f2a.ts.net", "desk.tailnet-4f2a.ts.net"],
    ["ws://desk.tailnet-4f2a.ts.net:18789", "desk.tailnet-4f2a.ts.net"],
    ["ssh://me@Desk.Tailnet-4f2a.ts.net:22", "desk.tailnet-4f2a.ts.net"],
    ["desk.tailnet-4f2a.ts.net.", "desk.tailnet-4f2a.ts.net"],
    ["desk.tailnet-4f2a.ts.net:22", "desk.tailnet-4f2a.ts.net"],
  ])("%s names a tailnet host", (target, host) => {
    expect(tailscaleIdentityHint(target)).toContain(`gateway.auth.allowTailscale lets a connection through wss://${host} log in with your Tailscale identity`);
  });

  it.each(["home", "wss://gw.example.com", "100.88.14.3", "ts.net", "wss://evil.ts.net.example.com"])("%s does not", (target) => {
    expect(tailscaleIdentityHint(target)).toBeNull();
  });

  it("token missing on a *.ts.net target: the token hint, then the Serve alternative (app and CLI)", () => {
    const a = describeFailure({ kind: "auth-token-missing" }, "desk.tailnet-4f2a.ts.net");
    expect(a.fixHint).toMatch(/^Copy the token from the gateway host .* On a tailnet there is another way: .*allowTailscale/);
    const cli = fixHintFor(a, "cli", { profileId: null, target: "wss://desk.tailnet-4f2a.ts.net", appKnownHosts: "/x/known_hosts" });
    expect(cli).toMatch(/--token-stdin.* On a tailnet there is another way: if that gateway runs Tailscale Serve/);
  });

  it("any other target: the hint is unchanged", () => {
    expect(describeFailure({ kind: "auth-token-missing" }, "home").fixHint).not.toMatch(/Tailscale/);
    const a = describeFailure({ kind: "auth-token-missing" }, "home");
    expect(fixHintFor(a, "cli", { profileId: "home", target: "home", appKnownHosts: "/x" })).not.toMatch(/Tailscale/);
  });
});
