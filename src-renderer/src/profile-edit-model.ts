// The Settings edit form's model (issue 12), pure so it is unit-tested: which fields a profile's kind
// has, the text each input starts from, and the patch the typed text becomes. Only the fields whose
// text changed are sent (an untouched field is left as it is, even if it was never valid); an emptied
// optional field is sent as null (back to the default). Number syntax is checked here only so that
// "abc" in a port is refused naming the field; ranges and everything else are the host's core's
// decision (profile-edit.ts), the same one `clawlink profiles edit` makes.
import type { ProfileView } from "../../src-shared/host-api";
import { EDIT_FIELD_LABEL, type EditFieldName, type ProfileEditPatchInput } from "../../src-shared/profile-edit-schema";

export interface EditFieldSpec {
  field: EditFieldName;
  label: string;
  kind: "text" | "number";
  /** Emptying it removes the setting (sent as null) instead of being an error. */
  optional: boolean;
  placeholder?: string;
}

const spec = (field: EditFieldName, kind: EditFieldSpec["kind"], optional: boolean, placeholder?: string): EditFieldSpec => ({ field, label: EDIT_FIELD_LABEL[field], kind, optional, ...(placeholder ? { placeholder } : {}) });

const FIELDS: Record<ProfileView["kind"], EditFieldSpec[]> = {
  ssh: [
    spec("name", "text", false),
    spec("host", "text", false, "host name, address or a Host alias from ~/.ssh/config"),
    spec("port", "number", false, "22, or what ~/.ssh/config says"),
    spec("user", "text", true, "~/.ssh/config's User, or your login name"),
    spec("identityFile", "text", true, "agent and default keys"),
    spec("remotePort", "number", false),
    spec("localPort", "number", true, "a free port, kept for this gateway"),
  ],
  direct: [spec("name", "text", false), spec("url", "text", false), spec("tlsFingerprint", "text", true, "64 hex characters; empty keeps the current pin")],
  local: [spec("name", "text", false), spec("port", "number", false, "the gateway's configured port")],
};

export function editFields(kind: ProfileView["kind"]): EditFieldSpec[] {
  return FIELDS[kind];
}

export type EditTexts = Partial<Record<EditFieldName, string>>;

/** The text each input starts from: the profile's current values (a pin is never shown, only replaced). */
export function initialTexts(p: ProfileView): EditTexts {
  const v = p.editable ?? {};
  const out: EditTexts = {};
  for (const f of editFields(p.kind)) {
    const value = f.field === "tlsFingerprint" ? null : v[f.field];
    out[f.field] = value === null || value === undefined ? "" : String(value);
  }
  return out;
}

export type EditPlan = { ok: true; patch: ProfileEditPatchInput } | { ok: false; field: EditFieldName; message: string };

/** The patch for the fields whose text changed, or the first field whose text cannot be sent. */
export function editPatch(kind: ProfileView["kind"], start: EditTexts, now: EditTexts): EditPlan {
  const patch: Record<string, string | number | null> = {};
  for (const f of editFields(kind)) {
    const typed = (now[f.field] ?? "").trim();
    if (typed === (start[f.field] ?? "").trim()) continue;
    if (typed === "") {
      // An empty pin field means "keep the pin": there is nothing to send.
      if (f.field === "tlsFingerprint") continue;
      if (!f.optional) return { ok: false, field: f.field, message: `${f.label}: must not be empty (nothing was changed)` };
      patch[f.field] = null;
      continue;
    }
    if (f.kind === "number") {
      if (!/^\d+$/.test(typed)) return { ok: false, field: f.field, message: `${f.label}: "${typed}" is not a whole number (nothing was changed)` };
      patch[f.field] = Number(typed);
    } else patch[f.field] = typed;
  }
  return { ok: true, patch: patch as ProfileEditPatchInput };
}

/** What the person is told after a save: the changes, and whether the connection restarted. */
export function savedMessage(name: string, r: { changes: Array<{ field: string; from: unknown; to: unknown }>; reconnected: boolean; connectionChanged: boolean }): string {
  if (r.changes.length === 0) return `${name}: nothing changed (the values are the current ones).`;
  const shown = (v: unknown) => (v === null || v === "" ? "(none)" : String(v));
  const label = (f: string) => EDIT_FIELD_LABEL[f as EditFieldName] ?? f;
  const list = r.changes.map((c) => `${label(c.field)} ${shown(c.from)} → ${shown(c.to)}`).join(", ");
  const after = r.reconnected
    ? `Reconnecting ${name} to use it; other gateways are not affected.`
    : r.connectionChanged
      ? "The next connect uses it."
      : "No reconnect needed.";
  return `Saved ${name}: ${list}. ${after}`;
}
