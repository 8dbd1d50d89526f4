// TLS certificate pinning for direct wss:// gateways: fingerprint formats, a probe that reports what a
// server presents, and the trust decision (explicit pin, stored pin, or trust on first use).
//
// Enforcement itself is NOT done here: the official GatewayClient takes `tlsFingerprint` and checks the
// leaf certificate on `secureConnect`, before the HTTP upgrade request (and so before any token or
// connect frame) is written. This module decides which pin to hand it, and gives a person the facts
// (expected vs observed, system trust, hostname) when a decision needs them.
import { createHash, X509Certificate } from "node:crypto";
import tls from "node:tls";
import type { Attention, Reason } from "../../../src-shared/attention.js";
import { SECRET_SERVICES, type SecretKey, type SecretStore } from "../secrets/secret-store.js";
import { dnsAttention, nameResolutionErrno } from "./dns-failure.js";

/**
 * Normalises a SHA-256 fingerprint to 64 lowercase hex characters, or null when it is not one.
 * Accepts an optional `sha256:`/`sha-256:` prefix and `:`, space or `-` separators, as found in
 * OpenClaw config (`sha256:ab12…`), Node (`AB:12:…`) and `openssl x509 -fingerprint` output.
 */
export function normalizeTlsFingerprint(input: string | null | undefined): string | null {
  if (!input) return null;
  // The separator after the prefix is optional so our own display form (`SHA256 AB:CD:…`) round-trips.
  const stripped = input.trim().replace(/^sha-?256\s*[:=]?\s*/i, "").replace(/[:\s-]/g, "");
  return /^[0-9a-f]{64}$/i.test(stripped) ? stripped.toLowerCase() : null;
}

/** How a fingerprint is shown to a person: `SHA256 AB:CD:…`, the form browsers and openssl print. */
export function displayTlsFingerprint(hex: string): string {
  return "SHA256 " + (hex.toUpperCase().match(/../g) ?? []).join(":");
}

export interface TlsProbeResult {
  /** SHA-256 of the DER leaf certificate, 64 lowercase hex. */
  fingerprint: string;
  /** The chain verified against the trusted roots (system roots unless `ca` was given). */
  chainTrusted: boolean;
  /** The certificate is valid for the host name we dialled. */
  hostnameOk: boolean;
  /** chainTrusted && hostnameOk: what "normal system trust" means for TOFU. */
  systemTrusted: boolean;
  /** Why system trust failed, in the words a person can look up (e.g. DEPTH_ZERO_SELF_SIGNED_CERT). */
  trustProblem?: string;
  subject: string;
  issuer: string;
  validTo: string;
}

export interface TlsProbeOptions {
  host: string;
  port: number;
  timeoutMs?: number;
  /** Trusted roots instead of the system's; tests use a private CA to stand in for "system trust". */
  ca?: string | Buffer | Array<string | Buffer>;
}

/**
 * Completes one TLS handshake, reads the leaf certificate and closes. It writes no application data,
 * so a probe never carries a credential, whatever the server turns out to be.
 */
