// Why this file exists (issue 14 §2): every layer says why it needs a person with a reason code, and the
// CLI (exit code), the ladder (outcome kind) and the UI (which fix to offer inline) each branch on it.
// The codes used to be free strings read by prefix ("ssh-*" → network) and by regex in the renderer, so
// a new reason fell silently into whatever bucket its spelling matched. Here they are one closed list,
// and every decision taken on a reason is one `Record<Reason, …>`: adding a reason does not compile until
// each table says what it means. (The CLI's own fix-hint wording is the third table, CLI_HINTS in
// src-main/core/diagnostics/fix-hints.ts, because it needs the CLI's context; it is keyed the same way.)

/** The gateway failure union's kinds (src-shared/gateway-session.ts): describeFailure() uses the kind as the reason. */
const GATEWAY_REASONS = [
  "auth-token-missing",
  "auth-token-mismatch",
  "auth-token-not-configured",
  "auth-password-missing",
  "auth-password-mismatch",
  "auth-password-not-configured",
  "auth-device-token-mismatch",
  "auth-scope-mismatch",
  "auth-rate-limited",
  "auth-other",
  "pairing-required",
  "device-auth",
  "device-identity-required",
  "protocol-mismatch",
  "gateway-starting",
  "shutdown",
  "network",
  "tls-pin-mismatch",
  "insecure-url",
  "timeout",
  "not-a-gateway",
  "closed",
  "rejected",
] as const;

/** The SSH transport (ssh-errors.ts, ssh-target.ts, forward-port.ts, tunnel supervisor). */
const SSH_REASONS = [
  "ssh-auth-failed",
  "ssh-dns-failed",
  "ssh-refused",
  "ssh-timeout",
  "ssh-link-lost",
  "ssh-unreachable",
  "ssh-connection-lost",
  "ssh-handshake-failed",
  "ssh-error",
  "ssh-target-invalid",
  "ssh-proxycommand-unsupported",
  "host-key-unknown",
  "host-key-declined",
  "host-key-changed",
  "host-key-revoked",
  "remote-port-closed",
  "forwarding-denied",
  "local-port-busy",
  "local-port-unusable",
  "local-port-reserved",
] as const;

/** Direct ws/wss plans: the URL, the plaintext rule, name resolution and TLS trust (tls-pin.ts). */
const DIRECT_REASONS = [
  "invalid-url",
  "plaintext-refused",
  "dns-failed",
  "tls-pin-invalid",
  "tls-pin-without-tls",
  "tls-unreachable",
  "tls-untrusted",
  "tls-trust-declined",
  "tls-cert-changed",
  "tls-cert-changed-again",
] as const;

/** This machine's gateway (local mode) and this device's identity. */
const LOCAL_REASONS = ["no-local-gateway", "local-port-not-gateway", "device-identity"] as const;

/** The test-connection ladder's own probes and its bookkeeping. */
const LADDER_REASONS = [
  "tcp-refused",
  "tcp-timeout",
  "tcp-unreachable",
  "tcp-failed",
  "websocket-failed",
  "challenge-closed",
  "gateway-unavailable",
  "gateway-unhealthy",
  "internal-error",
  "incomplete",
  "failure",
] as const;

/** Profiles: a pasted dashboard link, an imported ~/.openclaw/openclaw.json. */
const PROFILE_REASONS = ["invalid-profile", "openclaw-config-invalid", "openclaw-config-unreadable", "openclaw-import-failed"] as const;

/** Every reason code, for runtime checks (the host API schema). */
export const REASONS = [...GATEWAY_REASONS, ...SSH_REASONS, ...DIRECT_REASONS, ...LOCAL_REASONS, ...LADDER_REASONS, ...PROFILE_REASONS] as const;

/** Why a layer needs a person: the closed set every Attention carries. */
export type Reason = (typeof REASONS)[number];

const REASON_SET: ReadonlySet<string> = new Set(REASONS);
export const isReason = (s: string): s is Reason => REASON_SET.has(s);

/** What a ladder run (or a connection stopped for a person) amounts to; the CLI maps it to its exit code. */
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

