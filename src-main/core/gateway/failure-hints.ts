// Words for people: what each GatewayFailure means and what to do about it. The CLI prints these, the
// UI shows them next to the state, and diagnostics export them. `target` names the gateway the way the
// user configured it (profile name, URL or SSH host).
import type { Attention } from "../../../src-shared/attention.js";
import type { GatewayFailure } from "../../../src-shared/gateway-session.js";

const TOKEN_WHERE =
  "Copy the token from the gateway host (`openclaw config get gateway.auth.token`, or gateway.auth.token in ~/.openclaw/openclaw.json) and paste it into this gateway's settings (it is kept in your OS keychain).";

/**
 * Tailscale Serve identity auth (docs/gateway/tailscale.md "Tailscale identity headers", remote.md):
 * with `gateway.tailscale.mode: "serve"`, `gateway.auth.allowTailscale` (on by default there unless the
 * auth mode is password) lets a WebSocket that arrives through Serve log in with the caller's tailnet
 * identity instead of the token. Said only when the target names a *.ts.net host, the one place it can
 * apply (a direct tailnet bind on :18789 never gets it, hence "through wss://<name>").
 */
export function tailscaleIdentityHint(target: string): string | null {
  let host = target.trim();
  try {
    host = new URL(host).hostname || host;
  } catch {
    // not a URL: a host, user@host or host:port
  }
  host = host.replace(/^[^@]*@/, "").replace(/:\d+$/, "");
  host = host.toLowerCase().replace(/\.$/, "");
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)*\.ts\.net$/.test(host)) return null;
  return (
    `On a tailnet there is another way: if that gateway runs Tailscale Serve (gateway.tailscale.mode "serve"), gateway.auth.allowTailscale lets a connection through wss://${host} log in with your Tailscale identity instead of a token ` +
    "(on by default with Serve unless the auth mode is password; this device may still need pairing approval). It trusts the gateway host: turn it off where untrusted code runs there."
  );
}

