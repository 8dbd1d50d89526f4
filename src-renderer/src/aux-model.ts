// How the status table words an auxiliary gateway surface forwarded over the same SSH connection
// (issue 13 §2): its own state and where this machine reaches it, never the connection's state.
import type { AuxSurfaceView } from "../../src-shared/aux-surfaces";
import type { ConnectionSnapshot } from "../../src-shared/connection";

export function auxText(a: AuxSurfaceView): string {
  const where = a.url ? `${a.url} (gateway host port ${a.remotePort})` : `gateway host port ${a.remotePort}`;
  if (a.state === "degraded") return `Degraded: ${a.note ?? "not reachable"}`;
  if (a.state === "starting") return `Starting forward… ${where}`;
  return `Forwarded: ${where}${a.note ? ` — ${a.note}` : ""}`;
}

/** One web surface of the gateway that opens through the SSH tunnel (the status view's "Through the tunnel" list). */
export interface TunnelSurface {
  kind: "canvas" | AuxSurfaceView["kind"];
  label: string;
  /** Its state in words (a degraded one says why). */
  text: string;
  /** Whether "Open" is offered: a degraded or not yet bound forward has nothing to open. */
  openable: boolean;
}

/**
 * What a connection running over an SSH tunnel can open through it: the gateway's canvas (hosted widget
 * documents, on the gateway port itself, so always carried by the main forward) and each forwarded surface
 * with its own state. It goes by the snapshot's `kind`, the transport in use — a URL profile on an SSH
 * fallback is "ssh" there, an SSH profile on a URL fallback is not — never by the profile's kind, the
 * same rule the host's openGatewaySurface follows (sshRemotePortInUse). Nothing before the connection is up.
 */
export function tunnelSurfaces(conn: Pick<ConnectionSnapshot, "kind" | "state" | "localPort" | "aux"> | undefined): TunnelSurface[] {
  if (!conn || conn.kind !== "ssh" || conn.state !== "connected" || !conn.localPort) return [];
  const canvas: TunnelSurface = { kind: "canvas", label: "Canvas", text: `Hosted widget documents on the gateway port, through 127.0.0.1:${conn.localPort}`, openable: true };
  return [canvas, ...(conn.aux ?? []).map((a) => ({ kind: a.kind, label: a.label, text: auxText(a), openable: a.state !== "degraded" && a.localPort !== null }))];
}

/**
 * Whether the status view describes an SSH transport (its local forward port, its SSH login): the route in
 * use once there is a connection (the snapshot's kind), else the profile's own kind.
 */
export function onSshTransport(profileKind: ConnectionSnapshot["kind"], conn: Pick<ConnectionSnapshot, "kind"> | undefined): boolean {
  return (conn?.kind ?? profileKind) === "ssh";
}

/** The "Local forward port" row. `preferred` is the profile's own choice, which is only the one tried on route 1. */
export function forwardPortText(conn: Pick<ConnectionSnapshot, "localPort" | "portFallback" | "route"> | undefined, preferred: number | null | undefined): string {
  if (!conn?.localPort) return "—";
  if (!conn.portFallback) return `127.0.0.1:${conn.localPort}`;
  const own = preferred != null && (conn.route?.index ?? 0) === 0;
  return `127.0.0.1:${conn.localPort} (${own ? `preferred ${preferred}` : "the preferred port"} was busy)`;
}
