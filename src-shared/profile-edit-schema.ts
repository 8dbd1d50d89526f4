// Editing a saved profile and taking trust back through the host API (issue 12): the payloads of
// editProfile / forgetTrust / resetIdentity / setSshPassword, and the label of every editable field as
// the Settings form shows it. The host names a refused field with this label (`Remote gateway port: must
// be a port number 1-65535`), so the form can highlight the field the message starts with; both sides
// read the one table here. Kept apart from host-api.ts so the contract file stays about methods.
import { z } from "zod";

const text = (max: number) => z.string().max(max);

/** Mirrors ProfileEditPatch (src-main/core/profiles/profile-edit.ts); null removes an optional setting. */
export const ProfileEditPatchSchema = z
  .object({
    name: text(80).optional(),
    host: text(512).optional(),
    // Numbers the form could not read arrive as-is: the core refuses them naming the field.
    port: z.number().optional(),
    user: text(256).nullable().optional(),
    identityFile: text(4096).nullable().optional(),
    remotePort: z.number().optional(),
    localPort: z.number().nullable().optional(),
    url: text(4096).optional(),
    tlsFingerprint: text(200).optional(),
    authMode: z.enum(["token", "password", "none", "device-only"]).optional(),
    connectAtStart: z.boolean().optional(),
    keepaliveIntervalS: z.number().nullable().optional(),
    keepaliveCountMax: z.number().nullable().optional(),
  })
  .strict();
export type ProfileEditPatchInput = z.infer<typeof ProfileEditPatchSchema>;
export type EditFieldName = keyof ProfileEditPatchInput;

/** Each editable field as the Settings form labels it (and so as a refusal names it). */
export const EDIT_FIELD_LABEL: Record<EditFieldName, string> = {
  name: "Name",
  host: "Host",
  port: "Port",
  user: "SSH user",
  identityFile: "Identity file",
  remotePort: "Remote gateway port",
  localPort: "Local port",
  url: "Gateway URL",
  tlsFingerprint: "TLS fingerprint",
  authMode: "Auth mode",
  connectAtStart: "Connect at start",
  keepaliveIntervalS: "Keepalive interval",
  keepaliveCountMax: "Keepalive count",
};

/** The field a refusal is about: its message starts with the field's label and a colon. */
export function fieldOfRefusal(message: string): EditFieldName | null {
  for (const [field, label] of Object.entries(EDIT_FIELD_LABEL) as Array<[EditFieldName, string]>) if (message.startsWith(`${label}: `)) return field;
  return null;
}

const shown = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** The current value of each field that applies to the profile's kind (fieldValues in profile-edit.ts): what the edit form starts from. */
export const EditableValuesSchema = z.partialRecord(z.enum(Object.keys(EDIT_FIELD_LABEL) as [EditFieldName, ...EditFieldName[]]), shown);
export type EditableValues = z.infer<typeof EditableValuesSchema>;

export const EditResultSchema = z.object({
  /** Only the fields whose value really changed. */
  changes: z.array(z.object({ field: z.string(), from: shown, to: shown })),
  /** The profile was connected and its connection was restarted to use the change (no other profile was touched). */
  reconnected: z.boolean(),
  /** The change affects the connection (so a later connect uses it, whether or not one was running). */
  connectionChanged: z.boolean(),
});

export const TrustKindSchema = z.enum(["host-key", "tls"]);
export type TrustKind = z.infer<typeof TrustKindSchema>;

/** What forgetting did, in sentences the UI shows as they are. */
export const ForgetTrustResultSchema = z.object({ forgotten: z.number(), lines: z.array(z.string()) });

export const IdentityResetResultSchema = z.object({ deviceId: z.string(), deviceTokensDeleted: z.number(), lines: z.array(z.string()) });

export const SshPasswordResultSchema = z.object({ login: z.string(), stored: z.boolean(), lines: z.array(z.string()) });

/** Duplicate: the copy's name (default "<name> (copy)") and whether to copy the gateway token and password. */
export const DuplicateOptionsSchema = z.object({ name: text(80).optional(), withSecrets: z.boolean().optional() }).strict();
export const DuplicateResultSchema = z.object({ copiedSecrets: z.array(z.enum(["token", "password"])), lines: z.array(z.string()) });

/** Move: a 1-based position, or a step. The order is the tray's and the window's list. */
export const MoveToSchema = z.union([z.int().min(1).max(10_000), z.enum(["up", "down", "first", "last"])]);
export const MoveResultSchema = z.object({ position: z.number(), order: z.array(z.string()) });
