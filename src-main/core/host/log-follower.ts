// The live log tail's host side (issue 12): each batch of records the log tap hears (the same records the
// log file gets, redacted) goes to the UI as one `log` event, cut to the contract's sizes; a burst the tap
// had to drop is said in one line so the tail never silently skips.
import { LogLineSchema, type LogLine } from "../../../src-shared/log-view.js";
import type { LogTap } from "../log/log-tap.js";
import type { LogRecord } from "../log/logger.js";
import type { EmitHostEvent } from "./host-events.js";

const MSG_MAX = 20_000;
const SCOPE_MAX = 400;

export function toLogLine(r: LogRecord): LogLine {
  const line: LogLine = { ts: r.ts, level: r.level, scope: r.scope.slice(0, SCOPE_MAX), msg: r.msg.length <= MSG_MAX ? r.msg : `${r.msg.slice(0, MSG_MAX - 1)}…` };
  if (r.fields) line.fields = r.fields;
  return LogLineSchema.safeParse(line).success ? line : { ts: r.ts, level: r.level, scope: line.scope, msg: line.msg };
}

/** Follows the tap until the returned function is called. */
export function followLog(tap: LogTap, emit: EmitHostEvent): () => void {
  return tap.on((records, dropped) => {
    const lines = records.map(toLogLine);
    if (dropped > 0) lines.push({ ts: Date.now(), level: "warn", scope: "clawlink.log", msg: `${dropped} more log records arrived too fast for the live view; the log file has them all.` });
    emit("log", { records: lines });
  });
}
