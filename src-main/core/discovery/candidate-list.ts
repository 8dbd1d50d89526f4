// The list of discovered gateways, rebuilt from the browser's current records (pure): de-duplicated,
// capped, in a stable order, and the difference between two lists as up / update / down changes.
// First come, first kept: when a flood of announcements fills the list, the gateways already listed stay
// and the newcomers are counted as `dropped`, so a noisy link cannot push a real gateway out.
import type { DiscoveredGateway, DiscoveryChange } from "../../../src-shared/discovery.js";
import { toCandidate, type MdnsServiceRecord } from "./mdns-candidate.js";

export const MAX_CANDIDATES = 200;

export interface CandidateList {
  gateways: DiscoveredGateway[];
  /** Records left out because the list was full (valid ones only; malformed ones are not counted). */
  dropped: number;
}

const endpoint = (g: DiscoveredGateway): string => `${g.host}:${g.port}`.toLowerCase();

/**
 * Builds the list from records in arrival order. The same instance (`id`) seen twice, or two instances
 * answering for the same host and port (a renamed beacon, the same gateway on two domains), is one entry:
 * the one heard from last. Sorted by name, then host, for display.
 */
export function buildCandidates(records: Iterable<MdnsServiceRecord>, cap: number = MAX_CANDIDATES, now: number = Date.now()): CandidateList {
  const byId = new Map<string, DiscoveredGateway>();
  const idByEndpoint = new Map<string, string>();
  let dropped = 0;
  for (const rec of records) {
    const g = toCandidate(rec, now);
    if (!g) continue;
    const sameEndpoint = idByEndpoint.get(endpoint(g));
    const existing = byId.get(g.id) ?? (sameEndpoint ? byId.get(sameEndpoint) : undefined);
    if (existing) {
      if (g.lastSeen < existing.lastSeen) continue;
      byId.delete(existing.id);
      idByEndpoint.delete(endpoint(existing));
    } else if (byId.size >= cap) {
      dropped++;
      continue;
    }
    byId.set(g.id, g);
    idByEndpoint.set(endpoint(g), g.id);
  }
  const gateways = [...byId.values()].sort((a, b) => a.name.localeCompare(b.name) || a.host.localeCompare(b.host) || a.port - b.port);
  return { gateways, dropped };
}

/** What a candidate looks like to a person: a change in any of these is an "update". */
function fingerprint(g: DiscoveredGateway): string {
  return JSON.stringify([g.name, g.host, g.port, g.tls, g.addresses, g.txt, g.suggested]);
}

/** The changes from `prev` to `next`: new ids are up, vanished ones down, changed ones update. */
export function diffCandidates(prev: readonly DiscoveredGateway[], next: readonly DiscoveredGateway[]): DiscoveryChange[] {
  const before = new Map(prev.map((g) => [g.id, g]));
  const after = new Map(next.map((g) => [g.id, g]));
  const changes: DiscoveryChange[] = [];
  for (const g of next) {
    const old = before.get(g.id);
    if (!old) changes.push({ kind: "up", gateway: g });
    else if (fingerprint(old) !== fingerprint(g)) changes.push({ kind: "update", gateway: g });
  }
  for (const g of prev) if (!after.has(g.id)) changes.push({ kind: "down", gateway: g });
  return changes;
}
