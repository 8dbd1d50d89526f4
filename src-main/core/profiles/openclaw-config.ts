// Reads OpenClaw's own config (~/.openclaw/openclaw.json, JSON5) for two jobs, and never writes it:
//  (a) local mode: where the gateway on this machine listens and which credentials it expects
//      (gateway.port, gateway.tls.enabled, gateway.auth.*; OpenClaw's local precedence is applied by
//      credentials.ts: env → gateway.auth.* → gateway.remote.*);
//  (b) import: the macOS app's remote settings (gateway.mode, gateway.remote.url/transport/sshTarget/
//      sshIdentity/remotePort/tlsFingerprint/token/password) become a Clawlink profile plus the secrets to
//      put in the keychain.
// Secrets written as SecretRef objects ({source:"env"|"file"|"exec"|…}) are reported, never resolved:
// resolving one can mean running a command named in a file. `${VAR}` substitutions are resolved from the
// environment the way OpenClaw does (upper-case names only, `$${VAR}` is a literal), and an unset one is
// reported as unresolved rather than sent as the literal text.
import fsp from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import JSON5 from "json5";
import type { Attention } from "../../../src-shared/attention.js";
import { DEFAULT_GATEWAY_PORT } from "../../../src-shared/gateway-port.js";
import { parseDirectUrl, type DirectUrl } from "../transport/direct-url.js";
import { isLoopbackHost } from "../transport/plaintext-rule.js";
import { parseTargetSyntax } from "../transport/ssh-target.js";
import { normalizeTlsFingerprint } from "../transport/tls-pin.js";
import type { ConfigSecret, OpenClawCredentialFields } from "./credentials.js";
import { ProfileSchema, formatIssues, nameKey, newProfileUid, uniqueSlug, type AuthMode, type Profile } from "./profile-schema.js";

type Env = Readonly<Record<string, string | undefined>>;

export interface ConfigLocation {
  path: string;
  /** Why this path: "OPENCLAW_CONFIG_PATH", "OPENCLAW_STATE_DIR", "default". */
  source: string;
}

/** OPENCLAW_CONFIG_PATH → $OPENCLAW_STATE_DIR/openclaw.json → ~/.openclaw/openclaw.json (home = OPENCLAW_HOME or the OS home). */
export function openclawConfigPath(env: Env = process.env, homeDir = os.homedir()): ConfigLocation {
  const home = env.OPENCLAW_HOME?.trim() || homeDir;
  const expand = (p: string) => (p === "~" ? home : p.startsWith("~/") ? path.join(home, p.slice(2)) : p);
  const explicit = env.OPENCLAW_CONFIG_PATH?.trim();
  if (explicit) return { path: path.resolve(expand(explicit)), source: "OPENCLAW_CONFIG_PATH" };
  const state = env.OPENCLAW_STATE_DIR?.trim();
  if (state) return { path: path.join(path.resolve(expand(state)), "openclaw.json"), source: "OPENCLAW_STATE_DIR" };
  return { path: path.join(home, ".openclaw", "openclaw.json"), source: "default" };
}

export type OpenClawConfigRead =
  | { ok: true; location: ConfigLocation; exists: false }
  | { ok: true; location: ConfigLocation; exists: true; config: Record<string, unknown> }
  | { ok: false; location: ConfigLocation; attention: Attention };

