// One gateway's inbox as a pure reducer: pending exec approvals and pairing requests, what was resolved
// lately and by whom, and whether the lists were replayed since the last hello. The runner
// (gateway-inbox.ts) feeds it the session's events and carries out its one effect, "list".
//
// Backfill rule (docs/gateway/clients.md § Backfill exec approvals): listen from hello-ok on, then list;
// reconcile by id so a transition racing the list request is neither lost (a request that arrives while
// listing is kept) nor resurrected (an id resolved while listing never comes back from the list result).
// A reconnect starts empty: the pending list always comes from the gateway, never from a stale copy.
// Events from an older session generation are ignored.
import type { InboxItem, InboxItemKind, ResolvedItem } from "../../../src-shared/inbox.js";

export const APPROVALS_SCOPE = "operator.approvals";
export const PAIRING_SCOPE = "operator.pairing";
const ADMIN_SCOPE = "operator.admin";
/** Who resolved an item answered from this process. */
export const YOU = "you";
/** How many resolved items are kept for "resolved elsewhere by …". */
export const RESOLVED_KEPT = 20;

export interface InboxModel {
  connectionId: string;
  gatewayName: string;
  /** The session generation of the current hello; 0 while not connected. */
  generation: number;
  /** Granted scopes of the current hello; null while not connected. */
  scopes: readonly string[] | null;
  items: readonly InboxItem[];
  resolved: readonly ResolvedItem[];
  /** Kinds still being listed after the hello, and ids resolved meanwhile (never resurrected). */
  listing: { kinds: readonly InboxItemKind[]; resolvedIds: readonly string[] } | null;
  problem: string | null;
}

export type InboxEvent =
  | { type: "connected"; generation: number; scopes: readonly string[] }
  | { type: "disconnected" }
  | { type: "requested"; generation: number; item: InboxItem }
  | { type: "resolved"; generation: number; kind: InboxItemKind; id: string; decision: string; by: string | null; at: number }
  | { type: "listed"; generation: number; kind: InboxItemKind; items: readonly InboxItem[]; now: number }
  | { type: "list-failed"; generation: number; kind: InboxItemKind; message: string }
  | { type: "problem"; message: string | null }
  | { type: "tick"; now: number };

export type InboxEffect = { type: "list"; generation: number; kind: InboxItemKind };

export function initialInbox(connectionId: string, gatewayName: string): InboxModel {
  return { connectionId, gatewayName, generation: 0, scopes: null, items: [], resolved: [], listing: null, problem: null };
}

export const hasScope = (scopes: readonly string[] | null, scope: string): boolean => !!scopes && (scopes.includes(scope) || scopes.includes(ADMIN_SCOPE));

/** Which kinds this hello lets us list and answer. */
export function kindsGranted(scopes: readonly string[] | null): InboxItemKind[] {
  return [...(hasScope(scopes, APPROVALS_SCOPE) ? (["exec"] as const) : []), ...(hasScope(scopes, PAIRING_SCOPE) ? (["pairing"] as const) : [])];
}

/** The scopes the inbox wants and this hello did not grant. */
export function missingScopes(scopes: readonly string[] | null): string[] {
  if (!scopes) return [];
  return [APPROVALS_SCOPE, PAIRING_SCOPE].filter((s) => !hasScope(scopes, s));
}

export function summaryOf(item: InboxItem): string {
  return item.kind === "exec" ? item.command : (item.displayName ?? item.deviceId);
}

function withResolved(m: InboxModel, r: ResolvedItem): readonly ResolvedItem[] {
  return [r, ...m.resolved.filter((x) => !(x.id === r.id && x.kind === r.kind))].slice(0, RESOLVED_KEPT);
}

/**
 * A device that asks again (its client retries while it waits) replaces its older request: one card per
 * device, and Approve answers the request the gateway holds now. A request older than the one kept for
 * the same device is dropped.
 */
function added(items: readonly InboxItem[], x: InboxItem): readonly InboxItem[] {
  if (x.kind !== "pairing") return [...items, x];
  const same = (y: InboxItem) => y.kind === "pairing" && y.deviceId === x.deviceId;
  if (items.some((y) => same(y) && y.createdAt > x.createdAt)) return items;
  return [...items.filter((y) => !same(y)), x];
}

const sameItem = (a: InboxItem, kind: InboxItemKind, id: string) => a.kind === kind && a.id === id;

