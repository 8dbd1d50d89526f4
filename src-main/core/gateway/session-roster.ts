// The chat's session list kept current from the gateway's `sessions.changed` events (issue 12 "Chat").
// Pure: state + event → state + effects; the runner is core/host/session-roster-follower.ts.
//
// What the gateway promises (docs/gateway/protocol/rpc-bootstrap-and-events.md "Session list bootstrap"
// and the `sessions.changed` family; docs/gateway/clients.md "Recover state after reconnect"):
// - `sessions.subscribe` with list parameters subscribes this connection and answers the first list in
//   one request; every reconnect needs a new subscription (it ends with the socket).
// - Events can arrive while a list is being built, so an event that overlaps a read keeps a trailing
//   `sessions.list` ("so its response cannot lose an update").
// - Keyed changes carry the affected row, presented as `sessions.list` would; a held row may be merged
//   locally for ordinary lifecycle / patch / send / run reasons. Anything else — a key not held, a
//   delete (it carries no row), a keyless or broad change, an archived row — asks for the list again.
//
// Every event carries the roster generation it belongs to (one per connected GatewaySession attempt,
// counted by the runner); answers and events of a replaced connection are dropped.
import { sessionRowFrom, sessionsFrom, type ChatSessionRow } from "./chat-sessions.js";

export interface RosterModel {
  /** The connection the roster follows now; null while not connected. */
  generation: number | null;
  /** A subscribe or list request is in flight for this generation. */
  busy: boolean;
  /** An event arrived while busy: ask again once the answer is in. */
  again: boolean;
  /** The rows last published (null before the first answer of this generation). */
  rows: ChatSessionRow[] | null;
}

export type RosterEvent =
  | { type: "connected"; generation: number }
  | { type: "disconnected" }
  | { type: "changed"; generation: number; payload: unknown }
  | { type: "answered"; generation: number; result: unknown }
  | { type: "failed"; generation: number };

export type RosterEffect = { type: "subscribe"; generation: number } | { type: "list"; generation: number } | { type: "publish"; rows: ChatSessionRow[] };

export const initialRoster = (): RosterModel => ({ generation: null, busy: false, again: false, rows: null });

/** The list parameters the roster reads with (subscribe's snapshot and every refresh). */
export const ROSTER_LIST_PARAMS = { limit: 100 } as const;

/**
 * Reasons whose row may be merged into a held row without a refetch (the Control UI's own set, per the
 * `sessions.changed` section); run-phase events without a reason are lifecycle snapshots too.
 */
const LOCAL_MERGE_REASONS = new Set(["patch", "send", "steer", "agent.run.started", "agent.input.settled", "run-capacity", "chat.title"]);

type Row = Record<string, unknown>;

/** The held rows with a keyed event's row merged in, or null when only a fresh list can say what changed. */
export function mergeChange(rows: readonly ChatSessionRow[], payload: unknown): ChatSessionRow[] | null {
  if (!payload || typeof payload !== "object") return null;
  const p = payload as Row;
  const reason = typeof p.reason === "string" ? p.reason : null;
  if (reason !== null ? !LOCAL_MERGE_REASONS.has(reason) : typeof p.phase !== "string") return null;
  if (p.catalogChanged === true) return null;
  const session = p.session && typeof p.session === "object" ? (p.session as Row) : null;
  if (!session || session.archived === true) return null;
  const row = sessionRowFrom(session, typeof p.sessionKey === "string" ? p.sessionKey : undefined);
  if (!row) return null;
  const at = rows.findIndex((r) => r.key === row.key);
  if (at < 0) return null;
  const next = rows.slice();
  next[at] = row;
  return next;
}

export function reduceRoster(m: RosterModel, e: RosterEvent): { model: RosterModel; effects: RosterEffect[] } {
  switch (e.type) {
    case "connected":
      // Subscribe first: its answer is the first list, and events after it are this connection's.
      return { model: { generation: e.generation, busy: true, again: false, rows: m.rows }, effects: [{ type: "subscribe", generation: e.generation }] };
    case "disconnected":
      return { model: { ...m, generation: null, busy: false, again: false }, effects: [] };
    case "changed": {
      if (e.generation !== m.generation) return { model: m, effects: [] };
      if (m.busy) return { model: { ...m, again: true }, effects: [] };
      const merged = m.rows ? mergeChange(m.rows, e.payload) : null;
      if (merged) return { model: { ...m, rows: merged }, effects: [{ type: "publish", rows: merged }] };
      return { model: { ...m, busy: true }, effects: [{ type: "list", generation: e.generation }] };
    }
    case "answered": {
      if (e.generation !== m.generation) return { model: m, effects: [] };
      const rows = sessionsFrom(listOf(e.result));
      const effects: RosterEffect[] = [{ type: "publish", rows }];
      if (m.again) effects.push({ type: "list", generation: e.generation });
      return { model: { ...m, rows, busy: m.again, again: false }, effects };
    }
    case "failed": {
      if (e.generation !== m.generation) return { model: m, effects: [] };
      return m.again ? { model: { ...m, busy: true, again: false }, effects: [{ type: "list", generation: e.generation }] } : { model: { ...m, busy: false }, effects: [] };
    }
  }
}

/** sessions.subscribe answers `{ subscribed, list }`; sessions.list answers the list itself. */
function listOf(result: unknown): { sessions?: unknown } {
  if (!result || typeof result !== "object") return {};
  const r = result as Row;
  if (r.list && typeof r.list === "object") return r.list as { sessions?: unknown };
  return r as { sessions?: unknown };
}
