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
