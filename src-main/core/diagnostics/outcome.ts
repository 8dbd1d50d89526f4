// What a ladder run amounts to: one outcome kind (the CLI turns it into an exit code), taken from the
// reason code of the step that failed. Reason codes come from every layer: the transports (ssh-*,
// host-key-*, tls-*, plaintext-refused, invalid-url …), the gateway failure union (auth-*,
// pairing-required, protocol-mismatch, network …) and the ladder's own probes (dns-failed,
// tcp-refused, not-a-gateway …).
import type { Attention } from "../../../src-shared/attention.js";

export type OutcomeKind =
  | "connected"
  | "config"
  | "network"
  | "ssh-auth"
  | "host-key"
  | "tls"
  | "gateway-auth"
  | "pairing-required"
  | "protocol-mismatch"
  | "not-a-gateway"
  | "plaintext-refused"
  | "failure";

const CONFIG = new Set([
  "invalid-url",
  "ssh-target-invalid",
  "tls-pin-invalid",
  "tls-pin-without-tls",
  "local-port-busy",
  "local-port-unusable",
  "local-port-reserved",
]);

const NETWORK = new Set([
  "dns-failed",
  "tcp-refused",
  "tcp-timeout",
  "tcp-unreachable",
  "tcp-failed",
  "no-local-gateway",
  "websocket-failed",
  "challenge-closed",
  "gateway-unavailable",
  "remote-port-closed",
  "forwarding-denied",
  "tls-unreachable",
  "network",
  "timeout",
  "closed",
  "gateway-starting",
  "shutdown",
]);

/** The outcome kind for the reason code a failed step carries. */
export function outcomeKindFor(reason: string): OutcomeKind {
  if (reason === "plaintext-refused" || reason === "insecure-url") return "plaintext-refused";
  if (CONFIG.has(reason)) return "config";
  if (reason.startsWith("host-key-")) return "host-key";
  if (reason === "ssh-auth-failed") return "ssh-auth";
  // SSH could not agree on algorithms with the server: the two ends do not speak a common protocol.
  if (reason === "ssh-handshake-failed") return "protocol-mismatch";
  if (reason.startsWith("ssh-")) return "network";
  if (NETWORK.has(reason)) return "network";
  if (reason.startsWith("tls-")) return "tls";
  if (reason === "pairing-required") return "pairing-required";
  if (reason === "protocol-mismatch") return "protocol-mismatch";
  // Local mode found a tunnel or another program on its gateway's port (issue 10): not this machine's gateway.
  if (reason === "not-a-gateway" || reason === "local-port-not-gateway") return "not-a-gateway";
  if (reason.startsWith("auth-") || reason === "device-auth") return "gateway-auth";
  return "failure";
}

const PROXY_HEADERS = /proxy headers detected from untrusted address|proxy client attribution is required/i;

/**
 * Whatever text the gateway sent (a close reason, an error message, a remediation hint) may name a
 * problem our reason codes do not: the reverse-proxy one in particular. Returns the attention with a
 * fix hint for it, or the attention unchanged.
 */
export function withGatewayTextHints(a: Attention, gatewayText: Array<string | null | undefined>): Attention {
  const text = gatewayText.filter((t): t is string => typeof t === "string" && t.length > 0).join(" | ");
  if (!PROXY_HEADERS.test(text)) return a;
  return {
    ...a,
    message: `${a.message} The gateway said: "${text.slice(0, 300)}".`,
    fixHint:
      "A reverse proxy sits between Clawlink and the gateway, and the gateway does not trust the address it forwards from, so it sees the proxy instead of you. " +
      "On the gateway host add the proxy's address to gateway.trustedProxies (e.g. `openclaw config set gateway.trustedProxies '[\"127.0.0.1\"]'`) " +
      "or set OPENCLAW_GATEWAY_TRUSTED_PROXIES for the gateway process, make the proxy overwrite X-Forwarded-For, then restart the gateway.",
  };
}