export function reduceInbox(m: InboxModel, e: InboxEvent): { model: InboxModel; effects: InboxEffect[] } {
  const none = { model: m, effects: [] as InboxEffect[] };
  switch (e.type) {
    case "connected": {
      const kinds = kindsGranted(e.scopes);
      const model: InboxModel = { ...m, generation: e.generation, scopes: [...e.scopes], items: [], listing: kinds.length ? { kinds, resolvedIds: [] } : null, problem: null };
      return { model, effects: kinds.map((kind) => ({ type: "list", generation: e.generation, kind })) };
    }
    case "disconnected":
      if (m.generation === 0 && m.items.length === 0) return none;
      return { model: { ...m, generation: 0, scopes: null, items: [], listing: null }, effects: [] };
    case "requested": {
      if (e.generation !== m.generation || m.generation === 0) return none;
      if (m.items.some((x) => sameItem(x, e.item.kind, e.item.id))) return none;
      if (m.listing?.resolvedIds.includes(e.item.id)) return none;
      return { model: { ...m, items: added(m.items, e.item) }, effects: [] };
    }
    case "resolved": {
      if (e.generation !== m.generation || m.generation === 0) return none;
      const item = m.items.find((x) => sameItem(x, e.kind, e.id));
      const listing = m.listing ? { ...m.listing, resolvedIds: [...m.listing.resolvedIds, e.id] } : null;
      if (!item) {
        // Our own answer returned after the gateway's resolved event (which names this client by its
        // display name): the person who answered here reads "by you", whichever arrived first.
        const mine = e.by === YOU ? m.resolved.find((r) => r.kind === e.kind && r.id === e.id && r.by !== YOU) : undefined;
        if (mine) return { model: { ...m, resolved: withResolved(m, { ...mine, by: YOU }), listing }, effects: [] };
        return { model: listing ? { ...m, listing } : m, effects: [] };
      }
      const r: ResolvedItem = { id: e.id, kind: e.kind, connectionId: m.connectionId, gatewayName: m.gatewayName, summary: summaryOf(item), decision: e.decision, by: e.by, at: e.at };
      return { model: { ...m, items: m.items.filter((x) => x !== item), resolved: withResolved(m, r), listing }, effects: [] };
    }
    case "listed": {
      if (e.generation !== m.generation || !m.listing?.kinds.includes(e.kind)) return none;
      const gone = new Set(m.listing.resolvedIds);
      const fresh = e.items.filter((x) => x.kind === e.kind && !gone.has(x.id) && !m.items.some((y) => sameItem(y, x.kind, x.id)) && !(x.kind === "exec" && x.expiresAt <= e.now));
      const kinds = m.listing.kinds.filter((k) => k !== e.kind);
      const items = fresh.reduce(added, m.items);
      return { model: { ...m, items, listing: kinds.length ? { ...m.listing, kinds } : null }, effects: [] };
    }
    case "list-failed": {
      if (e.generation !== m.generation) return none;
      const kinds = m.listing?.kinds.filter((k) => k !== e.kind) ?? [];
      return { model: { ...m, listing: kinds.length && m.listing ? { ...m.listing, kinds } : null, problem: e.message }, effects: [] };
    }
    case "problem":
      return e.message === m.problem ? none : { model: { ...m, problem: e.message }, effects: [] };
    case "tick": {
      const expired = m.items.filter((x) => x.kind === "exec" && x.expiresAt <= e.now);
      if (!expired.length) return none;
      let resolved = m.resolved;
      for (const x of expired) resolved = withResolved({ ...m, resolved }, { id: x.id, kind: x.kind, connectionId: m.connectionId, gatewayName: m.gatewayName, summary: summaryOf(x), decision: "expired", by: "expired", at: e.now });
      return { model: { ...m, items: m.items.filter((x) => !expired.includes(x)), resolved }, effects: [] };
    }
  }
}

/** Live: connected, and every list this hello allows has been replayed. */
export const isLive = (m: InboxModel): boolean => m.generation !== 0 && m.listing === null;

/** The soonest expiry among pending items (for the runner's one timer), or null. */
export function nextExpiry(m: InboxModel): number | null {
  let t: number | null = null;
  for (const x of m.items) if (x.kind === "exec" && (t === null || x.expiresAt < t)) t = x.expiresAt;
  return t;
}