export function parseOpenClawConfig(text: string, file: string): { ok: true; config: Record<string, unknown> } | { ok: false; attention: Attention } {
  let value: unknown;
  try {
    value = JSON5.parse(text);
  } catch (e) {
    const err = e as Error & { lineNumber?: number; columnNumber?: number };
    const where = err.lineNumber ? ` at line ${err.lineNumber}, column ${err.columnNumber ?? 0}` : "";
    // json5's message starts with "JSON5: "; the position is said once, in our words.
    const why = err.message.replace(/^JSON5:\s*/, "").replace(/\s+at \d+:\d+$/, "");
    return {
      ok: false,
      attention: {
        reason: "openclaw-config-invalid",
        message: `${file} is not valid JSON5${where}: ${why}.`,
        fixHint: "Fix that line (or run `openclaw doctor`); Clawlink did not change the file.",
      },
    };
  }
  if (!value || typeof value !== "object" || Array.isArray(value))
    return { ok: false, attention: { reason: "openclaw-config-invalid", message: `${file} does not hold a JSON5 object.`, fixHint: "Run `openclaw doctor`; Clawlink did not change the file." } };
  return { ok: true, config: value as Record<string, unknown> };
}

export async function readOpenClawConfig(opts: { env?: Env; homeDir?: string } = {}): Promise<OpenClawConfigRead> {
  const location = openclawConfigPath(opts.env ?? process.env, opts.homeDir);
  let text: string;
  try {
    text = await fsp.readFile(location.path, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return { ok: true, location, exists: false };
    return {
      ok: false,
      location,
      attention: { reason: "openclaw-config-unreadable", message: `${location.path} could not be read (${(e as Error).message}).`, fixHint: "Check the file's permissions." },
    };
  }
  const parsed = parseOpenClawConfig(text, location.path);
  return parsed.ok ? { ok: true, location, exists: true, config: parsed.config } : { ok: false, location, attention: parsed.attention };
}

// ---------------------------------------------------------------------------------------------------
// Reading values.

function at(cfg: unknown, ...keys: string[]): unknown {
  let cur = cfg;
  for (const k of keys) {
    if (!cur || typeof cur !== "object" || Array.isArray(cur)) return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}

/** `${VAR}` → env value; `$${VAR}` → literal `${VAR}`; undefined when a variable is unset or empty. */
export function substituteEnv(text: string, env: Env): { value: string } | { missing: string[] } {
  const missing: string[] = [];
  const value = text.replace(/\$?\$\{([A-Z_][A-Z0-9_]*)\}/g, (m, name: string) => {
    if (m.startsWith("$$")) return m.slice(1);
    const v = env[name];
    if (!v) missing.push(name);
    return v ?? "";
  });
  return missing.length ? { missing } : { value };
}

function readSecret(cfg: unknown, env: Env, ...keys: string[]): ConfigSecret | undefined {
  const v = at(cfg, ...keys);
  if (v === undefined || v === null) return undefined;
  if (typeof v === "string") {
    if (!v.trim()) return undefined;
    const s = substituteEnv(v, env);
    if ("missing" in s) return { kind: "unresolved", detail: `${keys.join(".")} refers to \${${s.missing.join("}, ${")}}, which is not set here` };
    return { kind: "value", value: s.value };
  }
  if (typeof v === "object" && !Array.isArray(v) && typeof (v as { source?: unknown }).source === "string")
    return { kind: "secret-ref", source: (v as { source: string }).source };
  return { kind: "unresolved", detail: `${keys.join(".")} is neither a string nor a SecretRef` };
}

function readString(cfg: unknown, env: Env, ...keys: string[]): string | undefined {
  const s = readSecret(cfg, env, ...keys);
  return s?.kind === "value" ? s.value.trim() : undefined;
}

function readPort(v: unknown): number | undefined {
  const n = typeof v === "string" && /^\d+$/.test(v.trim()) ? Number(v) : v;
  return typeof n === "number" && Number.isInteger(n) && n >= 1 && n <= 65535 ? n : undefined;
}

export function openclawCredentials(cfg: unknown, env: Env = process.env): OpenClawCredentialFields {
  const pick = (...k: string[]) => readSecret(cfg, env, ...k);
  const out: OpenClawCredentialFields = { auth: {}, remote: {} };
  const set = (group: "auth" | "remote", key: "token" | "password") => {
    const v = pick("gateway", group, key);
    if (v) out[group]![key] = v;
  };
  set("auth", "token");
  set("auth", "password");
  set("remote", "token");
  set("remote", "password");
  return out;
}

// ---------------------------------------------------------------------------------------------------
// (a) Local mode.

export interface LocalGateway {
  url: string;
  port: number;
  /** "OPENCLAW_GATEWAY_PORT", "gateway.port", "default". */
  portSource: string;
  tls: boolean;
  /** gateway.auth.mode mapped to Clawlink's modes; undefined when the config does not say and has no secret. */
  authMode?: AuthMode;
  credentials: OpenClawCredentialFields;
  notes: string[];
}

/** Where the gateway on this machine listens and what it expects, from its config (undefined = no file). */
export function resolveLocalGateway(cfg: Record<string, unknown> | undefined, env: Env = process.env): LocalGateway {
  const notes: string[] = [];
  let port = DEFAULT_GATEWAY_PORT;
  let portSource = "default";
  const envPort = readPort(env.OPENCLAW_GATEWAY_PORT);
  const cfgPort = readPort(at(cfg, "gateway", "port"));
  if (envPort) {
    port = envPort;
    portSource = "OPENCLAW_GATEWAY_PORT";
  } else if (cfgPort) {
    port = cfgPort;
    portSource = "gateway.port";
  } else if (at(cfg, "gateway", "port") !== undefined) notes.push(`gateway.port is not a port number; using ${DEFAULT_GATEWAY_PORT}.`);
  const tls = at(cfg, "gateway", "tls", "enabled") === true;
  const credentials = openclawCredentials(cfg, env);
  const rawMode = at(cfg, "gateway", "auth", "mode");
  let authMode: AuthMode | undefined;
  if (rawMode === "token" || rawMode === "password" || rawMode === "none") authMode = rawMode;
  else if (rawMode === "trusted-proxy") notes.push('gateway.auth.mode is "trusted-proxy": a loopback client has no proxy identity; expect to need a token or pairing.');
  else if (rawMode !== undefined) notes.push(`gateway.auth.mode "${String(rawMode)}" is not one Clawlink knows.`);
  if (!authMode && rawMode === undefined) authMode = credentials.auth?.token ? "token" : credentials.auth?.password ? "password" : undefined;
  return { url: `${tls ? "wss" : "ws"}://127.0.0.1:${port}`, port, portSource, tls, ...(authMode ? { authMode } : {}), credentials, notes };
}

// ---------------------------------------------------------------------------------------------------
// (b) Import of the remote settings.

export interface ImportedSecrets {
  token?: string;
  password?: string;
  /** Normalised hex; stored under the transport's key for that wss authority (profile-secrets.ts). */
  tlsPin?: { host: string; port: number; fingerprint: string };
}

export interface ImportedProfile {
  profile: Profile;
  secrets: ImportedSecrets;
  /** What was inferred or not imported, for a person ("gateway.remote.token: not imported: SecretRef (exec)"). */
  notes: string[];
}

export type ImportResult = { ok: true; value: ImportedProfile } | { ok: false; attention: Attention };

export interface ImportOptions {
  env?: Env;
  /** Existing profiles, so the new id and name do not collide. */
  existing?: ReadonlyArray<Pick<Profile, "id" | "name">>;
  /** Where the secrets will be saved, so the notes say so ("memory" when no keychain); default keychain. */
  secretStore?: "keychain" | "memory";
}

function uniqueName(base: string, existing: ReadonlyArray<Pick<Profile, "name">>): string {
  const taken = new Set(existing.map((p) => nameKey(p.name)));
  if (!taken.has(nameKey(base))) return base;
  for (let n = 2; ; n++) if (!taken.has(nameKey(`${base} (${n})`))) return `${base} (${n})`;
}

function fail(message: string, fixHint: string): ImportResult {
  return { ok: false, attention: { reason: "openclaw-import-failed", message, fixHint } };
}

/** Transport as the macOS app resolves it: explicit, else a non-loopback URL means direct, else SSH. */
function transportOf(transportRaw: unknown, u: DirectUrl | undefined, notes: string[]): "ssh" | "direct" {
  if (transportRaw === "ssh" || transportRaw === "direct") return transportRaw;
  if (transportRaw !== undefined) notes.push(`gateway.remote.transport "${String(transportRaw)}" is unknown; inferred instead.`);
  const transport = u && !isLoopbackHost(u.host) ? "direct" : "ssh";
  notes.push(`gateway.remote.transport not set: inferred ${transport} (${transport === "direct" ? "the URL points at another machine" : "the SSH tunnel is the default remote transport"}).`);
  return transport;
}

/** The ssh block of an imported SSH profile: its remote port and, from a loopback URL, its local port. */
function sshSettings(cfg: Record<string, unknown>, target: { target: string; host: string; identity: string | undefined }, u: DirectUrl | undefined, notes: string[]): Record<string, unknown> {
  // Remote port: explicit, else the URL's port when the URL names the SSH host itself, else 18789.
  const explicitRemote = readPort(at(cfg, "gateway", "remote", "remotePort"));
  const remotePort = explicitRemote ?? (u && u.host === target.host ? u.port : DEFAULT_GATEWAY_PORT);
  // Local port: the port of a loopback URL (the macOS app keeps the URL on the tunnel's local end),
  // unless it is where this machine's own gateway listens (gateway.port, else 18789): a forward there
  // would answer for "This machine" (issue 10). Unset, the tunnel picks a free port and remembers it.
  const ownPort = readPort(at(cfg, "gateway", "port")) ?? DEFAULT_GATEWAY_PORT;
  const urlLocal = u && isLoopbackHost(u.host) ? u.port : undefined;
  const ssh: Record<string, unknown> = { target: target.target, remotePort };
  if (urlLocal !== undefined && urlLocal !== ownPort) ssh.localPort = urlLocal;
  else if (urlLocal !== undefined)
    notes.push(`gateway.remote.url's local port ${urlLocal} is this machine's own gateway port: the tunnel gets a free local port of its own instead (remembered for this profile).`);
  if (target.identity) ssh.identityFile = target.identity;
  return ssh;
}

export function importFromOpenClawConfig(cfg: Record<string, unknown>, opts: ImportOptions = {}): ImportResult {
  const env = opts.env ?? process.env;
  const existing = opts.existing ?? [];
  const notes: string[] = [];
  const secrets: ImportedSecrets = {};
  const mode = at(cfg, "gateway", "mode");
  const url = readString(cfg, env, "gateway", "remote", "url");
  const sshTarget = readString(cfg, env, "gateway", "remote", "sshTarget");
  const sshIdentity = readString(cfg, env, "gateway", "remote", "sshIdentity");
  const transportRaw = at(cfg, "gateway", "remote", "transport");

  if (!url && !sshTarget)
    return fail(
      "openclaw.json has no remote gateway settings (gateway.remote.url or gateway.remote.sshTarget).",
      mode === "remote" ? "Set gateway.remote.url or gateway.remote.sshTarget, or add the profile by hand." : "This machine runs its own gateway (local mode): the built-in local profile already uses it.",
    );
  if (mode !== "remote") notes.push(`gateway.mode is ${mode === undefined ? "not set" : `"${String(mode)}"`}; the gateway.remote settings were imported anyway.`);

  const parsedUrl = url ? parseDirectUrl(url) : undefined;
  if (parsedUrl && !parsedUrl.ok) return fail(`gateway.remote.url: ${parsedUrl.attention.message}`, parsedUrl.attention.fixHint);
  const u = parsedUrl?.ok ? parsedUrl.value : undefined;

  let transport = transportOf(transportRaw, u, notes);
  if (transport === "ssh" && !sshTarget) {
    if (!u) return fail("gateway.remote.transport is ssh but gateway.remote.sshTarget is not set.", "Set gateway.remote.sshTarget (user@host) or add the profile by hand.");
    // A loopback URL without a target: the person runs their own tunnel (`ssh -N -L …`), so dial the URL.
    transport = "direct";
    notes.push("No gateway.remote.sshTarget: imported as a direct profile to gateway.remote.url (keep your own SSH tunnel running).");
  }

  const tokenSecret = readSecret(cfg, env, "gateway", "remote", "token");
  const passwordSecret = readSecret(cfg, env, "gateway", "remote", "password");
  const pinSecret = readSecret(cfg, env, "gateway", "remote", "tlsFingerprint");
  const take = (field: string, s: ConfigSecret | undefined): string | undefined => {
    if (!s) return undefined;
    if (s.kind === "value") return s.value;
    notes.push(s.kind === "secret-ref" ? `gateway.remote.${field}: not imported: SecretRef (source ${s.source})` : `gateway.remote.${field}: not imported: ${s.detail}`);
    return undefined;
  };
  const token = take("token", tokenSecret) ?? (transport === "direct" ? u?.token : undefined);
  const password = take("password", passwordSecret);
  if (token) secrets.token = token;
  if (password) secrets.password = password;

  let profile: Record<string, unknown>;
  let baseName: string;
  if (transport === "ssh") {
    const t = parseTargetSyntax(sshTarget!);
    if (!t) return fail(`gateway.remote.sshTarget "${sshTarget}" is not an SSH target.`, "Use user@host[:port] or a Host alias from ~/.ssh/config.");
    profile = { kind: "ssh", ssh: sshSettings(cfg, { target: sshTarget!, host: t.host, identity: sshIdentity }, u, notes) };
    baseName = t.host;
    if (pinSecret) notes.push("gateway.remote.tlsFingerprint was not imported: an SSH profile does not use TLS.");
  } else {
    profile = { kind: "direct", direct: { url: u!.url } };
    baseName = u!.host.replace(/^\[|\]$/g, "");
    const pin = take("tlsFingerprint", pinSecret);
    if (pin) {
      const hex = normalizeTlsFingerprint(pin);
      if (!hex) notes.push("gateway.remote.tlsFingerprint: not imported: not a SHA-256 fingerprint (64 hex characters).");
      else if (!u!.secure) notes.push("gateway.remote.tlsFingerprint: not imported: the URL is ws:// (no TLS to pin).");
      else secrets.tlsPin = { host: u!.host, port: u!.port, fingerprint: hex };
    }
  }
  if (u?.token && transport === "direct" && tokenSecret?.kind !== "value") notes.push("The token in gateway.remote.url's #token= fragment was imported; the stored URL has no token.");

  const authMode: AuthMode = secrets.token ? "token" : secrets.password ? "password" : tokenSecret ? "token" : passwordSecret ? "password" : "device-only";
  if (authMode === "device-only") notes.push("No token or password in the config: the profile uses device pairing only (change its auth mode if the gateway needs a token).");
  if (secrets.token && secrets.password)
    notes.push(`Both a token and a password were found: the profile uses token auth; the password is kept ${opts.secretStore === "memory" ? "in memory for this session only too (no keychain is available)" : "in the keychain too"}.`);

  const name = uniqueName(`${baseName} (openclaw.json)`, existing);
  const candidate = {
    id: uniqueSlug(baseName, existing.map((p) => p.id)),
    uid: newProfileUid(),
    name,
    connectAtStart: false,
    auth: { mode: authMode },
    importedFrom: "openclaw.json",
    ...profile,
  };
  const checked = ProfileSchema.safeParse(candidate);
  if (!checked.success) return fail(`The imported settings do not make a valid profile: ${formatIssues(checked.error).join("; ")}`, "Fix gateway.remote.* in openclaw.json or add the profile by hand.");
  return { ok: true, value: { profile: checked.data, secrets, notes } };
}
