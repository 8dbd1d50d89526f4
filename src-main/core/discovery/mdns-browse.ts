// Browses `_openclaw-gw._tcp` over multicast DNS (bonjour-service: pure JS, no native build) and keeps
// the candidate list (candidate-list.ts) up to date: a gateway appears when it answers or announces and
// disappears on its goodbye packet (TTL 0, sent when it stops) or when its record's TTL runs out.
// Queries go out at once, then after 1, 2, 4, … s (at most every 60 s, RFC 6762 §5.2).
// Bounded memory: bonjour-service's browser keeps every instance it ever heard (and never forgets a name
// it saw); past MAX_BROWSER_RECORDS it is replaced by a fresh one, and the gateways listed at that moment
// are held for HOLD_MS while the fresh browser hears them again, so a flood never blanks the list.
import { Bonjour } from "bonjour-service";
import type { DiscoveryChange } from "../../../src-shared/discovery.js";
import { buildCandidates, diffCandidates, MAX_CANDIDATES, type CandidateList } from "./candidate-list.js";
import { GATEWAY_SERVICE_TYPE, recordId, type MdnsServiceRecord } from "./mdns-candidate.js";

/** The part of bonjour-service's Browser this uses (a fake socket drives the real one in tests). */
export interface BrowserLike {
  readonly services: readonly MdnsServiceRecord[];
  update(): void;
  expire(): void;
  stop(): void;
  on(event: "up" | "down" | "srv-update" | "txt-update", listener: () => void): unknown;
}

/** An open mDNS socket that can start browsers. */
export interface MdnsSocket {
  find(type: string): BrowserLike;
  destroy(): Promise<void>;
}

export interface MdnsBrowseOptions {
  /** Called (batched per tick of the event loop) whenever the list changes. */
  onChange?: (changes: DiscoveryChange[], list: CandidateList) => void;
  /** The socket failed (port 5353 taken without reuse, no permission): a sentence for the person. */
  onError?: (message: string) => void;
  cap?: number;
  /** Default: bonjour-service on the real mDNS socket (IPv4, 224.0.0.251:5353, every interface). */
  open?: (onError: (e: Error) => void) => MdnsSocket;
  now?: () => number;
}

export interface MdnsBrowse {
  list(): CandidateList;
  /** How often the browser was replaced because a flood filled it (see the file comment). */
  restarts(): number;
  stop(): Promise<void>;
}

export const MAX_BROWSER_RECORDS = 2048;
export const HOLD_MS = 10_000;
const TICK_MS = 1000;
const MAX_QUERY_INTERVAL_MS = 60_000;

/** bonjour-service on the real socket; its errors (EADDRINUSE, EACCES) go to onError, never a throw. */
export function openBonjourSocket(onError: (e: Error) => void): MdnsSocket {
  const bonjour = new Bonjour({}, (e: unknown) => onError(e instanceof Error ? e : new Error(String(e))));
  return {
    find: (type) => bonjour.find({ type }) as unknown as BrowserLike,
    destroy: () => new Promise<void>((resolve) => bonjour.destroy(() => resolve())),
  };
}

/** Starts browsing; stop() closes the socket. */
export function browseGateways(opts: MdnsBrowseOptions = {}): MdnsBrowse {
  const now = opts.now ?? Date.now;
  const cap = opts.cap ?? MAX_CANDIDATES;
  let stopped = false;
  let current: CandidateList = { gateways: [], dropped: 0 };
  let held: { records: MdnsServiceRecord[]; until: number } = { records: [], until: 0 };
  let restarts = 0;
  let pending = false;
  const socket = (opts.open ?? openBonjourSocket)((e) => {
    if (!stopped) opts.onError?.(`mDNS browsing is unavailable here: ${e.message}`);
  });

  const recompute = (): void => {
    pending = false;
    if (stopped) return;
    if (held.records.length && now() >= held.until) held = { records: [], until: 0 };
    // Sticky: what is listed stays listed while it is heard; newcomers only fill free places.
    const all = [...held.records, ...browser.services];
    const listed = new Set(current.gateways.map((g) => g.id));
    const isListed = (r: MdnsServiceRecord) => typeof r.fqdn === "string" && listed.has(recordId(r.fqdn));
    const next = buildCandidates([...all.filter(isListed), ...all.filter((r) => !isListed(r))], cap, now());
    const changes = diffCandidates(current.gateways, next.gateways);
    current = next;
    if (changes.length) opts.onChange?.(changes, next);
  };
  const schedule = (): void => {
    if (pending || stopped) return;
    pending = true;
    setImmediate(recompute);
  };
  const start = (): BrowserLike => {
    const b = socket.find(GATEWAY_SERVICE_TYPE);
    b.on("up", () => (restartIfFull(), schedule()));
    for (const ev of ["down", "srv-update", "txt-update"] as const) b.on(ev, schedule);
    return b;
  };

  /** Replaces a browser a flood has filled, holding what is listed now (see the file comment). */
  const restartIfFull = (): void => {
    if (browser.services.length <= MAX_BROWSER_RECORDS) return;
    recompute(); // a burst can fill the browser before the batched recompute has run
    const listed = new Set(current.gateways.map((g) => g.id));
    const keep = browser.services.filter((r) => typeof r.fqdn === "string" && listed.has(recordId(r.fqdn)));
    held = { records: keep, until: now() + HOLD_MS };
    browser.stop();
    browser = start();
    restarts++;
  };
  let browser = start();

  let queryInterval = TICK_MS;
  let nextQueryAt = now() + queryInterval;
  const tick = setInterval(() => {
    restartIfFull();
    browser.expire();
    if (now() >= nextQueryAt) {
      browser.update();
      queryInterval = Math.min(queryInterval * 2, MAX_QUERY_INTERVAL_MS);
      nextQueryAt = now() + queryInterval;
    }
    schedule();
  }, TICK_MS);
  tick.unref();

  return {
    list: () => current,
    restarts: () => restarts,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      clearInterval(tick);
      browser.stop();
      await socket.destroy();
    },
  };
}
