// The one wide-area re-lookup (issue 13 §1), used by the app's discovery view (host/discovery-handlers.ts:
// at most every 30 s while the Add form asks, and at once after the settings change) and by
// `clawlink discover --watch` (every 30 s). Each round reads the settings again, looks every domain up
// (wide-area-config.ts lookUpWideArea) and says what changed since the last round, as the mDNS browse
// does: up (a new record), update (its SRV/TXT/addresses changed), down (it left the zone).
// Unicast DNS has no goodbye packets: "left the zone" is a server that answered for the whole domain
// without it (WideAreaPart.answered). A domain that timed out or failed keeps its earlier records (a
// flaky link is not a gateway going away); a domain taken out of the settings drops its records at once.
import type { DiscoveredGateway, DiscoveryChange } from "../../../src-shared/discovery.js";
import { lookUpWideArea, type WideAreaConfig } from "./wide-area-config.js";
import type { WideAreaOptions, WideAreaPart } from "./wide-area-dns.js";

/** How often the domains are looked up again (the app while the form is open; `discover --watch`). */
export const WIDE_AREA_REFRESH_MS = 30_000;

export interface WideAreaSnapshot {
  domains: string[];
  gateways: DiscoveredGateway[];
  leftOut: number;
  /** The settings file's warning (if any) first, then one sentence per domain that could not be read. */
  errors: string[];
}

/** The records to show after a round: the fresh ones, plus earlier ones of configured domains that did not answer. */
export function carryOver(prev: readonly DiscoveredGateway[], part: WideAreaPart, domains: readonly string[]): DiscoveredGateway[] {
  const answered = new Set(part.answered ?? domains);
  const fresh = new Set(part.gateways.map((g) => g.id));
  const kept = prev.filter((g) => g.domain !== undefined && domains.includes(g.domain) && !answered.has(g.domain) && !fresh.has(g.id));
  return [...part.gateways, ...kept];
}

const sameRecord = (a: DiscoveredGateway, b: DiscoveredGateway) => JSON.stringify({ ...a, lastSeen: 0 }) === JSON.stringify({ ...b, lastSeen: 0 });

/** What changed between two rounds, by id: new ones up, changed ones update, gone ones down. */
export function diffGateways(prev: readonly DiscoveredGateway[], next: readonly DiscoveredGateway[]): DiscoveryChange[] {
  const before = new Map(prev.map((g) => [g.id, g]));
  const after = new Set(next.map((g) => g.id));
  const changes: DiscoveryChange[] = [];
  for (const g of next) {
    const old = before.get(g.id);
    if (!old) changes.push({ kind: "up", gateway: g });
    else if (!sameRecord(old, g)) changes.push({ kind: "update", gateway: g });
  }
  for (const g of prev) if (!after.has(g.id)) changes.push({ kind: "down", gateway: g });
  return changes;
}

export interface WideAreaRefreshOptions {
  /** Read every round: the settings may change between rounds. */
  config: () => Promise<Pick<WideAreaConfig, "domains" | "servers" | "domainServers" | "warning">>;
  /** For tests: the lookup (default: node:dns). */
  browse?: (o: WideAreaOptions) => Promise<WideAreaPart>;
  timeoutMs?: number;
  /** After each round, and when the settings dropped a domain: the changes (maybe none) and the new snapshot. */
  onUpdate: (changes: DiscoveryChange[], snapshot: WideAreaSnapshot) => void;
}

export class WideAreaRefresher {
  private snap: WideAreaSnapshot | null = null;
  private finishedAt = 0;
  private running: Promise<void> | null = null;
  private again = false;
  private intervalMs: number | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(private readonly o: WideAreaRefreshOptions) {}

  /** The last round's result; null before the first one finished. */
  snapshot(): WideAreaSnapshot | null {
    return this.snap;
  }

  /** Starts a round unless one runs or the last ended less than `ms` ago (the app's "at most every 30 s"). */
  refreshIfOlderThan(ms: number): void {
    if (!this.running && (this.finishedAt === 0 || Date.now() - this.finishedAt > ms)) this.start();
  }

  /** A round now (the settings changed); if one runs, another follows it, so the change is never missed. */
  refreshNow(): void {
    if (this.running) this.again = true;
    else this.start();
  }

  /** Rounds `intervalMs` after each one ends, from now until stop() (`clawlink discover --watch`). */
  every(intervalMs: number): void {
    this.intervalMs = intervalMs;
    this.refreshNow();
  }

  /** Resolves when no round runs (the one running now and any it queued). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  private start(): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.running = this.round().finally(() => {
      this.running = null;
      this.finishedAt = Date.now();
      if (this.again) {
        this.again = false;
        this.start();
      } else if (this.intervalMs !== null && !this.stopped) {
        this.timer = setTimeout(() => this.refreshNow(), this.intervalMs);
        this.timer.unref?.();
      }
    });
  }

  private async round(): Promise<void> {
    const prev = this.snap?.gateways ?? [];
    let next: WideAreaSnapshot;
    try {
      const cfg = await this.o.config();
      // A domain taken out of the settings goes at once, before the (maybe slow) lookup of the rest.
      const dropped = prev.filter((g) => g.domain === undefined || !cfg.domains.includes(g.domain));
      if (dropped.length && this.snap && !this.stopped) {
        this.snap = { ...this.snap, domains: cfg.domains, gateways: prev.filter((g) => !dropped.includes(g)) };
        this.o.onUpdate(dropped.map((gateway) => ({ kind: "down", gateway })), this.snap);
      }
      const part = cfg.domains.length ? await lookUpWideArea(cfg, { ...(this.o.browse ? { browse: this.o.browse } : {}), ...(this.o.timeoutMs ? { timeoutMs: this.o.timeoutMs } : {}) }) : { gateways: [], leftOut: 0, errors: [] };
      const current = this.snap?.gateways ?? [];
      next = { domains: cfg.domains, gateways: carryOver(current, part, cfg.domains), leftOut: part.leftOut, errors: cfg.warning ? [cfg.warning, ...part.errors] : part.errors };
    } catch (e) {
      next = { domains: this.snap?.domains ?? [], gateways: this.snap?.gateways ?? [], leftOut: 0, errors: [`wide-area lookup failed: ${e instanceof Error ? e.message : String(e)}`] };
    }
    if (this.stopped) return;
    const changes = diffGateways(this.snap?.gateways ?? [], next.gateways);
    this.snap = next;
    this.o.onUpdate(changes, next);
  }
}
