import { useState } from "react";
import type { ProfileView } from "../../../src-shared/host-api";
import { getHost } from "../host";
import { useStore } from "../store";
import { useBusyAction } from "../use-busy";

/** Where the profile stands in the list (the window's and the tray's order), and making a copy of it. */
export function ProfileArrange({ profile }: { profile: ProfileView }) {
  const host = getHost()!;
  const notify = useStore((s) => s.notify);
  const select = useStore((s) => s.select);
  const profiles = useStore((s) => s.profiles);
  const [withSecrets, setWithSecrets] = useState(false);
  const { busy, run } = useBusyAction();
  const index = profiles.findIndex((p) => p.id === profile.id);
  const move = (to: "up" | "down") => run(async () => void (await host.moveProfile(profile.id, to)));
  const duplicate = () =>
    run(async () => {
      const r = await host.duplicateProfile(profile.id, { withSecrets });
      notify("info", r.lines.join(" "));
      select(r.profile.id);
    });
  return (
    <section aria-label="Order and copies" className="profile-arrange">
      <p className="muted">
        Position {index + 1} of {profiles.length} in the list (the tray uses the same order).
      </p>
      <div className="actions">
        <button type="button" disabled={busy || index <= 0} onClick={() => void move("up")}>
          Move up
        </button>
        <button type="button" disabled={busy || index < 0 || index >= profiles.length - 1} onClick={() => void move("down")}>
          Move down
        </button>
        <button type="button" disabled={busy} onClick={() => void duplicate()}>
          Duplicate
        </button>
        <label className="check">
          <input type="checkbox" checked={withSecrets} onChange={(e) => setWithSecrets(e.target.checked)} /> copy the gateway token and password too
        </label>
      </div>
    </section>
  );
}
