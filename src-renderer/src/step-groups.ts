// The "Connect steps" list as attempts (issue 12's first run): a connection that keeps failing the same
// way used to add two identical lines per attempt for ever. Pure, so it is unit-tested: the steps are cut
// into attempts, each one starting at the state that says why it was made (reconnecting with its
// reason, needs-attention, waiting for this machine's gateway, stopped) and running until the next such
// state. The latest attempt is shown in full ("Reconnecting — why → Handshaking → Connected"), and the
// earlier ones go into a collapsed history where consecutive identical attempts are one line with a count.
import type { OverallState } from "../../src-shared/connection";
import type { ConnectStep } from "./state";

const STARTS_ATTEMPT: ReadonlySet<OverallState> = new Set<OverallState>(["reconnecting", "needs-attention", "waiting-for-gateway", "stopped"]);

export interface EarlierAttempt {
  steps: ConnectStep[];
  /** How many attempts in a row went exactly like this one (same states, same details). */
  repeats: number;
  firstAt: number;
  lastAt: number;
}

export interface StepGroups {
  /** The attempt running now, or the one that just ended. */
  current: ConnectStep[];
  /** Older attempts, oldest first, identical neighbours merged. */
  earlier: EarlierAttempt[];
  /** Attempts in the history in all (the merged ones counted each). */
  earlierCount: number;
}

const shape = (steps: ConnectStep[]) => steps.map((s) => `${s.state}\u0000${s.detail ?? ""}`).join("\u0001");

export function groupSteps(steps: readonly ConnectStep[]): StepGroups {
  const attempts: ConnectStep[][] = [];
  let cur: ConnectStep[] = [];
  for (const s of steps) {
    if (STARTS_ATTEMPT.has(s.state) && cur.length) {
      attempts.push(cur);
      cur = [];
    }
    cur.push(s);
  }
  if (cur.length) attempts.push(cur);
  const current = attempts.pop() ?? [];
  const earlier: EarlierAttempt[] = [];
  for (const a of attempts) {
    const last = earlier.at(-1);
    if (last && shape(last.steps) === shape(a)) {
      last.repeats++;
      last.lastAt = a[0]!.at;
    } else earlier.push({ steps: a, repeats: 1, firstAt: a[0]!.at, lastAt: a[0]!.at });
  }
  return { current, earlier, earlierCount: attempts.length };
}
