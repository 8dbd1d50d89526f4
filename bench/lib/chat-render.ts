// Benchmark 6 (issue 7): chat rendering of the built renderer in real Chromium, served by the real web host
// (startWebHost, the module behind `clawlink serve`: its token/cookie, CSP, WebSocket and contract
// validation of every result) with a stand-in host service behind it, because:
// - the stream has to run at a controlled 100 deltas/s; a real gateway with e2e/harness/fake-llm.mjs gives
//   one chunk per word every 20 ms (~50/s), so "at 100 deltas/s" could not be met that way;
// - a session with 10,000 messages cannot come from a gateway (chat.history returns a few hundred rows).
// Anchors, in the same Chromium and the same run: a bare page on a bare WebSocket server that gets the very
// same frames and appends the delta text to a <div> / renders the 10,000 messages as plain rows with no
// virtualisation. Both pages carry the same measuring script (PAGE_PROBE).
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Page } from "playwright-core";
import { WebSocketServer } from "ws";
import type { ChatMessage, HostEventMessage, HostHandlers, HostState } from "../../src-shared/host-api.js";
import { connectionSnapshot } from "../../src-shared/testing/connection-snapshot.js";
import { createLogger } from "../../src-main/core/log/logger.js";
import { startWebHost, type WebHost } from "../../src-main/core/host/web-host.js";
import { launchChromium } from "../../e2e/harness/chromium.js";
import { percentile } from "./report.js";

const PROFILE = "big";
const SESSION = "agent:main:main";

/** Same rows as e2e/ui-chat-10k: every 7th is markdown with a list and code, the rest plain text of varying length. */
export function syntheticMessages(count: number): ChatMessage[] {
  const now = Date.now();
  return Array.from({ length: count }, (_, i) => ({
    id: `m${i}`,
    role: i % 2 ? "assistant" : "user",
    ts: now - (count - i) * 1000,
    sendId: null,
    error: null,
    text: i % 7 === 0 ? `**Message ${i}** with a list:\n\n- one\n- two\n\n\`code ${i}\`` : `Message ${i}: ${"lorem ipsum ".repeat(1 + (i % 9))}`,
  }));
}

function hostState(): HostState {
  const now = Date.now();
  return {
    app: { name: "Clawlink", version: "bench", platform: "linux", host: "web", secretStore: "keychain" },
    profiles: [
      {
        id: PROFILE, name: "Big history", kind: "direct", connectAtStart: false, authMode: "token", importedFrom: null, ssh: null,
        direct: { url: "ws://127.0.0.1:1", tlsPinned: false }, local: null, stored: { token: true, password: false },
        credential: { token: "keychain", password: null, missing: null },
      },
    ],
    connections: [
      connectionSnapshot({
        id: PROFILE, name: "Big history", kind: "direct", state: "connected", layer: "gateway", url: "ws://127.0.0.1:1", updatedAt: now,
        connected: { serverVersion: "2026.9.6", protocol: 3, connId: "c", authMethod: "token", authSource: "keychain", role: "operator", scopes: [], connectedAt: now },
      }),
    ],
    statuses: [],
    prompts: [],
    notices: [],
  };
}

/** The real web host with a stand-in host service: one connected profile whose chat has `messages`. */
async function standInWebHost(rendererDir: string, messages: () => ChatMessage[]): Promise<{ web: WebHost; emit(e: HostEventMessage): void }> {
  const listeners = new Set<(e: HostEventMessage) => void>();
  const no = (name: string) => () => Promise.reject(new Error(`${name}: not part of this benchmark`));
  const handlers: HostHandlers = {
    getAppInfo: () => hostState().app,
    getState: () => hostState(),
    openChat: () => ({ sessionKey: SESSION, messages: messages(), outbox: [] }),
    listChatSessions: () => [{ key: SESSION, label: "main", updatedAt: Date.now() }],
    loadOlderChat: no("loadOlderChat"),
    createChatSession: no("createChatSession"),
    patchChatSession: no("patchChatSession"),
    deleteChatSession: no("deleteChatSession"),
    listChatAgents: no("listChatAgents"),
    listChatModels: no("listChatModels"),
    chatMedia: no("chatMedia"),
    addProfile: no("addProfile"),
    updateProfile: no("updateProfile"),
    removeProfile: no("removeProfile"),
    importOpenClawConfig: no("importOpenClawConfig"),
    setSecret: no("setSecret"),
    deleteSecret: no("deleteSecret"),
    editProfile: no("editProfile"),
    forgetTrust: no("forgetTrust"),
    resetIdentity: no("resetIdentity"),
    setSshPassword: no("setSshPassword"),
    duplicateProfile: no("duplicateProfile"),
    moveProfile: no("moveProfile"),
    editRoutes: no("editRoutes"),
    connect: () => ({ ok: true }),
    disconnect: () => ({ ok: true }),
    retry: () => ({ ok: true }),
    retrustTls: () => ({ ok: true }),
    answerPrompt: () => ({ ok: true }),
    sendChat: no("sendChat"),
    resendChat: no("resendChat"),
    discardChat: no("discardChat"),
    abortChat: () => ({ aborted: false }),
    testConnection: no("testConnection"),
    exportDiagnostics: no("exportDiagnostics"),
    revealExport: no("revealExport"),
    recentLogs: () => [],
    logTail: () => [],
    openControlUi: no("openControlUi"),
    openGatewaySurface: no("openGatewaySurface"),
    listSshHosts: () => [],
    getNotificationSettings: () => ({ muted: [], chatReplies: false }),
    updateNotificationSettings: no("updateNotificationSettings"),
    getInbox: () => ({ items: [], gateways: [], resolved: [], seq: 0 }),
    answerExecApproval: no("answerExecApproval"),
    answerPairingRequest: no("answerPairingRequest"),
    discoverGateways: () => ({ gateways: [], leftOut: 0, mdnsError: null, tailscale: { state: "not-found", message: null } }),
  };
  const web = await startWebHost({
    handlers,
    onEvent: (l) => (listeners.add(l), () => listeners.delete(l)),
    rendererDir,
    logger: createLogger([]),
  });
  return { web, emit: (e) => listeners.forEach((l) => l(e)) };
}

