// Direct transport against a real gateway serving its own self-signed TLS (tls.autoGenerate: RSA,
// CN openclaw-gateway, no SAN): explicit pin, wrong pin (refused, and the gateway side saw no byte
// inside TLS), trust on first use with the keychain, a changed certificate with the deliberate re-trust
// flow, and system trust judged against a private CA standing in for the system roots.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import tls from "node:tls";
import type net from "node:net";
import { GatewayClient } from "@openclaw/gateway-client";
import type { HelloOk } from "@openclaw/gateway-protocol/frame-guards";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateDeviceKeyPair, publicKeyRawBase64UrlFromPem, signDevicePayload } from "../src-main/core/identity/ed25519.js";
import { KeyringSecretStore } from "../src-main/core/secrets/keyring-store.js";
import { MemorySecretStore } from "../src-main/core/secrets/secret-store.js";
import { planDirectConnection, type DirectConnectPlan } from "../src-main/core/transport/direct-plan.js";
import { decodeTlsPin, probeTls, retrustTlsPin, tlsPinKey, type TlsTrustPrompt } from "../src-main/core/transport/tls-pin.js";
import { TestGateway } from "./harness/gateway.js";
import { TlsTap } from "./harness/tls-tap.js";

let gw: TestGateway;
let tap: TlsTap;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "clawlink-direct-"));

/** A device-signed operator handshake using exactly the plan the transport produced. */
function connectWithPlan(plan: DirectConnectPlan, token: string): Promise<{ hello?: HelloOk; error?: Error; client: GatewayClient }> {
  return new Promise((resolve) => {
    const client: GatewayClient = new GatewayClient({
      url: plan.url,
      ...(plan.tlsFingerprint ? { tlsFingerprint: plan.tlsFingerprint } : {}),
      token,
      clientName: "openclaw-linux",
      mode: "ui",
      clientVersion: "0.1.0-test",
      platform: "linux",
      role: "operator",
      scopes: ["operator.read"],
      deviceIdentity: generateDeviceKeyPair(),
      hostDeps: { signDevicePayload, publicKeyRawBase64UrlFromPem },
      onHelloOk: (hello) => resolve({ hello, client }),
      onConnectError: (error) => {
        client.stop();
        resolve({ error, client });
      },
    });
    client.start();
  });
}

beforeAll(async () => {
  gw = await new TestGateway({ tls: true }).start();
  const tlsDir = path.join(gw.stateRoot, "state/gateway/tls");
  tap = await new TlsTap({ cert: fs.readFileSync(path.join(tlsDir, "gateway-cert.pem"), "utf8"), key: fs.readFileSync(path.join(tlsDir, "gateway-key.pem"), "utf8"), targetPort: gw.port }).start();
}, 180_000);

