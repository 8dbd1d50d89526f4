// A pasted dashboard link (`https://gateway.example.com/#token=…`, what `openclaw dashboard` prints)
// becomes a direct profile plus the token for the keychain. URL parsing, http→ws mapping and the
// #token= split are the transports' (direct-url.ts, used as is, not repeated here); this file only turns
// the result into a profile whose stored URL carries no token.
import type { Attention } from "../../../src-shared/attention.js";
import { parseDirectUrl } from "../transport/direct-url.js";
import { checkPlaintextRule } from "../transport/plaintext-rule.js";
import { ProfileSchema, formatIssues, nameKey, newProfileUid, uniqueSlug, type Profile } from "./profile-schema.js";

export interface DashboardImport {
  profile: Profile;
  /** For the keychain (profile-secrets.ts setProfileSecret(…, "token", …)); never stored in the profile. */
  token?: string;
  notes: string[];
}

export type DashboardImportResult = { ok: true; value: DashboardImport } | { ok: false; attention: Attention };

export interface DashboardImportOptions {
  /** Where the token will be saved, so the note says so ("memory" when no keychain); default keychain. */
  secretStore?: "keychain" | "memory";
  /** A name the person typed; defaults to the host. */
  name?: string;
  existing?: ReadonlyArray<Pick<Profile, "id" | "name">>;
}

export function profileFromDashboardUrl(input: string, opts: DashboardImportOptions = {}): DashboardImportResult {
  const parsed = parseDirectUrl(input);
  if (!parsed.ok) return parsed;
  const { url, host, token } = parsed.value;
  const notes: string[] = [];
  // Said now, when the link is pasted, rather than as a refusal at the first connect.
  const rule = checkPlaintextRule(url);
  if (!rule.allowed) return { ok: false, attention: rule.attention };
  const existing = opts.existing ?? [];
  const bare = host.replace(/^\[|\]$/g, "");
  const takenNames = new Set(existing.map((p) => nameKey(p.name)));
  let name = opts.name?.trim() || bare;
  if (!opts.name?.trim()) for (let n = 2; takenNames.has(nameKey(name)); n++) name = `${bare} (${n})`;
  // Not "goes to the keychain" when there is none: the host has already said secrets stay in memory (issue 12).
  if (token && opts.secretStore === "memory") notes.push("No keychain is available: the #token= from the link is kept in memory for this session only; the saved address has no token.");
  else if (token) notes.push("The #token= from the link goes to the keychain; the saved address has no token.");
  else notes.push("The link has no #token=: the profile uses device pairing only until a token is stored for it.");
  const candidate = {
    id: uniqueSlug(bare, existing.map((p) => p.id)),
    uid: newProfileUid(),
    name,
    kind: "direct",
    connectAtStart: false,
    auth: { mode: token ? "token" : "device-only" },
    direct: { url },
  };
  const checked = ProfileSchema.safeParse(candidate);
  if (!checked.success)
    return { ok: false, attention: { reason: "invalid-profile", message: formatIssues(checked.error).join("; "), fixHint: "Check the pasted link and the name." } };
  return { ok: true, value: { profile: checked.data, ...(token ? { token } : {}), notes } };
}
