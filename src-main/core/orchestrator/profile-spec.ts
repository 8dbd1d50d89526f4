// A saved profile → the ConnectionSpec a supervisor runs, with credentials resolved by OpenClaw's
// precedence (profiles/credentials.ts). One place for the CLI, the web host and the desktop app.
// Local profiles read what the gateway on this machine uses (port, TLS, gateway.auth.*) from its own
// config (~/.openclaw/openclaw.json, OPENCLAW_CONFIG_PATH / OPENCLAW_STATE_DIR).
import { stripUndefined } from "../../../src-shared/strip-undefined.js";
import { resolveProfileCredentials, type ExplicitCredential, type OpenClawCredentialFields, type ResolvedCredentials } from "../profiles/credentials.js";
import { readOpenClawConfig, resolveLocalGateway } from "../profiles/openclaw-config.js";
import type { Profile } from "../profiles/profile-schema.js";
import type { ProfileStore } from "../profiles/profile-store.js";
import type { SecretStore } from "../secrets/secret-store.js";
import type { ConnectionSpec } from "./connection-spec.js";
import { currentRoute, fallbackRoutes } from "./route-spec.js";

export interface ProfileSpecOptions {
  secrets: SecretStore;
  env?: NodeJS.ProcessEnv;
  homeDir?: string;
  explicit?: { token?: ExplicitCredential; password?: ExplicitCredential };
}

export interface ProfileSpec {
  spec: ConnectionSpec;
  credentials: ResolvedCredentials;
  /** Things a person should know about how the spec was made (config notes, unreadable config). */
  notes: string[];
}

export async function specFromProfile(profile: Profile, o: ProfileSpecOptions): Promise<ProfileSpec> {
  const env = o.env ?? process.env;
  const notes: string[] = [];
  // Keyed by the uid, not the id (a slug of the name): a new profile called like a removed one must not
  // find its device token, pins or passwords (issue 10).
  const spec: ConnectionSpec = { id: profile.id, name: profile.name, kind: profile.kind, gatewayKey: `profile:${profile.uid}`, secretScope: profile.uid };
  let openclaw: OpenClawCredentialFields | undefined;

  if (profile.kind === "local" || profile.importedFrom === "openclaw.json") {
    const read = await readOpenClawConfig({ env, ...(o.homeDir ? { homeDir: o.homeDir } : {}) });
    if (!read.ok) notes.push(`${read.attention.message} ${read.attention.fixHint}`);
    const cfg = read.ok && "config" in read ? read.config : undefined;
    if (profile.kind === "local") {
      const local = resolveLocalGateway(cfg, env);
      notes.push(...local.notes);
      // An explicit port in the profile wins over the gateway's config.
      spec.url = profile.local?.port ? `${local.tls ? "wss" : "ws"}://127.0.0.1:${profile.local.port}` : local.url;
      openclaw = local.credentials;
    } else if (cfg) {
      openclaw = resolveLocalGateway(cfg, env).credentials;
    }
  }
  // The forward never takes this machine's own gateway port (forward-port.ts), so it needs to know it.
  if (profile.kind === "ssh" && profile.ssh) spec.ssh = stripUndefined({ ...profile.ssh, ownGatewayPort: await ownGatewayPort(env, o.homeDir) });
  if (profile.kind === "direct" && profile.direct) spec.url = profile.direct.url;
  if (profile.routes?.length && profile.kind !== "local") {
    spec.routes = [currentRoute(spec), ...fallbackRoutes(profile, spec.ssh?.ownGatewayPort ?? (await ownGatewayPort(env, o.homeDir)))];
    if (profile.failover?.returnCheckS) spec.returnCheckMs = profile.failover.returnCheckS * 1000;
  }

  const credentials = await resolveProfileCredentials(o.secrets, profile, { env, ...(o.explicit ? { explicit: o.explicit } : {}), ...(openclaw ? { openclaw } : {}) });
  if (credentials.token) spec.token = credentials.token;
  if (credentials.password) spec.password = credentials.password;
  return { spec, credentials, notes: [...notes, ...credentials.notes] };
}

/** Where this machine's own gateway listens (OPENCLAW_GATEWAY_PORT, gateway.port, else 18789). */
async function ownGatewayPort(env: NodeJS.ProcessEnv, homeDir: string | undefined): Promise<number> {
  const read = await readOpenClawConfig({ env, ...(homeDir ? { homeDir } : {}) });
  return resolveLocalGateway(read.ok && "config" in read ? read.config : undefined, env).port;
}

/**
 * SupervisorDeps.rememberLocalPort over a profile store: the port a forward was given is kept in the
 * profile (ssh.rememberedLocalPort), so the next connect asks for the same one and links stay stable.
 */
export function rememberLocalPortIn(store: Pick<ProfileStore, "get" | "update">): (id: string, port: number) => Promise<void> {
  return async (id, port) => {
    const p = store.get(id);
    if (p?.id !== id || p.kind !== "ssh" || !p.ssh || p.ssh.localPort !== undefined || p.ssh.rememberedLocalPort === port) return;
    await store.update(id, { ssh: { ...p.ssh, rememberedLocalPort: port } });
  };
}
