// Await-able views of a GatewaySession for tests: wait for a snapshot or event that satisfies a
// predicate (bounded), and collect every log record so tests can assert no secret was ever logged.
import type { GatewaySession, GatewaySessionEvent } from "../../src-main/core/gateway/gateway-session.js";
import { createLogger, type LogRecord, type Logger } from "../../src-main/core/log/logger.js";
import type { SessionSnapshot } from "../../src-shared/gateway-session.js";

export function waitForState(session: GatewaySession, pred: (s: SessionSnapshot) => boolean, timeoutMs = 60_000, what = "state"): Promise<SessionSnapshot> {
  if (pred(session.snapshot)) return Promise.resolve(session.snapshot);
  return waitForEvent(session, (e) => e.type === "state" && pred(e.snapshot), timeoutMs, what).then((e) => (e as { snapshot: SessionSnapshot }).snapshot);
}

export function waitForEvent(session: GatewaySession, pred: (e: GatewaySessionEvent) => boolean, timeoutMs = 60_000, what = "event"): Promise<GatewaySessionEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last state: ${JSON.stringify(session.snapshot)}`));
    }, timeoutMs);
    const off = session.on((e) => {
      if (!pred(e)) return;
      clearTimeout(timer);
      off();
      resolve(e);
    });
  });
}

/** Records every state the session passes through, for assertions about the path it took. */
export function recordStates(session: GatewaySession): SessionSnapshot[] {
  const seen: SessionSnapshot[] = [session.snapshot];
  session.on((e) => {
    if (e.type === "state") seen.push(e.snapshot);
  });
  return seen;
}

export function collectingLogger(): { logger: Logger; records: LogRecord[]; text(): string } {
  const records: LogRecord[] = [];
  const logger = createLogger([(r) => records.push(r)]);
  return { logger, records, text: () => records.map((r) => JSON.stringify(r)).join("\n") };
}
