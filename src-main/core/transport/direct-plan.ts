// The direct transport as the gateway session consumes it: a "connect plan" { url, tlsFingerprint? }
// that goes straight into GatewayClient's `url` and `tlsFingerprint` options. Building the plan is
// where every refusal happens (bad URL, plaintext to a public host, pin mismatch, untrusted first use),
// so the session never opens a socket that this module would not have allowed.
import type { Attention } from "../../../src-shared/attention.js";
import type { SecretStore } from "../secrets/secret-store.js";
import { parseDirectUrl } from "./direct-url.js";
import { checkPlaintextRule } from "./plaintext-rule.js";
import { resolveTlsTrust, type ConfirmTlsTrust, type TlsProbeOptions, type TlsProbeResult } from "./tls-pin.js";

export interface DirectConnectPlan {
  url: string;
  /**
   * 64 lowercase hex; present for every wss:// plan. Even a certificate accepted by system trust is
   * pinned for the connection itself, so the session never reaches a certificate this plan did not
   * see; a renewal between plan and connect surfaces as tls-pin-mismatch and the supervisor re-plans.
   */
  tlsFingerprint?: string;
}

export interface DirectPlanRequest {
  /** What the person entered or pasted (may carry #token=…). */
  input: string;
  explicitPin?: string;
  store: SecretStore;
  confirm?: ConfirmTlsTrust;
  ca?: TlsProbeOptions["ca"];
  probe?: (o: TlsProbeOptions) => Promise<TlsProbeResult>;
}

export type DirectPlanResult =
  | { ok: true; plan: DirectConnectPlan; token?: string; pinSource?: "explicit" | "stored" | "first-use" | "renewed"; renewed?: { authority: string; previous: string; observed: string } }
  | { ok: false; attention: Attention; changed?: { previous: string; observed: string }; token?: string };

export async function planDirectConnection(req: DirectPlanRequest): Promise<DirectPlanResult> {
  const parsed = parseDirectUrl(req.input);
  if (!parsed.ok) return parsed;
  const { url, secure, host, port, token } = parsed.value;
  const withToken = token ? { token } : {};
  const rule = checkPlaintextRule(url);
  if (!rule.allowed) return { ok: false, attention: rule.attention, ...withToken };
  if (!secure) {
    if (req.explicitPin?.trim()) {
      return {
        ok: false,
        attention: {
          reason: "tls-pin-without-tls",
          message: `A TLS fingerprint was given for ${url}, which is plain ws:// and has no certificate to check.`,
          fixHint: "Use the wss:// address of the gateway, or remove the fingerprint.",
        },
        ...withToken,
      };
    }
    return { ok: true, plan: { url }, ...withToken };
  }
  const trust = await resolveTlsTrust({
    host,
    port,
    store: req.store,
    ...(req.explicitPin !== undefined ? { explicitPin: req.explicitPin } : {}),
    ...(req.confirm ? { confirm: req.confirm } : {}),
    ...(req.ca ? { ca: req.ca } : {}),
    ...(req.probe ? { probe: req.probe } : {}),
  });
  if (!trust.ok) return { ...trust, ...withToken };
  const renewed = trust.renewed ? { renewed: { authority: `${host}:${port}`, ...trust.renewed } } : {};
  return { ok: true, plan: { url, tlsFingerprint: trust.fingerprint }, pinSource: trust.source, ...renewed, ...withToken };
}
