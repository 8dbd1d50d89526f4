// Sanitised markdown (markdown.ts) with a Copy button on every code block (issue 12 "Chat"). The
// buttons are added to the rendered DOM after sanitising, so the message's own HTML can never carry
// one; copying uses the clipboard API (no network, nothing through the host).
import { memo, useEffect, useMemo, useRef } from "react";
import { renderMarkdown } from "../markdown";

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
