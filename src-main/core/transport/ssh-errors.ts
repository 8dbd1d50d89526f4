// Turns what ssh2, the socket layer and our own checks report into sentences a person can act on,
// plus the one decision the supervisor needs: try again later, or stop and ask.
// Retry: the network or the server may come back by itself (DNS, refused, timeout, reset).
// Stop: only a person can fix it (credentials, a host key decision, a port someone else holds).
import type { Attention, Reason } from "../../../src-shared/attention.js";
import type { HostKeyVerdict } from "./known-hosts.js";

export interface Classified {
  attention: Attention;
  /** True when reconnecting on its own can fix it. */
  retry: boolean;
}

export interface ErrorContext {
  /** "host" or "host:port" as the person knows it (alias preferred). */
  label: string;
  host: string;
  port: number;
  user: string;
}

function at(reason: Reason, message: string, fixHint: string): Attention {
  return { reason, message, fixHint };
}

/** Classifies an ssh2 'error' (or a socket error on the way to it). */
export function classifySshError(err: Error & { code?: string; level?: string }, ctx: ErrorContext, authSummary?: string): Classified {
  const code = err.code ?? "";
  const msg = err.message ?? String(err);
  const where = `${ctx.label}${ctx.port === 22 ? "" : ` (port ${ctx.port})`}`;
  if (err.level === "client-authentication" || /All configured authentication methods failed/.test(msg)) {
    return {
      retry: false,
      attention: at(
        "ssh-auth-failed",
        `${ctx.user}@${ctx.label} refused every login method Clawlink tried: ${authSummary ?? "none"}.`,
        "Load your key into ssh-agent (ssh-add), point the profile at the right IdentityFile, or store the SSH password; `ssh " +
          `${ctx.user}@${ctx.label}\` in a terminal shows whether the server accepts you at all.`,
      ),
    };
  }
  if (code === "ENOTFOUND" || code === "EAI_AGAIN" || code === "EAI_NONAME" || err.level === "client-dns") {
    return {
      retry: true,
      attention: at("ssh-dns-failed", `The name ${ctx.host} could not be resolved${code === "EAI_AGAIN" ? " (DNS did not answer)" : ""}.`, "Check the host name and your network or VPN; Clawlink keeps retrying."),
    };
  }
  if (code === "ECONNREFUSED") {
    return {
      retry: true,
      attention: at("ssh-refused", `${where} refused the connection: no SSH server is listening there.`, "Check the SSH port and that sshd is running on the host; Clawlink keeps retrying."),
    };
  }
  if (code === "ETIMEDOUT" || err.level === "client-timeout" || /timed out|Keepalive timeout/i.test(msg)) {
    const ka = /Keepalive/i.test(msg);
    return {
      retry: true,
      attention: at(
        ka ? "ssh-link-lost" : "ssh-timeout",
        ka ? `The link to ${where} stopped answering.` : `${where} did not answer in time.`,
        "Check your network, VPN or firewall; Clawlink reconnects as soon as the host answers again.",
      ),
    };
  }
  if (code === "EHOSTUNREACH" || code === "ENETUNREACH" || code === "EADDRNOTAVAIL" || code === "ENETDOWN") {
    return { retry: true, attention: at("ssh-unreachable", `${where} cannot be reached from this network (${code}).`, "Check that you are on the right network or VPN; Clawlink keeps retrying.") };
  }
  if (code === "ECONNRESET" || code === "EPIPE" || /Connection lost before handshake|closed|reset/i.test(msg)) {
    return { retry: true, attention: at("ssh-connection-lost", `The connection to ${where} was cut (${code || msg}).`, "Clawlink reconnects by itself; if this repeats, check the server's sshd logs (MaxStartups, fail2ban).") };
  }
  if (err.level === "handshake" || err.level === "protocol") {
    return { retry: false, attention: at("ssh-handshake-failed", `The SSH handshake with ${where} failed: ${msg}.`, "The server may offer only algorithms Clawlink does not support; check its sshd_config or try `ssh -v`.") };
  }
  return { retry: true, attention: at("ssh-error", `SSH to ${where} failed: ${msg}.`, "Clawlink keeps retrying; `ssh -v` from a terminal may say more.") };
}

/**
 * How to forget a changed key, by where the old one is (issue 12): a key Clawlink saved is removed with
 * its own action (Forget host key; `clawlink trust forget <profile> --host-key`), one in a file of the
 * person's with `ssh-keygen -R`. Without `appKnownHostsFile` both are named.
 */
