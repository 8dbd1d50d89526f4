import { describe, expect, it } from "vitest";
import { MemorySecretStore } from "../secrets/secret-store.js";
import { decodeTlsPin, displayTlsFingerprint, encodeTlsPin, normalizeTlsFingerprint, renewalNotice, resolveTlsTrust, retrustTlsPin, tlsPinKey, type TlsProbeResult } from "./tls-pin.js";

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
    [`SHA256 ${colons}`, hex],
  ])("%s", (input, want) => {
    expect(normalizeTlsFingerprint(input)).toBe(want);
  });

  it.each(["", "abc", hex.slice(1), hex + "00", "g".repeat(64), `sha1:${hex}`, "SHA256:AbCdEf"])("rejects %j", (input) => {
    expect(normalizeTlsFingerprint(input)).toBeNull();
  });

  it("displays as SHA256 AB:CD:…, and that display reads back as the same fingerprint", () => {
    expect(displayTlsFingerprint(hex)).toBe(`SHA256 ${colons}`);
    expect(normalizeTlsFingerprint(displayTlsFingerprint(hex))).toBe(hex);
  });
});

describe("pin records keep where the pin came from", () => {
  it("a bare fingerprint (import, add form, pins from before origins) is explicit", () => {
    expect(decodeTlsPin(hex)).toEqual({ fingerprint: hex, source: "explicit", systemTrusted: false });
  });
  it("a first-use record round-trips", () => {
    const p = { fingerprint: hex, source: "first-use" as const, systemTrusted: true };
    expect(decodeTlsPin(encodeTlsPin(p))).toEqual(p);
  });
  it("the renewal notice names the host as a person types it (no :443) and the new fingerprint", () => {
    expect(renewalNotice("gw.example.com:443", hex)).toBe(`gw.example.com renewed its certificate; new fingerprint SHA256 ${colons} (it passes system trust, so the first-use pin was updated)`);
    expect(renewalNotice("gw.example.com:8443", hex)).toMatch(/^gw\.example\.com:8443 renewed its certificate/);
  });
  it("an unreadable record is no pin", () => {
    expect(decodeTlsPin("{not json")).toBeNull();
    expect(decodeTlsPin(JSON.stringify({ sha256: "zz", source: "first-use" }))).toBeNull();
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

  it("a declined prompt for a self-signed certificate stores nothing", async () => {
    const store = new MemorySecretStore();
    const r = await resolveTlsTrust({ host: "h", port: 443, store, probe: async () => seen(hex, false), confirm: async () => false });
    expect(r.ok).toBe(false);
    expect(await store.get(tlsPinKey("h", 443))).toBeNull();
  });

  it("a system-trusted certificate is accepted without a prompt and pinned as first use on system trust", async () => {
    const store = new MemorySecretStore();
    const r = await resolveTlsTrust({ host: "h", port: 443, store, probe: async () => seen(hex, true), confirm: async () => { throw new Error("must not prompt"); } });
    expect(r).toEqual({ ok: true, fingerprint: hex, source: "first-use" });
    expect(decodeTlsPin(await store.get(tlsPinKey("h", 443)))).toEqual({ fingerprint: hex, source: "first-use", systemTrusted: true });
  });

  it("a self-signed certificate still needs a person: no prompt means refused, nothing stored", async () => {
    const store = new MemorySecretStore();
    const r = await resolveTlsTrust({ host: "h", port: 443, store, probe: async () => seen(hex, false) });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.attention.reason).toBe("tls-untrusted");
    expect(await store.get(tlsPinKey("h", 443))).toBeNull();
  });

  it("a renewal on a first-use pin taken on system trust is followed, and says so", async () => {
    const store = new MemorySecretStore();
    await store.set(tlsPinKey("h", 443), encodeTlsPin({ fingerprint: other, source: "first-use", systemTrusted: true }));
    const r = await resolveTlsTrust({ host: "h", port: 443, store, probe: async () => seen(hex, true) });
    expect(r).toEqual({ ok: true, fingerprint: hex, source: "renewed", renewed: { previous: other, observed: hex } });
    expect(decodeTlsPin(await store.get(tlsPinKey("h", 443)))?.fingerprint).toBe(hex);
  });

  it.each([
    ["an explicit stored pin", hex.replace(/./g, "e"), /set explicitly, so it is never replaced automatically/],
    ["a first-use pin taken without system trust", encodeTlsPin({ fingerprint: "e".repeat(64), source: "first-use", systemTrusted: false }), /without system trust/],
  ])("%s never rotates, even to a system-trusted certificate", async (_name, record, why) => {
    const store = new MemorySecretStore();
    await store.set(tlsPinKey("h", 443), record);
    const r = await resolveTlsTrust({ host: "h", port: 443, store, probe: async () => seen(hex, true) });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.attention.reason).toBe("tls-cert-changed");
      expect(r.attention.message).toMatch(why);
      expect(r.changed).toEqual({ previous: "e".repeat(64), observed: hex });
    }
    expect(await store.get(tlsPinKey("h", 443))).toBe(record);
  });

  it("a first-use pin on system trust does not follow to a certificate the system rejects", async () => {
    const store = new MemorySecretStore();
    const record = encodeTlsPin({ fingerprint: other, source: "first-use", systemTrusted: true });
    await store.set(tlsPinKey("h", 443), record);
    const r = await resolveTlsTrust({ host: "h", port: 443, store, probe: async () => seen(hex, false) });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.attention.reason).toBe("tls-cert-changed");
    expect(await store.get(tlsPinKey("h", 443))).toBe(record);
  });
});

