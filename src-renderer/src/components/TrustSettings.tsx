import { useState } from "react";
import type { ProfileView } from "../../../src-shared/host-api";
import { getHost } from "../host";
import { errorText, useStore } from "../store";

/** What a trust action said, shown under it (and as a notice): sentences from the host, as they are. */
function useOutcome() {
  const notify = useStore((s) => s.notify);
  const [lines, setLines] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const run = async (fn: () => Promise<{ lines: string[] }>) => {
    setBusy(true);
    try {
      const r = await fn();
      setLines(r.lines);
      notify("info", r.lines.join(" "));
    } catch (e) {
      setLines([]);
      notify("error", errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return { lines, busy, run };
}

/** "Forget host key" / "Forget certificate pin": the next connect asks again, as on first use. */
export function ForgetTrustButton({ profile, label }: { profile: ProfileView; label?: string }) {
  const host = getHost()!;
  const { lines, busy, run } = useOutcome();
  const kind = profile.kind === "ssh" ? "host-key" : "tls";
  const text = label ?? (kind === "host-key" ? "Forget host key" : "Forget certificate pin");
  return (
    <div className="trust-action">
      <button type="button" disabled={busy} onClick={() => void run(() => host.forgetTrust(profile.id, kind))}>
        {text}
      </button>
      {lines.length ? (
        <p className="muted" role="status" data-testid={`forget-${kind}-result`}>
          {lines.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

/** The SSH password of the gateway host (tried after keys and the agent); the value is never shown. */
function SshPasswordField({ profile }: { profile: ProfileView }) {
  const host = getHost()!;
  const [value, setValue] = useState("");
  const { lines, busy, run } = useOutcome();
  const inputId = `ssh-password-${profile.id}`;
  return (
    <form
      className="secret-field"
      onSubmit={(e) => {
        e.preventDefault();
        if (!value) return;
        void run(async () => {
          const r = await host.setSshPassword(profile.id, value);
          setValue("");
          return r;
        });
      }}
    >
      <label htmlFor={inputId}>SSH password</label>
      <span className="muted">{lines.length ? lines.join(" ") : "for hosts that take no key; tried after keys and the agent"}</span>
      <input id={inputId} type="password" autoComplete="off" value={value} placeholder="Type the SSH login password" onChange={(e) => setValue(e.target.value)} />
      <button type="submit" className="primary" disabled={busy || !value}>
        Save SSH password
      </button>
      <button type="button" disabled={busy} onClick={() => void run(() => host.setSshPassword(profile.id, null))}>
        Delete
      </button>
    </form>
  );
}

/** A new device identity for this installation: every gateway must approve (pair) this device again. */
function IdentityReset() {
  const host = getHost()!;
  const [confirm, setConfirm] = useState(false);
  const { lines, busy, run } = useOutcome();
  return (
    <div className="identity-reset">
      {confirm ? (
        <div className="callout warn" role="alertdialog" aria-label="Reset the device identity">
          <strong>Pairing will be needed again on every gateway.</strong>
          <p>
            This device gets a new key. Every gateway you use sees a new device and must approve it again (on each gateway host: <code>openclaw devices list</code>, then{" "}
            <code>openclaw devices approve &lt;request id&gt;</code>). The device tokens they issued are deleted.
          </p>
          <button
            type="button"
            className="danger"
            disabled={busy}
            onClick={() =>
              void run(async () => {
                const r = await host.resetIdentity();
                setConfirm(false);
                return r;
              })
            }
          >
            Reset device identity
          </button>{" "}
          <button type="button" onClick={() => setConfirm(false)}>
            Cancel
          </button>
        </div>
      ) : (
        <button type="button" onClick={() => setConfirm(true)}>
          Reset device identity…
        </button>
      )}
      {lines.length ? (
        <p className="muted" role="status" data-testid="identity-reset-result">
          {lines.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

/** What Clawlink remembers about this gateway's endpoint and this device, and how to take it back. */
export function TrustSettings({ profile }: { profile: ProfileView }) {
  const pinnable = profile.kind === "direct" && profile.direct?.url.startsWith("wss:");
  return (
    <section aria-label="Trust">
      <h3>Trust</h3>
      {profile.kind === "ssh" ? (
        <>
          <p className="muted">Clawlink remembers the SSH host key you accepted (in its own known_hosts). Forget it after the server's key was replaced on purpose.</p>
          <ForgetTrustButton profile={profile} />
          <SshPasswordField profile={profile} />
        </>
      ) : null}
      {pinnable ? (
        <>
          <p className="muted">{profile.direct?.tlsPinned ? "The gateway's certificate is pinned." : "No certificate is pinned yet."} Forgetting the pin makes the next connect check the certificate again.</p>
          <ForgetTrustButton profile={profile} />
        </>
      ) : null}
      <IdentityReset />
    </section>
  );
}
