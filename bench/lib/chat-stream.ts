// Benchmark 6's reply stream: what a streaming assistant turn looks like to the renderer, with markdown
// and tool cards on. Delta i appends one word "tok<i>" (so the page probe can tell which delta reached
// the DOM), wrapped in a 60-delta cycle of markdown: a heading, a paragraph with **bold**, `code` and
// _emphasis_, a bullet list, a fenced code block, an ordered list. Every cycle also starts a tool call
// inside the list (a "running" card) and finishes it after the code block ("done" with a result), as the
// host's chatTool events do (src-shared/host-api.ts, event chatTool; cards placed in the text where they
// started, src-renderer/src/chat-model.ts). Cards carry no "tok", so the token sequence stays the text's.
import type { HostEventMessage } from "../../src-shared/host-api.js";

/** The text delta i appends to the reply. */
export function deltaPiece(i: number): string {
  const j = i % 60;
  const w = `tok${i}`;
  if (j === 0) return `${i ? "\n\n" : ""}### ${w}`;
  if (j === 1 || j === 37 || j === 56) return `\n\n${w}`;
  if (j === 4) return ` **${w}**`;
  if (j === 7) return ` \`${w}\``;
  if (j === 9) return ` _${w}_`;
  if (j === 12) return `\n\n- ${w}`;
  if (j > 12 && j < 24 && j % 3 === 0) return `\n- ${w}`;
  if (j === 24) return `\n\n\`\`\`ts\n${w}`;
  if (j > 24 && j < 36 && j % 4 === 0) return `\n${w}`;
  if (j === 36) return `\n\`\`\`\n\n${w}`;
  if (j === 48) return `\n\n1. ${w}`;
  if (j === 52) return `\n2. ${w}`;
  return ` ${w}`;
}

/** The tool event (if any) sent just before delta i: cycle k's card starts at j = 20 and ends at j = 40. */
export function toolAt(i: number, runId: string, profileId: string, sessionKey: string): HostEventMessage | null {
  const j = i % 60;
  const k = Math.floor(i / 60);
  if (j !== 20 && j !== 40) return null;
  const card = j === 20
    ? { id: `call-${k}`, name: k % 2 ? "exec" : "read", args: JSON.stringify({ path: `/srv/app/file-${k}.ts`, lines: 40 }), status: "running" as const, result: null }
    : { id: `call-${k}`, name: k % 2 ? "exec" : "read", args: "", status: "done" as const, result: `ok: ${k * 7 + 3} lines read` };
  return { name: "chatTool", payload: { profileId, event: { sessionKey, runId, card } } };
}

export function toolCount(n: number): number {
  return Math.floor(n / 60) + (n % 60 > 20 ? 1 : 0);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Now as epoch milliseconds with sub-millisecond resolution (the page's clock is compared through clockOffset). */
export const epochNow = (): number => performance.timeOrigin + performance.now();

/** Sends n cumulative deltas (and the tool events between them) at `perSecond` on a drift-corrected
 *  schedule. Returns the achieved rate (deltas per second of wall time) and each delta's send time (epochNow). */
export async function streamReply(emit: (e: HostEventMessage) => void, o: { n: number; perSecond: number; runId: string; profileId: string; sessionKey: string }): Promise<{ rate: number; sentAt: number[] }> {
  const t0 = performance.now();
  const sentAt: number[] = [];
  let text = "";
  for (let i = 0; i < o.n; i++) {
    const wait = t0 + (i * 1000) / o.perSecond - performance.now();
    if (wait > 0) await sleep(wait);
    const tool = toolAt(i, o.runId, o.profileId, o.sessionKey);
    if (tool) emit(tool);
    text += deltaPiece(i);
    sentAt.push(epochNow());
    emit({ name: "chat", payload: { profileId: o.profileId, event: { sessionKey: o.sessionKey, runId: o.runId, state: "delta", text } } });
  }
  return { rate: (o.n * 1000) / (performance.now() - t0), sentAt };
}
