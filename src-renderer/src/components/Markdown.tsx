// Sanitised markdown (markdown.ts) with a Copy button on every code block (issue 12 "Chat"). The
// buttons are added to the rendered DOM after sanitising, so the message's own HTML can never carry
// one; copying uses the clipboard API (no network, nothing through the host).
// A reply that is still streaming renders through StreamingMarkdown: one element per top-level block
// (markdown-blocks.ts), so a delta re-parses, re-sanitises and replaces only the block it changed.
import { memo, useEffect, useLayoutEffect, useMemo, useRef } from "react";
import { renderMarkdown, sanitizeFragment } from "../markdown";
import { markdownBlocks, type MarkdownBlocks } from "../markdown-blocks";

function addCopyButtons(root: HTMLElement): void {
  for (const pre of Array.from(root.querySelectorAll("pre"))) {
    if (pre.parentElement?.classList.contains("code-block")) continue;
    const wrap = document.createElement("div");
    wrap.className = "code-block";
    pre.replaceWith(wrap);
    wrap.appendChild(pre);
    const button = document.createElement("button");
    button.type = "button";
    button.className = "copy-code quiet";
    button.textContent = "Copy";
    button.setAttribute("aria-label", "Copy code");
    button.addEventListener("click", () => {
      const text = pre.querySelector("code")?.textContent ?? pre.textContent ?? "";
      void navigator.clipboard
        .writeText(text)
        .then(() => (button.textContent = "Copied"))
        .catch(() => (button.textContent = "Copy failed"))
        .finally(() => setTimeout(() => (button.textContent = "Copy"), 1500));
    });
    wrap.appendChild(button);
  }
}

export const Markdown = memo(function Markdown({ text }: { text: string }) {
  const html = useMemo(() => renderMarkdown(text), [text]);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (ref.current) addCopyButtons(ref.current);
  }, [html]);
  return <div className="md" ref={ref} dangerouslySetInnerHTML={{ __html: html }} />;
});

/** One block of a streaming reply; its DOM is left alone while its HTML is unchanged. The sanitised nodes go
 *  in as they are (no HTML string parsed a second time by innerHTML); React renders no children here. */
const MarkdownBlock = memo(function MarkdownBlock({ html }: { html: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.replaceChildren(sanitizeFragment(html));
    addCopyButtons(el);
  }, [html]);
  return <div className="md-block" ref={ref} />;
});

/** A growing text (cumulative deltas): the blocks of the previous text are reused where it only grew. */
export const StreamingMarkdown = memo(function StreamingMarkdown({ text }: { text: string }) {
  const prev = useRef<MarkdownBlocks | undefined>(undefined);
  const blocks = useMemo(() => (prev.current = markdownBlocks(text, prev.current)), [text]);
  return <div className="md">{blocks.html.map((html, i) => (html ? <MarkdownBlock key={i} html={html} /> : null))}</div>;
});
