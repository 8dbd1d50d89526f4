// `clawlink` exit codes (probe uses all of them; connect and chat use the same meanings when they stop
// for a reason a person must fix).
import type { Reason } from "../../../src-shared/reasons.js";
import { outcomeKindFor, type OutcomeKind } from "../diagnostics/outcome.js";

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

const EXIT_FOR: Record<OutcomeKind, number> = {
  connected: EXIT.ok,
  config: EXIT.usage,
  network: EXIT.network,
  "ssh-auth": EXIT.sshAuth,
  "host-key": EXIT.hostKey,
  tls: EXIT.tls,
  "gateway-auth": EXIT.gatewayAuth,
  "pairing-required": EXIT.pairing,
  // Something answers but does not speak the gateway protocol: the same family as a version mismatch.
  "not-a-gateway": EXIT.protocol,
  "protocol-mismatch": EXIT.protocol,
  "plaintext-refused": EXIT.plaintextRefused,
  failure: EXIT.failure,
};

/** The exit code for a ladder outcome. */
export function exitCodeForOutcome(kind: OutcomeKind): number {
  return EXIT_FOR[kind];
}

/**
 * The exit code for a needs-attention reason from any layer (the same mapping `probe` uses, through the
 * reason's outcome kind); no reason at all is a plain failure.
 */
export function exitCodeForReason(reason: Reason | null | undefined): number {
  return reason ? exitCodeForOutcome(outcomeKindFor(reason)) : EXIT.failure;
}
