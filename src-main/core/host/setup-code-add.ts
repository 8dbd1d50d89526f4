// What the "Add gateway" form's token (or URL) field really holds (issue 13 §4; profiles/pasted-secret.ts):
//  - a setup code (`openclaw qr`): the profile gets auth mode device-only and no stored token; the code's
//    bootstrap token waits in this process's memory (never the keychain: docs/gateway/protocol/
//    rpc-devices-nodes-and-approvals.md "must not log or persist it beyond the pairing flow") for the
//    profile's first connect, which pairs the device and ends with a device token in the keychain; a
//    code pasted into the URL field also gives the address, and a wss:// code its certificate pin;
//  - a dashboard link in the token field: its #token= is the token;
//  - something that looks typed rather than generated: kept as the token, with a note about password auth.
import type { NewProfile } from "../../../src-shared/host-api.js";
import type { Credential } from "../gateway/session-options.js";
import { classifyPastedSecret, setupCodeTimeLeft, type SetupCode } from "../profiles/pasted-secret.js";
import { parseDirectUrl } from "../transport/direct-url.js";
import { HandlerError } from "./host-call.js";
import type { HostContext } from "./host-context.js";

export interface ReadForm {
  /** The form with the setup code taken out of the token/URL field. */
  input: NewProfile;
  setup?: SetupCode;
  notes: string[];
}

/** Reads the token and URL fields; throws a HandlerError naming the field for an expired or broken code. */
export function readPastedFields(input: NewProfile, now = Date.now()): ReadForm {
  if (input.kind === "local") return { input, notes: [] };
  const notes: string[] = [];
  let next: NewProfile = { ...input };
  let setup: SetupCode | undefined;
  if (next.kind === "direct") {
    const inUrl = codeIn(next.url, "Gateway URL", now);
    if (inUrl) {
      setup = inUrl;
      next = { ...next, url: inUrl.url };
    }
  }
  const token = next.token?.trim();
  if (token) {
    const inToken = codeIn(token, "Gateway token", now);
    const pasted = classifyPastedSecret(token, now);
    if (inToken) {
      setup ??= inToken;
      next = withoutToken(next);
    } else if (pasted.kind === "dashboard-url" && pasted.token) {
      next = { ...next, token: pasted.token };
      notes.push("The token field held a dashboard link: its #token= is the token that was saved.");
    } else if (pasted.kind === "dashboard-url") {
      throw new HandlerError("Gateway token: that is a gateway address, not a token.", "Put the address in the address field; the token is the value after #token= in a dashboard link, or `openclaw config get gateway.auth.token` on the gateway host.");
    } else if (pasted.kind === "password") {
      notes.push("The token looks typed rather than generated. If the gateway uses password auth (gateway.auth.mode \"password\"), store it as the password in this gateway's settings instead.");
    }
  }
  if (setup) {
    const left = setupCodeTimeLeft(setup, now);
    notes.push(`Setup code recognised: connecting pairs this device with the gateway${left ? ` (the code is valid for ${left} more)` : ""}; the code itself is not saved, the device token the gateway issues goes to the keychain.`);
  }
  return { input: next, ...(setup ? { setup } : {}), notes };
}

function codeIn(text: string, field: string, now: number): SetupCode | null {
  const c = classifyPastedSecret(text, now);
  if (c.kind === "setup-code") return c.setup;
  if (c.kind === "setup-code-expired") throw new HandlerError(`${field}: the setup code has expired.`, "Make a new one on the gateway host with `openclaw qr --setup-code-only` and paste it within 10 minutes.");
  if (c.kind === "setup-code-invalid") throw new HandlerError(`${field}: ${c.message}`, "Copy the whole code `openclaw qr --setup-code-only` printed.");
  return null;
}

function withoutToken(input: NewProfile): NewProfile {
  const copy = { ...input } as NewProfile & { token?: string };
  delete copy.token;
  return copy;
}

/** The code's pin, for the profile's wss:// address when it is the address the code names. */
export function setupPin(setup: SetupCode, profileUrl: string | undefined): { host: string; port: number; fingerprint: string } | undefined {
  if (!setup.tlsFingerprint || !profileUrl) return undefined;
  const a = parseDirectUrl(profileUrl);
  const b = parseDirectUrl(setup.url);
  if (!a.ok || !b.ok || !a.value.secure || a.value.host.toLowerCase() !== b.value.host.toLowerCase() || a.value.port !== b.value.port) return undefined;
  return { host: a.value.host, port: a.value.port, fingerprint: setup.tlsFingerprint };
}

// Per host, per profile id, until the code expires: a reconnect from the top while the pairing still waits
// for approval needs the same code again ("keep reconnecting with the same bootstrap token",
// docs/gateway/protocol/auth.md). Once paired, the stored device token goes first and the code is not sent.
const waiting = new WeakMap<HostContext, Map<string, { credential: Credential; expiresAtMs: number }>>();
/** How long a code without an expiry is held: the gateway's own lifetime for one (docs/gateway/pairing.md). */
const DEFAULT_HOLD_MS = 10 * 60_000;

export function holdBootstrapToken(ctx: HostContext, profileId: string, setup: SetupCode, now = Date.now()): void {
  ctx.o.logger.redactor.add(setup.bootstrapToken);
  const m = waiting.get(ctx) ?? new Map();
  waiting.set(ctx, m);
  m.set(profileId, { credential: { value: setup.bootstrapToken, source: "setup code" }, expiresAtMs: setup.expiresAtMs ?? now + DEFAULT_HOLD_MS });
}

/** The held bootstrap token for this profile's connect; none once the code expired (then it is dropped). */
export function bootstrapTokenFor(ctx: HostContext, profileId: string, now = Date.now()): Credential | undefined {
  const m = waiting.get(ctx);
  const held = m?.get(profileId);
  if (held && held.expiresAtMs <= now) m?.delete(profileId);
  return held && held.expiresAtMs > now ? held.credential : undefined;
}

/** The profile went away: its code goes with it. */
export function dropBootstrapToken(ctx: HostContext, profileId: string): void {
  waiting.get(ctx)?.delete(profileId);
}
