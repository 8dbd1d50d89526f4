// Which gateway token/password to send, and where it came from, exactly as OpenClaw's remote-access docs
// (docs/gateway/remote.md, "Credential precedence") define it, mapped onto Clawlink's profiles:
//  - Explicit credentials (--token-stdin, --token-env NAME, --password-env NAME, a field the person just
//    filled in) always win.
//  - A URL given on the command line never reuses stored, config or env credentials: only explicit ones,
//    plus the device token bound to that gateway (the gateway session handles that one).
//  - OPENCLAW_GATEWAY_URL may use only env credentials (OPENCLAW_GATEWAY_TOKEN / _PASSWORD).
//  - A remote profile (ssh, direct) is OpenClaw's "remote mode" with the profile's keychain entry in the
//    place of gateway.remote.*: token = keychain → OPENCLAW_GATEWAY_TOKEN → imported gateway.remote.token;
//    password = OPENCLAW_GATEWAY_PASSWORD → keychain → imported gateway.remote.password. OpenClaw's last
//    remote-mode step (gateway.auth.*) is left out on purpose: those are the *local* gateway's server
//    credentials, and its own "strict" remote probe never sends them to a remote gateway either.
//    Imported values are read only for a profile that was imported from openclaw.json: another profile's
//    gateway is a different machine, and its token must not be offered there.
//    The same holds for the environment (issue 10): OPENCLAW_GATEWAY_TOKEN / _PASSWORD belong to the
//    gateway OPENCLAW_GATEWAY_URL names (or, with no URL set, to the local gateway and to OpenClaw's own
//    remote, gateway.remote.*). So a remote profile reads them only when it was imported from
//    openclaw.json or its URL is the one in OPENCLAW_GATEWAY_URL; never for another host.
//  - A local profile is OpenClaw's "local mode" (what the gateway on this machine uses):
//    env → gateway.auth.* → gateway.remote.*; a SecretRef or unresolved ${VAR} in the config stops the
//    config chain (OpenClaw fails closed rather than fall through to a different credential); the
//    profile's own keychain entry is the last resort, so a person can answer for a config we cannot read.
// Pure: every input is already loaded (keychain values, env, parsed config); resolveProfileCredentials is
// the thin async helper that reads the keychain first.
import type { SecretStore } from "../secrets/secret-store.js";
import { parseDirectUrl } from "../transport/direct-url.js";
import { readProfileSecrets } from "./profile-secrets.js";
import type { Profile } from "./profile-schema.js";

/** A credential as found in openclaw.json: a usable string, or something we deliberately do not resolve. */
export type ConfigSecret =
  | { kind: "value"; value: string }
  /** `{source:"env"|"file"|"exec"|…}`: resolving it would mean running commands or reading stores for OpenClaw. */
  | { kind: "secret-ref"; source: string }
  /** A `${VAR}` substitution whose variable is not set here. */
  | { kind: "unresolved"; detail: string };

export interface OpenClawCredentialFields {
  auth?: { token?: ConfigSecret; password?: ConfigSecret };
  remote?: { token?: ConfigSecret; password?: ConfigSecret };
}

export interface ExplicitCredential {
  value: string;
  /** How it was given, e.g. "--token-stdin", "--token-env MY_TOKEN", "entered in the app". */
  source: string;
}

export type CredentialTarget =
  | { kind: "profile"; profile: CredentialProfile }
  /** A ws://, wss://, https:// or ssh:// target typed on the command line. */
  | { kind: "command-line-url" }
  /** The target came from OPENCLAW_GATEWAY_URL. */
  | { kind: "env-url" };

/** What of a profile decides its credentials (direct.url: whether it is OPENCLAW_GATEWAY_URL's gateway). */
export type CredentialProfile = Pick<Profile, "id" | "kind" | "auth" | "importedFrom"> & Partial<Pick<Profile, "direct" | "uid">>;

export interface CredentialInputs {
  target: CredentialTarget;
  explicit?: { token?: ExplicitCredential; password?: ExplicitCredential };
  /** The profile's keychain entries (null/undefined = none). */
  keychain?: { token?: string | null; password?: string | null };
  env?: Readonly<Record<string, string | undefined>>;
  /** Parsed from openclaw.json (openclaw-config.ts). */
  openclaw?: OpenClawCredentialFields;
}

export type Credential = "token" | "password";

export interface ResolvedSecret {
  value: string;
  /** Shown to the person: "keychain (profile home-desktop)", "OPENCLAW_GATEWAY_TOKEN", … */
  source: string;
}

export interface TrailStep {
  credential: Credential;
  source: string;
  outcome: "used" | "unset" | "secret-ref" | "unresolved" | "skipped";
  /** Why a step was skipped or not usable; never a secret value. */
  detail?: string;
}

export interface ResolvedCredentials {
  token?: ResolvedSecret;
  password?: ResolvedSecret;
  /** Every source consulted, in order, for diagnostics ("which source was used, and what was tried"). */
  trail: TrailStep[];
  /** The device token is never resolved here: the gateway session looks it up by gateway identity. */
  deviceToken: string;
  /** Set when the profile's auth mode needs a credential and none was found: what to do about it. */
  missing?: { credential: Credential; fixHint: string };
  notes: string[];
}

