// The one check of a wide-area domain change (the form, the host and the CLI use it): what is accepted,
// normalised as the gateway does, and each refusal naming its field with the form's label.
import { describe, expect, it } from "vitest";
import { checkWideAreaEdit, fieldOfWideAreaRefusal, parseDnsServer, WideAreaEditSchema } from "./wide-area-settings.js";

const refusal = (input: unknown) => {
  const r = checkWideAreaEdit(input);
  return r.ok ? "accepted" : r.refusal.message;
};

describe("checkWideAreaEdit", () => {
  it("an add is normalised (lowercase, no final dot) and keeps a well-formed DNS server", () => {
    expect(checkWideAreaEdit({ add: { domain: " OpenClaw.Internal. ", dnsServer: " 127.0.0.1:5300 " } })).toEqual({ ok: true, edit: { add: { domain: "openclaw.internal", dnsServer: "127.0.0.1:5300" } } });
    expect(checkWideAreaEdit({ add: { domain: "lab.example", dnsServer: "" } })).toEqual({ ok: true, edit: { add: { domain: "lab.example" } } });
    expect(checkWideAreaEdit({ remove: "Lab.Example" })).toEqual({ ok: true, edit: { remove: "lab.example" } });
  });

  it("a bad domain is refused naming the Domain field; nothing is said to be written", () => {
    for (const d of ["", "a..b", "under_score.example", "local", `${"a".repeat(64)}.example`]) {
      const m = refusal({ add: { domain: d } });
      expect(fieldOfWideAreaRefusal(m), m).toBe("domain");
      expect(m).toMatch(/\(nothing was written\)$/);
    }
    expect(refusal({ add: { domain: "local" } })).toMatch(/multicast DNS/);
  });

  it("a DNS server that is a name or has a bad port is refused naming the DNS server field", () => {
    for (const s of ["ns1.example", "127.0.0.1:0", "127.0.0.1:70000", "300.1.1.1", "[fd7a::1]"]) {
      const m = refusal({ add: { domain: "lab.example", dnsServer: s } });
      expect(fieldOfWideAreaRefusal(m), `${s}: ${m}`).toBe("dnsServer");
    }
    expect(refusal({ add: { domain: "lab.example", dnsServer: "ns1.example" } })).toBe('DNS server: "ns1.example" takes an IP address with an optional port (127.0.0.1:5300, [fd7a::1]:53), not a name (nothing was written)');
  });

  it("the contract's shape: one of add or remove, no other field", () => {
    expect(WideAreaEditSchema.safeParse({ add: { domain: "a.example" }, remove: "b.example" }).success).toBe(false);
    expect(WideAreaEditSchema.safeParse({ add: { domain: "a.example", extra: 1 } }).success).toBe(false);
    expect(WideAreaEditSchema.safeParse({ remove: "a".repeat(301) }).success).toBe(false);
    expect(refusal({ rename: "x" })).toMatch(/^Domain: /);
  });

  it("IPv4, IPv6 and their bracketed/port forms", () => {
    for (const ok of ["127.0.0.1", "100.100.100.100", "::1", "fd7a:115c:a1e0::53", "::ffff:10.0.0.1", "1:2:3:4:5:6:7:8", "[fd7a::1]:53", "10.0.0.1:5353"]) expect(parseDnsServer(ok), ok).toBe(ok);
    for (const bad of ["1.2.3", "01.2.3.4", "1:2:3:4:5:6:7:8:9", "1::2::3", "12345::1", "::ffff:999.0.0.1", "[::1]:0", "host:53"]) expect(parseDnsServer(bad), bad).toBeNull();
  });
});