const ANCHOR_PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>anchor</title>
<style>body{margin:0;font:14px system-ui,sans-serif} #log{height:620px;overflow:auto} .row{padding:8px 12px;border-bottom:1px solid #ddd} #out{white-space:pre-wrap;padding:12px}</style>
</head><body><button id="open">open</button><div id="log"></div><div id="out"></div>
<script>
const log = document.getElementById("log"), out = document.getElementById("out");
const ws = new WebSocket("ws://" + location.host + "/api");
let shown = "";
ws.onopen = () => (window.__ready = true);
ws.onmessage = (m) => {
  const f = JSON.parse(m.data);
  if (f.t === "event" && f.name === "chat") {
    const text = f.payload.event.text;
    out.append(text.slice(shown.length));
    shown = text;
  } else if (f.t === "result") {
    const frag = document.createDocumentFragment();
    for (const msg of f.value.messages) {
      const row = document.createElement("div");
      row.className = "row";
      const h = document.createElement("header");
      h.textContent = msg.role;
      const p = document.createElement("div");
      p.textContent = msg.text;
      row.append(h, p);
      frag.append(row);
    }
    log.append(frag);
    log.scrollTop = log.scrollHeight;
  }
};
document.getElementById("open").onclick = () => ws.send(JSON.stringify({ t: "call", id: 1, method: "openChat", args: ["${PROFILE}", null] }));
</script></body></html>`;

/** The bare anchor: that page, and a WebSocket on /api that sends the same frames the web host sends. */
async function anchorServer(messages: () => ChatMessage[]): Promise<{ url: string; emit(e: HostEventMessage): void; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    if (req.url === "/" || req.url === "/index.html") res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(ANCHOR_PAGE);
    else res.writeHead(404).end();
  });
  const wss = new WebSocketServer({ server, path: "/api" });
  wss.on("connection", (ws) =>
    ws.on("message", (d) => {
      const f = JSON.parse(String(d)) as { id: number };
      ws.send(JSON.stringify({ t: "result", id: f.id, ok: true, value: { sessionKey: SESSION, messages: messages(), outbox: [] } }));
    }),
  );
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    emit(e) {
      const frame = JSON.stringify({ t: "event", name: e.name, payload: e.payload });
      for (const c of wss.clients) if (c.readyState === c.OPEN) c.send(frame);
    },
    async close() {
      for (const c of wss.clients) c.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

// Runs in both pages before their scripts. Arrival = the first 'message' listener on the page's WebSocket
// (added in the constructor, so it runs before the page's own onmessage); in the DOM = a MutationObserver
// callback (a microtask right after the task that changed the DOM) finding the delta's word under
// __bench.streamSel. First paint = after the frame that follows the first row's insertion (rAF, then a
// MessageChannel task, which runs after that frame is painted).
const PAGE_PROBE = `(() => {
  const B = (window.__bench = { mode: "idle", arrivals: [], seen: [], last: -1, t0: 0, rowsAt: 0, paintAt: 0, streamSel: "", rowSel: "" });
  const Native = window.WebSocket;
  class TimedWebSocket extends Native {
    constructor(url, protocols) {
      super(url, protocols);
      this.addEventListener("message", (m) => {
        const t = performance.now();
        if (B.mode !== "stream" || typeof m.data !== "string") return;
        const r = /tok(\\d+)"/.exec(m.data);
        if (r) B.arrivals[Number(r[1])] = t;
      });
    }
  }
  window.WebSocket = TimedWebSocket;
  new MutationObserver(() => {
    const t = performance.now();
    if (B.mode === "stream") {
      const el = document.querySelector(B.streamSel);
      const r = el && /tok(\\d+)\\D*$/.exec(el.textContent);
      if (!r) return;
      const n = Number(r[1]);
      for (let k = B.last + 1; k <= n; k++) B.seen[k] = t;
      if (n > B.last) B.last = n;
    } else if (B.mode === "open" && !B.rowsAt && document.querySelector(B.rowSel)) {
      B.rowsAt = t;
      requestAnimationFrame(() => {
        const ch = new MessageChannel();
        ch.port1.onmessage = () => (B.paintAt = performance.now());
        ch.port2.postMessage(0);
      });
    }
  }).observe(document, { subtree: true, childList: true, characterData: true });
})();`;

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

/** Cumulative chat deltas, one new word "tok<i>" each, at `perSecond` (drift-corrected schedule). */
async function stream(emit: (e: HostEventMessage) => void, n: number, perSecond: number, runId: string): Promise<void> {
  const t0 = performance.now();
  let text = "";
  for (let i = 0; i < n; i++) {
    const wait = t0 + (i * 1000) / perSecond - performance.now();
    if (wait > 0) await sleep(wait);
    text += `${i ? " " : ""}tok${i}`;
    emit({ name: "chat", payload: { profileId: PROFILE, event: { sessionKey: SESSION, runId, state: "delta", text } } });
  }
}

export interface ChatRenderResult {
  /** Per run: p95 of delta → DOM latency (ms). */
  deltaP95: { ours: number[]; anchor: number[] };
  deltaP50: { ours: number[]; anchor: number[] };
  /** Per run: click → first paint with message rows (ms). */
  openPaint: { ours: number[]; anchor: number[] };
  /** Per run: message rows in the DOM 1 s after opening. */
  rows: { ours: number[]; anchor: number[] };
  deltasPerRun: number;
  warmup: number;
  streamHistory: number;
}

export async function runChatRenderBench(opts: { rendererDir: string; runs: number; deltas?: number; perSecond?: number; bigHistory?: number; streamHistory?: number }): Promise<ChatRenderResult> {
  const deltas = opts.deltas ?? 300;
  const perSecond = opts.perSecond ?? 100;
  const warmup = 10;
  const streamHistory = opts.streamHistory ?? 200;
  const big = syntheticMessages(opts.bigHistory ?? 10_000);
  const small = syntheticMessages(streamHistory);
  let history = small;
  const host = await standInWebHost(opts.rendererDir, () => history);
  const anchor = await anchorServer(() => history);
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
      streamSel: "article.run .md",
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
    },
  ];
  const res: ChatRenderResult = {
    deltaP95: { ours: [], anchor: [] },
    deltaP50: { ours: [], anchor: [] },
    openPaint: { ours: [], anchor: [] },
    rows: { ours: [], anchor: [] },
    deltasPerRun: deltas,
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

        // Delta → DOM at 100/s, in a session with a gateway-sized history (ours) / an empty div (anchor).
        history = small;
        page = await openPage(k);
        await page.evaluate(k.openExpr);
        await until(page, `document.querySelectorAll(${JSON.stringify(k.rowSel)}).length > 0`, 60_000);
        await sleep(300);
        await page.evaluate(`window.__bench.mode = "stream"`);
        await stream(k.emit, deltas, perSecond, `bench-run-${run}-${k.name}`);
        await until(page, `window.__bench.last >= ${deltas - 1}`, 30_000);
        const lat = (await page.evaluate(`(() => { const b = window.__bench; const out = []; for (let i = ${warmup}; i < ${deltas}; i++) out.push(b.seen[i] - b.arrivals[i]); return out; })()`)) as number[];
        await page.close();
        if (lat.some((x) => !Number.isFinite(x))) throw new Error(`${k.name}: a delta without an arrival or DOM time`);
        console.log(`[bench] chat ${k.name} run ${run}: open → paint ${open.ms.toFixed(0)} ms, ${open.rows} rows; delta → DOM p50 ${percentile(lat, 50).toFixed(2)} p95 ${percentile(lat, 95).toFixed(2)} max ${Math.max(...lat).toFixed(2)} ms`);
        if (run < 0) continue;
        res.openPaint[k.name].push(open.ms);
        res.rows[k.name].push(open.rows);
        res.deltaP95[k.name].push(percentile(lat, 95));
        res.deltaP50[k.name].push(percentile(lat, 50));
      }
    }
  } finally {
    await browser.close();
    await host.web.close();
    await anchor.close();
  }
  return res;
}