export const ENV_TOKEN = "OPENCLAW_GATEWAY_TOKEN";
export const ENV_PASSWORD = "OPENCLAW_GATEWAY_PASSWORD";
export const ENV_URL = "OPENCLAW_GATEWAY_URL";

/** Same gateway endpoint: scheme (ws/wss, http(s) normalised), host (case-insensitive) and port. */
export function sameGatewayUrl(a: string, b: string): boolean {
  const x = parseDirectUrl(a);
  const y = parseDirectUrl(b);
  if (!x.ok || !y.ok) return false;
  return x.value.secure === y.value.secure && x.value.host.toLowerCase() === y.value.host.toLowerCase() && x.value.port === y.value.port;
}

/**
 * Why a remote profile must not read OPENCLAW_GATEWAY_TOKEN / _PASSWORD, or undefined when it may: the
 * environment's credentials are for OPENCLAW_GATEWAY_URL's gateway (or OpenClaw's own gateway.remote.*).
 */
function envSkipReason(p: CredentialProfile, env: CredentialInputs["env"]): string | undefined {
  if (p.importedFrom === "openclaw.json") return undefined;
  const envUrl = env?.[ENV_URL]?.trim();
  if (p.kind === "direct" && p.direct && envUrl && sameGatewayUrl(p.direct.url, envUrl)) return undefined;
  if (!envUrl) return `${ENV_URL} is not set, so the environment's credentials are only for this machine's gateway and the one imported from openclaw.json`;
  // Only host:port is named: the URL could carry a #token= fragment.
  const u = parseDirectUrl(envUrl);
  const where = u.ok ? `${u.value.host}:${u.value.port}` : "another gateway";
  return `the environment's credentials are for ${ENV_URL} (${where}), not this profile's gateway`;
}

interface Step {
  source: string;
  /** undefined/null/"" = unset here; a ConfigSecret when it comes from openclaw.json. */
  value: string | ConfigSecret | null | undefined;
  /** A SecretRef or unresolved ${VAR} here ends the config chain (fail closed) instead of trying the next. */
  failClosed?: boolean;
  /** Consulted even after a fail-closed stop: the person's own keychain answer for a local profile. */
  afterConfig?: boolean;
  /** Not consulted, and why. */
  skipped?: string;
}

interface Plan {
  /** null = this credential is not sent at all (the profile's auth mode does not use it). */
  token: Step[] | null;
  password: Step[] | null;
  deviceToken: string;
  notes: string[];
  /** Only profiles declare an auth mode, so only they can be missing a credential. */
  missingHint?: (c: Credential) => string | undefined;
}

const SESSION_DEVICE_TOKEN = "The gateway session adds the device token bound to this gateway when this device is paired.";

function envValue(env: CredentialInputs["env"], name: string): string | undefined {
  const v = env?.[name];
  return v && v.trim() ? v.trim() : undefined;
}

