// Maps whatever a connection attempt produced (a gateway error response, a close code, a socket errno,
// a TLS pin rejection) to the closed GatewayFailure union, and says which failures need a person.
// Decisions come from error.code / details.code / close codes / errno / error classes only: the gateway's
// message wording differs between client kinds and versions.
import { ConnectErrorDetailCodes, readConnectErrorDetailCode } from "@openclaw/gateway-protocol/connect-error-details";
import type { GatewayFailure } from "../../../src-shared/gateway-session.js";

const C = ConnectErrorDetailCodes;

interface ErrorLike {
  name?: string;
  message?: string;
  code?: unknown;
  gatewayCode?: unknown;
  details?: unknown;
  retryAfterMs?: unknown;
  errno?: unknown;
  cause?: unknown;
  constructor?: { name?: string };
}

const NETWORK_ERRNOS = new Set([
  "ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "ETIMEDOUT",
  "EPIPE", "ECONNABORTED", "EADDRNOTAVAIL", "ENETDOWN", "EHOSTDOWN",
]);

function asRecord(v: unknown): Record<string, unknown> | null {
  return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}
const str = (v: unknown): string | null => (typeof v === "string" && v.trim() ? v : null);
const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

/** Finds a socket errno on the error or its cause chain. */
function findErrno(e: ErrorLike | null, depth = 0): string | null {
  if (!e || depth > 4) return null;
  const code = str(e.code);
  if (code && /^E[A-Z_]+$/.test(code)) return code;
  return findErrno(asRecord(e.cause) as ErrorLike | null, depth + 1);
}

export function approveCommand(requestId: string | null): string | null {
  return requestId ? `openclaw devices approve ${requestId}` : null;
}

/** A failed connect (error response or local error) → failure. */
export function failureFromError(error: unknown): GatewayFailure {
  const e = (asRecord(error) ?? { message: String(error) }) as ErrorLike;
  const className = e.constructor?.name ?? "";
  const message = str(e.message) ?? String(error);
  if (className === "GatewayWebSocketTlsPinError") return { kind: "tls-pin-mismatch", message };
  if (className === "GatewayWebSocketTransportConfigurationError") return { kind: "insecure-url", message };
  const gatewayCode = str(e.gatewayCode) ?? (typeof e.code === "string" && /^[A-Z_]+$/.test(e.code) && !e.code.startsWith("E") ? e.code : null);
  const details = asRecord(e.details);
  const detailCode = readConnectErrorDetailCode(details);
  if (detailCode) return failureFromDetail(detailCode, details ?? {}, e);
  if (gatewayCode === "UNAVAILABLE") {
    // Starting: connect answered with a retry hint.
    if (details?.reason === "startup-sidecars" || num(e.retryAfterMs) !== null) return { kind: "gateway-starting", retryAfterMs: num(e.retryAfterMs) ?? 500 };
    // The HTTP upgrade itself was refused. 503 is a draining/restarting gateway ("admission closed");
    // any other status without the gateway's JSON error body is some other web server on that port.
    if (details?.reason === "websocket-upgrade-rejected") {
      const status = num(details.httpStatus);
      if (status !== 503 && typeof details.gatewayErrorType !== "string") {
        return { kind: "not-a-gateway", message: `an HTTP server answered the WebSocket upgrade with ${status ?? "no"} status instead of a gateway` };
      }
    }
    return { kind: "shutdown", restartExpectedMs: null };
  }
  if (gatewayCode === "NOT_PAIRED") return failureFromDetail(C.PAIRING_REQUIRED, details ?? {}, e);
  if (gatewayCode === "CLIENT_TIMEOUT" || className.includes("Timeout")) return { kind: "timeout", message };
  if (gatewayCode) return { kind: "rejected", code: gatewayCode, message };
  const errno = findErrno(e);
  if (errno && NETWORK_ERRNOS.has(errno)) return { kind: "network", errno, message };
  if (/challenge timeout/i.test(message)) return { kind: "timeout", message };
  return { kind: "network", errno, message };
}

