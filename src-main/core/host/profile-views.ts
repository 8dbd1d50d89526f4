// A profile as the UI sees it (ProfileView in src-shared/host-api.ts): its settings, and for secrets only
// whether they are stored and which source the next connect will use — never a value.
import type { ProfileView } from "../../../src-shared/host-api.js";
import { specFromProfile } from "../orchestrator/profile-spec.js";
import { fieldValues } from "../profiles/profile-edit.js";
import { describeRoutes } from "../profiles/profile-routes.js";
import { profileScopedStore } from "../profiles/profile-keychain.js";
import type { Profile } from "../profiles/profile-schema.js";
import { readProfileSecrets } from "../profiles/profile-secrets.js";
import type { ProfileStore } from "../profiles/profile-store.js";
import type { SecretStore } from "../secrets/secret-store.js";
import { parseDirectUrl } from "../transport/direct-url.js";
import { tlsPinKey } from "../transport/tls-pin.js";

interface ViewDeps {
  profiles: ProfileStore;
  secrets: SecretStore;
  env?: NodeJS.ProcessEnv;
  homeDir?: string;
}

/** How the host resolves a profile's connection spec and credentials (the same for views and connects). */
export function specOptions(o: ViewDeps) {
  return { secrets: o.secrets, env: o.env ?? process.env, ...(o.homeDir ? { homeDir: o.homeDir } : {}) };
}

export async function profileViews(o: ViewDeps): Promise<ProfileView[]> {
  return Promise.all(o.profiles.list().map((p) => profileView(o, p)));
}

export async function profileView(o: ViewDeps, p: Profile): Promise<ProfileView> {
  const [stored, resolved] = await Promise.all([readProfileSecrets(o.secrets, p.uid), specFromProfile(p, specOptions(o))]);
  let direct: ProfileView["direct"] = null;
  if (p.kind === "direct" && p.direct) {
    const u = parseDirectUrl(p.direct.url);
    const pinned = u.ok && u.value.secure ? Boolean(await profileScopedStore(o.secrets, p.uid).get(tlsPinKey(u.value.host, u.value.port))) : false;
    direct = { url: p.direct.url, tlsPinned: pinned };
  }
  const c = resolved.credentials;
  return {
    id: p.id,
    name: p.name,
    kind: p.kind,
    connectAtStart: p.connectAtStart,
    authMode: p.auth.mode,
    importedFrom: p.importedFrom ?? null,
    ssh: p.ssh ? { target: p.ssh.target, identityFile: p.ssh.identityFile ?? null, remotePort: p.ssh.remotePort, localPort: p.ssh.localPort ?? p.ssh.rememberedLocalPort ?? null } : null,
    direct,
    local: p.kind === "local" ? { port: p.local?.port ?? null } : null,
    stored: { token: Boolean(stored.token), password: Boolean(stored.password) },
    credential: { token: c.token?.source ?? null, password: c.password?.source ?? null, missing: c.missing?.fixHint ?? null },
    editable: fieldValues(p),
    ...(p.kind !== "local" ? { routes: describeRoutes(p) } : {}),
    ...(p.failover?.returnCheckS ? { returnCheckS: p.failover.returnCheckS } : {}),
  };
}
