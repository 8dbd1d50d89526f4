import { GatewayClient } from "@openclaw/gateway-client";
import { describe, expect, it } from "vitest";
import { checkPlaintextRule, isLoopbackHost, plaintextTrustReason } from "./plaintext-rule.js";

// [url, allowed over ws://]
const table: Array<[string, boolean]> = [
  ["ws://127.0.0.1:18789", true],
  ["ws://127.5.6.7:18789", true],
  ["ws://localhost:18789", true],
  ["ws://LOCALHOST.:18789", true],
  ["ws://[::1]:18789", true],
  ["ws://10.0.0.5:18789", true],
  ["ws://172.16.0.1:18789", true],
  ["ws://172.31.255.254:18789", true],
  ["ws://172.32.0.1:18789", false],
  ["ws://192.168.1.20:18789", true],
  ["ws://169.254.10.10:18789", true],
  ["ws://100.64.0.1:18789", true],
  ["ws://100.127.255.254:18789", true],
  ["ws://100.128.0.1:18789", false],
  ["ws://[fd12:3456::1]:18789", true],
  ["ws://[fc00::1]:18789", true],
  ["ws://[fe80::1]:18789", true],
  ["ws://[::ffff:10.1.2.3]:18789", true],
  ["ws://[::ffff:8.8.8.8]:18789", false],
  ["ws://[2001:db8::1]:18789", false],
  ["ws://gateway.local:18789", true],
  ["ws://box.tailnet-abc.ts.net:18789", true],
  ["ws://ts.net.example.com:18789", false],
  ["ws://local:18789", false],
  ["ws://8.8.8.8:18789", false],
  ["ws://0.0.0.0:18789", false],
  ["ws://gateway.example.com:18789", false],
  ["ws://intranet:18789", false], // a private *name* can resolve anywhere
  ["wss://gateway.example.com", true],
  ["wss://8.8.8.8", true],
];

describe("plaintext rule", () => {
  it.each(table)("%s → allowed=%s", (url, allowed) => {
    const v = checkPlaintextRule(url);
    expect(v.allowed).toBe(allowed);
  });

  it("a refusal says why and names the three alternatives", () => {
    const v = checkPlaintextRule("ws://gateway.example.com:18789");
    expect(v.allowed).toBe(false);
    if (v.allowed) return;
    expect(v.attention.reason).toBe("plaintext-refused");
    expect(v.attention.message).toMatch(/clear text/);
    expect(v.attention.fixHint).toMatch(/SSH mode/);
    expect(v.attention.fixHint).toMatch(/Tailscale Serve/);
    expect(v.attention.fixHint).toMatch(/wss:\/\/gateway\.example\.com:18789/);
  });

  it("says which kind of trusted host it is", () => {
    expect(plaintextTrustReason("127.0.0.1")).toBe("loopback");
    expect(plaintextTrustReason("[::1]")).toBe("loopback");
    expect(plaintextTrustReason("192.168.0.2")).toBe("private-address");
    expect(plaintextTrustReason("nas.local")).toBe("local-name");
    expect(plaintextTrustReason("a.b.ts.net")).toBe("tailnet-name");
    expect(plaintextTrustReason("example.org")).toBeNull();
  });

  // "Identical to the gateway's": the official client enforces the same rule when it opens a socket.
  // beforeConnect runs after its check and before any socket exists, so throwing there proves the URL
  // passed its rule without ever dialling it (no traffic to any of these addresses).
  it.each(table.filter(([u]) => u.startsWith("ws://")))("agrees with @openclaw/gateway-client for %s", (url, allowed) => {
    let libraryError = "";
    const client = new GatewayClient({
      url,
      token: "t",
      env: {},
      hostDeps: {
        beforeConnect: () => {
          throw new Error("PASSED-POLICY");
        },
      },
      onConnectError: (e) => (libraryError = e.message),
    });
    client.start();
    client.stop();
    expect(libraryError === "PASSED-POLICY").toBe(allowed);
    if (!allowed) expect(libraryError).toMatch(/SECURITY ERROR/);
  });
});

describe("isLoopbackHost", () => {
  it("is localhost, 127.0.0.0/8 and ::1, however written", () => {
    for (const h of ["localhost", "LOCALHOST", "localhost.", "127.0.0.1", "127.1.2.3", "::1", "[::1]", "::ffff:127.0.0.1", "::ffff:7f00:1"]) expect(isLoopbackHost(h), h).toBe(true);
  });

  it("is not a private address, a local or tailnet name, any other name, or garbage", () => {
    for (const h of ["10.0.0.1", "192.168.1.2", "0.0.0.0", "::", "fe80::1", "nas.local", "a.b.ts.net", "localhost.example.com", "127.0.0.1.nip.io", "", "::2"]) expect(isLoopbackHost(h), h).toBe(false);
  });
});
