// `clawlink` exit codes (probe uses all of them; connect and chat use the same meanings when they stop
// for a reason a person must fix).
export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  network: 3,
  sshAuth: 4,
  hostKey: 5,
  tls: 6,
  gatewayAuth: 7,
  pairing: 8,
  protocol: 9,
  plaintextRefused: 10,
} as const;

/**
 * The exit code for a needs-attention reason from any layer: transport reasons (ssh-*, host-key-*,
 * tls-*, plaintext-refused, …) and gateway failure kinds (auth-*, pairing-required, protocol-mismatch, …).
 */
export function exitCodeForReason(reason: string): number {
  if (reason === "plaintext-refused" || reason === "insecure-url") return EXIT.plaintextRefused;
  if (reason.startsWith("host-key-")) return EXIT.hostKey;
  if (reason === "ssh-auth-failed") return EXIT.sshAuth;
  if (reason.startsWith("tls-")) return reason === "tls-unreachable" ? EXIT.network : EXIT.tls;
  if (reason === "pairing-required") return EXIT.pairing;
  if (reason === "protocol-mismatch") return EXIT.protocol;
  if (reason.startsWith("auth-")) return EXIT.gatewayAuth;
  if (reason === "ssh-target-invalid" || reason === "invalid-url" || reason === "local-port-unusable" || reason === "local-port-busy") return EXIT.usage;
  if (reason.startsWith("ssh-") || reason === "network" || reason === "no-local-gateway" || reason === "timeout" || reason === "remote-port-closed" || reason === "forwarding-denied") return EXIT.network;
  return EXIT.failure;
}