afterAll(async () => {
  await tap?.stop();
  await gw?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("wss against the gateway's self-signed certificate", () => {
  it("the probe reports the leaf's SHA-256 and that system trust fails (self-signed)", async () => {
    const p = await probeTls({ host: "127.0.0.1", port: gw.port });
    expect(p.fingerprint).toBe(gw.tlsSha256);
    expect(p.chainTrusted).toBe(false);
    expect(p.systemTrusted).toBe(false);
    expect(p.trustProblem).toMatch(/self-signed/);
    expect(p.subject).toContain("CN=openclaw-gateway");
  });

  it("explicit pin (any accepted format) connects; the pasted #token= is used and not kept in the URL", async () => {
    const colonUpper = "sha256:" + gw.tlsSha256!.toUpperCase().match(/../g)!.join(":");
    const r = await planDirectConnection({ input: `https://127.0.0.1:${tap.port}/#token=${gw.token}`, explicitPin: colonUpper, store: new MemorySecretStore() });
    if (!r.ok) throw new Error(r.attention.message);
    expect(r.plan).toEqual({ url: `wss://127.0.0.1:${tap.port}/`, tlsFingerprint: gw.tlsSha256 });
    expect(r.pinSource).toBe("explicit");
    expect(r.token).toBe(gw.token);
    const before = tap.applicationBytes;
    const { hello, error, client } = await connectWithPlan(r.plan, r.token!);
    client.stop();
    expect(error).toBeUndefined();
    expect(hello?.type).toBe("hello-ok");
    // Positive control for the next test: a pinned client that passes does send its upgrade through the tap.
    expect(tap.applicationBytes).toBeGreaterThan(before);
    expect(tap.sessions.at(-1)!.bytes.toString("latin1")).toMatch(/^GET \/ HTTP\/1\.1\r\n[\s\S]*Upgrade: websocket/i);
  });

  it("wrong pin: refused with expected and observed, and nothing at all was sent inside TLS", async () => {
    const wrong = "ab".repeat(32);
    const tcpBefore = tap.tcpConnections;
    const sessionsBefore = tap.sessions.length;
    const r = await planDirectConnection({ input: `wss://127.0.0.1:${tap.port}`, explicitPin: wrong, store: new MemorySecretStore() });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.attention.reason).toBe("tls-pin-mismatch");
    expect(r.attention.message).toContain("AB:AB:AB");
    expect(r.attention.message).toContain(gw.tlsSha256!.slice(0, 2).toUpperCase());

    // The library path the session uses must fail closed the same way, before writing the upgrade request.
    const { hello, error, client } = await connectWithPlan({ url: `wss://127.0.0.1:${tap.port}`, tlsFingerprint: wrong }, gw.token);
    client.stop();
    expect(hello).toBeUndefined();
    expect(error?.message).toMatch(/fingerprint mismatch/);
    expect(tap.tcpConnections).toBeGreaterThanOrEqual(tcpBefore + 2); // the probe and the client both reached the TLS endpoint
    // …and neither sent one byte inside TLS: no HTTP upgrade, no connect frame, no token.
    // (Only sessions opened here count: the previous test's client may still be sending its close frame.)
    expect(tap.sessions.slice(sessionsBefore).reduce((n, s) => n + s.bytes.length, 0)).toBe(0);
  });

  it("first use: the prompt shows the fingerprint; declining stores nothing; trusting stores the pin in the keychain", async () => {
    const store = new KeyringSecretStore();
    const key = tlsPinKey("127.0.0.1", gw.port);
    await store.delete(key);
    try {
      const prompts: TlsTrustPrompt[] = [];
      const declined = await planDirectConnection({ input: `wss://127.0.0.1:${gw.port}`, store, confirm: async (p) => (prompts.push(p), false) });
      expect(declined.ok).toBe(false);
      if (!declined.ok) expect(declined.attention.reason).toBe("tls-trust-declined");
      expect(await store.get(key)).toBeNull();
      expect(prompts[0]).toMatchObject({ kind: "first-use", fingerprint: gw.tlsSha256, systemTrusted: false });
      expect(prompts[0]!.fingerprintDisplay).toBe("SHA256 " + gw.tlsSha256!.toUpperCase().match(/../g)!.join(":"));
      expect(prompts[0]!.trustProblem).toMatch(/self-signed/);

      // No prompt available: refused, with the fingerprint in the message so the person can pin it.
      const noPrompt = await planDirectConnection({ input: `wss://127.0.0.1:${gw.port}`, store });
      expect(noPrompt.ok).toBe(false);
      if (!noPrompt.ok) expect(noPrompt.attention.reason).toBe("tls-untrusted");

      const trusted = await planDirectConnection({ input: `wss://127.0.0.1:${gw.port}`, store, confirm: async () => true });
      if (!trusted.ok) throw new Error(trusted.attention.message);
      expect(trusted.pinSource).toBe("first-use");
      // A person accepted a self-signed certificate: that pin must never follow a later change by itself.
      expect(decodeTlsPin(await store.get(key))).toEqual({ fingerprint: gw.tlsSha256, source: "first-use", systemTrusted: false });

      // Next time: the stored pin applies, with no prompt.
      const again = await planDirectConnection({ input: `wss://127.0.0.1:${gw.port}`, store, confirm: async () => { throw new Error("must not prompt"); } });
      if (!again.ok) throw new Error(again.attention.message);
      expect(again.pinSource).toBe("stored");
      const { hello, client } = await connectWithPlan(again.plan, gw.token);
      client.stop();
      expect(hello?.type).toBe("hello-ok");
    } finally {
      await store.delete(key);
    }
  });

  it("changed certificate on a pinned host: refused, never updated silently; re-trust is a deliberate second step", async () => {
    const store = new MemorySecretStore();
    const key = tlsPinKey("127.0.0.1", gw.port);
    const old = "cd".repeat(32);
    await store.set(key, old);
    const r = await planDirectConnection({ input: `wss://127.0.0.1:${gw.port}`, store, confirm: async () => true });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.attention.reason).toBe("tls-cert-changed");
    expect(r.changed).toEqual({ previous: old, observed: gw.tlsSha256 });
    expect(await store.get(key)).toBe(old); // a "yes" prompt callback did not update it: no prompt was shown

    const no = await retrustTlsPin({ host: "127.0.0.1", port: gw.port, store, shown: r.changed!.observed, confirm: async () => ({ accept: false }) });
    expect(no.ok).toBe(false);
    expect(await store.get(key)).toBe(old);
    // The server must still present what the person was shown.
    const stale = await retrustTlsPin({ host: "127.0.0.1", port: gw.port, store, shown: "ef".repeat(32), confirm: async (p) => ({ accept: true, fingerprint: p.fingerprint }) });
    expect(stale.ok).toBe(false);
    if (!stale.ok) expect(stale.attention.reason).toBe("tls-cert-changed-again");

    const prompts: TlsTrustPrompt[] = [];
    const yes = await retrustTlsPin({ host: "127.0.0.1", port: gw.port, store, shown: r.changed!.observed, confirm: async (p) => (prompts.push(p), { accept: true, fingerprint: p.fingerprintDisplay }) });
    expect(yes.ok).toBe(true);
    expect(prompts[0]).toMatchObject({ kind: "re-trust", previousFingerprint: old, fingerprint: gw.tlsSha256 });
    // The old pin was a bare fingerprint (explicit): re-trusted by a person, it stays explicit.
    expect(decodeTlsPin(await store.get(key))).toEqual({ fingerprint: gw.tlsSha256, source: "explicit", systemTrusted: false });
  });
});

