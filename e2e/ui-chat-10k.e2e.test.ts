// The chat list with 10,000 messages in real Chromium. A gateway answers chat.history with at most a few
// hundred rows, so this one file gives the built renderer a synthetic host instead (window.clawlink
// defined before the page loads, answering getState/openChat with 10,000 rows). What is measured is the
// renderer alone: how many rows are in the DOM (virtualized: a screenful, not 10,000) and how long
// frames take while scrolling through the whole list and while a reply streams in at the bottom.
import { describe, expect, it } from "vitest";
import { screenshotPath } from "./harness/chromium.js";
import { syntheticChatHost } from "./harness/synthetic-chat-host.js";
import { openStaticUi } from "./harness/ui-page.js";

// Page-side code; the e2e tsconfig has no DOM lib.
declare const document: { querySelectorAll(s: string): { length: number }; querySelector(s: string): { scrollTop: number; scrollHeight: number; clientHeight: number } | null };
declare function requestAnimationFrame(cb: (t: number) => void): number;

describe("chat with 10,000 messages in real Chromium", () => {
  it("renders a screenful of rows, scrolls end to end and streams with short frames", async () => {
    const ui = await openStaticUi();
    try {
      const { page } = ui;
      await page.addInitScript(syntheticChatHost, { id: "big", name: "Big history", count: 10_000, label: "Message", repeat: [1, 9], markdownEvery: 7 });
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