describe("re-trust compares with the fingerprint the person was shown", () => {
  const probeOf = (fp: string) => async () => ({ fingerprint: fp, chainTrusted: false, hostnameOk: true, systemTrusted: false, subject: "CN=x", issuer: "CN=x", validTo: "never" });
  const shown = hex;
  const now = "d".repeat(64);

  it("the server now presents another certificate: refused before asking, pin unchanged", async () => {
    const store = new MemorySecretStore();
    await store.set(tlsPinKey("h", 443), "e".repeat(64));
    let asked = false;
    const r = await retrustTlsPin({ host: "h", port: 443, store, shown, probe: probeOf(now), confirm: async () => ((asked = true), { accept: true, fingerprint: now }) });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.attention.reason).toBe("tls-cert-changed-again");
      expect(r.attention.message).toContain(`now presents ${displayTlsFingerprint(now)}, not ${displayTlsFingerprint(shown)}`);
    }
    expect(asked).toBe(false);
    expect(await store.get(tlsPinKey("h", 443))).toBe("e".repeat(64));
  });

  it("an answer naming a fingerprint other than the one shown changes nothing", async () => {
    const store = new MemorySecretStore();
    await store.set(tlsPinKey("h", 443), "e".repeat(64));
    const r = await retrustTlsPin({ host: "h", port: 443, store, shown, probe: probeOf(shown), confirm: async () => ({ accept: true, fingerprint: now }) });
    expect(r.ok).toBe(false);
    expect(await store.get(tlsPinKey("h", 443))).toBe("e".repeat(64));
  });

  it("the same certificate, confirmed with its fingerprint: pinned, and an explicit pin stays explicit", async () => {
    const store = new MemorySecretStore();
    await store.set(tlsPinKey("h", 443), "e".repeat(64));
    const r = await retrustTlsPin({ host: "h", port: 443, store, shown: displayTlsFingerprint(shown), probe: probeOf(shown), confirm: async (p) => ({ accept: true, fingerprint: p.fingerprintDisplay }) });
    expect(r.ok).toBe(true);
    expect(decodeTlsPin(await store.get(tlsPinKey("h", 443)))).toEqual({ fingerprint: shown, source: "explicit", systemTrusted: false });
  });
});
