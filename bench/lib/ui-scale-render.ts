// Benchmark 12 (issue 15 §1, last part): the sidebar of the built renderer in real Chromium with 1, 25 and
// 100 configured profiles, served by the real web host (startWebHost: its gate, CSP, WebSocket and the
// contract validation of every result and event) over a stand-in host service (stand-in-host.ts). A
// stand-in, because 25 or 100 connected gateways in varied states cannot come from this machine's one
// gateway: benchmark 8 shows 25 live sessions reach it, but every one of them is "connected" to the same
// gateway, and a row that is reconnecting, needs a token or waits for pairing cannot be held there on cue.
// What is measured is the renderer's side, which the stand-in does not change: the host's frames are the
// same JSON the real host service sends, through the same web host.
// Anchor, in the same Chromium and the same run: a bare page on a bare WebSocket server that gets the very
// same frames and draws the same rows as plain DOM (same list/row/badge markup, no framework). Both pages
// carry the same measuring script (PAGE_PROBE).
import type { Page } from "playwright-core";
import type { OverallState } from "../../src-shared/connection.js";
import type { HostEventMessage } from "../../src-shared/host-api.js";
import { launchChromium } from "../../e2e/harness/chromium.js";
import { anchorServer, STAMP_PAINT, timedWebSocket } from "./anchor-page.js";
import { percentile } from "./report.js";
import { standInHandlers, standInWebHost } from "./stand-in-host.js";
import { fleetState, liveIndexes, nextState, profileId, profileView, snapshot } from "./ui-scale-fixtures.js";

// Runs in both pages before their scripts (N filled in per page). "At the socket" = the first 'message'
// listener on the page's WebSocket (added in its constructor, so it runs before the page's own handler);
// the host state is the getState result, a change is a `connection` event recognised by its seq. "In the
// DOM" = a MutationObserver callback (a microtask right after the task that changed the DOM) finding the
// row's badge with the new data-state. "Painted" = after the frame that follows the last row's insertion
// (rAF, then a MessageChannel task, which runs after that frame). Long tasks come from the browser's own
// PerformanceObserver. The socket and paint pieces are benchmark 6's too (anchor-page.ts).
const PAGE_PROBE = `(() => {
  const B = (window.__bench = { n: __N__, stateAt: 0, rowsAt: 0, paintAt: 0, arrivals: {}, seen: {}, want: {}, waiter: null, long: [] });
  ${timedWebSocket(`if (typeof m.data !== "string") return;
        if (m.data.indexOf('"name":"connection"') >= 0) {
          const r = /"seq":(\\d+)/.exec(m.data);
          if (r) B.arrivals[r[1]] = t;
        } else if (!B.stateAt && m.data.indexOf('"t":"result"') >= 0 && m.data.indexOf('"profiles":[') >= 0) B.stateAt = t;`)}
  const badge = (id) => document.querySelector('.profile-list [data-profile="' + id + '"] [data-state]');
  new MutationObserver(() => {
    const t = performance.now();
    if (!B.rowsAt && document.querySelectorAll(".profile-list [data-profile] [data-state]").length === B.n) {
      B.rowsAt = t;
      ${STAMP_PAINT}
    }
    for (const seq in B.want) {
      const el = badge(B.want[seq].id);
      if (el && el.getAttribute("data-state") === B.want[seq].state) {
        B.seen[seq] = t;
        delete B.want[seq];
      }
    }
    if (B.waiter && B.waiter.seqs.every((s) => B.seen[s] !== undefined)) {
      B.waiter.resolve(true);
      B.waiter = null;
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-state"] });
  window.__arm = (list) => { for (const w of list) B.want[w.seq] = w; };
  window.__wait = (seqs) => new Promise((resolve) => {
    if (seqs.every((s) => B.seen[s] !== undefined)) resolve(true);
    else B.waiter = { seqs, resolve };
  });
  try {
    new PerformanceObserver((l) => { for (const e of l.getEntries()) B.long.push({ at: e.startTime, ms: e.duration }); }).observe({ type: "longtask", buffered: true });
  } catch {}
})();`;

