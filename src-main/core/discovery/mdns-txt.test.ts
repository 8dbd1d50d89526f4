import { describe, expect, it } from "vitest";
import { isHostName, parseGatewayTxt, printable, txtEntries } from "./mdns-txt.js";

const b = (s: string) => Buffer.from(s);

describe("parseGatewayTxt", () => {
  it("reads every key the gateway publishes (full mode, TLS on)", () => {
    const pin = "ab".repeat(32);
    const txt = parseGatewayTxt([
      "role=gateway", "transport=gateway", "displayName=Desk", "lanHost=desk.local", "gatewayPort=18789",
      "gatewayTls=1", `gatewayTlsSha256=${pin.toUpperCase()}`, "gatewayDirectReachable=1",
      "tailnetDns=desk.tail1234.ts.net", "sshPort=2222", "cliPath=/usr/local/bin/openclaw",
    ].map(b));
    expect(txt).toEqual({
      role: "gateway", transport: "gateway", displayName: "Desk", lanHost: "desk.local", gatewayPort: 18789,
      gatewayTls: true, gatewayTlsSha256: pin, gatewayDirectReachable: true, tailnetDns: "desk.tail1234.ts.net",
      sshPort: 2222, cliPath: "/usr/local/bin/openclaw",
    });
  });

  it("minimal mode: only the core keys; absent flags stay absent", () => {
    expect(parseGatewayTxt(["role=gateway", "gatewayPort=18789", "lanHost=vm.local", "displayName=vm", "transport=gateway"].map(b))).toEqual({
      role: "gateway", gatewayPort: 18789, lanHost: "vm.local", displayName: "vm", transport: "gateway",
    });
  });

  it("malformed fields are left out one by one, the rest is kept", () => {
    const txt = parseGatewayTxt([
      "gatewayPort=99999", "sshPort=22x", "gatewayTlsSha256=nothex", "lanHost=bad host!.local", "tailnetDns=-x-.ts.net",
      "displayName=\u001b[31mRed\u0007 Desk", "role=gateway",
    ].map(b));
    expect(txt).toEqual({ displayName: "[31mRed Desk", role: "gateway" });
  });

  it("RFC 6763: keys are case-insensitive, the first wins, a bare key is a true flag, empty keys are ignored", () => {
    const txt = parseGatewayTxt(["GATEWAYPORT=1000", "gatewayPort=2000", "gatewayTls", "=orphan", "gatewayDirectReachable=0"].map(b));
    expect(txt).toEqual({ gatewayPort: 1000, gatewayTls: true, gatewayDirectReachable: false });
  });

  it("never throws: garbage of every shape gives an empty record", () => {
    for (const raw of [undefined, null, 42, {}, [null, 1, {}, []], [Buffer.from([0xff, 0xfe, 0xfd])], [Buffer.alloc(0)], "x", [b("=")]]) {
      expect(() => parseGatewayTxt(raw)).not.toThrow();
    }
    expect(parseGatewayTxt([Buffer.from([0xc3, 0x28]), b("role=gateway")])).toEqual({ role: "gateway" });
  });

  it("keys the gateway does not document are kept for display, capped, and cannot touch the prototype", () => {
    const many = Array.from({ length: 40 }, (_, i) => b(`extra${i}=v${i}`));
    const txt = parseGatewayTxt([b("__proto__=polluted"), b("constructor=x"), ...many]);
    expect(Object.keys(txt.other!)).toHaveLength(16);
    expect(Object.getPrototypeOf(txt.other)).toBe(Object.prototype);
    expect(txt.other!["__proto__"]).toBe("polluted");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("bounds what it reads: at most 64 strings, long values cut", () => {
    const entries = txtEntries([...Array.from({ length: 100 }, (_, i) => b(`k${i}=${"v".repeat(1000)}`))]);
    expect(entries.size).toBe(64);
    expect(entries.get("k0")!.length).toBeLessThanOrEqual(320);
  });
});

describe("helpers", () => {
  it("isHostName accepts DNS names only", () => {
    expect(isHostName("desk.local")).toBe(true);
    expect(isHostName("desk.tail1234.ts.net")).toBe(true);
    expect(isHostName("a b.local")).toBe(false);
    expect(isHostName("x".repeat(64) + ".local")).toBe(false);
    expect(isHostName("")).toBe(false);
  });
  it("printable strips control characters and caps the length", () => {
    expect(printable("a\u0000b\u001bc\u2028d", 10)).toBe("abcd");
    expect(printable("x".repeat(300), 128)).toHaveLength(128);
  });
});