export function describeFailure(f: GatewayFailure, target: string): Attention {
  const a = (message: string, fixHint: string): Attention => ({ reason: f.kind, message, fixHint });
  switch (f.kind) {
    case "auth-token-missing":
      return a(`${target} requires a gateway token and none is set.`, withTailscale(TOKEN_WHERE, target));
    case "auth-token-mismatch":
      return a(`${target} rejected the gateway token.`, `The token is wrong or was rotated. ${TOKEN_WHERE}`);
    case "auth-token-not-configured":
      return a(`${target} is in token mode but has no token configured.`, "On the gateway host run `openclaw config set gateway.auth.token <new token>` (or `openclaw onboard`), restart the gateway, then paste the same token here.");
    case "auth-password-missing":
      return a(`${target} requires a password and none is set.`, "Enter the gateway password (gateway.auth.password on the gateway host) in this gateway's settings.");
    case "auth-password-mismatch":
      return a(`${target} rejected the password.`, "Check gateway.auth.password on the gateway host and enter it again in this gateway's settings.");
    case "auth-password-not-configured":
      return a(`${target} is in password mode but has no password configured.`, "Set gateway.auth.password on the gateway host and restart it.");
    case "auth-device-token-mismatch":
      return a(`${target} no longer accepts this device's token (it was revoked or rotated).`, "The stale device token was removed. Paste the gateway token into this gateway's settings to pair again.");
    case "auth-scope-mismatch":
      return a(`${target} did not grant the access this app asks for.`, "Approve the scope upgrade on the gateway host (`openclaw devices list`, then `openclaw devices approve <requestId>`), or reset this device's pairing.");
    case "auth-rate-limited": {
      const wait = f.retryAfterMs ? ` Wait about ${Math.ceil(f.retryAfterMs / 1000)} s.` : "";
      return a(`${target} is refusing logins for a while after too many failed attempts.`, `Fix the token or password first, then retry.${wait}`);
    }
    case "auth-other":
      // A pasted setup code's bootstrap token (docs/cli/qr.md): single use, 10 minutes.
      if (f.code === "AUTH_BOOTSTRAP_TOKEN_INVALID")
        return a(`${target} rejected the setup code: it is expired, revoked or already used.`, "Make a new one on the gateway host (`openclaw qr --setup-code-only`) and paste it within 10 minutes, or paste the gateway token instead.");
      return a(`${target} refused authentication (${f.code}).`, "Check the gateway's auth mode (gateway.auth.mode) and the credentials set here.");
    case "pairing-required":
      return a(
        `${target} has not approved this device yet${f.reason !== "not-paired" ? ` (${f.reason})` : ""}.`,
        f.approveCommand
          ? `On the gateway host run: ${f.approveCommand} — Clawlink keeps trying and continues on its own once approved.`
          : "On the gateway host run `openclaw devices list` and approve the pending request; Clawlink continues on its own once approved.",
      );
    case "device-auth":
      return a(`${target} rejected this device's signature (${f.code}).`, f.code === "DEVICE_AUTH_SIGNATURE_EXPIRED" ? "Check that this computer's clock is right." : "Reset this device's identity in settings, then approve it again on the gateway host.");
    case "device-identity-required":
      return a(`${target} requires a device identity and none was sent.`, "This is a Clawlink bug; export diagnostics and report it.");
    case "protocol-mismatch":
      return a(
        `${target} speaks a different protocol version${f.expectedProtocol ? ` (it expects v${f.expectedProtocol}, Clawlink speaks v4)` : ""}.`,
        f.update === "clawlink" ? "Update Clawlink." : f.update === "gateway" ? "Update the gateway: on the gateway host run `openclaw update`." : "Update whichever side is older (Clawlink or `openclaw update` on the gateway host).",
      );
    case "gateway-starting":
      return a(`${target} is still starting.`, "Nothing to do: Clawlink connects as soon as it is ready.");
    case "shutdown":
      return a(`${target} is shutting down or restarting.`, "Nothing to do if it is restarting: Clawlink reconnects when it is back. Otherwise start it on the gateway host (`openclaw gateway`).");
    case "network":
      // A name that does not resolve is said as such (issue 12): "could not be reached" reads as a dead host.
      if (f.errno === "ENOTFOUND" || f.errno === "EAI_AGAIN") return a(`${target} could not be reached: its host name does not resolve (${f.errno}).`, networkHint(f.errno));
      return a(`${target} could not be reached${f.errno ? ` (${f.errno})` : ""}.`, networkHint(f.errno));
    case "tls-pin-mismatch":
      return a(`${target} presented a TLS certificate that does not match the pinned fingerprint.`, "Do not continue unless you changed the gateway's certificate yourself; if you did, re-trust it deliberately in this gateway's settings.");
    case "insecure-url":
      return a(`Refusing plaintext ws:// to ${target}.`, "Use SSH mode, Tailscale Serve, or a wss:// URL; plaintext is only allowed to loopback, private addresses, *.local and *.ts.net.");
    case "timeout":
      return a(`${target} did not answer in time.`, "The link may be dead or very slow; Clawlink keeps retrying. Check the network or the SSH tunnel.");
    case "not-a-gateway":
      return a(`Something answers at ${target}, but it is not an OpenClaw gateway (${f.message}).`, "Check the address and port: another program may be listening there, or the URL points at a web page instead of the gateway. Clawlink keeps retrying in case the gateway comes back on that port.");
    case "closed":
      return a(`${target} closed the connection (${f.code}${f.reason ? `: ${f.reason}` : ""}).`, "Clawlink reconnects by itself.");
    case "rejected":
      return a(`${target} rejected the connection (${f.code}).`, "Export diagnostics and check the gateway log (`openclaw logs`).");
  }
}

function withTailscale(hint: string, target: string): string {
  const ts = tailscaleIdentityHint(target);
  return ts ? `${hint} ${ts}` : hint;
}

function networkHint(errno: string | null): string {
  switch (errno) {
    case "ECONNREFUSED":
      return "Nothing is listening there: is the gateway running (`openclaw gateway status`), and is the port right? Clawlink keeps retrying.";
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return "The host name does not resolve: check its spelling and your DNS or VPN (Tailscale) connection.";
    case "EHOSTUNREACH":
    case "ENETUNREACH":
    case "ENETDOWN":
      return "No route to the host: check your network or VPN connection. Clawlink retries when the network comes back.";
    case "ETIMEDOUT":
      return "The connection attempt timed out: a firewall may be dropping it, or the host is down.";
    default:
      return "Check the network; Clawlink keeps retrying with growing pauses.";
  }
}
