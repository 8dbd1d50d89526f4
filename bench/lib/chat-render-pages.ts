// Benchmark 6's two pages and their measuring script.
// Ours: the built renderer served by the real web host (startWebHost, the module behind `clawlink serve`:
// its token/cookie, CSP, WebSocket and contract validation of every result) with a stand-in host service
// behind it: one connected profile whose chat has the given history.
// Anchor: a bare page on a bare WebSocket server that gets the very same frames and appends the delta text
// to a <div> (tool events as one plain <div> each, updated in place) / renders the 10,000 messages as plain
// rows with no virtualisation. Both pages carry the same measuring script (PAGE_PROBE).
import type { ChatMessage, HostEventMessage, HostState } from "../../src-shared/host-api.js";
import { connectionSnapshot } from "../../src-shared/testing/connection-snapshot.js";
import type { WebHost } from "../../src-main/core/host/web-host.js";
import { anchorServer, STAMP_PAINT, timedWebSocket, type AnchorServer } from "./anchor-page.js";
import { standInHandlers, standInWebHost } from "./stand-in-host.js";

export const PROFILE = "big";
export const SESSION = "agent:main:main";

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

/** The real web host with a stand-in host service: one connected profile whose chat has `messages`.
 *  Methods the chat view does not call reject with "<name>: not part of this benchmark". */
export async function chatWebHost(rendererDir: string, messages: () => ChatMessage[]): Promise<{ web: WebHost; emit(e: HostEventMessage): void }> {
  const handlers = standInHandlers({
    getAppInfo: () => hostState().app,
    getState: () => hostState(),
    openChat: () => ({ sessionKey: SESSION, messages: messages(), outbox: [] }),
    listChatSessions: () => [{ key: SESSION, label: "main", updatedAt: Date.now() }],
    connect: () => ({ ok: true }),
    disconnect: () => ({ ok: true }),
    retry: () => ({ ok: true }),
    retrustTls: () => ({ ok: true }),
    answerPrompt: () => ({ ok: true }),
    abortChat: () => ({ aborted: false }),
    recentLogs: () => [],
    logTail: () => [],
    listSshHosts: () => [],
    getNotificationSettings: () => ({ muted: [], chatReplies: false }),
    getInbox: () => ({ items: [], gateways: [], resolved: [], seq: 0 }),
  });
  return standInWebHost(rendererDir, handlers);
}

const ANCHOR_PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>anchor</title>
<style>body{margin:0;font:14px system-ui,sans-serif} #log{height:620px;overflow:auto} .row{padding:8px 12px;border-bottom:1px solid #ddd} #out{white-space:pre-wrap;padding:12px} .tool{border:1px solid #ccc;margin:4px 0}</style>
</head><body><button id="open">open</button><div id="log"></div><div id="out"></div>
<script>
const log = document.getElementById("log"), out = document.getElementById("out");
const ws = new WebSocket("ws://" + location.host + "/api");
const tools = new Map();
let shown = "";
ws.onopen = () => (window.__ready = true);
ws.onmessage = (m) => {
  const f = JSON.parse(m.data);
  if (f.t === "event" && f.name === "chat") {
    const text = f.payload.event.text;
    out.append(text.slice(shown.length));
    shown = text;
  } else if (f.t === "event" && f.name === "chatTool") {
    const c = f.payload.event.card;
    let el = tools.get(c.id);
    if (!el) (el = document.createElement("div")), (el.className = "tool"), tools.set(c.id, el), out.append(el);
    el.dataset.toolStatus = c.status;
    el.textContent = c.name + " " + c.status + (c.result ? ": " + c.result : "");
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

/** The bare anchor: that page, its WebSocket on /api answering openChat with the same history as ours. */
export function chatAnchorServer(messages: () => ChatMessage[]): Promise<AnchorServer> {
  return anchorServer(ANCHOR_PAGE, () => ({ sessionKey: SESSION, messages: messages(), outbox: [] }));
}

// Runs in both pages before their scripts.
// - Arrival of delta i: the first 'message' listener on the page's WebSocket (added in the constructor, so
//   it runs before the page's own handler), reading the frame's last "tok<i>" (a delta's text ends with its
//   own word; tool frames carry none).
// - In the DOM: a MutationObserver callback (a microtask right after the task that changed the DOM) finding
//   the last "tok<n>" under __bench.streamSel; every delta ≤ n not seen before is stamped with that time.
//   A renderer that waits for an animation frame before it writes is measured up to that write: the wait
//   is part of the figure (what a reader sees is what the DOM holds).
// - Long tasks: a PerformanceObserver on 'longtask' (tasks over 50 ms on the page's main thread) while
//   streaming.
// - First paint (open): after the frame that follows the first row's insertion (rAF, then a MessageChannel
//   task, which runs after that frame is painted).
// The socket and paint pieces are benchmark 12's too (anchor-page.ts).
export const PAGE_PROBE = `(() => {
  const B = (window.__bench = { mode: "idle", arrivals: [], seen: [], last: -1, t0: 0, rowsAt: 0, paintAt: 0, streamSel: "", rowSel: "", longTasks: [] });
  const lastTok = (s) => { const j = s.lastIndexOf("tok"); return j < 0 ? -1 : parseInt(s.slice(j + 3), 10); };
  ${timedWebSocket(`if (B.mode !== "stream" || typeof m.data !== "string") return;
        const n = lastTok(m.data);
        if (n >= 0 && B.arrivals[n] === undefined) B.arrivals[n] = t;`)}
  try {
    new PerformanceObserver((list) => {
      if (B.mode === "stream") for (const e of list.getEntries()) B.longTasks.push(e.duration);
    }).observe({ type: "longtask" });
  } catch { B.longTasks = null; }
  new MutationObserver(() => {
    const t = performance.now();
    if (B.mode === "stream") {
      const el = document.querySelector(B.streamSel);
      const n = el ? lastTok(el.textContent) : -1;
      if (!(n >= 0)) return;
      for (let k = B.last + 1; k <= n; k++) B.seen[k] = t;
      if (n > B.last) B.last = n;
    } else if (B.mode === "open" && !B.rowsAt && document.querySelector(B.rowSel)) {
      B.rowsAt = t;
      ${STAMP_PAINT}
    }
  }).observe(document, { subtree: true, childList: true, characterData: true });
})();`;

/** Page-side expression: what the stream left in the DOM — every "tok<i>" in order, and the tool cards by status. */
export function finalTextExpr(streamSel: string, toolSel: string): string {
  return `(() => {
    const el = document.querySelector(${JSON.stringify(streamSel)});
    const toks = el ? [...el.textContent.matchAll(/tok(\\d+)/g)].map((m) => Number(m[1])) : [];
    const tools = el ? [...el.querySelectorAll(${JSON.stringify(toolSel)})].map((t) => t.dataset.toolStatus) : [];
    return { toks, tools };
  })()`;
}
