import type { OverallState } from "../../../src-shared/connection";
import { STATE_LABEL, toneOf } from "../state";

export function StateBadge({ state, compact }: { state: OverallState | undefined; compact?: boolean }) {
  const label = state ? STATE_LABEL[state].window : "Not connected";
  return (
    <span className={`badge tone-${toneOf(state)}${compact ? " compact" : ""}`} data-state={state ?? "idle"} title={label}>
      <span className="dot" aria-hidden="true" />
      {compact ? <span className="sr-only">{label}</span> : label}
    </span>
  );
}
