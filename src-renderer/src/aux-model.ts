// How the status table words an auxiliary gateway surface forwarded over the same SSH connection
// (issue 13 §2): its own state and where this machine reaches it, never the connection's state.
import type { AuxSurfaceView } from "../../src-shared/aux-surfaces";

export function auxText(a: AuxSurfaceView): string {
  const where = a.url ? `${a.url} (gateway host port ${a.remotePort})` : `gateway host port ${a.remotePort}`;
  if (a.state === "degraded") return `Degraded: ${a.note ?? "not reachable"}`;
  if (a.state === "starting") return `Starting forward… ${where}`;
  return `Forwarded: ${where}${a.note ? ` — ${a.note}` : ""}`;
}
