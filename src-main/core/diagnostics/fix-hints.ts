// Fix hints per surface. Every layer words its hints for the app ("paste it into this gateway's
// settings", "confirm the fingerprint when asked", "choose Re-trust"), because the app is where most
// people meet them. A person at a terminal cannot click any of that, so the CLI gets its own wording here,
// looked up by the attention's reason code, the one stable key every layer already gives. This is the
// one place CLI hints live, one entry per reason (src-shared/reasons.ts): null keeps the hint its layer
// gave (those are neutral: "Start the gateway", "Check the network", gateway-side commands), so a new
// reason must say which it is. The message is never changed.
import type { Attention } from "../../../src-shared/attention.js";
import type { Reason } from "../../../src-shared/reasons.js";
import { tailscaleIdentityHint } from "../gateway/failure-hints.js";
import { normalizeTlsFingerprint } from "../transport/tls-pin.js";

export type HintSurface = "ui" | "cli";

/** What the CLI knows that its hints name. */
export interface CliHintContext {
  /** The saved profile the command runs on; null for a URL or ssh:// target typed on the command line. */
  profileId: string | null;
  /** The target as typed (profile id or URL without secrets), for commands to run again. */
  target: string;
  /** Clawlink's own known_hosts (<config dir>/known_hosts), where --trust-host-key saves keys. */
  appKnownHosts: string;
}

type CliHint = (a: Attention, c: CliHintContext) => string;

const TOKEN_FROM_HOST = "Copy the token from the gateway host (`openclaw config get gateway.auth.token`, or gateway.auth.token in ~/.openclaw/openclaw.json)";

/** How a terminal user hands Clawlink a token or password: stored for a profile, or given for one run. */
function giveSecret(kind: "token" | "password", c: CliHintContext): string {
  const once = `--${kind}-env NAME (an environment variable holding it) or --${kind}-stdin`;
  return c.profileId
    ? `store it for this profile with \`printf %s "$${kind.toUpperCase()}" | clawlink secret set ${c.profileId} ${kind}\` (kept in your OS keychain), or give it for one run with ${once}`
    : `give it with ${once}; to keep it, save the gateway as a profile (\`clawlink profiles add NAME ${c.target}\`) and run \`clawlink secret set NAME ${kind}\``;
}

/** Tailscale Serve identity auth, for a *.ts.net target only (failure-hints.ts says when it applies). */
const tailnetAlternative = (c: CliHintContext): string => {
  const ts = tailscaleIdentityHint(c.target);
  return ts ? ` ${ts}` : "";
};

const exportHint = (c: CliHintContext): string => `\`clawlink probe ${c.target} --file clawlink-diagnostics.json\` writes a diagnostics export (secrets removed) to attach to a report`;

const ON_SERVER = "on the server: `ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub`";
const ON_GATEWAY_HOST = "on the gateway host: `openssl x509 -noout -fingerprint -sha256 -in <cert>`";

/** The SHA-256 a TLS message shows (`… is SHA256 AB:CD:…` / `now SHA256 …`), as --tls-fingerprint takes it. */
function shownFingerprint(message: string, after: RegExp): string | null {
  const m = after.exec(message);
  return m ? normalizeTlsFingerprint(m[1]) : null;
}