function plan(inputs: CredentialInputs): Plan {
  const { target, explicit, env, openclaw, keychain } = inputs;
  const explicitStep = (c: Credential): Step[] => (explicit?.[c] ? [{ source: explicit[c]!.source, value: explicit[c]!.value }] : []);

  if (target.kind === "command-line-url") {
    return {
      token: explicitStep("token"),
      password: explicitStep("password"),
      deviceToken: "A URL on the command line uses only explicit credentials and the device token bound to that gateway (the gateway session adds it when this device is paired).",
      notes: ["Stored, config and environment credentials are not used for a URL given on the command line; pass --token-stdin, --token-env NAME or --password-env NAME."],
    };
  }
  if (target.kind === "env-url") {
    return {
      token: [...explicitStep("token"), { source: ENV_TOKEN, value: envValue(env, ENV_TOKEN) }],
      password: [...explicitStep("password"), { source: ENV_PASSWORD, value: envValue(env, ENV_PASSWORD) }],
      deviceToken: SESSION_DEVICE_TOKEN,
      notes: ["OPENCLAW_GATEWAY_URL uses only environment credentials (OPENCLAW_GATEWAY_TOKEN / OPENCLAW_GATEWAY_PASSWORD)."],
    };
  }

  const p = target.profile;
  const kc = `keychain (profile ${p.id})`;
  let token: Step[];
  let password: Step[];
  if (p.kind === "local") {
    const auth = openclaw?.auth ?? {};
    const remote = openclaw?.remote ?? {};
    token = [
      ...explicitStep("token"),
      { source: ENV_TOKEN, value: envValue(env, ENV_TOKEN) },
      { source: "gateway.auth.token (openclaw.json)", value: auth.token, failClosed: true },
      { source: "gateway.remote.token (openclaw.json)", value: remote.token, failClosed: true },
      { source: kc, value: keychain?.token, afterConfig: true },
    ];
    password = [
      ...explicitStep("password"),
      { source: ENV_PASSWORD, value: envValue(env, ENV_PASSWORD) },
      { source: "gateway.auth.password (openclaw.json)", value: auth.password, failClosed: true },
      { source: "gateway.remote.password (openclaw.json)", value: remote.password, failClosed: true },
      { source: kc, value: keychain?.password, afterConfig: true },
    ];
  } else {
    const notImported = p.importedFrom === "openclaw.json" ? {} : { skipped: "this profile was not imported from openclaw.json" };
    const envSkip = envSkipReason(p, env);
    const notEnv = envSkip ? { skipped: envSkip } : {};
    token = [
      ...explicitStep("token"),
      { source: kc, value: keychain?.token },
      { source: ENV_TOKEN, value: envValue(env, ENV_TOKEN), ...notEnv },
      { source: "imported gateway.remote.token", value: openclaw?.remote?.token, ...notImported },
    ];
    password = [
      ...explicitStep("password"),
      { source: ENV_PASSWORD, value: envValue(env, ENV_PASSWORD), ...notEnv },
      { source: kc, value: keychain?.password },
      { source: "imported gateway.remote.password", value: openclaw?.remote?.password, ...notImported },
    ];
  }

  // The auth mode says what the gateway expects; a credential it does not use is not sent (it could be
  // another gateway's secret), unless the person gave it explicitly just now.
  const mode = p.auth.mode;
  const notes: string[] = [];
  if (mode === "device-only") notes.push("Auth mode is device-only: no shared token or password is sent; the paired device token is used.");
  if (mode === "none") notes.push("Auth mode is none: no token or password is sent.");
  const forMode = (c: Credential, steps: Step[]): Step[] | null => (mode === c ? steps : explicit?.[c] ? explicitStep(c) : null);
  return {
    token: forMode("token", token),
    password: forMode("password", password),
    deviceToken: SESSION_DEVICE_TOKEN,
    notes,
    missingHint: (c) => {
      if (mode !== c) return undefined;
      const envName = c === "token" ? ENV_TOKEN : ENV_PASSWORD;
      // Offer the environment only where it would be read (not for a profile pointing elsewhere).
      const orEnv = p.kind === "local" || !envSkipReason(p, env) ? `, or set ${envName}` : "";
      return `Profile "${p.id}" uses ${c} auth but no ${c} was found: store it with \`clawlink secret set ${p.id} ${c}\` (reads stdin) or in the profile's settings${orEnv}.`;
    },
  };
}

function walk(credential: Credential, steps: Step[] | null, trail: TrailStep[]): ResolvedSecret | undefined {
  if (steps === null) {
    trail.push({ credential, source: "(all)", outcome: "skipped", detail: "not used by this profile's auth mode" });
    return undefined;
  }
  let found: ResolvedSecret | undefined;
  let closed = false;
  for (const s of steps) {
    if (found) {
      trail.push({ credential, source: s.source, outcome: "skipped", detail: `${found.source} was used` });
      continue;
    }
    if (closed && !s.afterConfig) {
      trail.push({ credential, source: s.source, outcome: "skipped", detail: "an earlier config value could not be read (fail closed)" });
      continue;
    }
    if (s.skipped) {
      trail.push({ credential, source: s.source, outcome: "skipped", detail: s.skipped });
      continue;
    }
    const v = s.value;
    const text = typeof v === "string" ? v : v?.kind === "value" ? v.value : undefined;
    if (text) {
      found = { value: text, source: s.source };
      trail.push({ credential, source: s.source, outcome: "used" });
    } else if (v && typeof v === "object" && v.kind !== "value") {
      const detail = v.kind === "secret-ref" ? `not imported: SecretRef (source ${v.source}); Clawlink does not resolve SecretRefs` : v.detail;
      trail.push({ credential, source: s.source, outcome: v.kind, detail });
      if (s.failClosed) closed = true;
    } else {
      trail.push({ credential, source: s.source, outcome: "unset" });
    }
  }
  return found;
}

export function resolveCredentials(inputs: CredentialInputs): ResolvedCredentials {
  const pl = plan(inputs);
  const trail: TrailStep[] = [];
  const result: ResolvedCredentials = { trail, deviceToken: pl.deviceToken, notes: pl.notes };
  for (const c of ["token", "password"] as const) {
    const found = walk(c, pl[c], trail);
    if (found) result[c] = found;
    else {
      const hint = pl.missingHint?.(c);
      if (hint) result.missing = { credential: c, fixHint: hint };
    }
  }
  return result;
}

/** Reads the profile's keychain entries (keyed by its uid), then resolves. */
export async function resolveProfileCredentials(
  store: SecretStore,
  profile: CredentialProfile & Pick<Profile, "uid">,
  rest: Omit<CredentialInputs, "target" | "keychain"> = {},
): Promise<ResolvedCredentials> {
  const keychain = await readProfileSecrets(store, profile.uid);
  return resolveCredentials({ ...rest, target: { kind: "profile", profile }, keychain });
}
