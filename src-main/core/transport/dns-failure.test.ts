// A name that does not resolve is reported as DNS, with the DNS hint, whatever the scheme (issue 12):
// the wss:// path meets it in the TLS pre-check (tls-pin), the ws:// path in the WebSocket connect
// (gateway failure words). Node's getaddrinfo errors are imitated: same message, code and syscall.
import { describe, expect, it } from "vitest";
import { describeFailure } from "../gateway/failure-hints.js";
import { MemorySecretStore } from "../secrets/secret-store.js";
import { dnsAttention, nameResolutionErrno } from "./dns-failure.js";
import { resolveTlsTrust } from "./tls-pin.js";

const getaddrinfo = (code: string, host: string) => Object.assign(new Error(`getaddrinfo ${code} ${host}`), { code, errno: -3008, syscall: "getaddrinfo", hostname: host });

describe("nameResolutionErrno", () => {
  it.each([
    ["ENOTFOUND on the error", getaddrinfo("ENOTFOUND", "htp"), "ENOTFOUND"],
    ["EAI_AGAIN on the error", getaddrinfo("EAI_AGAIN", "gw.example.com"), "EAI_AGAIN"],
    ["ENOTFOUND as the cause", new Error("connect failed", { cause: getaddrinfo("ENOTFOUND", "htp") }), "ENOTFOUND"],
    ["ECONNREFUSED", Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" }), null],
    ["a plain Error", new Error("socket hang up"), null],
    ["not an error", "ENOTFOUND", null],
  ])("%s → %s", (_label, error, expected) => {
    expect(nameResolutionErrno(error)).toBe(expected);
  });
});

describe("dnsAttention", () => {
  it("names the host without IPv6 brackets and says DNS did not answer for EAI_AGAIN", () => {
    expect(dnsAttention("[fd00::1]", "EAI_AGAIN").message).toBe("The name fd00::1 could not be resolved (EAI_AGAIN): DNS did not answer.");
  });
});

describe("wss:// — the TLS pre-check", () => {
  it.each(["ENOTFOUND", "EAI_AGAIN"])("getaddrinfo %s is dns-failed, not tls-unreachable", async (code) => {
    const r = await resolveTlsTrust({ host: "htp", port: 443, store: new MemorySecretStore(), probe: async () => { throw getaddrinfo(code, "htp"); } });
    expect(r.ok ? "ok" : r.attention.reason).toBe("dns-failed");
  });

  it("the sentence is about the name and never mentions a TLS handshake", async () => {
    const r = await resolveTlsTrust({ host: "htp", port: 443, store: new MemorySecretStore(), probe: async () => { throw getaddrinfo("ENOTFOUND", "htp"); } });
    expect(r.ok ? "ok" : `${r.attention.message} ${r.attention.fixHint}`).toBe("The name htp could not be resolved (ENOTFOUND). Check the spelling of the host name and your DNS or VPN (Tailscale) connection; `getent hosts htp` shows what this machine resolves.");
  });

  it("a refused TLS connection is still tls-unreachable", async () => {
    const r = await resolveTlsTrust({ host: "gw.example.com", port: 443, store: new MemorySecretStore(), probe: async () => { throw Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }); } });
    expect(r.ok ? "ok" : r.attention.reason).toBe("tls-unreachable");
  });
});

describe("ws:// — the WebSocket connect", () => {
  it.each(["ENOTFOUND", "EAI_AGAIN"])("network %s says the host name does not resolve", (errno) => {
    const a = describeFailure({ kind: "network", errno, message: `getaddrinfo ${errno} gw.lan` }, "Lab");
    expect(a.message).toBe(`Lab could not be reached: its host name does not resolve (${errno}).`);
  });

  it("the hint is the DNS one", () => {
    expect(describeFailure({ kind: "network", errno: "ENOTFOUND", message: "getaddrinfo ENOTFOUND gw.lan" }, "Lab").fixHint).toMatch(/^The host name does not resolve: check its spelling and your DNS/);
  });
});
