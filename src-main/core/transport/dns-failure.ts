// A name that does not resolve is a DNS problem, whichever layer met it first: the TLS pre-check of a
// wss:// address used to report it as "Could not complete a TLS handshake … getaddrinfo ENOTFOUND"
// (issue 12), which sends people to look at certificates and proxies instead of the spelling of the
// host. Every layer that can see the errno names it the same way and gives the same hint.
import type { Attention } from "../../../src-shared/attention.js";

/** getaddrinfo's "no such name", "DNS did not answer" and "permanent failure" codes, as Node reports them. */
const DNS_ERRNOS = new Set(["ENOTFOUND", "EAI_AGAIN", "EAI_NONAME", "EAI_FAIL"]);

/** The name-resolution errno on an error or its cause chain, or null when it failed for another reason. */
export function nameResolutionErrno(error: unknown, depth = 0): string | null {
  if (!error || typeof error !== "object" || depth > 4) return null;
  const e = error as { code?: unknown; cause?: unknown };
  if (typeof e.code === "string" && DNS_ERRNOS.has(e.code)) return e.code;
  return nameResolutionErrno(e.cause, depth + 1);
}

/** The hint for a name that does not resolve: the spelling first, then the resolver (VPNs bring their own). */
export function dnsFixHint(host: string): string {
  return `Check the spelling of the host name and your DNS or VPN (Tailscale) connection; \`getent hosts ${host}\` shows what this machine resolves.`;
}

/** "dns-failed" for `host` (brackets of an IPv6 literal dropped), in the words the ladder's DNS probe uses. */
export function dnsAttention(host: string, errno: string): Attention {
  const h = host.replace(/^\[|\]$/g, "");
  return {
    reason: "dns-failed",
    message: `The name ${h} could not be resolved (${errno})${errno === "EAI_AGAIN" ? ": DNS did not answer" : ""}.`,
    fixHint: dnsFixHint(h),
  };
}
