// Benchmark 10 (issue 11): an `exec.approval.requested` frame at the socket → the request on screen, in
// real Chromium. Ours: the real `clawlink serve` (a URL profile to the real gateway; its Inbox view open)
// — the frame crosses the main process (gateway session → inbox hub → host event → web host WebSocket)
// and the renderer. Anchor, in the same run and the same Chromium: the gateway's own Control UI (served by
// the gateway; its Inbox panel open), which gets the frame straight from the gateway's socket.
// "At the socket" is the same point for both: each client reaches the gateway through its own frame tap
// (ws-frame-tap.ts), which notes when the frame carrying the request's id goes by. "On screen" is the same
// probe in both pages: a MutationObserver callback that finds the command (which carries the id) in the
// document's text. Both clocks are the machine's wall clock (performance.timeOrigin + now() in Node and in
// Chromium). The requests are raised by a separate operator client with `exec.approval.request` (the
// method node hosts use; docs/gateway/protocol/operator-methods.md § Exec approvals) and denied once seen,
// so neither list grows. Ours and the anchor are measured one after the other (one page open at a time),
// so neither competes with the other for the two cores.
import { randomBytes } from "node:crypto";
import type { BrowserContext, Page } from "playwright-core";
import { GatewaySession } from "../../src-main/core/gateway/gateway-session.js";
import { MemorySecretStore } from "../../src-main/core/secrets/secret-store.js";
import { launchChromium } from "../../e2e/harness/chromium.js";
import { startServe } from "../../e2e/harness/clawlink-serve.js";
import type { TestGateway } from "../../e2e/harness/gateway.js";
import { percentile } from "./report.js";
import { startFrameTap, type FrameTap } from "./ws-frame-tap.js";

/** Runs in both pages: window.__arm(id) starts watching for `id` in the text; window.__seen[id] is when it appeared. */
const PAGE_PROBE = `
  window.__seen = {};
  window.__arm = (id) => {
    const hit = () => document.body && document.body.textContent.includes(id);
    const mark = () => { window.__seen[id] = performance.timeOrigin + performance.now(); mo.disconnect(); };
    const mo = new MutationObserver(() => { if (hit()) mark(); });
    mo.observe(document, { childList: true, subtree: true, characterData: true });
    if (hit()) mark();
  };
`;

interface Probe {
  __arm(id: string): void;
  __seen: Record<string, number>;
}

export interface ApprovalRenderResult {
  /** Per run: p95 and p50 of frame → DOM, ms. */
  ours: { p95: number[]; p50: number[] };
  anchor: { p95: number[]; p50: number[] };
  requestsPerRun: number;
}

async function raiser(gateway: TestGateway): Promise<GatewaySession> {
  const s = new GatewaySession({ url: gateway.url, gatewayKey: `bench-raiser-${randomBytes(3).toString("hex")}`, target: "bench raiser", token: { value: gateway.token, source: "bench" }, secrets: new MemorySecretStore() });
  await s.start();
  const end = Date.now() + 60_000;
  while (s.snapshot.phase !== "connected") {
    if (Date.now() > end) throw new Error("the approval raiser did not connect");
    await new Promise((r) => setTimeout(r, 100));
  }
  return s;
}

/** One request: armed in the page, raised, its frame seen at the tap and its text seen in the DOM; then denied. */
async function measureOne(page: Page, tap: FrameTap, s: GatewaySession): Promise<number> {
  const id = `bench-${randomBytes(6).toString("hex")}`;
  await page.evaluate((x) => (globalThis as unknown as Probe).__arm(x), id);
  const atSocket = tap.seen(id);
  await s.request("exec.approval.request", { id, command: `echo ${id}`, cwd: "/tmp", host: "gateway", timeoutMs: 120_000, twoPhase: true });
  const socket = await withTimeout(atSocket, 10_000, `the frame of ${id} at the tap`);
  // A function, not a string: our page's CSP (script-src 'self') refuses string evaluation.
  const dom = await page.waitForFunction((x) => (globalThis as unknown as Probe).__seen[x] ?? 0, id, { timeout: 10_000 }).then((h) => h.jsonValue());
  await s.request("exec.approval.resolve", { id, decision: "deny" });
  // Let the page take the card away before the next request (both keep a "resolved" line with the
  // command, so its text does not leave), so each measures a request arriving, not a removal.
  await new Promise((r) => setTimeout(r, 200));
  return dom - socket;
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms))]);
}

