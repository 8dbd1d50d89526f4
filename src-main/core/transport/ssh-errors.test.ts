import { describe, expect, it } from "vitest";
import { classifySshError, hostKeyAttention, isRemoteConnectRefused, localPortAttention, remotePortClosedAttention } from "./ssh-errors.js";

const ctx = { label: "gw", host: "gw.example.com", port: 22, user: "ann" };
const err = (message: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(message), extra);

describe("ssh error mapping", () => {
  it.each([
    [err("getaddrinfo ENOTFOUND gw.example.com", { code: "ENOTFOUND" }), "ssh-dns-failed", true],
    [err("getaddrinfo EAI_AGAIN", { code: "EAI_AGAIN" }), "ssh-dns-failed", true],
    [err("connect ECONNREFUSED", { code: "ECONNREFUSED" }), "ssh-refused", true],
    [err("connect ETIMEDOUT", { code: "ETIMEDOUT" }), "ssh-timeout", true],
    [err("no SSH handshake within 15000 ms", { level: "client-timeout" }), "ssh-timeout", true],
    [err("Keepalive timeout", { level: "client-timeout" }), "ssh-link-lost", true],
    [err("connect EHOSTUNREACH", { code: "EHOSTUNREACH" }), "ssh-unreachable", true],
    [err("read ECONNRESET", { code: "ECONNRESET" }), "ssh-connection-lost", true],
    [err("All configured authentication methods failed", { level: "client-authentication" }), "ssh-auth-failed", false],
    [err("Handshake failed: no matching host key format", { level: "handshake" }), "ssh-handshake-failed", false],
  ])("%s → %s (retry %s)", (e, reason, retry) => {
    const c = classifySshError(e, ctx, "key ~/.ssh/id_ed25519, password for ann@gw.example.com");
    expect(c.attention.reason).toBe(reason);
    expect(c.retry).toBe(retry);
    expect(c.attention.message.length).toBeGreaterThan(10);
    expect(c.attention.fixHint.length).toBeGreaterThan(10);
  });

  it("auth failure lists what was tried", () => {
    const c = classifySshError(err("All configured authentication methods failed", { level: "client-authentication" }), ctx, "ssh-agent (/run/a.sock), key ~/.ssh/id_ed25519");
    expect(c.attention.message).toBe("ann@gw refused every login method Clawlink tried: ssh-agent (/run/a.sock), key ~/.ssh/id_ed25519.");
  });

  it("host key outcomes", () => {
    const changed = hostKeyAttention({ status: "changed", fingerprint: "SHA256:new", keyType: "ssh-ed25519", expected: [{ keyType: "ssh-ed25519", fingerprint: "SHA256:old", source: "kh:3" }] }, { ...ctx, port: 2222 });
    expect(changed.reason).toBe("host-key-changed");
    expect(changed.message).toContain("SHA256:old");
    expect(changed.message).toContain("SHA256:new");
    expect(changed.message).toContain("[gw.example.com]:2222");
    expect(changed.fixHint).toContain("ssh-keygen -R '[gw.example.com]:2222'");
    expect(hostKeyAttention({ status: "unknown", fingerprint: "SHA256:x", keyType: "ssh-ed25519" }, ctx).reason).toBe("host-key-unknown");
    expect(hostKeyAttention({ status: "unknown", fingerprint: "SHA256:x", keyType: "ssh-ed25519" }, ctx, true).reason).toBe("host-key-declined");
    expect(hostKeyAttention({ status: "revoked", fingerprint: "SHA256:x", source: "kh:1" }, ctx).reason).toBe("host-key-revoked");
  });

  it("remote port not listening: the exact sentence", () => {
    expect(remotePortClosedAttention("gw", 18789).message).toBe("nothing is listening on 127.0.0.1:18789 on gw — is the gateway running?");
    expect(isRemoteConnectRefused(err("Connection refused", { reason: 2 }))).toBe(true);
    expect(isRemoteConnectRefused(err("administratively prohibited: open failed", { reason: 1 }))).toBe(true);
    expect(isRemoteConnectRefused(err("administratively prohibited", { reason: 1 }))).toBe(false);
  });

  it("local port", () => {
    expect(localPortAttention(18789, "EADDRINUSE", false).reason).toBe("local-port-busy");
    expect(localPortAttention(80, "EACCES", true).reason).toBe("local-port-unusable");
  });
});
