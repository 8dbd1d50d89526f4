// Benchmark 6 (issues 7 and 15 §4): chat rendering of the built renderer in real Chromium, served by the real
// web host with a stand-in host service (chat-render-pages.ts), against a bare page fed the same frames.
// Why a stand-in: the stream has to run at a controlled 100 and 1,000 deltas/s (a real gateway with
// e2e/harness/fake-llm.mjs gives ~50/s), and a session with 10,000 messages cannot come from a gateway
// (chat.history returns a few hundred rows).
// Per run and page: open a 10,000-message session (click → first paint, rows in the DOM); then the reply
// stream of chat-stream.ts (markdown and tool cards on) at 100 deltas/s and at 1,000 deltas/s, each in a
// fresh page with a 200-row history (ours) / an empty div (anchor).
// delta → DOM = from the frame's arrival at the page's WebSocket to the first DOM mutation that holds the
// delta's word (PAGE_PROBE explains both ends). If the renderer holds deltas for an animation frame, that
// wait is inside the figure. Lost = deltas whose word is missing from the final DOM (or out of order); the
// final check also counts the tool cards and their status.
import type { CDPSession, Page } from "playwright-core";
import fs from "node:fs";
import path from "node:path";
import { launchChromium } from "../../e2e/harness/chromium.js";
import { chatAnchorServer, chatWebHost, finalTextExpr, PAGE_PROBE, PROFILE, SESSION, syntheticMessages } from "./chat-render-pages.js";
import { epochNow, streamReply, toolCount } from "./chat-stream.js";
import { percentile } from "./report.js";
import type { HostEventMessage } from "../../src-shared/host-api.js";

