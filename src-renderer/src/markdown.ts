// Chat text → sanitized HTML: marked renders, DOMPurify removes anything active (scripts, handlers,
// javascript: URLs, forms, frames). Links open outside the app (the host decides how).
import DOMPurify from "dompurify";
import { marked } from "marked";

DOMPurify.addHook("afterSanitizeAttributes", (node) => {
  if (node.tagName === "A") {
    node.setAttribute("target", "_blank");
    node.setAttribute("rel", "noopener noreferrer");
  }
});

export function renderMarkdown(text: string): string {
  const html = marked.parse(text, { async: false, gfm: true, breaks: true });
  return DOMPurify.sanitize(html, { FORBID_TAGS: ["style", "form", "input", "button", "iframe", "img"], FORBID_ATTR: ["style"] });
}
