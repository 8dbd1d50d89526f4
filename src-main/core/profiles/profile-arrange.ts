// Duplicating and reordering profiles (issue 12). The order of profiles.json is the order people see:
// `clawlink profiles list`, the app's gateway list and the tray menu all read the store in order, so
// moving a profile is one atomic rewrite of the file and nothing else.
//
// A duplicate is a new profile: a new uid (so it shares no keychain entry with the original), an id made
// from its name, placed right after the original, not connected at start. Secrets are not copied by
// default: a copy is usually the start of an edit (another host, another user), and a copied token would
// then be sent to a gateway it was never issued for; pins, SSH passwords and device tokens belong to one
// endpoint's pairing and are never copied. `withSecrets` copies the gateway token and password only,
// for a second profile of the same gateway (say, another remote port or auth mode).
import type { SecretStore } from "../secrets/secret-store.js";
import { nameKey, uniqueSlug, type Profile } from "./profile-schema.js";
import { readProfileSecrets, setProfileSecret } from "./profile-secrets.js";
import { ProfileError, type NewProfile, type ProfileStore } from "./profile-store.js";

export interface DuplicateOptions {
  /** The copy's name; default "<name> (copy)", "<name> (copy 2)", … */
  name?: string;
  /** Also copy the gateway token and password (never pins, SSH passwords or device tokens). */
  withSecrets?: boolean;
}

export interface DuplicateResult {
  profile: Profile;
  /** The kinds of secret copied (empty unless withSecrets). */
  copiedSecrets: Array<"token" | "password">;
}

/** A free "<name> (copy N)" within the 80-character limit. */
export function copyName(name: string, taken: Iterable<string>): string {
  const keys = new Set([...taken].map(nameKey));
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? " (copy)" : ` (copy ${n})`;
    const candidate = `${name.trim().slice(0, 80 - suffix.length)}${suffix}`;
    if (!keys.has(nameKey(candidate))) return candidate;
  }
}

export async function duplicateProfile(store: ProfileStore, secrets: SecretStore, idOrName: string, opts: DuplicateOptions = {}): Promise<DuplicateResult> {
  const src = store.get(idOrName);
  if (!src) throw new ProfileError(`No profile "${idOrName}".`, "List profiles with `clawlink profiles list`.");
  const all = store.list();
  const name = opts.name?.trim() ? opts.name.trim() : copyName(src.name, all.map((p) => p.name));
  const { id: _id, uid: _uid, legacyKeychainId: _legacy, ...body } = src;
  const copy: NewProfile = { ...body, name, id: uniqueSlug(name, all.map((p) => p.id)), connectAtStart: false };
  // The local port a forward was given belongs to the original's forward: the copy picks its own.
  if (copy.ssh) {
    const { rememberedLocalPort: _r, ...ssh } = copy.ssh;
    copy.ssh = ssh;
  }
  const at = all.findIndex((p) => p.uid === src.uid) + 1;
  const profile = await store.add(copy, { at });
  const copiedSecrets: DuplicateResult["copiedSecrets"] = [];
  if (opts.withSecrets) {
    const s = await readProfileSecrets(secrets, src.uid);
    for (const kind of ["token", "password"] as const) {
      const v = s[kind];
      if (v) {
        await setProfileSecret(secrets, profile.uid, kind, v);
        copiedSecrets.push(kind);
      }
    }
  }
  return { profile, copiedSecrets };
}

/** Where to move: a 1-based position (as `profiles list` numbers them), or one step up or down. */
export type MoveTo = number | "up" | "down" | "first" | "last";

export interface MoveResult {
  profile: Profile;
  /** 1-based position after the move. */
  position: number;
  order: string[];
}

export async function moveProfile(store: ProfileStore, idOrName: string, to: MoveTo): Promise<MoveResult> {
  const p = store.get(idOrName);
  if (!p) throw new ProfileError(`No profile "${idOrName}".`, "List profiles with `clawlink profiles list`.");
  const ids = store.list().map((x) => x.id);
  const from = ids.indexOf(p.id);
  let target: number;
  if (to === "up") target = from - 1;
  else if (to === "down") target = from + 1;
  else if (to === "first") target = 0;
  else if (to === "last") target = ids.length - 1;
  else {
    if (!Number.isInteger(to) || to < 1 || to > ids.length)
      throw new ProfileError(`position: must be a whole number from 1 to ${ids.length} (got ${String(to)})`, "`clawlink profiles list` shows the current order.");
    target = to - 1;
  }
  target = Math.max(0, Math.min(target, ids.length - 1));
  const order = await store.move(p.id, target);
  return { profile: p, position: order.indexOf(p.id) + 1, order };
}
