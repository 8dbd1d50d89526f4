// One auxiliary gateway surface carried over an SSH connection (issue 13 §2) as the UI and CLI see it:
// the MCP Apps sandbox or the browser control service, forwarded next to the gateway port. Planned and
// checked in src-main/core/transport/aux-surfaces.ts and aux-forwards.ts.
export type AuxSurfaceKind = "mcp-apps" | "browser-control";
export type AuxSurfaceState = "starting" | "ok" | "degraded";

export interface AuxSurfaceView {
  kind: AuxSurfaceKind;
  /** What the UI calls it. */
  label: string;
  /** The port on the gateway host. */
  remotePort: number;
  state: AuxSurfaceState;
  /** Where this machine reaches it (127.0.0.1:<localPort>), once bound. */
  localPort: number | null;
  /** Its base URL through the tunnel, once bound. */
  url: string | null;
  /** Why it is degraded (or that its preferred local port was taken), in words. */
  note: string | null;
}
