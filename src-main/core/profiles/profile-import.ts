// Saving an import (from openclaw.json or a dashboard link): the profile goes to profiles.json and its
// secrets to the keychain, secrets first, so a profile never appears that silently lacks its token. If
// saving the profile then fails, the secrets just written are removed again.
import type { SecretStore } from "../secrets/secret-store.js";
import type { Profile } from "./profile-schema.js";
import { ProfileError, type ProfileStore } from "./profile-store.js";
import { profileScopedStore } from "./profile-keychain.js";
import { deleteProfileSecrets, setProfileSecret, setTlsPinForUrl } from "./profile-secrets.js";
import type { ImportedSecrets } from "./openclaw-config.js";

export async function saveImportedProfile(store: ProfileStore, secrets: SecretStore, profile: Profile, found: ImportedSecrets): Promise<Profile> {
  // Checked before touching the keychain: the entries of an existing profile with this id must not be
  // overwritten, nor deleted by the clean-up below.
  if (store.list().some((p) => p.id === profile.id))
    throw new ProfileError(`id: "${profile.id}" is already used by another profile`, "Import again: a free id is picked from the current profiles.");
  // Keyed by the uid the importer made fresh (store.add keeps it), so nothing of another profile is touched.
  if (store.list().some((p) => p.uid === profile.uid)) throw new ProfileError("uid: already used by another profile", "Import again.");
  if (found.token) await setProfileSecret(secrets, profile.uid, "token", found.token);
  if (found.password) await setProfileSecret(secrets, profile.uid, "password", found.password);
  try {
    if (found.tlsPin) await setTlsPinForUrl(profileScopedStore(secrets, profile.uid), found.tlsPin.host, found.tlsPin.port, found.tlsPin.fingerprint);
    return await store.add(profile, { uid: profile.uid });
  } catch (e) {
    await deleteProfileSecrets(secrets, profile.uid).catch(() => undefined);
    throw e;
  }
}
