// Benchmark 13 (issue 13 "Bench"): a gateway's announcement → the gateway listed in "Add gateway", in
// real Chromium through the real `clawlink serve` (its host's mDNS browse → the `discovery` event → the
// web host's WebSocket → NearbyGateways). The announcer is the real gateway's own bonjour plugin
// (@homebridge/ciao), as e2e/ui-discovery.e2e.test.ts uses, over real multicast on the sandbox's
// loopback. Each announcement is a real one: the bench flips the running gateway's discovery.mdns.mode
// "off" → "minimal" in its config, which the gateway hot-applies (docs/gateway/bonjour.md "Modes": it
// stops the old advertisement, sending its goodbye, and publishes again — probe, then announce).
//
// Both clocks are the machine's wall clock (performance.timeOrigin + now() in Node and in Chromium).
// "Announce" is when the first multicast response that carries a live record of the beacon (its SRV
// target or address record, in the answers or the additionals) reaches this process (a listener on a bare bonjour-service socket, registered before its browser's);
// the kernel loops the one packet to every member of 224.0.0.251 on lo, so it reaches `clawlink serve`'s
// socket at the same moment. The anchor, measured from the same packet in the same run, is that bare
// bonjour-service browser emitting "up" for it: the floor any client on this library can reach.
import type { Page } from "playwright-core";
import { Bonjour } from "bonjour-service";
import type { TestGateway } from "../../e2e/harness/gateway.js";
import { percentile } from "./report.js";

/**
 * Runs in the page (page.addInitScript before the first goto; the CSP refuses inline scripts):
 * window.__has(text) says whether the list shows `text`; window.__arm(text) watches for `text` in the list; window.__seen is when it appeared.
 */
export const PAGE_PROBE = `
  window.__seen = 0;
  window.__has = (text) => { const l = document.querySelector(".nearby-gateways"); return !!l && l.textContent.includes(text); };
  window.__arm = (text) => {
    window.__seen = 0;
    const hit = () => window.__has(text);
    const mark = () => { window.__seen = performance.timeOrigin + performance.now(); mo.disconnect(); };
    const mo = new MutationObserver(() => { if (hit()) mark(); });
    mo.observe(document, { childList: true, subtree: true, characterData: true });
    if (hit()) mark();
  };
`;

interface Probe {
  __has(text: string): boolean;
  __arm(text: string): void;
  __seen: number;
}

interface MdnsAnswer {
  type?: string;
  name?: string;
  data?: unknown;
  ttl?: number;
}

const now = () => performance.timeOrigin + performance.now();

/** The bare browser and the packet tap on one bonjour-service socket, for one instance name prefix. */
class Anchor {
  private readonly bonjour = new Bonjour({}, () => undefined);
  private readonly browser;
  private wire: { at: number; resolve: (t: number) => void } | null = null;
  private up: { at: number; resolve: (t: number) => void } | null = null;
  listed = false;

  constructor(private readonly host: string) {
    // Registered before the browser's own listener (created by find()), so it sees the packet first.
    (this.bonjour as unknown as { server: { mdns: { on(e: "response", l: (p: { answers?: MdnsAnswer[]; additionals?: MdnsAnswer[] }) => void): void } } }).server.mdns.on("response", (p) => {
      if (!this.wire || this.wire.at) return;
      // Any live record of this beacon, in either section (ciao may put SRV/A in the additionals).
      const live = [...(p.answers ?? []), ...(p.additionals ?? [])].some((a) => (a.ttl ?? 0) > 0 && `${a.name ?? ""} ${JSON.stringify(a.data ?? "")}`.includes(this.host));
      if (live) {
        this.wire.at = now();
        this.wire.resolve(this.wire.at);
      }
    });
    this.browser = this.bonjour.find({ type: "openclaw-gw" });
    const mine = (s: { host?: string }) => String(s.host ?? "").startsWith(this.host);
    this.browser.on("up", (s: { host?: string }) => {
      if (!mine(s)) return;
      this.listed = true;
      if (this.up && !this.up.at) {
        this.up.at = now();
        this.up.resolve(this.up.at);
      }
    });
    this.browser.on("down", (s: { host?: string }) => mine(s) && (this.listed = false));
  }

