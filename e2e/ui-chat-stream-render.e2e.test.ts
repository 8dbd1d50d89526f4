// A reply streaming into the chat, in real Chromium with the built renderer (issue 15 §4): while it streams,
// the run's row follows the store on its own (the list keeps its rows) and each markdown block is sanitised
// into nodes and inserted as they are. What a person sees must not change with that: every word in order,
// the tool card where the call happened, a Copy button on a finished code block that copies its code,
// nothing active from raw HTML in the reply, links that open outside, and the end of the list kept in view.
// A synthetic host (window.clawlink set before the page loads) feeds the deltas, as in ui-chat-10k.
import { describe, expect, it } from "vitest";
import { syntheticChatHost } from "./harness/synthetic-chat-host.js";
import { openStaticUi } from "./harness/ui-page.js";

// Page-side code; the e2e tsconfig has no DOM lib.
declare const document: { querySelector(s: string): PageEl | null; querySelectorAll(s: string): ArrayLike<PageEl> };
interface PageEl {
  scrollTop: number;
  scrollHeight: number;
  clientHeight: number;
  textContent: string;
  getAttribute(n: string): string | null;
  querySelectorAll(s: string): ArrayLike<PageEl>;
}
declare function requestAnimationFrame(cb: (t: number) => void): number;

const SESSION = "agent:main:main";

/** The reply, one delta per piece: words w0…w29 through a paragraph, a fenced code block, raw HTML and a link. */
function replyPieces(): string[] {
  const pieces: string[] = [];
  for (let i = 0; i < 10; i++) pieces.push(`w${i} `);
  pieces.push("\n\n```sh\n", "echo copied-", "text\n", "```\n\n");
  for (let i = 10; i < 20; i++) pieces.push(`w${i} `);
  pieces.push('<img src="x" onerror="window.__pwned=1"> ', "<script>window.__pwned=2</script> ", "[the docs](https://example.com/docs) ");
  for (let i = 20; i < 30; i++) pieces.push(`w${i} `);
  return pieces;
}

describe("a streaming reply in real Chromium", () => {
  it("shows every word in order, the tool card in place, working Copy buttons, no active HTML, and stays at the end", async () => {
    const ui = await openStaticUi();
    try {
      const { page } = ui;
      await page.addInitScript(syntheticChatHost, { id: "p", name: "Streaming", count: 40, label: "History", repeat: [4, 5], markdownEvery: 0 });
      await page.goto(`${ui.base}/index.html`);
      await ui.browser.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(ui.base).origin });
      await page.getByRole("tab", { name: "Chat" }).click();
      await page.getByText("History 39:").waitFor();
      const pieces = replyPieces();
      // Two deltas per animation frame (the second one goes through the same-frame path), a tool call that
      // starts after w4 and ends after w14 (chatTool events, as the host sends them).
      await page.evaluate(
        async ({ pieces, session }) => {
          const emit = (globalThis as unknown as { __emit: (n: string, p: unknown) => void }).__emit;
          const tool = (status: string) => emit("chatTool", { profileId: "p", event: { sessionKey: session, runId: "r1", card: { id: "call-1", name: "exec", args: '{"command":"ls"}', status, result: status === "done" ? "a b" : null } } });
          let text = "";
          for (const [i, p] of pieces.entries()) {
            text += p;
            emit("chat", { profileId: "p", event: { sessionKey: session, runId: "r1", state: "delta", text } });
            if (p === "w4 ") tool("running");
            if (p === "w14 ") tool("done");
            if (i % 2) await new Promise<void>((r) => requestAnimationFrame(() => r()));
          }
        },
        { pieces, session: SESSION },
      );
      const run = page.locator('article.run[data-run-state="delta"]');
      await run.getByText("w29").waitFor();
      // Every word once, in order (read from the markdown parts: the card's text runs into the next word),
      // with the card between w4 and w5 (the text before it ends at w4).
      const seen = await page.evaluate(() => {
        const el = document.querySelector('article.run[data-run-state="delta"]')!;
        const card = el.querySelectorAll('[data-testid="tool-card"]');
        const mds = el.querySelectorAll(".md");
        const text = Array.from(mds, (m) => m.textContent).join(" ");
        return { words: text.match(/\bw\d+\b/g), cards: card.length, cardStatus: card[0]?.getAttribute("data-tool-status"), beforeCard: mds[0]?.textContent.match(/\bw\d+\b/g)?.at(-1) };
      });
      expect(seen.words).toEqual(Array.from({ length: 30 }, (_, i) => `w${i}`));
      expect(seen).toMatchObject({ cards: 1, cardStatus: "done", beforeCard: "w4" });
      // Raw HTML in the reply: nothing active, the image and script gone; the link opens outside.
      expect(await run.locator("img, script, [onerror]").count()).toBe(0);
      expect(await page.evaluate(() => (globalThis as Record<string, unknown>).__pwned ?? null)).toBeNull();
      const link = run.getByRole("link", { name: "the docs" });
      expect(await link.getAttribute("target")).toBe("_blank");
      expect(await link.getAttribute("rel")).toBe("noopener noreferrer");
      // The code block has its one Copy button, and it copies the code.
      const copy = run.getByRole("button", { name: "Copy code" });
      expect(await copy.count()).toBe(1);
      await copy.click();
      await run.getByRole("button", { name: "Copy code" }).filter({ hasText: "Copied" }).waitFor();
      expect(await page.evaluate("navigator.clipboard.readText()")).toBe("echo copied-text\n");
      // The end stayed in view while the reply grew.
      const gap = await page.evaluate(async () => {
        await new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())));
        const el = document.querySelector('[role="log"]')!;
        return el.scrollHeight - el.scrollTop - el.clientHeight;
      });
      expect(gap).toBeLessThan(80);
      expect(ui.errors).toEqual([]);
    } finally {
      await ui.close();
    }
  });
});
