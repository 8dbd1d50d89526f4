// Saving an import (from openclaw.json or a dashboard link): the profile goes to profiles.json and its
// secrets to the keychain, secrets first, so a profile never appears that silently lacks its token. If
// saving the profile then fails, the secrets just written are removed again.
import type { SecretStore } from "../secrets/secret-store.js";
import type { Profile } from "./profile-schema.js";
import { ProfileError, type ProfileStore } from "./profile-store.js";
import { deleteProfileSecrets, setProfileSecret, setTlsPinForUrl } from "./profile-secrets.js";
import type { ImportedSecrets } from "./openclaw-config.js";

export async function saveImportedProfile(store: ProfileStore, secrets: SecretStore, profile: Profile, found: ImportedSecrets): Promise<Profile> {
  // Checked before touching the keychain: the entries of an existing profile with this id must not be
  // overwritten, nor deleted by the clean-up below.
  if (store.list().some((p) => p.id === profile.id))
    throw new ProfileError(`id: "${profile.id}" is already used by another profile`, "Import again: a free id is picked from the current profiles.");
  if (found.token) await setProfileSecret(secrets, profile.id, "token", found.token);
  if (found.password) await setProfileSecret(secrets, profile.id, "password", found.password);
  try {
    const saved = await store.add(profile);
    // The pin is keyed by the wss authority (shared with any other profile of that gateway): written only
    // once the profile exists, and not removed on failure for the same reason.
    if (found.tlsPin) await setTlsPinForUrl(secrets, found.tlsPin.host, found.tlsPin.port, found.tlsPin.fingerprint);
    return saved;
  } catch (e) {
    await deleteProfileSecrets(secrets, profile.id).catch(() => undefined);
    throw e;
  }
}
