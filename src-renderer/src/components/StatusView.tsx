import { useState } from "react";
import { auxText, forwardPortText, onSshTransport } from "../aux-model";
import { routeText } from "../../../src-shared/routes";
import type { ConnectionSnapshot, NeedsAttentionSnapshot } from "../../../src-shared/connection";
import type { GatewayStatus } from "../../../src-shared/gateway-session";
import type { ProfileView } from "../../../src-shared/host-api";
import { getHost } from "../host";
import { formatDuration, healthLabel, needsCredential, reasonAction, STATE_LABEL, tlsFingerprints } from "../state";
import { useStore } from "../store";
import { useBusyAction } from "../use-busy";
import { SecretField } from "./Settings";
import { ConnectSteps } from "./ConnectSteps";
import { ForgetTrustButton } from "./TrustSettings";
import { TunnelSurfaces } from "./TunnelSurfaces";

export function targetLabel(p: ProfileView): string {
  if (p.kind === "ssh" && p.ssh) return `SSH ${p.ssh.target} → remote port ${p.ssh.remotePort}`;
  if (p.kind === "direct" && p.direct) return p.direct.url;
  return `this machine${p.local?.port ? ` (port ${p.local.port})` : ""}`;
}

export function StatusView({ profile }: { profile: ProfileView }) {
  const host = getHost()!;
  const conn = useStore((s) => s.connections[profile.id]);
  const steps = useStore((s) => s.steps[profile.id]) ?? [];
  const status = useStore((s) => s.statuses[profile.id]);
  const { busy, run: act } = useBusyAction();
  const live = conn && conn.state !== "stopped";


  return (
    <div className="status-view">
      <p className="muted">{targetLabel(profile)}</p>
      <div className="actions">
        {live ? (
          <button onClick={() => act(() => host.disconnect(profile.id))} disabled={busy}>
            Disconnect
          </button>
        ) : (
          <button className="primary" onClick={() => act(() => host.connect(profile.id))} disabled={busy}>
            Connect
          </button>
        )}
        {live && (conn.state === "needs-attention" || conn.state === "reconnecting") ? (
          <button onClick={() => act(() => host.retry(profile.id))} disabled={busy}>
            Try again now
          </button>
        ) : null}
      </div>

      {conn?.state === "reconnecting" ? (
        <div className="callout busy" role="status" aria-label="Reconnecting">
          <strong>Reconnecting</strong> (attempt {conn.attempt}
          {conn.nextAttemptAt ? `, next in ${formatDuration(Math.max(0, conn.nextAttemptAt - Date.now()))}` : ""})
          {conn.attention ? (
            <>
              <p>{conn.attention.message}</p>
              <p className="muted">{conn.attention.fixHint}</p>
            </>
          ) : null}
        </div>
      ) : null}

      {conn?.state === "waiting-for-gateway" ? (
        // Not an error and not a retry loop: nothing runs here yet, and Clawlink connects the moment one starts.
        <div className="callout" role="status" aria-label="No gateway on this machine">
          <strong>No gateway on this machine</strong>
          <p>{conn.attention.message}</p>
          <p className="muted">{conn.attention.fixHint}</p>
          <p className="muted small">Clawlink checks quietly and connects as soon as one starts.</p>
        </div>
      ) : null}

      {conn?.state === "needs-attention" ? <AttentionCallout profile={profile} conn={conn} busy={busy} act={act} /> : null}

      {conn?.state === "pairing-required" && conn.pairing ? <PairingCallout approveCommand={conn.pairing.approveCommand} requestId={conn.pairing.requestId} /> : null}

      {conn?.warning ? (
        <div className="callout warn" role="status">
          <strong>{conn.warning.message}</strong>
          <p>{conn.warning.fixHint}</p>
        </div>
      ) : null}

      <ConnectionDetails profile={profile} conn={conn} status={status} />
      <TunnelSurfaces profile={profile} conn={conn} />

      <h3>Connect steps</h3>
      <ConnectSteps steps={steps} />
    </div>
  );
}

