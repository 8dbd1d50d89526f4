// Why this file exists (issue 14 §8): the words and the colour of each overall state were kept twice,
// in the tray model (src-main/core/desktop/tray-model.ts) and in the window (src-renderer/src/state.ts),
// so a new state could get words in one and not the other. Now one table: a row per state, a column per
// surface (the tray menu is terse, the window's step list spells the step out) and the tone both draw.
import type { OverallState } from "./connection.js";

/** How a state reads at a glance: up, on its way, waiting for a person, or off. */
export type StateTone = "ok" | "busy" | "attention" | "off";

export interface StateLabel {
  /** The tray menu ("Home — Waiting for approval"). */
  tray: string;
  /** The window: the badge, the status table and the connect steps. */
  window: string;
  tone: StateTone;
}

export const STATE_LABEL: Record<OverallState, StateLabel> = {
  idle: { tray: "Disconnected", window: "Not connected", tone: "off" },
  "ssh-connecting": { tray: "Connecting (SSH)", window: "Opening SSH connection", tone: "busy" },
  "verifying-host": { tray: "Verifying host key", window: "Checking the SSH host key", tone: "busy" },
  authenticating: { tray: "Signing in (SSH)", window: "Logging in over SSH", tone: "busy" },
  connecting: { tray: "Connecting", window: "Connecting to the gateway", tone: "busy" },
  handshaking: { tray: "Handshaking", window: "Handshaking with the gateway", tone: "busy" },
  connected: { tray: "Connected", window: "Connected", tone: "ok" },
  "pairing-required": { tray: "Waiting for approval", window: "Waiting for pairing approval", tone: "attention" },
  "needs-attention": { tray: "Needs attention", window: "Needs attention", tone: "attention" },
  reconnecting: { tray: "Reconnecting", window: "Reconnecting", tone: "busy" },
  // Only "This machine" waits: nothing is wrong with Clawlink, there is just no gateway to talk to yet.
  "waiting-for-gateway": { tray: "No gateway on this machine", window: "No gateway on this machine", tone: "off" },
  stopped: { tray: "Disconnected", window: "Disconnected", tone: "off" },
};

/** The tone of a state; no connection at all is off. */
export function toneOf(s: OverallState | undefined): StateTone {
  return s ? STATE_LABEL[s].tone : "off";
}
