// Chat text → sanitized HTML: marked renders, DOMPurify removes anything active (scripts, handlers,
// javascript: URLs, forms, frames). Links open outside the app (the host decides how).
import DOMPurify from "dompurify";
import { marked } from "marked";
import { MARKED_OPTIONS } from "./markdown-blocks";

DOMPurify.addHook("afterSanitizeAttributes", (node) => {
  if (node.tagName === "A") {
    node.setAttribute("target", "_blank");
    node.setAttribute("rel", "noopener noreferrer");
  }
});

/** Marked's HTML (a whole text, or one block of a streaming one: markdown-blocks.ts) made safe. */
export function sanitizeHtml(html: string): string {
  return DOMPurify.sanitize(html, { FORBID_TAGS: ["style", "form", "input", "button", "iframe", "img"], FORBID_ATTR: ["style"] });
}

export function renderMarkdown(text: string): string {
  return sanitizeHtml(marked.parse(text, MARKED_OPTIONS));
}
