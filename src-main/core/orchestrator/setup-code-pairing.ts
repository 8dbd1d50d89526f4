// Pairing with a pasted setup code (profiles/pasted-secret.ts): the profile's ordinary connection (SSH
// tunnel or direct, with its pins and prompts) runs once with the code's bootstrap token as its only
// credential. The gateway answers with a device token for this device, which the session stores in the
// keychain; from then on the profile connects with that device token (auth mode device-only).
// docs/gateway/protocol/auth.md: "auth.bootstrapToken is sent only when none of the above resolved";
// while the pairing waits for approval, keep reconnecting with the same bootstrap token.
// A gateway that approves this device silently (same host or through an SSH forward, the default
// autoApproveLocal) pairs at once; otherwise the request waits for `openclaw devices approve`.
import type { Attention } from "../../../src-shared/attention.js";
import type { ConnectionSnapshot } from "../../../src-shared/connection.js";
import type { ConnectionSpec } from "./connection-spec.js";
import type { Orchestrator } from "./orchestrator.js";

export type SetupPairingResult =
  | { outcome: "paired"; scopes: string[]; authSource: string }
  /** Still waiting for approval when the time ran out: the request stays on the gateway for a while. */
  | { outcome: "waiting-approval"; approveCommand: string | null }
  | { outcome: "failed"; attention: Attention };

export interface SetupPairingOptions {
  /** How long to wait for a pending request to be approved (default 5 minutes: a code lives 10). */
  timeoutMs?: number;
  /** Called once when the gateway says the request waits for approval (with the command to run there). */
  onPairingRequired?: (approveCommand: string | null) => void;
}

/** Connects `spec` once with the bootstrap token and stops again when it is paired, refused or out of time. */
export async function pairWithSetupCode(orch: Orchestrator, spec: ConnectionSpec, bootstrapToken: string, o: SetupPairingOptions = {}): Promise<SetupPairingResult> {
  // Only the setup code authenticates: a stale shared token would be sent first and suppress it.
  const run: ConnectionSpec = { ...spec, bootstrapToken: { value: bootstrapToken, source: "setup code" } };
  delete run.token;
  delete run.password;
  let toldPairing = false;
  let lastPairing: string | null = null;
  const result = await new Promise<SetupPairingResult>((resolve) => {
    const timer = setTimeout(() => finish({ outcome: "waiting-approval", approveCommand: lastPairing }), o.timeoutMs ?? 300_000);
    const off = orch.on((e) => {
      if (e.type !== "connection" || e.snapshot.id !== run.id) return;
      const r = settled(e.snapshot);
      if (r) return finish(r);
      if (e.snapshot.state === "pairing-required") {
        lastPairing = e.snapshot.pairing?.approveCommand ?? null;
        if (!toldPairing) o.onPairingRequired?.(lastPairing);
        toldPairing = true;
      }
    });
    function finish(r: SetupPairingResult): void {
      clearTimeout(timer);
      off();
      resolve(r);
    }
    orch.connect(run).catch((err: unknown) => finish({ outcome: "failed", attention: { reason: "rejected", message: (err as Error).message, fixHint: "Export diagnostics and report it." } }));
  });
  // Stopping flushes the device token to the keychain before the caller reads or reports it.
  await orch.disconnect(run.id);
  return result;
}

function settled(s: ConnectionSnapshot): SetupPairingResult | null {
  if (s.state === "connected") return { outcome: "paired", scopes: s.connected?.scopes ?? [], authSource: s.connected?.authSource ?? "setup code" };
  if (s.state === "needs-attention" && s.attention) return { outcome: "failed", attention: s.attention };
  return null;
}