async function series(page: Page, tap: FrameTap, s: GatewaySession, n: number): Promise<{ p95: number; p50: number }> {
  for (let i = 0; i < 3; i++) await measureOne(page, tap, s); // warm-up: first render of a card, JIT
  const xs: number[] = [];
  for (let i = 0; i < n; i++) xs.push(await measureOne(page, tap, s));
  return { p95: percentile(xs, 95), p50: percentile(xs, 50) };
}

async function openOurs(context: BrowserContext, serve: { origin: string }): Promise<Page> {
  const page = await context.newPage();
  await page.addInitScript(PAGE_PROBE);
  // The setup page spent the one-time link in this context: its session cookie logs this page in.
  await page.goto(serve.origin + "/");
  await page.getByTestId("inbox-nav").click();
  await page.locator("section.inbox").first().waitFor();
  return page;
}

async function openControlUi(context: BrowserContext, tap: FrameTap, token: string): Promise<Page> {
  const page = await context.newPage();
  await page.addInitScript(PAGE_PROBE);
  // The dashboard link form (docs/web/dashboard.md): the Control UI takes the token from the fragment.
  await page.goto(`http://127.0.0.1:${tap.port}/#token=${token}`);
  await page.locator(".sidebar-issues-button").first().click({ timeout: 60_000 });
  return page;
}

export async function runApprovalRenderBench(o: { gateway: TestGateway; runs: number; requests: number }): Promise<ApprovalRenderResult> {
  const oursTap = await startFrameTap(o.gateway.port);
  const cuiTap = await startFrameTap(o.gateway.port);
  const s = await raiser(o.gateway);
  const serve = await startServe();
  const browser = await launchChromium();
  const out: ApprovalRenderResult = { ours: { p95: [], p50: [] }, anchor: { p95: [], p50: [] }, requestsPerRun: o.requests };
  try {
    // Our profile goes through its tap; added once through the host API of a first page.
    const setup = await browser.context.newPage();
    await setup.goto(serve.url);
    const added = await setup.evaluate(`window.clawlink.addProfile(${JSON.stringify({ kind: "direct", name: "Bench gateway", url: `ws://127.0.0.1:${oursTap.port}`, token: o.gateway.token, connectAtStart: true })})`);
    const id = (added as { ok: boolean; value: { profile: { id: string } } }).value.profile.id;
    await setup.evaluate(`window.clawlink.connect(${JSON.stringify(id)})`);
    const connected = (x: string) =>
      (globalThis as unknown as { clawlink: { getState(): Promise<{ ok: boolean; value: { connections: Array<{ id: string; state: string }> } }> } }).clawlink
        .getState()
        .then((r) => r.ok && r.value.connections.some((c) => c.id === x && c.state === "connected"));
    await setup.waitForFunction(connected, id, { timeout: 60_000, polling: 250 });
    await setup.close();
    for (let r = 0; r < o.runs; r++) {
      const ours = await openOurs(browser.context, serve);
      const a = await series(ours, oursTap, s, o.requests);
      await ours.close();
      const cui = await openControlUi(browser.context, cuiTap, o.gateway.token);
      const b = await series(cui, cuiTap, s, o.requests);
      await cui.close();
      out.ours.p95.push(a.p95);
      out.ours.p50.push(a.p50);
      out.anchor.p95.push(b.p95);
      out.anchor.p50.push(b.p50);
    }
  } finally {
    await browser.close();
    await serve.stop();
    await s.stop();
    await oursTap.close();
    await cuiTap.close();
  }
  return out;
}
