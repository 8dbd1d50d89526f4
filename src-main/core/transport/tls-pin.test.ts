import { describe, expect, it } from "vitest";
import { MemorySecretStore } from "../secrets/secret-store.js";
import { displayTlsFingerprint, normalizeTlsFingerprint, resolveTlsTrust, tlsPinKey, type TlsProbeResult } from "./tls-pin.js";

const hex = "0123456789abcdef".repeat(4);
const colons = hex.toUpperCase().match(/../g)!.join(":");

describe("fingerprint normalisation", () => {
  it.each([
    [hex, hex],
    [hex.toUpperCase(), hex],
    [`sha256:${hex}`, hex],
    [`SHA256:${hex}`, hex],
    [`sha-256:${hex}`, hex],
    [colons, hex],
    [`sha256:${colons}`, hex],
    [`SHA256 Fingerprint=${colons}`.replace("SHA256 Fingerprint=", "sha256="), hex],
    [`  ${hex}  `, hex],
  ])("%s", (input, want) => {
    expect(normalizeTlsFingerprint(input)).toBe(want);
  });

  it.each(["", "abc", hex.slice(1), hex + "00", "g".repeat(64), `sha1:${hex}`, "SHA256:AbCdEf"])("rejects %j", (input) => {
    expect(normalizeTlsFingerprint(input)).toBeNull();
  });

  it("displays as SHA256 AB:CD:…", () => {
    expect(displayTlsFingerprint(hex)).toBe(`SHA256 ${colons}`);
  });
});

describe("trust decision (probe injected; the real TLS cases are in e2e/transport-direct)", () => {
  const seen = (fingerprint: string, systemTrusted: boolean): TlsProbeResult => ({
    fingerprint,
    chainTrusted: systemTrusted,
    hostnameOk: systemTrusted,
    systemTrusted,
    ...(systemTrusted ? {} : { trustProblem: "the certificate is self-signed" }),
    subject: "CN=x",
    issuer: "CN=x",
    validTo: "never",
  });
  const other = "f".repeat(64);

  it("an invalid explicit pin is refused before probing", async () => {
    let probed = false;
    const r = await resolveTlsTrust({ host: "h", port: 443, explicitPin: "nope", store: new MemorySecretStore(), probe: async () => ((probed = true), seen(hex, true)) });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.attention.reason).toBe("tls-pin-invalid");
    expect(probed).toBe(false);
  });

  it("an explicit pin beats a stored one", async () => {
    const store = new MemorySecretStore();
    await store.set(tlsPinKey("h", 443), other);
    const r = await resolveTlsTrust({ host: "h", port: 443, explicitPin: hex, store, probe: async () => seen(hex, false) });
    expect(r).toEqual({ ok: true, fingerprint: hex, source: "explicit" });
  });

  it("an unreachable host is reported, not trusted", async () => {
    const r = await resolveTlsTrust({ host: "h", port: 443, store: new MemorySecretStore(), probe: async () => { throw new Error("ECONNREFUSED"); } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.attention.reason).toBe("tls-unreachable");
  });

  it("a throwing/declining prompt stores nothing", async () => {
    const store = new MemorySecretStore();
    const r = await resolveTlsTrust({ host: "h", port: 443, store, probe: async () => seen(hex, true), confirm: async () => false });
    expect(r.ok).toBe(false);
    expect(await store.get(tlsPinKey("h", 443))).toBeNull();
  });
});