const CLI_HINTS: Record<Reason, CliHint | null> = {
  "auth-token-missing": (_a, c) => `${TOKEN_FROM_HOST}, then ${giveSecret("token", c)}.${tailnetAlternative(c)}`,
  "auth-token-mismatch": (_a, c) => `The token is wrong or was rotated. ${TOKEN_FROM_HOST}, then ${giveSecret("token", c)}.`,
  "auth-token-not-configured": (_a, c) =>
    `On the gateway host run \`openclaw config set gateway.auth.token <new token>\` (or \`openclaw onboard\`) and restart the gateway; then ${giveSecret("token", c)}.`,
  "auth-password-missing": (_a, c) => `Take the gateway password (gateway.auth.password on the gateway host), then ${giveSecret("password", c)}.`,
  "auth-password-mismatch": (_a, c) => `Check gateway.auth.password on the gateway host, then ${giveSecret("password", c)}.`,
  "auth-device-token-mismatch": (_a, c) => `The stale device token was removed. To pair again, ${TOKEN_FROM_HOST.charAt(0).toLowerCase()}${TOKEN_FROM_HOST.slice(1)} and ${giveSecret("token", c)}.`,
  "auth-other": (_a, c) =>
    `Check the gateway's auth mode (gateway.auth.mode) and the credential Clawlink gave: ${c.profileId ? `\`clawlink profiles show ${c.profileId}\` says which secrets are stored` : "--token-env/--token-stdin or --password-env/--password-stdin"}.`,
  "device-identity-required": (_a, c) => `This is a Clawlink bug: ${exportHint(c)}.`,
  rejected: (_a, c) => `Check the gateway log (\`openclaw logs\` on the gateway host); ${exportHint(c)}.`,
  "internal-error": (_a, c) => `This is a Clawlink bug: ${exportHint(c)}.`,
  incomplete: (_a, c) => `This is a Clawlink bug: ${exportHint(c)}.`,

  "host-key-unknown": (_a, c) =>
    `Compare that fingerprint with the server's (${ON_SERVER}). If it matches, run again with --trust-host-key: Clawlink saves the key to its own known_hosts (${c.appKnownHosts}), never to ~/.ssh/known_hosts. ` +
    "Or run on a terminal without --batch to be asked, or connect once with `ssh` to add it to ~/.ssh/known_hosts.",
  "host-key-declined": (_a, c) =>
    `You answered no. Compare the fingerprint with the server's (${ON_SERVER}); if it matches, run again and answer y, or pass --trust-host-key (saved to Clawlink's own known_hosts, ${c.appKnownHosts}).`,
  "host-key-changed": (a, c) => changedHostKey(a, c),
  "ssh-auth-failed": (a) => {
    const login = /`ssh ([^`]+)`/.exec(a.fixHint)?.[1];
    return `Load your key into ssh-agent (ssh-add) or name it with --identity FILE${login ? `; \`ssh ${login}\` in a terminal shows whether the server accepts you at all` : ""}.`;
  },
  "remote-port-closed": () => "Start the gateway on that host (`openclaw gateway`), or pass the port it listens on there with --remote-port N.",
  "local-port-busy": () => "Close the program holding it (another gateway or an old `ssh -L`), or pass another port with --local-port N (0: any free port).",
  "local-port-unusable": () => "Pass a port above 1024 that no other program uses with --local-port N (0: any free port).",

  // tls-trust-declined: the ladder already words it this way (with the fingerprint); the connection path
  // says "connect again and trust it", which a script under --batch cannot.
  "tls-untrusted": (a) => tlsFirstUse(a),
  "tls-trust-declined": (a) => tlsFirstUse(a),
  "tls-cert-changed": (a, c) => {
    const fp = shownFingerprint(a.message, /\bnow (SHA256 [0-9A-F:]+)/i);
    return `If you replaced or renewed the gateway's certificate, compare the new fingerprint with it (${ON_GATEWAY_HOST}) and pin it with --tls-fingerprint ${fp ?? `HEX (\`clawlink probe ${c.target}\` shows it)`}. Otherwise do not connect: someone may be intercepting the connection.`;
  },
  "tls-pin-mismatch": (a, c) => {
    const fp = shownFingerprint(a.message, /\bobserved (SHA256 [0-9A-F:]+)/i);
    return `Do not continue unless you changed the gateway's certificate yourself; if you did, compare the new fingerprint with it (${ON_GATEWAY_HOST}) and pass it with --tls-fingerprint ${fp ?? `HEX (\`clawlink probe ${c.target}\` shows it)`}.`;
  },
  "insecure-url": () => plaintextHint,
  "plaintext-refused": () => plaintextHint,

  // The layer's own hint is already right on a terminal.
  "auth-password-not-configured": null,
  "auth-scope-mismatch": null,
  "auth-rate-limited": null,
  "pairing-required": null,
  "device-auth": null,
  "protocol-mismatch": null,
  "gateway-starting": null,
  shutdown: null,
  network: null,
  timeout: null,
  "not-a-gateway": null,
  closed: null,
  "ssh-dns-failed": null,
  "ssh-refused": null,
  "ssh-timeout": null,
  "ssh-link-lost": null,
  "ssh-unreachable": null,
  "ssh-connection-lost": null,
  "ssh-handshake-failed": null,
  "ssh-error": null,
  "ssh-target-invalid": null,
  // Names the ProxyJump line to write and `ssh -G`: as right on a terminal as in the app.
  "ssh-proxycommand-unsupported": null,
  "host-key-revoked": null,
  "forwarding-denied": null,
  "local-port-reserved": null,
  "invalid-url": null,
  "dns-failed": null,
  "tls-pin-invalid": null,
  "tls-pin-without-tls": null,
  "tls-unreachable": null,
  "tls-cert-changed-again": null,
  "no-local-gateway": null,
  "local-port-not-gateway": null,
  "device-identity": null,
  "tcp-refused": null,
  "tcp-timeout": null,
  "tcp-unreachable": null,
  "tcp-failed": null,
  "websocket-failed": null,
  "challenge-closed": null,
  "gateway-unavailable": null,
  "gateway-unhealthy": null,
  failure: null,
  "invalid-profile": null,
  "openclaw-config-invalid": null,
  "openclaw-config-unreadable": null,
  "openclaw-import-failed": null,
};

/**
 * A changed host key, by where the old key is (the message names each file:line): in Clawlink's own
 * known_hosts → `clawlink trust forget <profile> --host-key` (issue 12), or ssh-keygen -R -f on that file
 * for a target typed on the command line; in a file of the person's → ssh-keygen -R -f on that file.
 */
function changedHostKey(a: Attention, c: CliHintContext): string {
  const where = /The host key of (\S+) has changed/.exec(a.message)?.[1] ?? /ssh-keygen -R '([^']+)'/.exec(a.fixHint)?.[1] ?? "<host>";
  const files = [...new Set([...a.message.matchAll(/\(([^()]+):\d+\)/g)].map((m) => m[1]!))];
  const steps: string[] = [];
  if (files.length === 0 || files.includes(c.appKnownHosts))
    steps.push(
      c.profileId
        ? `\`clawlink trust forget ${c.profileId} --host-key\` (removes it from Clawlink's own known_hosts, ${c.appKnownHosts})`
        : `\`ssh-keygen -R '${where}' -f ${c.appKnownHosts}\` (Clawlink's own known_hosts)`,
    );
  for (const f of files.filter((x) => x !== c.appKnownHosts)) steps.push(`\`ssh-keygen -R '${where}' -f ${f}\``);
  if (files.length === 0) steps.push(`\`ssh-keygen -R '${where}'\` for ~/.ssh/known_hosts`);
  return `If the server really was reinstalled, check the new fingerprint there (${ON_SERVER}), then forget the old key: ${steps.join(", and ")}; then connect again. --trust-host-key never accepts a changed key.`;
}

