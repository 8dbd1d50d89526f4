import { describe, expect, it } from "vitest";
import { addDomainPlan, domainDetail, domainSavedMessage } from "./wide-area-form-model";

describe("wide-area domains form model", () => {
  it("an add becomes one call, normalised; an empty server is left out", () => {
    expect(addDomainPlan({ domain: "OpenClaw.Internal.", dnsServer: "  " })).toEqual({ ok: true, edit: { add: { domain: "openclaw.internal" } } });
    expect(addDomainPlan({ domain: "lab.example", dnsServer: "[fd7a::53]:5300" })).toEqual({ ok: true, edit: { add: { domain: "lab.example", dnsServer: "[fd7a::53]:5300" } } });
  });

  it("a refusal names the field it is about, before anything is sent", () => {
    expect(addDomainPlan({ domain: "", dnsServer: "" })).toMatchObject({ ok: false, field: "domain", message: "Domain: type a domain such as openclaw.internal (nothing was written)" });
    expect(addDomainPlan({ domain: "lab.example", dnsServer: "dns.lab.example" })).toMatchObject({ ok: false, field: "dnsServer" });
  });

  it("says where a domain is asked and that the environment's cannot be removed here", () => {
    expect(domainDetail({ domain: "a", dnsServer: "10.0.0.1", from: "settings" }, [])).toBe("asking 10.0.0.1");
    expect(domainDetail({ domain: "a", dnsServer: null, from: "settings" }, ["100.100.100.100"])).toBe("asking 100.100.100.100");
    expect(domainDetail({ domain: "a", dnsServer: null, from: "environment" }, [])).toBe("asking the system's DNS; from the environment (OPENCLAW_WIDE_AREA_DOMAIN), not removable here");
    expect(domainSavedMessage({ changes: ["added a.example"] })).toBe("Saved: Added a.example. Looking the domains up again…");
  });
});