function failureFromDetail(code: string, details: Record<string, unknown>, e: ErrorLike): GatewayFailure {
  switch (code) {
    case C.AUTH_TOKEN_MISSING:
    case C.AUTH_REQUIRED:
      return { kind: "auth-token-missing" };
    case C.AUTH_TOKEN_MISMATCH:
    case C.AUTH_UNAUTHORIZED:
      return { kind: "auth-token-mismatch" };
    case C.AUTH_TOKEN_NOT_CONFIGURED:
      return { kind: "auth-token-not-configured" };
    case C.AUTH_PASSWORD_MISSING:
      return { kind: "auth-password-missing" };
    case C.AUTH_PASSWORD_MISMATCH:
      return { kind: "auth-password-mismatch" };
    case C.AUTH_PASSWORD_NOT_CONFIGURED:
      return { kind: "auth-password-not-configured" };
    case C.AUTH_DEVICE_TOKEN_MISMATCH:
      return { kind: "auth-device-token-mismatch" };
    case C.AUTH_SCOPE_MISMATCH:
      return { kind: "auth-scope-mismatch" };
    case C.AUTH_RATE_LIMITED:
      return { kind: "auth-rate-limited", retryAfterMs: num(e.retryAfterMs) ?? num(details.retryAfterMs) };
    case C.PAIRING_REQUIRED: {
      const requestId = str(details.requestId);
      return {
        kind: "pairing-required",
        requestId,
        reason: str(details.reason) ?? "not-paired",
        approveCommand: approveCommand(requestId),
        remediationHint: str(details.remediationHint),
      };
    }
    case C.PROTOCOL_MISMATCH: {
      const expected = num(details.expectedProtocol);
      return { kind: "protocol-mismatch", expectedProtocol: expected, update: expected === null ? "unknown" : expected > 4 ? "clawlink" : "gateway" };
    }
    case C.DEVICE_IDENTITY_REQUIRED:
    case C.CONTROL_UI_DEVICE_IDENTITY_REQUIRED:
      return { kind: "device-identity-required" };
    default:
      if (code.startsWith("DEVICE_AUTH_")) return { kind: "device-auth", code };
      if (code.startsWith("AUTH_")) return { kind: "auth-other", code };
      return { kind: "rejected", code, message: str(e.message) ?? code };
  }
}

/**
 * A WebSocket that opened but never delivered a usable connect.challenge (silence, garbage, wrong shapes)
 * is not a gateway, whatever the library's timeout message says; used by the session's close handler.
 */
export function notAGatewayIfSilent(f: GatewayFailure, socketOpened: boolean, connectRequestSent: boolean): GatewayFailure {
  if (!socketOpened || connectRequestSent) return f;
  if (f.kind === "timeout" || f.kind === "network" || f.kind === "closed") {
    return { kind: "not-a-gateway", message: "a WebSocket server answered but never sent the gateway's connect challenge" };
  }
  return f;
}

/** A close with no connect error of its own (after hello-ok, or a bare close) → failure. */
export function failureFromClose(code: number, reason: string): GatewayFailure {
  if (code === 1012) return { kind: "shutdown", restartExpectedMs: null };
  if (code === 1013) return { kind: "gateway-starting", retryAfterMs: 500 };
  if (code === 4000) return { kind: "timeout", message: "no tick from the gateway (the link may be dead)" };
  if (code === 1006) return { kind: "network", errno: null, message: "the connection dropped without a close frame" };
  return { kind: "closed", code, reason };
}

/** Failures that stop automatic reconnects until someone acts (changes a setting, approves, updates). */
export function needsPerson(f: GatewayFailure): boolean {
  switch (f.kind) {
    case "not-a-gateway": // it may be a gateway again after a restart: keep trying, slowly, and say what answers
    case "gateway-starting":
    case "shutdown":
    case "network":
    case "timeout":
    case "closed":
    case "pairing-required": // retried quietly: approval happens elsewhere and we continue on our own
      return false;
    default:
      return true;
  }
}