// The bare page: the same list, row and badge markup as the renderer's sidebar (ShellNav.tsx), as plain DOM.
const ANCHOR_PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>anchor</title>
<style>body{margin:0;font:14px system-ui,sans-serif;display:flex} nav{width:260px;height:100vh;overflow:auto;border-right:1px solid #ddd}
ul{list-style:none;margin:0;padding:0} .profile-item{display:flex;justify-content:space-between;width:100%;padding:6px 12px;border:0;background:none;text-align:left}
.badge .dot{display:inline-block;width:8px;height:8px;border-radius:50%;background:#999} .badge[data-state=connected] .dot{background:#2a2}</style>
</head><body><nav><ul class="profile-list" id="list"></ul></nav><main id="main"></main>
<script>
const list = document.getElementById("list");
const ws = new WebSocket("ws://" + location.host + "/api");
function badge(state) {
  const b = document.createElement("span");
  b.className = "badge compact";
  b.dataset.state = state;
  b.title = state;
  const dot = document.createElement("span");
  dot.className = "dot";
  const sr = document.createElement("span");
  sr.textContent = state;
  b.append(dot, sr);
  return b;
}
ws.onopen = () => ws.send(JSON.stringify({ t: "call", id: 1, method: "getState", args: [] }));
ws.onmessage = (m) => {
  const f = JSON.parse(m.data);
  if (f.t === "result") {
    const conns = {};
    for (const c of f.value.connections) conns[c.id] = c.state;
    const frag = document.createDocumentFragment();
    for (const p of f.value.profiles) {
      const li = document.createElement("li");
      const btn = document.createElement("button");
      btn.className = "profile-item";
      btn.dataset.profile = p.id;
      const name = document.createElement("span");
      name.className = "profile-name";
      name.textContent = p.name;
      btn.append(name, badge(conns[p.id] || "idle"));
      li.append(btn);
      frag.append(li);
    }
    list.append(frag);
  } else if (f.t === "event" && f.name === "connection") {
    const b = list.querySelector('[data-profile="' + f.payload.id + '"] [data-state]');
    if (b) { b.dataset.state = f.payload.state; b.title = f.payload.state; b.lastChild.textContent = f.payload.state; }
  }
};
</script></body></html>`;

export interface UiSize {
  label: string;
  profiles: number;
  live: number;
}

type Side = "ours" | "anchor";
type PerSide = Record<Side, number[]>;
const perSide = (): PerSide => ({ ours: [], anchor: [] });

export interface SizeResult {
  /** Per run: host state at the socket → every row painted (ms). */
  statePaint: PerSide;
  /** Per run: navigation start → every row painted (ms). */
  navPaint: PerSide;
  /** Per run: p95 / p50 of one row's state change, event at the socket → the row's badge in the DOM (ms). */
  changeP95: PerSide;
  changeP50: PerSide;
  /** Per run: median over the bursts of "every live row changes at once" → the last one in the DOM (ms). */
  burst: PerSide;
  /** Per run: the longest long task during the state changes (0 when none). */
  longTaskMax: PerSide;
}

export interface UiScaleResult {
  sizes: Record<string, SizeResult>;
  changesPerRun: number;
  warmup: number;
  bursts: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Seeded PRNG (mulberry32): both sides of a run get the same rows in the same order. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([p, new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

interface Bench {
  arrivals: Record<string, number>;
  seen: Record<string, number>;
  stateAt: number;
  rowsAt: number;
  paintAt: number;
  long: Array<{ at: number; ms: number }>;
}
interface Probe {
  __bench: Bench;
  __arm(list: Array<{ id: string; state: OverallState; seq: number }>): void;
  __wait(seqs: number[]): Promise<boolean>;
}

let seqCounter = 1000;

/** One size on one side: open the page (first render), then single-row changes, then bursts. */
async function measureSize(page: Page, emit: (e: HostEventMessage) => void, size: UiSize, seed: number, changes: number, warmup: number, bursts: number) {
  await within(page.waitForFunction(() => (globalThis as unknown as Probe).__bench.paintAt > 0, undefined, { timeout: 60_000 }), 61_000, "all rows painted");
  const first = await page.evaluate(() => ({ stateAt: (globalThis as unknown as Probe).__bench.stateAt, paintAt: (globalThis as unknown as Probe).__bench.paintAt }));
  await sleep(500); // let the start-up calls (inbox, notification settings) settle
  const cur = new Map<number, OverallState>(fleetState(size.profiles, size.live).connections.map((c) => [Number(c.id.slice(3)), c.state]));
  const change = async (rows: number[]): Promise<{ seqs: number[]; arrivals: number[]; seen: number[] }> => {
    const wants = rows.map((i) => ({ i, id: profileId(i), state: nextState(cur.get(i), profileView(i).kind), seq: ++seqCounter }));
    await page.evaluate((w) => (globalThis as unknown as Probe).__arm(w), wants.map(({ id, state, seq }) => ({ id, state, seq })));
    const now = Date.now();
    for (const w of wants) emit({ name: "connection", payload: snapshot(w.i, w.state, w.seq, now) });
    const seqs = wants.map((w) => w.seq);
    await within(page.evaluate((s) => (globalThis as unknown as Probe).__wait(s), seqs), 10_000, `rows ${rows.join(",")} in the DOM`);
    for (const w of wants) cur.set(w.i, w.state);
    const b = await page.evaluate((s) => ({ arrivals: s.map((x) => (globalThis as unknown as Probe).__bench.arrivals[x]!), seen: s.map((x) => (globalThis as unknown as Probe).__bench.seen[x]!) }), seqs);
    return { seqs, ...b };
  };
  const rand = rng(seed);
  const startedAt = await page.evaluate(() => performance.now());
  const lat: number[] = [];
  for (let k = 0; k < warmup + changes; k++) {
    const r = await change([Math.floor(rand() * size.profiles)]);
    const ms = r.seen[0]! - r.arrivals[0]!;
    if (!Number.isFinite(ms)) throw new Error(`a change without an arrival or DOM time (${size.label} profiles)`);
    if (k >= warmup) lat.push(ms);
    await sleep(10 + rand() * 20);
  }
  const longs = await page.evaluate((t) => (globalThis as unknown as Probe).__bench.long.filter((l) => l.at >= t).map((l) => l.ms), startedAt);
  const burstMs: number[] = [];
  for (let b = 0; b < bursts; b++) {
    const r = await change(liveIndexes(size.profiles, size.live));
    burstMs.push(Math.max(...r.seen) - Math.min(...r.arrivals));
    await sleep(100);
  }
  return { statePaint: first.paintAt - first.stateAt, navPaint: first.paintAt, p95: percentile(lat, 95), p50: percentile(lat, 50), max: Math.max(...lat), burst: percentile(burstMs, 50), longMax: longs.length ? Math.max(...longs) : 0 };
}

export async function runUiScaleBench(opts: { rendererDir: string; runs: number; sizes: UiSize[]; changes?: number; bursts?: number }): Promise<UiScaleResult> {
  const changes = opts.changes ?? 100;
  const warmup = 5;
  const bursts = opts.bursts ?? 3;
  let state = fleetState(1, 1);
  const host = await standInWebHost(
    opts.rendererDir,
    standInHandlers({
      getAppInfo: () => state.app,
      getState: () => state,
      getInbox: () => ({ items: [], gateways: [], resolved: [], seq: 0 }),
      getNotificationSettings: () => ({ muted: [], chatReplies: false }),
      recentLogs: () => [],
      logTail: () => [],
      listSshHosts: () => [],
    }),
  );
  const anchor = await anchorServer(ANCHOR_PAGE, () => state);
  const browser = await launchChromium();
  const res: UiScaleResult = { sizes: {}, changesPerRun: changes, warmup, bursts };
  for (const s of opts.sizes) res.sizes[s.label] = { statePaint: perSide(), navPaint: perSide(), changeP95: perSide(), changeP50: perSide(), burst: perSide(), longTaskMax: perSide() };
  try {
    // The web host's URL token is one-time: this first load sets the session cookie in the context, and
    // every page of ours after it opens the bare origin.
    const login = await browser.context.newPage();
    await login.goto(host.web.url);
    await login.close();
    const sides: Array<{ name: Side; url: string; emit(e: HostEventMessage): void }> = [
      { name: "ours", url: `${host.web.origin}/`, emit: host.emit },
      { name: "anchor", url: anchor.url, emit: anchor.emit },
    ];
    for (let run = -1; run < opts.runs; run++) {
      // Run -1 warms both pages up (JIT, caches) and is not recorded; the side order alternates per run.
      for (const size of opts.sizes) {
        const order = run % 2 ? [sides[1]!, sides[0]!] : [sides[0]!, sides[1]!];
        for (const side of order) {
          state = fleetState(size.profiles, size.live);
          const page = await browser.context.newPage();
          await page.addInitScript({ content: PAGE_PROBE.replace("__N__", String(size.profiles)) });
          await page.goto(side.url);
          const m = await measureSize(page, side.emit, size, 7919 * (run + 2) + size.profiles, changes, warmup, bursts);
          await page.close();
          console.log(`[bench] ui ${size.label} ${side.name} run ${run}: state → rows painted ${m.statePaint.toFixed(1)} ms (navigation → painted ${m.navPaint.toFixed(0)} ms); change → DOM p50 ${m.p50.toFixed(2)} p95 ${m.p95.toFixed(2)} max ${m.max.toFixed(2)} ms; burst of ${Math.min(size.profiles, size.live)} → last ${m.burst.toFixed(2)} ms; longest task ${m.longMax.toFixed(0)} ms`);
          if (run < 0) continue;
          const r = res.sizes[size.label]!;
          r.statePaint[side.name].push(m.statePaint);
          r.navPaint[side.name].push(m.navPaint);
          r.changeP95[side.name].push(m.p95);
          r.changeP50[side.name].push(m.p50);
          r.burst[side.name].push(m.burst);
          r.longTaskMax[side.name].push(m.longMax);
        }
      }
    }
  } finally {
    await browser.close();
    await host.web.close();
    await anchor.close();
  }
  return res;
}
