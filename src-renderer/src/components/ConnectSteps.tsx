import type { ConnectStep } from "../state";
import { STATE_LABEL } from "../state";
import { groupSteps, type EarlierAttempt } from "../step-groups";

const time = (at: number) => new Date(at).toLocaleTimeString();

function StepLine({ s }: { s: ConnectStep }) {
  return (
    <>
      <span className="step-time">{time(s.at)}</span> <strong>{STATE_LABEL[s.state].window}</strong>
      {s.detail ? <span className="muted"> — {s.detail}</span> : null}
    </>
  );
}

function AttemptLine({ a }: { a: EarlierAttempt }) {
  // The first step says why the attempt was made (a reconnect's reason); the rest are how far it got.
  const why = a.steps[0]!;
  return (
    <>
      <span className="step-time">{a.repeats > 1 ? `${time(a.firstAt)}–${time(a.lastAt)}` : time(a.firstAt)}</span> {a.steps.map((s) => STATE_LABEL[s.state].window).join(" → ")}
      {why.detail ? <span className="muted"> — {why.detail}</span> : null}
      {a.repeats > 1 ? <strong> ×{a.repeats}</strong> : null}
    </>
  );
}

/** The current attempt's steps in full; earlier attempts folded (identical ones counted) behind a disclosure. */
export function ConnectSteps({ steps }: { steps: ConnectStep[] }) {
  if (steps.length === 0) return <p className="muted">Not started.</p>;
  const g = groupSteps(steps);
  return (
    <>
      <ol className="steps" aria-label="Connect steps">
        {g.current.map((s, i) => (
          <li key={i} data-state={s.state}>
            <StepLine s={s} />
          </li>
        ))}
      </ol>
      {g.earlier.length ? (
        <details className="steps-history">
          <summary>Earlier attempts ({g.earlierCount})</summary>
          <ol className="steps" aria-label="Earlier attempts">
            {g.earlier.map((a, i) => (
              <li key={i} data-state={a.steps[0]!.state} data-repeats={a.repeats}>
                <AttemptLine a={a} />
              </li>
            ))}
          </ol>
        </details>
      ) : null}
    </>
  );
}
