import { useEffect, useState } from "react";
import type { ProfileView } from "../../../src-shared/host-api";
import { fieldOfRefusal, type EditFieldName } from "../../../src-shared/profile-edit-schema";
import { getHost } from "../host";
import { editFields, editPatch, initialTexts, savedMessage, type EditFieldSpec, type EditTexts } from "../profile-edit-model";
import { errorText, useStore } from "../store";

/**
 * Every field "Add" set, editable in place (issue 12): one save sends the changed fields to the host's
 * editProfile, which checks them whole (the core `clawlink profiles edit` uses) and changes nothing when
 * one is refused; the refused field is highlighted. Secrets stay: the profile keeps its keychain entries.
 */
export function ProfileEditForm({ profile }: { profile: ProfileView }) {
  const host = getHost()!;
  const notify = useStore((s) => s.notify);
  const [start, setStart] = useState<EditTexts>(() => initialTexts(profile));
  const [texts, setTexts] = useState<EditTexts>(start);
  const [error, setError] = useState<{ field: EditFieldName | null; text: string } | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Another profile selected, or its saved values changed (a save, an edit elsewhere): start again from them.
  const key = `${profile.id}\u0000${JSON.stringify(profile.editable ?? {})}`;
  useEffect(() => {
    const s = initialTexts(profile);
    setStart(s);
    setTexts(s);
  }, [key]);
  const save = async () => {
    setError(null);
    setSaved(null);
    const plan = editPatch(profile.kind, start, texts);
    if (!plan.ok) return setError({ field: plan.field, text: plan.message });
    setBusy(true);
    try {
      const r = await host.editProfile(profile.id, plan.patch);
      const message = savedMessage(r.profile.name, r);
      setSaved(message);
      notify("info", message);
    } catch (e) {
      const text = errorText(e);
      setError({ field: fieldOfRefusal(text), text });
    } finally {
      setBusy(false);
    }
  };
  const changed = editPatch(profile.kind, start, texts);
  const dirty = !changed.ok || Object.keys(changed.patch).length > 0;
  return (
    <form
      className="form profile-edit"
      aria-label="Edit profile"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      {editFields(profile.kind).map((f) => (
        <EditInput key={f.field} profileId={profile.id} spec={f} value={texts[f.field] ?? ""} invalid={error?.field === f.field} onChange={(v) => setTexts({ ...texts, [f.field]: v })} />
      ))}
      {error ? (
        <p role="alert" className="callout attention" id={`edit-${profile.id}-error`} data-testid="edit-error">
          {error.text}
        </p>
      ) : null}
      {saved ? (
        <p role="status" className="muted" data-testid="edit-saved">
          {saved}
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy || !dirty}>
          Save changes
        </button>
        <button type="button" disabled={busy || !dirty} onClick={() => (setTexts(start), setError(null))}>
          Undo
        </button>
      </div>
    </form>
  );
}

/** One field; a refused one is marked invalid and pointed at the message that says why. */
function EditInput({ profileId, spec, value, invalid, onChange }: { profileId: string; spec: EditFieldSpec; value: string; invalid: boolean; onChange: (v: string) => void }) {
  const id = `edit-${profileId}-${spec.field}`;
  return (
    <div className="field">
      <label htmlFor={id}>{spec.label}</label>
      <input
        id={id}
        data-testid={`edit-${spec.field}`}
        value={value}
        placeholder={spec.placeholder}
        inputMode={spec.kind === "number" ? "numeric" : undefined}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? `edit-${profileId}-error` : undefined}
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}