interface PageKind {
  name: "ours" | "anchor";
  url: string;
  emit(e: HostEventMessage): void;
  /** Brings the page to where the chat is about to open (ours: the profile is shown, Chat not yet clicked). */
  ready(page: Page): Promise<void>;
  /** Page-side expression: set __bench.t0 and start opening the chat. */
  openExpr: string;
  rowSel: string;
  streamSel: string;
  toolSel: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls a page expression (page.waitForFunction with a string evals in the page, which the web host's CSP refuses). */
async function until(page: Page, expr: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await page.evaluate(expr))) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${expr}`);
    await sleep(20);
  }
}

type Side = { ours: number[]; anchor: number[] };
const side = (): Side => ({ ours: [], anchor: [] });

export interface StreamFigures {
  perSecond: number;
  deltas: number;
  tools: number;
  /** Per run: p95 / p50 of delta → DOM latency (ms). */
  p95: Side;
  p50: Side;
  /** Per run: p95 of send → DOM (ms): from the bench process handing the delta to the host's event stream,
   *  across the page's clock (clockOffset), so time a frame waits in a busy page's task queue counts too. */
  sendP95: Side;
  /** Per run: long tasks (> 50 ms) while streaming, and the longest (0 when none). */
  longTasks: Side;
  maxLongTask: Side;
  /** Per run: deltas missing from (or out of order in) the final DOM; tool cards not shown as done. */
  lost: Side;
  toolsNotDone: Side;
}

export interface ChatRenderResult {
  /** Per run: click → first paint with message rows (ms). */
  openPaint: Side;
  /** Per run: message rows in the DOM 1 s after opening. */
  rows: Side;
  streams: StreamFigures[];
  warmup: number;
  streamHistory: number;
}

export async function runChatRenderBench(opts: { rendererDir: string; runs: number; rates?: Array<{ perSecond: number; deltas: number }>; bigHistory?: number; streamHistory?: number; cpuProfileDir?: string }): Promise<ChatRenderResult> {
  const rates = opts.rates ?? [{ perSecond: 100, deltas: 300 }, { perSecond: 1000, deltas: 2000 }];
  const warmup = 10;
  const streamHistory = opts.streamHistory ?? 200;
  const big = syntheticMessages(opts.bigHistory ?? 10_000);
  const small = syntheticMessages(streamHistory);
  let history = small;
  const host = await chatWebHost(opts.rendererDir, () => history);
  const anchor = await chatAnchorServer(() => history);
  const browser = await launchChromium();
  const kinds: PageKind[] = [
    {
      name: "ours",
      url: host.web.url,
      emit: host.emit,
      async ready(page) {
        await page.getByRole("tab", { name: "Chat" }).waitFor();
        await page.getByText("Big history").first().waitFor();
      },
      openExpr: `(() => { const tab = [...document.querySelectorAll('[role="tab"]')].find((e) => e.textContent.trim() === "Chat"); window.__bench.t0 = performance.now(); tab.click(); })()`,
      rowSel: '[role="log"] .message-row',
      streamSel: "article.run",
      toolSel: '[data-testid="tool-card"]',
    },
    {
      name: "anchor",
      url: anchor.url,
      emit: anchor.emit,
      async ready(page) {
        await until(page, "window.__ready === true", 30_000);
      },
      openExpr: `(() => { window.__bench.t0 = performance.now(); document.getElementById("open").click(); })()`,
      rowSel: "#log .row",
      streamSel: "#out",
      toolSel: ".tool",
    },
  ];
  const res: ChatRenderResult = {
    openPaint: side(),
    rows: side(),
    streams: rates.map((r) => ({ ...r, tools: toolCount(r.deltas), p95: side(), p50: side(), sendP95: side(), longTasks: side(), maxLongTask: side(), lost: side(), toolsNotDone: side() })),
    warmup,
    streamHistory,
  };
  const openPage = async (k: PageKind): Promise<Page> => {
    const page = await browser.context.newPage();
    await page.addInitScript({ content: PAGE_PROBE });
    await page.goto(k.url);
    // The web host's URL token is one-time: its first load set the session cookie in this context, and
    // every later page of ours opens the bare origin with it.
    if (k.name === "ours") k.url = `${host.web.origin}/`;
    await k.ready(page);
    await page.evaluate(`Object.assign(window.__bench, { rowSel: ${JSON.stringify(k.rowSel)}, streamSel: ${JSON.stringify(k.streamSel)} })`);
    return page;
  };
  try {
    for (let run = -1; run < opts.runs; run++) {
      // Run -1 warms both pages up (JIT, caches) and is not recorded; order alternates afterwards.
      const order = run % 2 ? [kinds[1]!, kinds[0]!] : [kinds[0]!, kinds[1]!];
      for (const k of order) {
        // Open a session with 10,000 messages: click → first paint with rows; rows in the DOM once settled.
        history = big;
        let page = await openPage(k);
        await page.evaluate(`window.__bench.mode = "open"; ${k.openExpr}`);
        await until(page, "window.__bench.paintAt > 0", 60_000);
        await sleep(1000);
        const open = (await page.evaluate(`({ ms: window.__bench.paintAt - window.__bench.t0, rows: document.querySelectorAll(${JSON.stringify(k.rowSel)}).length })`)) as { ms: number; rows: number };
        await page.close();
        console.log(`[bench] chat ${k.name} run ${run}: open → paint ${open.ms.toFixed(0)} ms, ${open.rows} rows`);
        if (run >= 0) {
          res.openPaint[k.name].push(open.ms);
          res.rows[k.name].push(open.rows);
        }

        for (const s of res.streams) {
          history = small;
          page = await openPage(k);
          await page.evaluate(k.openExpr);
          await until(page, `document.querySelectorAll(${JSON.stringify(k.rowSel)}).length > 0`, 60_000);
          await sleep(300);
          const profile = opts.cpuProfileDir && k.name === "ours" && run === opts.runs - 1 ? await startProfile(page) : null;
          const offset = await clockOffset(page);
          await page.evaluate(`window.__bench.mode = "stream"`);
          const { rate, sentAt } = await streamReply(k.emit, { n: s.deltas, perSecond: s.perSecond, runId: `bench-run-${run}-${s.perSecond}-${k.name}`, profileId: PROFILE, sessionKey: SESSION });
          await until(page, `window.__bench.last >= ${s.deltas - 1}`, 30_000);
          // Two frames and a pause, so a renderer that defers work has done it before the final check.
          await sleep(300);
          await page.evaluate(`window.__bench.mode = "idle"`);
          if (profile) await stopProfile(profile, path.join(opts.cpuProfileDir!, `chat-ours-${s.perSecond}.cpuprofile`));
          const m = (await page.evaluate(`(() => { const b = window.__bench; const lat = []; for (let i = ${warmup}; i < ${s.deltas}; i++) lat.push(b.seen[i] - b.arrivals[i]); return { lat, seen: b.seen, origin: performance.timeOrigin, longTasks: b.longTasks }; })()`)) as { lat: number[]; seen: number[]; origin: number; longTasks: number[] | null };
          const sendLat = sentAt.slice(warmup).map((t, j) => m.origin + m.seen[warmup + j]! - offset - t);
          const fin = (await page.evaluate(finalTextExpr(k.streamSel, k.toolSel))) as { toks: number[]; tools: string[] };
          await page.close();
          if (m.lat.some((x) => !Number.isFinite(x))) throw new Error(`${k.name}: a delta without an arrival or DOM time`);
          if (m.longTasks === null) throw new Error("this Chromium has no 'longtask' PerformanceObserver entry type");
          const lost = lostDeltas(fin.toks, s.deltas);
          const notDone = s.tools - fin.tools.filter((t) => t === "done").length;
          const maxLong = Math.max(0, ...m.longTasks);
          console.log(`[bench] chat ${k.name} run ${run} @${s.perSecond}/s (sent at ${rate.toFixed(0)}/s): delta → DOM p50 ${percentile(m.lat, 50).toFixed(2)} p95 ${percentile(m.lat, 95).toFixed(2)} max ${Math.max(...m.lat).toFixed(2)} ms; send → DOM p95 ${percentile(sendLat, 95).toFixed(2)} max ${Math.max(...sendLat).toFixed(2)} ms; long tasks ${m.longTasks.length} (max ${maxLong.toFixed(0)} ms); lost ${lost}; tool cards not done ${notDone}`);
          if (run < 0) continue;
          s.p95[k.name].push(percentile(m.lat, 95));
          s.p50[k.name].push(percentile(m.lat, 50));
          s.sendP95[k.name].push(percentile(sendLat, 95));
          s.longTasks[k.name].push(m.longTasks.length);
          s.maxLongTask[k.name].push(maxLong);
          s.lost[k.name].push(lost);
          s.toolsNotDone[k.name].push(notDone);
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

/** 0 exactly when the final DOM's words are tok0…tok(n−1) in order: else the deltas missing, plus any word
 *  extra (a duplicate) and every place where the order goes backwards. */
export function lostDeltas(toks: number[], n: number): number {
  const present = new Set(toks.filter((t) => t < n));
  const missing = n - present.size;
  const extra = toks.length - present.size;
  let backwards = 0;
  for (let i = 1; i < toks.length; i++) if (toks[i]! <= toks[i - 1]!) backwards++;
  return missing + extra + backwards;
}

/** The page's epoch clock minus ours, from the evaluate round trip with the least delay of seven (error ≤ half of it). */
async function clockOffset(page: Page): Promise<number> {
  let best = { rtt: Infinity, offset: 0 };
  for (let i = 0; i < 7; i++) {
    const a = epochNow();
    const p = (await page.evaluate("performance.timeOrigin + performance.now()")) as number;
    const b = epochNow();
    if (b - a < best.rtt) best = { rtt: b - a, offset: p - (a + b) / 2 };
  }
  return best.offset;
}

/** BENCH_CHAT_CPU_PROF: a CPU profile of ours while streaming (the last run), for where the time goes. */
async function startProfile(page: Page): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 100 });
  await cdp.send("Profiler.start");
  return cdp;
}

async function stopProfile(cdp: CDPSession, file: string): Promise<void> {
  const { profile } = await cdp.send("Profiler.stop");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(profile));
  await cdp.detach();
}