describe("system trust (a private CA stands in for the system roots)", () => {
  let server: tls.Server;
  let port = 0;
  let ca = "";
  let leafSha = "";

  beforeAll(async () => {
    const d = tmp;
    const o = (args: string[]) => execFileSync("openssl", args, { cwd: d, stdio: "ignore" });
    o(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=Clawlink Test CA"]);
    o(["req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "leaf.key", "-out", "leaf.csr", "-subj", "/CN=localhost"]);
    fs.writeFileSync(path.join(d, "leaf.ext"), "subjectAltName=DNS:localhost\nbasicConstraints=CA:FALSE\n");
    o(["x509", "-req", "-in", "leaf.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", "leaf.pem", "-days", "2", "-extfile", "leaf.ext"]);
    ca = fs.readFileSync(path.join(d, "ca.pem"), "utf8");
    const leaf = fs.readFileSync(path.join(d, "leaf.pem"), "utf8");
    leafSha = new (await import("node:crypto")).X509Certificate(leaf).fingerprint256.replace(/:/g, "").toLowerCase();
    server = tls.createServer({ cert: leaf, key: fs.readFileSync(path.join(d, "leaf.key"), "utf8") }, (s) => s.end());
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    port = (server.address() as net.AddressInfo).port;
  });

  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it("a CA-issued certificate for the dialled name passes; the same certificate by IP fails the hostname check", async () => {
    const byName = await probeTls({ host: "localhost", port, ca });
    expect(byName).toMatchObject({ fingerprint: leafSha, chainTrusted: true, hostnameOk: true, systemTrusted: true });
    const byIp = await probeTls({ host: "127.0.0.1", port, ca });
    expect(byIp).toMatchObject({ chainTrusted: true, hostnameOk: false, systemTrusted: false });
    expect(byIp.trustProblem).toMatch(/not valid for 127\.0\.0\.1/);
    const noCa = await probeTls({ host: "localhost", port });
    expect(noCa.chainTrusted).toBe(false);
  });

  it("first use on a system-trusted host: accepted by system trust with no prompt, pinned as first use on system trust", async () => {
    const store = new MemorySecretStore();
    const prompts: TlsTrustPrompt[] = [];
    const r = await planDirectConnection({ input: `https://localhost:${port}`, store, ca, confirm: async (p) => (prompts.push(p), true) });
    if (!r.ok) throw new Error(r.attention.message);
    expect(prompts).toEqual([]);
    expect(r.pinSource).toBe("first-use");
    expect(r.plan).toEqual({ url: `wss://localhost:${port}/`, tlsFingerprint: leafSha });
    expect(decodeTlsPin(await store.get(tlsPinKey("localhost", port)))).toEqual({ fingerprint: leafSha, source: "first-use", systemTrusted: true });
  });
});
