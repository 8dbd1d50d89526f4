import type { ConnectionSnapshot } from "../../../src-shared/connection";
import type { ProfileView } from "../../../src-shared/host-api";
import { tunnelSurfaces } from "../aux-model";
import { getHost } from "../host";
import { useBusyAction } from "../use-busy";

/**
 * Issue 13 §2: the gateway's web surfaces a connection on an SSH route (an SSH profile, or a URL profile on
 * an SSH fallback) opens through its tunnel — the canvas and each forwarded auxiliary surface, a degraded
 * one with why and no "Open". The host answers the URL through the tunnel's local ports (openGatewaySurface);
 * it opens as a link (a new tab here, the system browser in the desktop app, whose window-open handler sends
 * it there).
 */
export function TunnelSurfaces({ profile, conn }: { profile: ProfileView; conn: ConnectionSnapshot | undefined }) {
  const host = getHost()!;
  const { busy, run } = useBusyAction();
  const surfaces = tunnelSurfaces(conn);
  if (!surfaces.length) return null;
  const open = (kind: (typeof surfaces)[number]["kind"]) => run(async () => void globalThis.open?.((await host.openGatewaySurface(profile.id, kind)).url, "_blank", "noopener,noreferrer"));
  return (
    <section aria-labelledby={`tunnel-${profile.id}-title`} className="tunnel-surfaces">
      <h3 id={`tunnel-${profile.id}-title`}>Through the tunnel</h3>
      <ul data-testid="tunnel-surfaces">
        {surfaces.map((s) => (
          <li key={s.kind} data-surface={s.kind}>
            <strong>{s.label}</strong> <span className="muted">{s.text}</span>{" "}
            {s.openable ? (
              <button type="button" disabled={busy} onClick={() => void open(s.kind)}>
                Open {s.kind === "canvas" ? "canvas" : s.label}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
