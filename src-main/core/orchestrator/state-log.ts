// One log line per state change of a connection (written by the orchestrator under the connection's own
// scope, clawlink.conn.<id>): what a person reading the log file, the Diagnostics live tail or an export
// needs to follow a connection — connecting, connected, why it dropped, the next attempt — without a line
// per snapshot (the snapshot also changes for steps and timers). Pure, so the wording is unit-tested.
import type { ConnectionSnapshot } from "../../../src-shared/connection.js";
import type { LogLevel } from "../log/logger.js";

export interface StateLogLine {
  level: LogLevel;
  msg: string;
}

/** The line for `next` after `prev` (null before the first snapshot), or null when the state did not change. */
export function stateLogLine(prev: ConnectionSnapshot | null, next: ConnectionSnapshot): StateLogLine | null {
  if (prev && prev.state === next.state && prev.attempt === next.attempt) return null;
  const from = prev ? `${prev.state} → ` : "";
  const why = "attention" in next && next.attention ? `: ${next.attention.message} (${next.attention.reason})` : "";
  const attempt = next.state === "reconnecting" && next.attempt > 0 ? ` (attempt ${next.attempt})` : "";
  const level: LogLevel = next.state === "needs-attention" ? "warn" : "info";
  return { level, msg: `${from}${next.state}${attempt}${why}` };
}
