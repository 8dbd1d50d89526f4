import { marked } from "marked";
import { describe, expect, it, vi } from "vitest";
import { MARKED_OPTIONS, markdownBlocks, type MarkdownBlocks } from "./markdown-blocks";

// Replies as a model streams them: headings, paragraphs with inline marks, tight and loose lists (a list that
// goes on after a blank line), fenced code with blank lines inside, an unclosed fence, a setext heading made by
// the next line, a table whose delimiter row comes later, a blockquote with a lazy line, an html block, a rule.
const REPLIES = [
  "### Plan\n\nFirst **read** the `config`, then _check_ it.\n\n- one\n- two\n  still two\n\n- three (now loose)\n\n```ts\nconst a = 1;\n\nconst b = 2;\n```\n\nDone.\n\n1. first\n2. second\n",
  "Title\n=====\n\nSub\n---\n\npara\nwith break\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\n> quote\nlazy line\n\n<div>\nraw\n</div>\n\n---\n\n```\nnever closed\nstill code",
  "    indented code\n\nafter\n\n* star\n+ plus\n\n  indented para in list?\n\n2) paren list\n\nend ~~strike~~ and https://example.com/x",
  "See [the docs][d] for more.\n\n[d]: https://example.com/docs\n\nAnd [again][d].",
];

/** Every prefix a stream of 1-to-7-character deltas would show. */
function prefixes(text: string): string[] {
  const out: string[] = [];
  for (let i = 1, step = 1; i <= text.length; i += step, step = (step % 7) + 1) out.push(text.slice(0, i));
  if (out.at(-1) !== text) out.push(text);
  return out;
}

describe("markdownBlocks (streamed markdown, one block at a time)", () => {
  it.each(REPLIES.map((r, i) => [i, r] as const))("reply %i: at every delta the blocks render exactly what parsing the whole text gives", (_i, reply) => {
    let prev: MarkdownBlocks | undefined;
    for (const text of prefixes(reply)) {
      prev = markdownBlocks(text, prev);
      expect(prev.html.join(""), JSON.stringify(text)).toBe(marked.parse(text, MARKED_OPTIONS));
    }
  });

  it("when the text grows, only the last blocks are parsed again: the blocks before keep their HTML", () => {
    const head = "# one\n\npara one\n\n- a\n- b\n\n```\ncode\n```\n\npara two";
    const a = markdownBlocks(head);
    expect(a.raws.length).toBeGreaterThan(5);
    const parser = vi.spyOn(marked, "parser");
    const b = markdownBlocks(`${head} and more`, a);
    expect(parser.mock.calls.length).toBeLessThanOrEqual(2);
    parser.mockRestore();
    expect(b.html.slice(0, -2)).toEqual(a.html.slice(0, -2));
    expect(b.html.at(-1)).toContain("and more");
  });

  it("a reply with a link definition is lexed whole, so a reference before the definition still links", () => {
    const text = "See [the docs][d].\n\n[d]: https://example.com/docs";
    const streamed = prefixes(text).reduce<MarkdownBlocks | undefined>((prev, t) => markdownBlocks(t, prev), undefined)!;
    expect(streamed.html.join("")).toContain('href="https://example.com/docs"');
  });

  it("a text that is not a continuation (edited, replaced) is parsed afresh", () => {
    const a = markdownBlocks("- a\n- b\n\nend");
    const b = markdownBlocks("other text", a);
    expect(b.html.join("")).toBe(marked.parse("other text", MARKED_OPTIONS));
  });
});