export function probeTls(opts: TlsProbeOptions): Promise<TlsProbeResult> {
  const host = opts.host.replace(/^\[|\]$/g, "");
  return new Promise((resolve, reject) => {
    const sock = tls.connect({
      host,
      port: opts.port,
      // SNI must be a name; sending an IP literal as servername is a protocol error.
      ...(isIpLiteral(host) ? {} : { servername: host }),
      // We judge the chain ourselves below and never send data, so accepting here is safe.
      rejectUnauthorized: false,
      ...(opts.ca ? { ca: opts.ca } : {}),
    });
    const timer = setTimeout(() => sock.destroy(new Error(`no TLS handshake from ${host}:${opts.port} within ${opts.timeoutMs ?? 10_000} ms`)), opts.timeoutMs ?? 10_000);
    sock.once("secureConnect", () => {
      clearTimeout(timer);
      const peer = sock.getPeerCertificate(false);
      if (!peer?.raw) {
        sock.destroy();
        return reject(new Error(`${host}:${opts.port} presented no certificate`));
      }
      const fingerprint = createHash("sha256").update(peer.raw).digest("hex");
      // Node folds the hostname check into `authorized` (authorizationError ERR_TLS_CERT_ALTNAME_INVALID);
      // we report the chain and the name separately, so a person knows which one failed.
      const authError = String(sock.authorizationError ?? "");
      const chainTrusted = sock.authorized || authError === "ERR_TLS_CERT_ALTNAME_INVALID";
      const idErr = tls.checkServerIdentity(host, peer);
      const hostnameOk = idErr === undefined;
      const x = new X509Certificate(peer.raw);
      const problems: string[] = [];
      if (!chainTrusted) problems.push(describeAuthError(authError || "untrusted chain"));
      if (!hostnameOk) problems.push(`the certificate is not valid for ${host} (${idErr?.message ?? "name mismatch"})`);
      sock.destroy();
      resolve({
        fingerprint,
        chainTrusted,
        hostnameOk,
        systemTrusted: chainTrusted && hostnameOk,
        ...(problems.length ? { trustProblem: problems.join("; ") } : {}),
        subject: x.subject.replace(/\n/g, ", "),
        issuer: x.issuer.replace(/\n/g, ", "),
        validTo: x.validTo,
      });
    });
    sock.once("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

function isIpLiteral(h: string): boolean {
  return /^\d+\.\d+\.\d+\.\d+$/.test(h) || h.includes(":");
}

function describeAuthError(code: string): string {
  if (code === "DEPTH_ZERO_SELF_SIGNED_CERT") return "the certificate is self-signed (DEPTH_ZERO_SELF_SIGNED_CERT)";
  if (code === "SELF_SIGNED_CERT_IN_CHAIN") return "the certificate chain ends in an untrusted self-signed CA (SELF_SIGNED_CERT_IN_CHAIN)";
  if (code === "UNABLE_TO_VERIFY_LEAF_SIGNATURE" || code === "UNABLE_TO_GET_ISSUER_CERT_LOCALLY") return `no trusted CA issued this certificate (${code})`;
  if (code === "CERT_HAS_EXPIRED") return "the certificate has expired (CERT_HAS_EXPIRED)";
  return `system trust failed (${code})`;
}

/** The keychain entry holding the pin for one wss authority. */
export function tlsPinKey(host: string, port: number): SecretKey {
  return { service: SECRET_SERVICES.tlsPin, account: `wss://${host.toLowerCase()}:${port}` };
}

/**
 * Where a stored pin came from, kept with the pin in the same keychain record:
 * - "explicit": a person typed or imported this exact fingerprint. It never rotates by itself.
 * - "first-use": taken when the certificate was first seen. `systemTrusted` says whether system trust
 *   backed it then; only such a pin is re-pinned automatically when a renewed certificate also passes
 *   system trust (Let's Encrypt, HF Spaces, Tailscale Serve renew every few weeks).
 */
export interface StoredTlsPin {
  fingerprint: string;
  source: "explicit" | "first-use";
  systemTrusted: boolean;
}

/**
 * Reads a keychain pin record. A bare fingerprint is what import, the add form and every pin stored
 * before pin origins existed hold: it counts as explicit, so nothing older ever starts rotating.
 */
export function decodeTlsPin(raw: string | null | undefined): StoredTlsPin | null {
  if (!raw) return null;
  const bare = normalizeTlsFingerprint(raw);
  if (bare) return { fingerprint: bare, source: "explicit", systemTrusted: false };
  try {
    const o = JSON.parse(raw) as { sha256?: unknown; source?: unknown; systemTrusted?: unknown };
    const fingerprint = normalizeTlsFingerprint(typeof o.sha256 === "string" ? o.sha256 : null);
    if (!fingerprint) return null;
    const firstUse = o.source === "first-use";
    return { fingerprint, source: firstUse ? "first-use" : "explicit", systemTrusted: firstUse && o.systemTrusted === true };
  } catch {
    return null;
  }
}

export function encodeTlsPin(p: StoredTlsPin): string {
  return JSON.stringify({ sha256: p.fingerprint, source: p.source, systemTrusted: p.source === "first-use" && p.systemTrusted });
}

/** The notice a person sees when a first-use pin followed a renewal. */
export function renewalNotice(authority: string, observed: string): string {
  const host = authority.replace(/:443$/, "");
  return `${host} renewed its certificate; new fingerprint ${displayTlsFingerprint(observed)} (it passes system trust, so the first-use pin was updated)`;
}

export interface TlsTrustPrompt {
  kind: "first-use" | "re-trust";
  /** host:port the certificate was presented for. */
  authority: string;
  fingerprint: string;
  /** The same fingerprint as a person compares it: SHA256 AB:CD:… */
  fingerprintDisplay: string;
  systemTrusted: boolean;
  trustProblem?: string;
  /** For re-trust: the pin that no longer matches. */
  previousFingerprint?: string;
  subject: string;
  issuer: string;
  validTo: string;
}

/** Asks the person; resolves true only on an explicit "trust". Dismissal must resolve false. */
export type ConfirmTlsTrust = (prompt: TlsTrustPrompt) => Promise<boolean>;

export interface TlsTrustRequest {
  host: string;
  port: number;
  /** Pin from the profile or the command line, in any accepted format. */
  explicitPin?: string;
  store: SecretStore;
  confirm?: ConfirmTlsTrust;
  probe?: (o: TlsProbeOptions) => Promise<TlsProbeResult>;
  ca?: TlsProbeOptions["ca"];
  timeoutMs?: number;
}

export type TlsTrustResult =
  | {
      ok: true;
      fingerprint: string;
      /** explicit: the given pin matched; stored: the stored pin matched; first-use: just pinned; renewed: a first-use pin followed a renewal. */
      source: "explicit" | "stored" | "first-use" | "renewed";
      /** renewed: the pin it replaced and the new one, for the notice. */
      renewed?: { previous: string; observed: string };
    }
  | {
      ok: false;
      attention: Attention;
      /** Present when the certificate changed on a pinned host: what retrustTlsPin needs. */
      changed?: { previous: string; observed: string };
    };

function authorityOf(host: string, port: number): string {
  return `${host}:${port}`;
}

function fail(reason: Reason, message: string, fixHint: string): TlsTrustResult {
  return { ok: false, attention: { reason, message, fixHint } };
}

/**
 * Decides which pin a wss:// connection uses. Order: an explicit pin, else the stored pin, else trust on
 * first use after the person confirms. A mismatch always fails closed with both fingerprints; a changed
 * certificate on a stored pin is never updated silently (see retrustTlsPin).
 */
/** A stored pin that no longer matches and may not follow by itself: a person decides. */
function certChanged(authority: string, stored: NonNullable<ReturnType<typeof decodeTlsPin>>, seen: TlsProbeResult): TlsTrustResult {
  const why =
    stored.source === "explicit"
      ? " This pin was set explicitly, so it is never replaced automatically."
      : stored.systemTrusted
        ? ""
        : " You trusted the old certificate without system trust, so a new one needs you again.";
  return {
    ok: false,
    changed: { previous: stored.fingerprint, observed: seen.fingerprint },
    attention: {
      reason: "tls-cert-changed",
      message:
        `The certificate of ${authority} changed since you trusted it. Trusted ${displayTlsFingerprint(stored.fingerprint)}, now ${displayTlsFingerprint(seen.fingerprint)}` +
        `${seen.systemTrusted ? " (the new one passes system trust)" : ` (${seen.trustProblem ?? "not trusted by the system"})`}.${why} Nothing was sent.`,
      fixHint: "If you replaced or renewed the gateway's certificate, choose Re-trust and compare the new fingerprint with the one on the gateway host; otherwise do not connect.",
    },
  };
}

export async function resolveTlsTrust(req: TlsTrustRequest): Promise<TlsTrustResult> {
  const authority = authorityOf(req.host, req.port);
  const probe = req.probe ?? probeTls;
  let explicit: string | null = null;
  if (req.explicitPin !== undefined && req.explicitPin.trim() !== "") {
    explicit = normalizeTlsFingerprint(req.explicitPin);
    if (!explicit) {
      return fail(
        "tls-pin-invalid",
        `"${req.explicitPin.trim()}" is not a SHA-256 certificate fingerprint.`,
        "Give the 64 hex characters of the SHA-256 fingerprint, with or without sha256: and colons (openssl x509 -noout -fingerprint -sha256 prints it).",
      );
    }
  }
  let seen: TlsProbeResult;
  try {
    seen = await probe({ host: req.host, port: req.port, ...(req.ca ? { ca: req.ca } : {}), ...(req.timeoutMs ? { timeoutMs: req.timeoutMs } : {}) });
  } catch (e) {
    const dns = nameResolutionErrno(e);
    if (dns) return { ok: false, attention: dnsAttention(req.host, dns) };
    return fail("tls-unreachable", `Could not complete a TLS handshake with ${authority}: ${(e as Error).message}.`, "Check the address and that the gateway (or its TLS proxy) is running and reachable.");
  }

  if (explicit) {
    if (seen.fingerprint === explicit) return { ok: true, fingerprint: explicit, source: "explicit" };
    return fail(
      "tls-pin-mismatch",
      `${authority} presented a certificate that does not match the pinned fingerprint. Expected ${displayTlsFingerprint(explicit)}, observed ${displayTlsFingerprint(seen.fingerprint)}. Nothing was sent.`,
      "If the gateway's certificate was replaced on purpose, update the pin to the new fingerprint; otherwise someone may be intercepting the connection.",
    );
  }

  const key = tlsPinKey(req.host, req.port);
  const stored = decodeTlsPin(await req.store.get(key));
  if (stored) {
    if (seen.fingerprint === stored.fingerprint) return { ok: true, fingerprint: stored.fingerprint, source: "stored" };
    // A renewal: the pin was taken on top of system trust and the new certificate passes it too, so
    // the pin follows (a person is told). An explicit pin, or one a person accepted for a certificate
    // the system did not trust, never moves by itself.
    if (stored.source === "first-use" && stored.systemTrusted && seen.systemTrusted) {
      await req.store.set(key, encodeTlsPin({ fingerprint: seen.fingerprint, source: "first-use", systemTrusted: true }));
      return { ok: true, fingerprint: seen.fingerprint, source: "renewed", renewed: { previous: stored.fingerprint, observed: seen.fingerprint } };
    }
    return certChanged(authority, stored, seen);
  }

  // System trust is enough to accept a certificate, as a browser would; the pin taken on top of it
  // only notices a later change (a renewal follows it, anything else stops for a person).
  if (seen.systemTrusted) {
    await req.store.set(key, encodeTlsPin({ fingerprint: seen.fingerprint, source: "first-use", systemTrusted: true }));
    return { ok: true, fingerprint: seen.fingerprint, source: "first-use" };
  }

  if (!req.confirm) {
    return fail(
      "tls-untrusted",
      `${authority} is not pinned yet and ${seen.trustProblem ?? "is not trusted by the system"}. Its certificate fingerprint is ${displayTlsFingerprint(seen.fingerprint)}.`,
      "Confirm the fingerprint on first use, or give it as the TLS fingerprint of this gateway (the gateway host's openclaw config shows it).",
    );
  }
  const prompt: TlsTrustPrompt = {
    kind: "first-use",
    authority,
    fingerprint: seen.fingerprint,
    fingerprintDisplay: displayTlsFingerprint(seen.fingerprint),
    systemTrusted: seen.systemTrusted,
    ...(seen.trustProblem ? { trustProblem: seen.trustProblem } : {}),
    subject: seen.subject,
    issuer: seen.issuer,
    validTo: seen.validTo,
  };
  if (!(await req.confirm(prompt))) {
    return fail("tls-trust-declined", `You did not trust the certificate of ${authority}; nothing was sent.`, "Connect again and trust the fingerprint once you have compared it with the gateway's, or use SSH mode.");
  }
  await req.store.set(key, encodeTlsPin({ fingerprint: seen.fingerprint, source: "first-use", systemTrusted: false }));
  return { ok: true, fingerprint: seen.fingerprint, source: "first-use" };
}

/**
 * The deliberate re-trust after "tls-cert-changed". `shown` is the fingerprint the person was shown
 * and answered about (it comes back with their answer); the server must still present exactly that
 * certificate, or nothing changes. The prompt then shows the full details once more, and its answer
 * must name the same fingerprint again. The pin keeps its origin: re-trusting an explicit pin leaves
 * an explicit pin (it still never rotates by itself).
 */
export async function retrustTlsPin(
  req: Omit<TlsTrustRequest, "explicitPin" | "confirm"> & { shown: string; confirm: (p: TlsTrustPrompt) => Promise<{ accept: boolean; fingerprint?: string }> },
): Promise<TlsTrustResult> {
  const authority = authorityOf(req.host, req.port);
  const key = tlsPinKey(req.host, req.port);
  const shown = normalizeTlsFingerprint(req.shown);
  if (!shown) return fail("tls-pin-invalid", `"${req.shown}" is not a SHA-256 certificate fingerprint; nothing was changed.`, "Re-trust from the screen that shows the new fingerprint.");
  const previous = decodeTlsPin(await req.store.get(key));
  let seen: TlsProbeResult;
  try {
    seen = await (req.probe ?? probeTls)({ host: req.host, port: req.port, ...(req.ca ? { ca: req.ca } : {}) });
  } catch (e) {
    const dns = nameResolutionErrno(e);
    if (dns) return { ok: false, attention: dnsAttention(req.host, dns) };
    return fail("tls-unreachable", `Could not complete a TLS handshake with ${authority}: ${(e as Error).message}.`, "Check that the gateway is running, then try again.");
  }
  if (seen.fingerprint !== shown) return changedAgain(authority, shown, seen.fingerprint);
  const answer = await req.confirm({
    kind: "re-trust",
    authority,
    fingerprint: seen.fingerprint,
    fingerprintDisplay: displayTlsFingerprint(seen.fingerprint),
    systemTrusted: seen.systemTrusted,
    ...(seen.trustProblem ? { trustProblem: seen.trustProblem } : {}),
    ...(previous ? { previousFingerprint: previous.fingerprint } : {}),
    subject: seen.subject,
    issuer: seen.issuer,
    validTo: seen.validTo,
  });
  if (!answer.accept) return fail("tls-trust-declined", `The pin for ${authority} was left unchanged.`, "The old pin still applies, so connecting stays refused until you re-trust.");
  const confirmed = normalizeTlsFingerprint(answer.fingerprint);
  if (confirmed !== shown) return changedAgain(authority, shown, confirmed ?? "?");
  const source = previous?.source ?? "explicit";
  await req.store.set(key, encodeTlsPin({ fingerprint: shown, source, systemTrusted: source === "first-use" && seen.systemTrusted }));
  return { ok: true, fingerprint: shown, source: "first-use" };
}

function changedAgain(authority: string, shown: string, now: string): TlsTrustResult {
  const nowText = /^[0-9a-f]{64}$/.test(now) ? displayTlsFingerprint(now) : "a different fingerprint";
  return fail(
    "tls-cert-changed-again",
    `${authority} now presents ${nowText}, not ${displayTlsFingerprint(shown)}, the certificate you were shown. Nothing was changed.`,
    "Do not re-trust a certificate that keeps changing; check the gateway host first, then connect again to see its current fingerprint.",
  );
}
