// The chat list with 10,000 messages in real Chromium. A gateway answers chat.history with at most a few
// hundred rows, so this one file gives the built renderer a synthetic host instead (window.clawlink
// defined before the page loads, answering getState/openChat with 10,000 rows). What is measured is the
// renderer alone: how many rows are in the DOM (virtualized: a screenful, not 10,000) and how long
// frames take while scrolling through the whole list and while a reply streams in at the bottom.
import { describe, expect, it } from "vitest";
import { screenshotPath } from "./harness/chromium.js";
import { openStaticUi } from "./harness/ui-page.js";

// Page-side code; the e2e tsconfig has no DOM lib.
declare const document: { querySelectorAll(s: string): { length: number }; querySelector(s: string): { scrollTop: number; scrollHeight: number; clientHeight: number } | null };
declare function requestAnimationFrame(cb: (t: number) => void): number;

/** Runs in the page before its scripts: a host with one connected profile and a 10,000-row transcript. */
function syntheticHost(count: number): void {
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const emit = (name: string, payload: unknown) => listeners.get(name)?.forEach((l) => l(payload));
  const now = Date.now();
  const conn = {
    id: "big", name: "Big history", kind: "direct", state: "connected", attention: null, layer: "gateway", attempt: 0, nextAttemptAt: null, localPort: null,
    portFallback: false, sshAuth: null, warning: null, url: "ws://127.0.0.1:1", tlsChange: null, pairing: null,
    connected: { serverVersion: "2026.9.6", protocol: 3, connId: "c", authMethod: "token", authSource: "keychain", role: "operator", scopes: [], connectedAt: now }, seq: 1, updatedAt: now,
  };
  const profile = {
    id: "big", name: "Big history", kind: "direct", connectAtStart: false, authMode: "token", importedFrom: null, ssh: null, direct: { url: "ws://127.0.0.1:1", tlsPinned: false },
    local: null, stored: { token: true, password: false }, credential: { token: "keychain", password: null, missing: null },
  };
  const messages = Array.from({ length: count }, (_, i) => ({
    id: `m${i}`, role: i % 2 ? "assistant" : "user", ts: now - (count - i) * 1000, sendId: null, error: null,
    text: i % 7 === 0 ? `**Message ${i}** with a list:\n\n- one\n- two\n\n\`code ${i}\`` : `Message ${i}: ${"lorem ipsum ".repeat(1 + (i % 9))}`,
  }));
  // Like every host's window.clawlink, methods answer with HostReply values.
  const ok = async (value: unknown) => ({ ok: true, value });
  const api: Record<string, unknown> = {
    getAppInfo: () => ok({ name: "Clawlink", version: "test", platform: "linux", host: "web", secretStore: "keychain" }),
    getState: () => ok({ app: { name: "Clawlink", version: "test", platform: "linux", host: "web", secretStore: "keychain" }, profiles: [profile], connections: [conn], statuses: [], prompts: [], notices: [] }),
    openChat: () => ok({ sessionKey: "agent:main:main", messages, outbox: [] }),
    listChatSessions: () => ok([{ key: "agent:main:main", label: "main", updatedAt: now }]),
    listSshHosts: () => ok([]),
    on: (name: string, l: (p: unknown) => void) => {
      const set = listeners.get(name) ?? new Set();
      listeners.set(name, set);
      set.add(l);
      return () => set.delete(l);
    },
  };
  (globalThis as Record<string, unknown>).__emit = emit;
  (globalThis as Record<string, unknown>).clawlink = api;
}

describe("chat with 10,000 messages in real Chromium", () => {
  it("renders a screenful of rows, scrolls end to end and streams with short frames", async () => {
    const ui = await openStaticUi();
    try {
      const { page } = ui;
      await page.addInitScript(syntheticHost, 10_000);
      const t0 = Date.now();
      await page.goto(`${ui.base}/index.html`);
      await page.getByRole("tab", { name: "Chat" }).click();
      const log = page.getByRole("log", { name: "Messages" });
      await log.waitFor();
      await page.waitForFunction(() => document.querySelectorAll('[role="log"] .message-row').length > 0);
      const openMs = Date.now() - t0;
      expect(await log.getAttribute("data-count")).toBe("10000");
      // Virtualized: only what is visible (plus overscan) is in the DOM.
      const rows = await page.evaluate(() => document.querySelectorAll('[role="log"] .message-row').length);
      expect(rows).toBeGreaterThan(3);
      expect(rows).toBeLessThan(80);
      // It opened at the newest message.
      await page.getByText("Message 9999:").waitFor();

      // Scroll from the bottom to the top in 40 steps, measuring frame times.
      const frames = await page.evaluate(async () => {
        const el = document.querySelector('[role="log"]')!;
        const times: number[] = [];
        let last = performance.now();
        for (let i = 0; i <= 40; i++) {
          el.scrollTop = el.scrollHeight - el.clientHeight - ((el.scrollHeight - el.clientHeight) * i) / 40;
          await new Promise<void>((r) => requestAnimationFrame(() => r()));
          const t = performance.now();
          times.push(t - last);
          last = t;
        }
        return times;
      });
      const top = await page.evaluate(() => {
        const el = document.querySelector('[role="log"]')!;
        return { scrollTop: el.scrollTop, first: (document.querySelector('[role="log"] .message-row') as unknown as { textContent: string }).textContent.slice(0, 40) };
      });
      console.log(`[10k chat] after scrolling up: ${JSON.stringify(top)}`);
      await page.getByText("Message 0", { exact: false }).first().waitFor({ timeout: 5000 });
      const rowsAfter = await page.evaluate(() => document.querySelectorAll('[role="log"] .message-row').length);
      expect(rowsAfter).toBeLessThan(80);
      frames.sort((a, b) => a - b);
      const p95 = frames[Math.floor(frames.length * 0.95)]!;
      console.log(`[10k chat] open ${openMs} ms, rows in DOM ${rows}, scroll frame p95 ${p95.toFixed(1)} ms, max ${frames.at(-1)!.toFixed(1)} ms`);
      // Generous for a shared CI machine without a GPU; an unvirtualized list of 10,000 markdown rows takes seconds per frame.
      expect(p95).toBeLessThan(250);

      // A reply streaming in at the bottom: 60 cumulative deltas.
      await page.evaluate(() => {
        const el = document.querySelector('[role="log"]')!;
        el.scrollTop = el.scrollHeight;
      });
      const streamMs = await page.evaluate(async () => {
        const emit = (globalThis as unknown as { __emit: (n: string, p: unknown) => void }).__emit;
        const start = performance.now();
        let text = "";
        for (let i = 0; i < 60; i++) {
          text += `word${i} `;
          emit("chat", { profileId: "big", event: { sessionKey: "agent:main:main", runId: "r1", state: "delta", text } });
          await new Promise<void>((r) => requestAnimationFrame(() => r()));
        }
        return performance.now() - start;
      });
      await page.getByText("word59").waitFor();
      console.log(`[10k chat] 60 streamed deltas in ${streamMs.toFixed(0)} ms`);
      expect(streamMs / 60).toBeLessThan(250);
      await page.screenshot({ path: screenshotPath("ui-chat-10k") });
    } finally {
      await ui.close();
    }
  });
});
