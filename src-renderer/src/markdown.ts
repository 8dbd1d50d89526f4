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

const SANITIZE = { FORBID_TAGS: ["style", "form", "input", "button", "iframe", "img"], FORBID_ATTR: ["style"] };

/** Marked's HTML (a whole text, or one block of a streaming one: markdown-blocks.ts) made safe. */
export function sanitizeHtml(html: string): string {
  return DOMPurify.sanitize(html, SANITIZE);
}

/** The same, as nodes to insert: no serialising and no second HTML parse (a streamed block is replaced on
 *  every delta). The nodes come from DOMPurify's inert document and are adopted on insertion. */
export function sanitizeFragment(html: string): DocumentFragment {
  return DOMPurify.sanitize(html, { ...SANITIZE, RETURN_DOM_FRAGMENT: true });
}

export function renderMarkdown(text: string): string {
  return sanitizeHtml(marked.parse(text, MARKED_OPTIONS));
}