/** The outcome kind (hence the CLI exit code, src-main/core/cli/exit-codes.ts) of each reason. */
export const OUTCOME_OF_REASON: Record<Reason, Exclude<OutcomeKind, "connected">> = {
  // gateway failure kinds
  "auth-token-missing": "gateway-auth",
  "auth-token-mismatch": "gateway-auth",
  "auth-token-not-configured": "gateway-auth",
  "auth-password-missing": "gateway-auth",
  "auth-password-mismatch": "gateway-auth",
  "auth-password-not-configured": "gateway-auth",
  "auth-device-token-mismatch": "gateway-auth",
  "auth-scope-mismatch": "gateway-auth",
  "auth-rate-limited": "gateway-auth",
  "auth-other": "gateway-auth",
  "pairing-required": "pairing-required",
  "device-auth": "gateway-auth",
  "device-identity-required": "failure",
  "protocol-mismatch": "protocol-mismatch",
  "gateway-starting": "network",
  shutdown: "network",
  network: "network",
  "tls-pin-mismatch": "tls",
  "insecure-url": "plaintext-refused",
  timeout: "network",
  "not-a-gateway": "not-a-gateway",
  closed: "network",
  rejected: "failure",
  // SSH
  "ssh-auth-failed": "ssh-auth",
  "ssh-dns-failed": "network",
  "ssh-refused": "network",
  "ssh-timeout": "network",
  "ssh-link-lost": "network",
  "ssh-unreachable": "network",
  "ssh-connection-lost": "network",
  // SSH could not agree on algorithms with the server: the two ends do not speak a common protocol.
  "ssh-handshake-failed": "protocol-mismatch",
  "ssh-error": "network",
  "ssh-target-invalid": "config",
  "ssh-proxycommand-unsupported": "config",
  "host-key-unknown": "host-key",
  "host-key-declined": "host-key",
  "host-key-changed": "host-key",
  "host-key-revoked": "host-key",
  "remote-port-closed": "network",
  "forwarding-denied": "network",
  "local-port-busy": "config",
  "local-port-unusable": "config",
  "local-port-reserved": "config",
  // direct
  "invalid-url": "config",
  "plaintext-refused": "plaintext-refused",
  "dns-failed": "network",
  "tls-pin-invalid": "config",
  "tls-pin-without-tls": "config",
  "tls-unreachable": "network",
  "tls-untrusted": "tls",
  "tls-trust-declined": "tls",
  "tls-cert-changed": "tls",
  "tls-cert-changed-again": "tls",
  // local mode, device identity
  "no-local-gateway": "network",
  // Local mode found a tunnel or another program on its gateway's port (issue 10): not this machine's gateway.
  "local-port-not-gateway": "not-a-gateway",
  "device-identity": "failure",
  // ladder
  "tcp-refused": "network",
  "tcp-timeout": "network",
  "tcp-unreachable": "network",
  "tcp-failed": "network",
  "websocket-failed": "network",
  "challenge-closed": "network",
  "gateway-unavailable": "network",
  "gateway-unhealthy": "failure",
  "internal-error": "failure",
  incomplete: "failure",
  failure: "failure",
  // profiles
  "invalid-profile": "failure",
  "openclaw-config-invalid": "failure",
  "openclaw-config-unreadable": "failure",
  "openclaw-import-failed": "failure",
};

/**
 * What the app offers right next to a needs-attention message: a field for the gateway token or password
 * (a stored secret fixes it), the re-trust button for a changed certificate, forgetting a changed SSH
 * host key (Clawlink's own known_hosts, issue 12), or nothing beyond the hint.
 */
export type ReasonAction = "enter-token" | "enter-password" | "retrust-certificate" | "forget-host-key" | "none";

export const ACTION_OF_REASON: Record<Reason, ReasonAction> = {
  "auth-token-missing": "enter-token",
  "auth-token-mismatch": "enter-token",
  "auth-token-not-configured": "none",
  "auth-password-missing": "enter-password",
  "auth-password-mismatch": "enter-password",
  "auth-password-not-configured": "none",
  // The stale device token was dropped: the shared token pairs this device again.
  "auth-device-token-mismatch": "enter-token",
  "auth-scope-mismatch": "none",
  "auth-rate-limited": "none",
  "auth-other": "none",
  "pairing-required": "none",
  "device-auth": "none",
  "device-identity-required": "none",
  "protocol-mismatch": "none",
  "gateway-starting": "none",
  shutdown: "none",
  network: "none",
  "tls-pin-mismatch": "none",
  "insecure-url": "none",
  timeout: "none",
  "not-a-gateway": "none",
  closed: "none",
  rejected: "none",
  "ssh-auth-failed": "none",
  "ssh-dns-failed": "none",
  "ssh-refused": "none",
  "ssh-timeout": "none",
  "ssh-link-lost": "none",
  "ssh-unreachable": "none",
  "ssh-connection-lost": "none",
  "ssh-handshake-failed": "none",
  "ssh-error": "none",
  "ssh-target-invalid": "none",
  "ssh-proxycommand-unsupported": "none",
  "host-key-unknown": "none",
  "host-key-declined": "none",
  "host-key-changed": "forget-host-key",
  "host-key-revoked": "none",
  "remote-port-closed": "none",
  "forwarding-denied": "none",
  "local-port-busy": "none",
  "local-port-unusable": "none",
  "local-port-reserved": "none",
  "invalid-url": "none",
  "plaintext-refused": "none",
  "dns-failed": "none",
  "tls-pin-invalid": "none",
  "tls-pin-without-tls": "none",
  "tls-unreachable": "none",
  "tls-untrusted": "none",
  "tls-trust-declined": "none",
  "tls-cert-changed": "retrust-certificate",
  "tls-cert-changed-again": "none",
  "no-local-gateway": "none",
  "local-port-not-gateway": "none",
  "device-identity": "none",
  "tcp-refused": "none",
  "tcp-timeout": "none",
  "tcp-unreachable": "none",
  "tcp-failed": "none",
  "websocket-failed": "none",
  "challenge-closed": "none",
  "gateway-unavailable": "none",
  "gateway-unhealthy": "none",
  "internal-error": "none",
  incomplete: "none",
  failure: "none",
  "invalid-profile": "none",
  "openclaw-config-invalid": "none",
  "openclaw-config-unreadable": "none",
  "openclaw-import-failed": "none",
};
