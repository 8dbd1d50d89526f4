import { useState } from "react";
import type { ProfileView } from "../../../src-shared/host-api";
import { secretSavedNotice, secretStoredLabel } from "../../../src-shared/secret-notice";
import { getHost } from "../host";
import { errorText, useStore } from "../store";
import { NotificationSettings } from "./NotificationSettings";
import { ProfileArrange } from "./ProfileArrange";
import { ProfileEditForm } from "./ProfileEditForm";
import { ProfileRoutes } from "./ProfileRoutes";
import { TrustSettings } from "./TrustSettings";

const KIND_WORDS: Record<ProfileView["kind"], string> = { ssh: "Reached through an SSH tunnel", direct: "Reached at a ws:// or wss:// URL", local: "The gateway on this machine" };

/** A token/password field: the stored value is never shown (only "set"), a new one replaces it. */
export function SecretField({ profile, kind }: { profile: ProfileView; kind: "token" | "password" }) {
  const host = getHost()!;
  const notify = useStore((s) => s.notify);
  const where = useStore((s) => s.app?.secretStore);
  const [value, setValue] = useState("");
  const [busy, setBusy] = useState(false);
  const stored = profile.stored[kind];
  const inputId = `secret-${profile.id}-${kind}`;
  const save = async () => {
    if (!value.trim()) return;
    setBusy(true);
    try {
      await host.setSecret(profile.id, kind, value.trim());
      setValue("");
      notify("info", secretSavedNotice(kind, profile.name, where));
    } catch (e) {
      notify("error", errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const remove = async () => {
    setBusy(true);
    try {
      await host.deleteSecret(profile.id, kind);
    } catch (e) {
      notify("error", errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="secret-field"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <label htmlFor={inputId}>Gateway {kind}</label>
      <span className="muted" data-testid={`${kind}-stored`}>
        {secretStoredLabel(stored, where)}
      </span>
      <input id={inputId} type="password" autoComplete="off" value={value} placeholder={stored ? `Replace the stored ${kind}` : `Paste the ${kind}`} onChange={(e) => setValue(e.target.value)} />
      <button type="submit" className="primary" disabled={busy || !value.trim()}>
        Save {kind}
      </button>
      {stored ? (
        <button type="button" onClick={() => void remove()} disabled={busy}>
          Delete
        </button>
      ) : null}
    </form>
  );
}

export function Settings({ profile }: { profile: ProfileView }) {
  const host = getHost()!;
  const notify = useStore((s) => s.notify);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const update = async (patch: Parameters<typeof host.updateProfile>[1]) => {
    try {
      await host.updateProfile(profile.id, patch);
    } catch (e) {
      notify("error", errorText(e));
    }
  };
  return (
    <div className="settings">
      <h3>Credentials</h3>
      <table className="kv" aria-label="Credential sources">
        <tbody>
          <tr>
            <th scope="row">Auth mode</th>
            <td>
              <select aria-label="Auth mode" value={profile.authMode} onChange={(e) => void update({ authMode: e.target.value as ProfileView["authMode"] })}>
                <option value="token">Token</option>
                <option value="password">Password</option>
                <option value="device-only">Device pairing only</option>
                <option value="none">None</option>
              </select>
            </td>
          </tr>
          <tr>
            <th scope="row">Token in use</th>
            <td data-testid="token-source">{profile.credential.token ?? "none"}</td>
          </tr>
          <tr>
            <th scope="row">Password in use</th>
            <td data-testid="password-source">{profile.credential.password ?? "none"}</td>
          </tr>
        </tbody>
      </table>
      {profile.credential.missing ? <p className="callout warn">{profile.credential.missing}</p> : null}
      <SecretField profile={profile} kind="token" />
      <SecretField profile={profile} kind="password" />

      <h3>Profile</h3>
      <label className="check">
        <input type="checkbox" checked={profile.connectAtStart} onChange={(e) => void update({ connectAtStart: e.target.checked })} /> Connect when Clawlink starts
      </label>
      <p className="muted">
        {KIND_WORDS[profile.kind]} (to move between SSH and a URL, add a new gateway).
      </p>
      <ProfileRoutes profile={profile} />
      <ProfileEditForm profile={profile} />
      <ProfileArrange profile={profile} />
      <NotificationSettings profile={profile} />
      <TrustSettings profile={profile} />
      {confirmRemove ? (
        <p>
          Remove {profile.name} and its stored secrets?{" "}
          <button className="danger" onClick={() => void host.removeProfile(profile.id).catch((e: unknown) => notify("error", errorText(e)))}>
            Remove
          </button>{" "}
          <button onClick={() => setConfirmRemove(false)}>Cancel</button>
        </p>
      ) : (
        <button className="danger" onClick={() => setConfirmRemove(true)}>
          Remove profile…
        </button>
      )}
    </div>
  );
}
