// Who we say we are in `connect`. The gateway accepts only a fixed list of client ids; the native
// desktop ids carry the trusted first-party-app admission class (silent local pairing, metadata refresh).
// platform and deviceFamily are pinned at pairing time, so they must stay stable across versions.
import os from "node:os";
import { CLAWLINK_VERSION } from "../version.js";

export interface ClientIdentity {
  clientName: "openclaw-macos" | "openclaw-linux";
  mode: "ui";
  clientVersion: string;
  clientDisplayName: string;
  platform: string;
  deviceFamily: string;
}

export function clientIdentity(platform: NodeJS.Platform = process.platform, hostname = os.hostname()): ClientIdentity {
  return {
    clientName: platform === "darwin" ? "openclaw-macos" : "openclaw-linux",
    mode: "ui",
    clientVersion: CLAWLINK_VERSION,
    clientDisplayName: `Clawlink on ${hostname}`,
    platform,
    deviceFamily: "Desktop",
  };
}

/** What an operator console needs: read state, chat, administer, and approve pairing/exec requests. */
export const OPERATOR_SCOPES = ["operator.read", "operator.write", "operator.admin", "operator.approvals", "operator.pairing"];
