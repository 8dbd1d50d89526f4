// One probe per gateway while it restarts (issue 15, benchmark 8's "no thundering herd"). After a
// `shutdown` the sessions poll fast (session-state.ts: restartRetryMs) so a gateway that is back is used
// within ~100 ms. With 25 profiles on one gateway that was ~1,570 attempts per restart, 25 per 100 ms, each
// over SSH a new channel the gateway refuses. Now the first session of a gateway to lose it probes at that
// cadence; the others follow: they poll only at restartFollowMs (a fallback should the probe stall) and
// are released, spread over restartReleaseSpreadMs, the moment the probe gets in or gives up.
// Shutdown event and restartExpectedMs: gateway docs gateway/protocol (events: shutdown).
import type { SessionModel } from "./session-state.js";

export type RestartRole = "probe" | "follow";

interface Member {
  release(): void;
}

interface Group {
  prober: Member;
  followers: Set<Member>;
}

/** The sessions of one process waiting out restarts, grouped by gateway (a group key names one gateway). */
export class RestartGate {
  private readonly groups = new Map<string, Group>();

  /** The member's role in its gateway's restart: the first to join probes, the rest follow. */
  join(group: string, member: Member): RestartRole {
    const g = this.groups.get(group);
    if (!g) {
      this.groups.set(group, { prober: member, followers: new Set() });
      return "probe";
    }
    if (g.prober === member) return "probe";
    g.followers.add(member);
    return "follow";
  }

  /** The member no longer waits (connected, stopped, needs a person). When it probed, the followers go. */
  leave(group: string, member: Member): void {
    const g = this.groups.get(group);
    if (!g) return;
    if (g.prober !== member) {
      g.followers.delete(member);
      return;
    }
    // The next refused attempt of a released follower makes it the new prober (join on an empty group).
    this.groups.delete(group);
    for (const f of g.followers) f.release();
  }

  /** How many sessions wait on this gateway (tests, diagnostics). */
  size(group: string): number {
    const g = this.groups.get(group);
    return g ? 1 + g.followers.size : 0;
  }
}

/** The process's one gate: every session of the app (tray or CLI) shares it. */
export const sharedRestartGate = new RestartGate();

/** Whether a session in this model still waits out a restart it was told about. */
export function waitsOutRestart(model: SessionModel): boolean {
  const phase = model.snapshot.phase;
  return model.restartExpectedUntil !== null && (phase === "reconnecting" || phase === "connecting");
}

/** One session's place in the gate: asked before each `ended` is reduced, told after each transition. */
export class RestartMembership implements Member {
  constructor(
    private readonly group: string | undefined,
    readonly release: () => void,
    private readonly gate: RestartGate = sharedRestartGate,
  ) {}

  /** Whether this `ended` (a shutdown, or a refused attempt within a restart window) should follow. */
  follower(model: SessionModel, failureKind: string, now: number): boolean {
    if (this.group === undefined) return false;
    const inRestart = failureKind === "shutdown" || (model.restartExpectedUntil !== null && now < model.restartExpectedUntil);
    return inRestart && this.gate.join(this.group, this) === "follow";
  }

  update(model: SessionModel): void {
    if (this.group !== undefined && !waitsOutRestart(model)) this.gate.leave(this.group, this);
  }
}