  /** Promises for the next live announcement on the wire and the bare browser's next "up". */
  arm(): { wire: Promise<number>; up: Promise<number> } {
    const wire = new Promise<number>((resolve) => (this.wire = { at: 0, resolve }));
    const up = new Promise<number>((resolve) => (this.up = { at: 0, resolve }));
    return { wire, up };
  }

  async close(): Promise<void> {
    this.browser.stop();
    await new Promise<void>((r) => this.bonjour.destroy(() => r()));
  }
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([p, new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms)))]).finally(() => clearTimeout(timer));
}

const listedText = (host: string, port: number) => `${host}.local:${port}`;

async function waitGone(page: Page, anchor: Anchor, text: string): Promise<void> {
  await page.waitForFunction((t) => !(globalThis as unknown as Probe).__has(t), text, { timeout: 15_000 });
  const end = Date.now() + 15_000;
  while (anchor.listed) {
    if (Date.now() > end) throw new Error("the bare browser still lists the gateway 15 s after its goodbye");
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** One announcement: beacon off (goodbye, gone from both lists), then on; ms from the wire to each list. */
async function measureOne(page: Page, anchor: Anchor, gateway: TestGateway, host: string): Promise<{ ours: number; anchor: number }> {
  const text = listedText(host, gateway.port);
  gateway.setMdnsMode("off");
  await waitGone(page, anchor, text);
  await page.evaluate((t) => (globalThis as unknown as Probe).__arm(t), text);
  const armed = anchor.arm();
  gateway.setMdnsMode("minimal");
  const wire = await withTimeout(armed.wire, 20_000, "the gateway's announcement on the wire");
  const up = await withTimeout(armed.up, 5_000, "the bare browser's up");
  // A function, not a string: the page's CSP (script-src 'self') refuses string evaluation.
  const dom = await page.waitForFunction(() => (globalThis as unknown as Probe).__seen, undefined, { timeout: 10_000 }).then((h) => h.jsonValue() as Promise<number>);
  return { ours: dom - wire, anchor: up - wire };
}

export interface DiscoveryBenchResult {
  /** Per run: p50 and p95 of announce → listed, ms. */
  ours: { p50: number[]; p95: number[] };
  anchor: { p50: number[]; p95: number[] };
  all: { ours: number[]; anchor: number[] };
}

/**
 * `page` carries PAGE_PROBE, has the Add gateway form open and the gateway listed (so the host's browse
 * is running); `host` is the gateway's OPENCLAW_MDNS_HOSTNAME.
 */
export async function runDiscoveryBench(o: { page: Page; gateway: TestGateway; host: string; runs: number; announcements: number; log?: (m: string) => void }): Promise<DiscoveryBenchResult> {
  const anchor = new Anchor(o.host);
  const r: DiscoveryBenchResult = { ours: { p50: [], p95: [] }, anchor: { p50: [], p95: [] }, all: { ours: [], anchor: [] } };
  try {
    await measureOne(o.page, anchor, o.gateway, o.host); // warm-up: first re-announce, JIT
    for (let run = 0; run < o.runs; run++) {
      const ours: number[] = [];
      const floor: number[] = [];
      for (let i = 0; i < o.announcements; i++) {
        const m = await measureOne(o.page, anchor, o.gateway, o.host);
        ours.push(m.ours);
        floor.push(m.anchor);
      }
      r.ours.p50.push(percentile(ours, 50));
      r.ours.p95.push(percentile(ours, 95));
      r.anchor.p50.push(percentile(floor, 50));
      r.anchor.p95.push(percentile(floor, 95));
      r.all.ours.push(...ours);
      r.all.anchor.push(...floor);
      o.log?.(`[bench 13] run ${run + 1}: ours p50 ${percentile(ours, 50).toFixed(1)} p95 ${percentile(ours, 95).toFixed(1)} ms; bare browser p50 ${percentile(floor, 50).toFixed(2)} ms`);
    }
  } finally {
    await anchor.close();
  }
  return r;
}
