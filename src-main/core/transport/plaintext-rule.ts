// Which hosts may be reached over plaintext ws://. The rule is the gateway's own (the official client's
// isSecureWebSocketUrl / isTrustedPlaintextWebSocketHost, which refuses everything else at connect time):
// loopback, private and CGNAT IP literals, link-local, IPv6 ULA/link-local, *.local and *.ts.net.
// We check it ourselves when a profile is saved so the person gets a reason and an alternative instead
// of the library's "SECURITY ERROR" at connect time. plaintext-rule.test.ts proves both rules agree.
// Private DNS *names* are not trusted: a name can resolve anywhere, only a literal says where it goes.
import net from "node:net";
import type { Attention } from "../../../src-shared/attention.js";

// net.BlockList instead of an IP library: the ranges are few and fixed, and core stays dependency-light.
const trustedV4 = new net.BlockList();
trustedV4.addSubnet("127.0.0.0", 8, "ipv4"); // loopback
trustedV4.addSubnet("10.0.0.0", 8, "ipv4"); // RFC 1918
trustedV4.addSubnet("172.16.0.0", 12, "ipv4"); // RFC 1918
trustedV4.addSubnet("192.168.0.0", 16, "ipv4"); // RFC 1918
trustedV4.addSubnet("169.254.0.0", 16, "ipv4"); // link-local
trustedV4.addSubnet("100.64.0.0", 10, "ipv4"); // CGNAT (Tailscale's 100.x addresses live here)

const trustedV6 = new net.BlockList();
trustedV6.addAddress("::1", "ipv6"); // loopback
trustedV6.addSubnet("fe80::", 10, "ipv6"); // link-local
trustedV6.addSubnet("fc00::", 7, "ipv6"); // unique local (ULA)
trustedV6.addSubnet("fec0::", 10, "ipv6"); // deprecated site-local: the gateway still counts it as private

export type PlaintextVerdict =
  | { allowed: true; why: "tls" | "loopback" | "private-address" | "local-name" | "tailnet-name" }
  | { allowed: false; attention: Attention };

/** Strips the brackets URL.hostname keeps around IPv6 literals, and any trailing dots of a name. */
function bareHost(hostname: string): string {
  const h = hostname.trim().toLowerCase();
  if (h.startsWith("[") && h.endsWith("]")) return h.slice(1, -1);
  return h.replace(/\.+$/, "");
}

/** IPv4-mapped IPv6 (::ffff:10.0.0.1, which URL writes as ::ffff:a00:1) is judged as the IPv4 it carries. */
function mappedV4(v6: string): string | null {
  const m = /^::ffff:(?:(\d+\.\d+\.\d+\.\d+)|([0-9a-f]{1,4}):([0-9a-f]{1,4}))$/.exec(v6);
  if (!m) return null;
  if (m[1]) return m[1];
  const hi = parseInt(m[2]!, 16);
  const lo = parseInt(m[3]!, 16);
  return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
}

/** Why a host may carry plaintext, or null when it may not. */
export function plaintextTrustReason(hostname: string): "loopback" | "private-address" | "local-name" | "tailnet-name" | null {
  const h = bareHost(hostname);
  if (h === "localhost") return "loopback";
  const family = net.isIP(h);
  if (family === 4) {
    if (!trustedV4.check(h, "ipv4")) return null;
    return h.startsWith("127.") ? "loopback" : "private-address";
  }
  if (family === 6) {
    const v4 = mappedV4(h);
    if (v4) return plaintextTrustReason(v4);
    if (!trustedV6.check(h, "ipv6")) return null;
    return h === "::1" ? "loopback" : "private-address";
  }
  if (h.endsWith(".local")) return "local-name";
  if (h.endsWith(".ts.net")) return "tailnet-name";
  return null;
}

/**
 * The one loopback test (the import, the gateway session's trusted-endpoint check and the e2e fault
 * proxy all use it): localhost, 127.0.0.0/8, ::1 and IPv4-mapped 127.x; brackets and case do not matter.
 */
export function isLoopbackHost(hostname: string): boolean {
  return plaintextTrustReason(hostname) === "loopback";
}

/**
 * Judges a ws:// or wss:// URL (already normalised by direct-url.ts). wss:// is always allowed; ws:// only
 * to the hosts above. A refusal says why and what to use instead.
 */
export function checkPlaintextRule(url: string): PlaintextVerdict {
  const u = new URL(url);
  if (u.protocol === "wss:" || u.protocol === "https:") return { allowed: true, why: "tls" };
  const reason = plaintextTrustReason(u.hostname);
  if (reason) return { allowed: true, why: reason };
  const host = bareHost(u.hostname);
  return {
    allowed: false,
    attention: {
      reason: "plaintext-refused",
      message:
        `ws://${host} would send the gateway token and every chat in clear text over a network Clawlink cannot vouch for. ` +
        "Plain ws:// is only allowed to this machine, private or CGNAT IP addresses, link-local addresses, *.local and *.ts.net names.",
      fixHint:
        "Use SSH mode (the gateway stays on loopback and Clawlink tunnels to it), put the gateway behind Tailscale Serve " +
        `(https://<host>.<tailnet>.ts.net), or serve it over TLS and use wss://${u.host}${u.pathname === "/" ? "" : u.pathname}.`,
    },
  };
}
