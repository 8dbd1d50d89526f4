// A streaming reply's markdown, one top-level block at a time (issue 15 §4). A reply's text is cumulative:
// every delta is the whole text so far, so rendering it whole re-parses and re-sanitises everything on every
// delta and replaces the whole message's DOM. Here the text is split into marked's top-level tokens and each
// block's HTML is kept for as long as its source is unchanged; when the text only grew, all blocks but the
// last two are kept as they were and only the rest is lexed again (appended text can change the block it
// continues, and the one before when that is a blank line, e.g. a list that goes on after a blank line;
// nothing earlier). The unit tests check that on every prefix of a stream the blocks are exactly what
// lexing the whole text gives. Reference-style link definitions apply across blocks, so a text that has one
// is lexed whole every time.
import { marked, type Token, type TokensList } from "marked";

export const MARKED_OPTIONS = { async: false, gfm: true, breaks: true } as const;

export interface MarkdownBlocks {
  text: string;
  /** The top-level tokens' sources, in order; their concatenation is `text`. */
  raws: string[];
  /** The parsed (not yet sanitised) HTML of each block. */
  html: string[];
}

const EMPTY: MarkdownBlocks = { text: "", raws: [], html: [] };
const KEEP_BACK = 2;

function lex(src: string): TokensList {
  return marked.lexer(src, MARKED_OPTIONS);
}

function parseOne(tok: Token, links: TokensList["links"]): string {
  const list = Object.assign([tok], { links }) as unknown as TokensList;
  return marked.parser(list, MARKED_OPTIONS);
}

/** Blocks of `text`, reusing what `prev` (the blocks of an earlier text) still holds. */
export function markdownBlocks(text: string, prev: MarkdownBlocks = EMPTY): MarkdownBlocks {
  if (text === prev.text) return prev;
  const keep = text.startsWith(prev.text) ? Math.max(0, prev.raws.length - KEEP_BACK) : 0;
  const from = prev.raws.slice(0, keep).reduce((n, r) => n + r.length, 0);
  const tail = lex(text.slice(from));
  const covered = tail.reduce((n, t) => n + t.raw.length, 0) === text.length - from;
  if (!covered || Object.keys(tail.links).length > 0) {
    // A link definition, or tokens that do not cover the source exactly (marked trimmed or normalised
    // something): the whole text as one lexer run, and no reuse next time (raws left empty).
    const all = keep === 0 ? tail : lex(text);
    const whole = all.reduce((n, t) => n + t.raw.length, 0) === text.length;
    return { text, raws: [], html: whole ? all.map((t) => parseOne(t, all.links)) : [marked.parse(text, MARKED_OPTIONS)] };
  }
  const raws = [...prev.raws.slice(0, keep), ...tail.map((t) => t.raw)];
  const html = [...prev.html.slice(0, keep), ...tail.map((t, i) => (prev.raws[keep + i] === t.raw ? prev.html[keep + i]! : parseOne(t, tail.links)))];
  return { text, raws, html };
}
