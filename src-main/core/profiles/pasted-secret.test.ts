import { describe, expect, it } from "vitest";
import { classifyPastedSecret, setupCodeTimeLeft } from "./pasted-secret.js";

const NOW = 1_796_217_000_000;
/** Encoded the way the gateway's encodePairingSetupCode does it: base64url JSON, no padding. */
const code = (payload: unknown) => Buffer.from(JSON.stringify(payload), "utf8").toString("base64url");
// The shape `openclaw qr --setup-code-only --url ws://127.0.0.1:34501` printed (2026.9.6), token replaced.
const REAL_SHAPE = { url: "ws://127.0.0.1:34501", bootstrapToken: "XapeycridPPe8aYOyFvdr8nDMBes2KXfiX67A3Rrdyo", expiresAtMs: NOW + 600_000 };

describe("setup codes", () => {
  it("a bare setup code decodes to its URL, bootstrap token and expiry", () => {
    const r = classifyPastedSecret(code(REAL_SHAPE), NOW);
    expect(r).toEqual({ kind: "setup-code", setup: { url: "ws://127.0.0.1:34501", urls: [], bootstrapToken: REAL_SHAPE.bootstrapToken, expiresAtMs: NOW + 600_000 } });
  });

  it("the oc-pair:// link form (any case) and a trailing newline are the same code", () => {
    const r = classifyPastedSecret(`OC-PAIR://${code(REAL_SHAPE)}\n`, NOW);
    expect(r.kind).toBe("setup-code");
  });

  it("a wss:// code keeps its TLS pin, normalised to lowercase hex", () => {
    const fp = "AB".repeat(32);
    const r = classifyPastedSecret(code({ ...REAL_SHAPE, url: "wss://desk.tail1234.ts.net", tlsFingerprint: `sha256:${fp}` }), NOW);
    expect(r.kind === "setup-code" && r.setup.tlsFingerprint).toBe("ab".repeat(32));
  });

  it("extra URLs are kept; a code with no expiry is accepted (older gateways)", () => {
    const r = classifyPastedSecret(code({ url: "ws://10.0.0.5:18789", urls: ["ws://10.0.0.5:18789", "wss://gw.example.com"], bootstrapToken: "b" }), NOW);
    expect(r).toEqual({ kind: "setup-code", setup: { url: "ws://10.0.0.5:18789", urls: ["ws://10.0.0.5:18789", "wss://gw.example.com"], bootstrapToken: "b" } });
  });

  it("an expired code is recognised as expired, not sent", () => {
    expect(classifyPastedSecret(code({ ...REAL_SHAPE, expiresAtMs: NOW - 1 }), NOW)).toEqual({ kind: "setup-code-expired", url: REAL_SHAPE.url, expiresAtMs: NOW - 1 });
  });

  it.each([
    ["no bootstrap token", { url: "ws://h:1" }],
    ["an https URL (the gateway's decoder takes ws/wss only)", { url: "https://h", bootstrapToken: "b" }],
    ["a URL with a fragment", { url: "ws://h:1/#token=x", bootstrapToken: "b" }],
    ["a string expiry", { ...REAL_SHAPE, expiresAtMs: "soon" }],
    ["a malformed pin", { ...REAL_SHAPE, tlsFingerprint: "nope" }],
    ["too many URLs", { ...REAL_SHAPE, urls: Array(9).fill("ws://h:1") }],
    ["a non-string URL in the list", { ...REAL_SHAPE, urls: [1] }],
    ["an array payload", [1, 2]],
  ])("oc-pair:// with %s is an invalid setup code, with a reason", (_label, payload) => {
    const r = classifyPastedSecret(`oc-pair://${code(payload)}`, NOW);
    expect(r.kind).toBe("setup-code-invalid");
    expect(r.kind === "setup-code-invalid" && r.message.length).toBeGreaterThan(10);
  });

  it("oc-pair:// with garbage, or cut short, is invalid (never thrown)", () => {
    expect(classifyPastedSecret("oc-pair://%%%", NOW).kind).toBe("setup-code-invalid");
    expect(classifyPastedSecret(`oc-pair://${code(REAL_SHAPE).slice(0, 30)}`, NOW).kind).toBe("setup-code-invalid");
    expect(classifyPastedSecret(`oc-pair://${"A".repeat(10_000)}`, NOW).kind).toBe("setup-code-invalid");
  });

  it("a base64url token that merely starts with ey (a JWT-like token) stays a token when it is not a payload", () => {
    const jwtish = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc";
    expect(classifyPastedSecret(jwtish, NOW)).toEqual({ kind: "token", value: jwtish });
    const notPayload = code({ hello: "world", padding: "x".repeat(20) });
    expect(classifyPastedSecret(notPayload, NOW)).toEqual({ kind: "token", value: notPayload });
  });

  it("time left is said in minutes, then seconds; none without an expiry", () => {
    expect(setupCodeTimeLeft({ url: "ws://h:1", urls: [], bootstrapToken: "b", expiresAtMs: NOW + 540_000 }, NOW)).toBe("9 min");
    expect(setupCodeTimeLeft({ url: "ws://h:1", urls: [], bootstrapToken: "b", expiresAtMs: NOW + 42_000 }, NOW)).toBe("42 s");
    expect(setupCodeTimeLeft({ url: "ws://h:1", urls: [], bootstrapToken: "b" }, NOW)).toBeNull();
  });
});

describe("tokens, passwords and links", () => {
  it("a generated gateway token (48 hex, as openclaw writes) is a token", () => {
    const t = "3f9a".repeat(12);
    expect(classifyPastedSecret(`  ${t}  `, NOW)).toEqual({ kind: "token", value: t });
  });

  it("a base64url device-style token is a token", () => {
    expect(classifyPastedSecret("duW2ha7RI-6WrJoJPCM16Ciw4UFHqQD-DNXGAoEPYJM", NOW).kind).toBe("token");
  });

  it.each(["hunter2", "correct horse battery staple", "Pässwort-2026!", "short!"])("%s is a password", (p) => {
    expect(classifyPastedSecret(p, NOW)).toEqual({ kind: "password", value: p });
  });

  it("a dashboard link gives the ws address and the #token=", () => {
    expect(classifyPastedSecret("https://gw.example.com/#token=abc123", NOW)).toEqual({ kind: "dashboard-url", url: "wss://gw.example.com/", token: "abc123" });
  });

  it("a link without #token= is still a link (an address, not a secret)", () => {
    expect(classifyPastedSecret("ws://192.168.1.20:18789", NOW)).toEqual({ kind: "dashboard-url", url: "ws://192.168.1.20:18789/" });
  });

  it("blank input is empty", () => {
    expect(classifyPastedSecret(" \n\t", NOW)).toEqual({ kind: "empty" });
  });
});