function forgetOldKeyHint(where: string, sources: string[], appKnownHostsFile?: string): string {
  const files = [...new Set(sources.map((s) => s.replace(/:\d+$/, "")))];
  const inApp = !appKnownHostsFile || files.includes(appKnownHostsFile);
  const theirs = appKnownHostsFile ? files.filter((f) => f !== appKnownHostsFile) : [];
  const steps: string[] = [];
  if (inApp) steps.push("forget the old key Clawlink saved (Forget host key for this gateway, or `clawlink trust forget <profile> --host-key`)");
  if (!appKnownHostsFile) steps.push(`for a key in ~/.ssh/known_hosts, remove the old entry (ssh-keygen -R '${where}')`);
  for (const f of theirs) steps.push(`remove the old entry from ${f} (ssh-keygen -R '${where}' -f ${f})`);
  return `If the server really was reinstalled, check the new fingerprint on the server, then ${steps.join("; and ")}, and connect again.`;
}

/** Host key outcomes other than "known". None of them is retried: each needs a person. */
export function hostKeyAttention(v: Exclude<HostKeyVerdict, { status: "known" }>, ctx: ErrorContext, declined = false, appKnownHostsFile?: string): Attention {
  const where = ctx.port === 22 ? ctx.host : `[${ctx.host}]:${ctx.port}`;
  switch (v.status) {
    case "unknown":
      return declined
        ? at("host-key-declined", `You did not trust the host key of ${where} (${v.keyType} ${v.fingerprint}); nothing was sent.`, "Compare the fingerprint with `ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub` on the server, then connect again and trust it.")
        : at("host-key-unknown", `${where} is not in your known_hosts. It presented ${v.keyType} ${v.fingerprint}.`, "Confirm the fingerprint when asked, or connect once with `ssh` in a terminal to add it to ~/.ssh/known_hosts.");
    case "changed":
      return at(
        "host-key-changed",
        `The host key of ${where} has changed. known_hosts has ${v.expected.map((e) => `${e.keyType} ${e.fingerprint} (${e.source})`).join(", ")}; the server now presents ${v.keyType} ${v.fingerprint}. ` +
          "Someone could be intercepting the connection, or the server was reinstalled. Nothing was sent.",
        forgetOldKeyHint(where, v.expected.map((e) => e.source), appKnownHostsFile),
      );
    case "revoked":
      return at("host-key-revoked", `${where} presented ${v.fingerprint}, a key marked @revoked in ${v.source}. Nothing was sent.`, "Do not connect; ask the server's administrator which key is current.");
  }
}

/** The exact message the issue asks for when the forward opens but nothing answers behind it. */
export function remotePortClosedAttention(sshHost: string, remotePort: number): Attention {
  return at(
    "remote-port-closed",
    `nothing is listening on 127.0.0.1:${remotePort} on ${sshHost} — is the gateway running?`,
    `Start the gateway on ${sshHost} (openclaw gateway), or set the remote port to the one it listens on.`,
  );
}

/** True for ssh2's channel-open failure when the server could not connect to the forward target. */
export function isRemoteConnectRefused(err: Error & { reason?: number }): boolean {
  // SSH_OPEN_CONNECT_FAILED = 2; OpenSSH says "Connection refused" or "open failed".
  return err.reason === 2 || /connection refused|open failed|connect failed/i.test(err.message);
}

export function forwardingDeniedAttention(sshHost: string, err: Error & { reason?: number }): Attention {
  return at(
    "forwarding-denied",
    `${sshHost} refused to forward to 127.0.0.1 (${err.message}).`,
    "The server's sshd_config must allow it: AllowTcpForwarding yes (or local), and PermitOpen must include 127.0.0.1:<port> if it is set.",
  );
}

export function localPortAttention(port: number, code: string, fallbackAllowed: boolean): Attention {
  if (code === "EADDRINUSE") {
    return at(
      "local-port-busy",
      `Local port ${port} is already in use${fallbackAllowed ? " and no free port could be found either" : ""}.`,
      "Close the program holding it (another gateway or an old `ssh -L`), or choose another local port in the profile.",
    );
  }
  return at("local-port-unusable", `Clawlink cannot listen on local port ${port} (${code}).`, "Choose a port above 1024 that no other program uses.");
}