const plaintextHint =
  "Use an ssh://user@host target (the gateway stays on loopback and Clawlink tunnels to it), a wss:// URL, or Tailscale Serve (https://<host>.<tailnet>.ts.net); " +
  "plaintext ws:// is only allowed to loopback, private addresses, *.local and *.ts.net.";

function tlsFirstUse(a: Attention): string {
  const fp = shownFingerprint(a.message, /fingerprint is (SHA256 [0-9A-F:]+)/i);
  return `Compare that fingerprint with the gateway's certificate (${ON_GATEWAY_HOST}), then pin it: --tls-fingerprint ${fp ?? "HEX"} (or answer y when asked on a terminal, without --batch).`;
}

/** The fix hint for `a` on `surface`. The UI keeps the hint its layer wrote. */
export function fixHintFor(a: Attention, surface: "ui"): string;
export function fixHintFor(a: Attention, surface: "cli", c: CliHintContext): string;
export function fixHintFor(a: Attention, surface: HintSurface, c?: CliHintContext): string {
  if (surface === "ui" || !c) return a.fixHint;
  return CLI_HINTS[a.reason]?.(a, c) ?? a.fixHint;
}

/** `a` with its fix hint for the CLI (same reason and message). */
export function forCli<T extends Attention>(a: T, c: CliHintContext): T {
  return { ...a, fixHint: fixHintFor(a, "cli", c) };
}

/** The reasons whose CLI wording differs from the app's (for tests and docs). */
export const CLI_HINT_REASONS = (Object.keys(CLI_HINTS) as Reason[]).filter((r) => CLI_HINTS[r] !== null);
