// What each attempt's GatewayClient is constructed with, apart from its callbacks: where to connect,
// which credential, who we are (client identity, device keys) and how the library reaches the keychain
// for device tokens. Plain data built here so gateway-session.ts stays the only file that imports the
// official client (the lint rule); the object is checked against the library's options type there.
// Split out of gateway-session.ts (issue 14 §5).
import { GATEWAY_CLIENT_CAPS } from "@openclaw/gateway-protocol/client-info";
import type { DeviceTokenStore } from "../identity/device-token-store.js";
import { publicKeyRawBase64UrlFromPem, signDevicePayload, type DeviceKeyPair } from "../identity/ed25519.js";
import type { Logger } from "../log/logger.js";
import { isLoopbackHost } from "../transport/plaintext-rule.js";
import { OPERATOR_SCOPES, type ClientIdentity } from "./client-identity.js";
import type { GatewaySessionOptions } from "./session-options.js";

export const ROLE = "operator";

export interface ConnectInputs {
  opts: GatewaySessionOptions;
  clientInfo: ClientIdentity;
  identity: DeviceKeyPair;
  /** The stored device token, sent in place of the shared token on the one trusted retry. */
  retryDeviceToken: string | undefined;
  /** The stored device token records scopes: a device-token-only reconnect asks for exactly those. */
  storedHasScopes: boolean;
  tokens: DeviceTokenStore;
  logger: Logger;
}

export function connectOptions(c: ConnectInputs) {
  const { opts, clientInfo: info } = c;
  const token = opts.token?.value;
  return {
    url: opts.url,
    ...(opts.tlsFingerprint ? { tlsFingerprint: opts.tlsFingerprint } : {}),
    ...(token ? { token } : {}),
    ...(opts.password ? { password: opts.password.value } : {}),
    ...(c.retryDeviceToken ? { deviceToken: c.retryDeviceToken } : {}),
    clientName: info.clientName,
    mode: info.mode,
    clientVersion: info.clientVersion,
    clientDisplayName: info.clientDisplayName,
    platform: info.platform,
    deviceFamily: info.deviceFamily,
    role: ROLE,
    // On a device-token-only reconnect ask for exactly what the token grants (asking for more fails).
    ...(!token && !opts.password && c.storedHasScopes ? {} : { scopes: opts.scopes ?? OPERATOR_SCOPES }),
    // We render and resolve approvals (the operator inbox). Without these caps the gateway treats a run
    // as headless and denies an exec that asks at once: "Headless runs cannot wait for interactive exec
    // approval" (docs/gateway/clients.md § Advertise client capabilities; tools/exec-approvals.md).
    // TOOL_EVENTS: the chat shows tool activity as cards; without the cap the gateway registers the
    // connection as no recipient of a run's structured tool events (docs/gateway/clients.md).
    caps: [GATEWAY_CLIENT_CAPS.APPROVALS, GATEWAY_CLIENT_CAPS.EXEC_APPROVALS, GATEWAY_CLIENT_CAPS.TOOL_EVENTS],
    deviceIdentity: c.identity,
    requestTimeoutMs: opts.requestTimeoutMs ?? 30_000,
    notifyOnStartupRetry: true,
    hostDeps: deviceAuthDeps(c.tokens, c.logger),
  };
}

type TokenKey = { deviceId: string; role: string };

/** The library's keychain and logging hooks, bound to our device-token store and redacting logger. */
function deviceAuthDeps(tokens: DeviceTokenStore, logger: Logger) {
  return {
    signDevicePayload,
    publicKeyRawBase64UrlFromPem,
    loadDeviceAuthToken: ({ deviceId, role }: TokenKey) => tokens.get(deviceId, role),
    storeDeviceAuthToken: ({ deviceId, role, token: issued, scopes }: TokenKey & { token: string; scopes: string[] }) => {
      logger.redactor.add(issued);
      tokens.set(deviceId, role, issued, scopes);
    },
    clearDeviceAuthToken: ({ deviceId, role }: TokenKey) => tokens.clear(deviceId, role),
    logDebug: (m: string) => logger.debug(m),
    logError: (m: string) => logger.warn(m),
    redactForLog: (m: string) => logger.redactor.redact(m),
  };
}

/** Loopback, or wss:// with a pinned certificate: where the stored device token may be offered on a retry. */
export function isTrustedEndpoint(url: string, tlsFingerprint: string | undefined): boolean {
  try {
    const u = new URL(url);
    const host = u.hostname.replace(/^\[|\]$/g, "");
    if (isLoopbackHost(host)) return true;
    return u.protocol === "wss:" && Boolean(tlsFingerprint);
  } catch {
    return false;
  }
}