/** needs-attention: what is wrong, the fix, and where it can be fixed right here (a credential, a re-trust). */
function AttentionCallout({ profile, conn, busy, act }: { profile: ProfileView; conn: NeedsAttentionSnapshot; busy: boolean; act: (fn: () => Promise<unknown>) => Promise<void> }) {
  const host = getHost()!;
  // Not "stored in the keychain" when there is none: the host already said secrets stay in memory.
  const secretPlace = useStore((s) => s.app?.secretStore) === "memory" ? "kept in memory for this session only" : "stored in the keychain";
  const credential = needsCredential(conn.attention.reason);
  const tls = tlsFingerprints(conn.tlsChange);
  return (
    <div className="callout attention" role="alert" aria-label="Needs attention">
      <strong>{conn.attention.message}</strong>
      <p>{conn.attention.fixHint}</p>
      <p className="muted small">reason: {conn.attention.reason}</p>
      {tls ? (
        <table className="kv fingerprints" aria-label="Certificate fingerprints">
          <tbody>
            <tr>
              <th>Expected (pinned)</th>
              <td>
                <code data-testid="tls-expected">{tls.expected}</code>
              </td>
            </tr>
            <tr>
              <th>Observed now</th>
              <td>
                <code data-testid="tls-observed">{tls.observed}</code>
              </td>
            </tr>
          </tbody>
        </table>
      ) : null}
      {reasonAction(conn.attention.reason) === "retrust-certificate" && conn.tlsChange ? (
        // The fingerprint shown above goes back with the click: the host re-trusts only that certificate.
        <button onClick={() => act(() => host.retrustTls(profile.id, conn.tlsChange!.observed))} disabled={busy}>
          Re-trust after checking the new fingerprint…
        </button>
      ) : null}
      {reasonAction(conn.attention.reason) === "forget-host-key" && profile.kind === "ssh" ? (
        // Clawlink's own known_hosts action (issue 12): after checking the new key on the server.
        <ForgetTrustButton profile={profile} label="Forget host key for this gateway" />
      ) : null}
      {credential ? (
        <div className="inline-settings" aria-label={`Fix the gateway ${credential}`}>
          <p>
            Enter the gateway {credential} for {profile.name}. It is {secretPlace} and used at once.
          </p>
          <SecretField profile={profile} kind={credential} />
        </div>
      ) : null}
    </div>
  );
}

function ConnectionDetails({ profile, conn, status }: { profile: ProfileView; conn: ConnectionSnapshot | undefined; status: GatewayStatus | undefined }) {
  // The transport in use, not the profile's kind: a URL profile on an SSH fallback has a forward and a login.
  const ssh = onSshTransport(profile.kind, conn);
  return (
    <table className="kv" aria-label="Connection details">
      <tbody>
        <Row label="State" value={conn ? STATE_LABEL[conn.state].window : "Not connected"} />
        {conn?.route ? <Row label="Route" value={routeText(conn.route)} /> : null}
        <Row label="Gateway version" value={status?.serverVersion ?? conn?.connected?.serverVersion ?? "—"} />
        <Row label="Uptime" value={formatDuration(status?.uptimeMs)} />
        <Row label="Health" value={healthLabel(status?.health)} />
        <Row label="Presence" value={status ? `${status.presence.length} client(s)` : "—"} />
        <Row label="Auth source" value={conn?.connected?.authSource ?? status?.authSource ?? profile.credential.token ?? profile.credential.password ?? "—"} />
        <Row label="Latency" value={status?.latencyMs !== null && status?.latencyMs !== undefined ? `${Math.round(status.latencyMs)} ms` : "—"} />
        {ssh ? <Row label="Local forward port" value={forwardPortText(conn, profile.ssh?.localPort)} /> : null}
        {ssh ? <Row label="SSH login" value={conn?.sshAuth ?? "—"} /> : null}
        {conn?.aux?.map((a) => <Row key={a.kind} label={a.label} value={auxText(a)} />)}
        <Row label="Gateway URL" value={conn?.url ?? "—"} />
      </tbody>
    </table>
  );
}

function Row({ label, value }: { label: string; value: string }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>{value}</td>
    </tr>
  );
}

function PairingCallout({ approveCommand, requestId }: { approveCommand: string | null; requestId: string | null }) {
  const [copied, setCopied] = useState(false);
  const command = approveCommand ?? (requestId ? `openclaw devices approve ${requestId}` : "openclaw devices list");
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(command);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <div className="callout attention" role="status" aria-label="Pairing required">
      <strong>This device must be approved on the gateway.</strong>
      <p>
        Request <code data-testid="pairing-request">{requestId ?? "(unknown)"}</code>. On the gateway host run:
      </p>
      <p>
        <code className="command" data-testid="approve-command">
          {command}
        </code>{" "}
        <button onClick={copy}>{copied ? "Copied" : "Copy approve command"}</button>
      </p>
      <p className="muted">Clawlink keeps checking and continues on its own once it is approved.</p>
    </div>
  );
}
