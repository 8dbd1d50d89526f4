// Which local port an SSH forward listens on. The forward must never take the port this machine's own
// gateway uses (18789 unless its config says otherwise): whatever answers there is what the "This
// machine" profile reaches, and a tunnel there makes a remote gateway pass for the local one (issue 10).
// Order: the person's explicit ssh.localPort, else the port picked on an earlier connect (remembered per
// profile so bookmarks and Control UI links stay stable), else a free port chosen by the kernel. The
// listener still falls back to a free port when the preferred one is busy.
import type { Attention } from "../../../src-shared/attention.js";

export interface ForwardPortInput {
  /** ssh.localPort as the person set it. */
  explicit?: number | undefined;
  /** ssh.rememberedLocalPort: what an earlier connect was given. */
  remembered?: number | undefined;
  /** Where this machine's own gateway listens (its config, else 18789). */
  ownGatewayPort: number;
}

export type ForwardPortChoice =
  | { ok: true; preferred: number; source: "explicit" | "remembered" | "new" }
  | { ok: false; attention: Attention };

export function chooseForwardPort(i: ForwardPortInput): ForwardPortChoice {
  if (i.explicit !== undefined) {
    if (i.explicit === i.ownGatewayPort) return { ok: false, attention: reservedPortAttention(i.explicit) };
    return { ok: true, preferred: i.explicit, source: "explicit" };
  }
  // A remembered port that is now the gateway's (its config changed since) is dropped, not refused:
  // Clawlink chose it, so Clawlink picks again.
  if (i.remembered !== undefined && i.remembered !== i.ownGatewayPort) return { ok: true, preferred: i.remembered, source: "remembered" };
  return { ok: true, preferred: 0, source: "new" };
}

/** Whether the port a forward ended up on should be written back to the profile. */
export function shouldRemember(choice: ForwardPortChoice, bound: number, remembered: number | undefined, ownGatewayPort: number): boolean {
  return choice.ok && choice.source !== "explicit" && bound !== remembered && bound !== ownGatewayPort && bound > 0;
}

export function reservedPortAttention(port: number): Attention {
  return {
    reason: "local-port-reserved",
    message: `ssh.localPort ${port} is this machine's own gateway port: a tunnel there would answer for "This machine" with the remote gateway.`,
    fixHint: "Remove ssh.localPort from this profile (in profiles.json, or add the profile again without a local port) so Clawlink picks a free port and keeps it, or choose another port.",
  };
}
