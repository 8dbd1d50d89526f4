import { describe, expect, it } from "vitest";
import { parseDirectUrl } from "./direct-url.js";

const ok = (input: string) => {
  const r = parseDirectUrl(input);
  if (!r.ok) throw new Error(r.attention.message);
  return r.value;
};

describe("direct URL normalisation", () => {
  it.each([
    ["http://192.168.1.20", "ws://192.168.1.20:18789/", 18789, false],
    ["ws://127.0.0.1", "ws://127.0.0.1:18789/", 18789, false],
    ["ws://127.0.0.1:19000", "ws://127.0.0.1:19000/", 19000, false],
    ["https://gateway.example.com", "wss://gateway.example.com/", 443, true],
    ["wss://gateway.example.com:8443/openclaw/", "wss://gateway.example.com:8443/openclaw/", 8443, true],
    ["https://proxy.example.com/openclaw/gw", "wss://proxy.example.com/openclaw/gw", 443, true],
    ["https://name.hf.space", "wss://name.hf.space/", 443, true],
    ["https://host.tailnet-abc.ts.net", "wss://host.tailnet-abc.ts.net/", 443, true],
    ["gateway.example.com", "wss://gateway.example.com/", 443, true],
    ["  HTTPS://Gateway.Example.com/  ", "wss://gateway.example.com/", 443, true],
    ["ws://[::1]", "ws://[::1]:18789/", 18789, false],
  ])("%s → %s", (input, url, port, secure) => {
    const v = ok(input);
    expect(v.url).toBe(url);
    expect(v.port).toBe(port);
    expect(v.secure).toBe(secure);
    expect(v.token).toBeUndefined();
  });

  it("takes #token= from a pasted dashboard URL and drops the fragment", () => {
    const v = ok("https://name.hf.space/#token=abc123&x=1");
    expect(v.token).toBe("abc123");
    expect(v.url).toBe("wss://name.hf.space/");
    expect(v.url).not.toContain("abc123");
    expect(ok("https://h.example.com/#other").url).toBe("wss://h.example.com/");
  });

  it.each([
    ["", "invalid-url"],
    ["ftp://example.com", "invalid-url"],
    ["https://user:pw@example.com", "invalid-url"],
    ["http://", "invalid-url"],
  ])("refuses %j", (input, reason) => {
    const r = parseDirectUrl(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.attention.reason).toBe(reason);
  });
});

// What a new user typed into the Gateway URL field (issue 12). A bare host is kept as wss:// (decided:
// people paste "gw.example.com" and TLS is the safe guess); a typo of a scheme is refused, never read as
// a host named after the typo.
describe("direct URL: typos of the scheme (issue 12)", () => {
  it.each([
    ["htp:/oops", /"htp:\/oops" starts with "htp:", which is not a gateway scheme/],
    ["ftp://x", /not ftp:\/\//],
    ["ws//x", /"ws\/\/x" is missing the ":" after ws/],
    ["ws:/x", /"ws:\/x" is missing a "\/" after ws:/],
    ["https:gw.example.com", /"https:gw.example.com" is missing a "\/" after https:/],
  ])("refuses %j with a sentence about the typo", (input, message) => {
    const r = parseDirectUrl(input);
    expect(r.ok ? "accepted" : r.attention.message).toMatch(message);
  });

  it.each([
    ["gw.example.com", "wss://gw.example.com/"],
    ["gw.example.com:8443", "wss://gw.example.com:8443/"],
    ["localhost:18789/openclaw", "wss://localhost:18789/openclaw"],
    ["ws://127.0.0.1:18789", "ws://127.0.0.1:18789/"],
    ["https://gw.example.com/#token=abc123", "wss://gw.example.com/"],
  ])("accepts %j as %s", (input, url) => {
    expect(ok(input).url).toBe(url);
  });

  it("a refusal never echoes the #token= of what was pasted", () => {
    const r = parseDirectUrl("htp:/gw.example.com/#token=abc123");
    expect(r.ok ? "accepted" : r.attention.message).not.toContain("abc123");
  });
});
