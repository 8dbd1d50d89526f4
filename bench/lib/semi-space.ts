// Issue 15 §3: which young-generation lever to ship, decided by measurement. Runs the footprint probe
// (bench/footprint-child.ts: ours = an Orchestrator connection reset by a fault proxy each cycle; anchor =
// the official GatewayClient, a new client per cycle) under each V8 setting, ours and anchor with the same
// setting, and reports RSS, live heap, committed heap and CPU per cycle. Samples are cumulative after each
// block of 200 cycles, as benchmark 7's; "after N" figures use the blocks up to N.
import { v8MemoryFlags } from "../../src-main/core/runtime/v8-memory.js";
import { runFootprintChild, type FootprintResult } from "./footprint.js";
import { addFigure } from "./report.js";

export interface SemiVariant {
  id: string;
  what: string;
  /** Set from inside the process at start (what Clawlink's launcher and Electron main do). */
  v8Flags?: string[];
  /** Given to node at launch. */
  execArgv?: string[];
  /** Environment at launch (allocator settings: glibc reads them before any JS runs). */
  env?: Record<string, string>;
  cycles: number;
}

const PER_BLOCK = 200;

export function semiVariants(longCycles: number): SemiVariant[] {
  return [
    { id: "default", what: "V8 default (semi-spaces grow)", cycles: longCycles },
    { id: "growth1", what: `${v8MemoryFlags({ execArgv: [] }).join(" ")} set at start (shipped)`, v8Flags: v8MemoryFlags({ execArgv: [] }), cycles: longCycles },
    { id: "max1", what: "node --max-semi-space-size=1 at launch", execArgv: ["--max-semi-space-size=1"], cycles: 1000 },
    { id: "max4", what: "node --max-semi-space-size=4 at launch", execArgv: ["--max-semi-space-size=4"], cycles: 1000 },
    // Where the rest is: the growth left with the young generation capped is native (malloc) memory.
    { id: "growth1-arena1", what: "growth factor 1 + GLIBC_TUNABLES=glibc.malloc.arena_max=1 at launch", v8Flags: v8MemoryFlags({ execArgv: [] }), env: { GLIBC_TUNABLES: "glibc.malloc.arena_max=1" }, cycles: 1000 },
  ];
}

/** The samples after 200…1,000 cycles, or after each 1,000 up to the last block. */
function upTo(xs: number[], cycles: number): number[] {
  if (cycles <= 1000) return xs.slice(0, 1000 / PER_BLOCK);
  return xs.filter((_, i) => ((i + 1) * PER_BLOCK) % 1000 === 0);
}

export async function runSemiSpaceBench(o: { url: string; token: string; tmp: string; variants: SemiVariant[] }): Promise<Record<string, { ours: FootprintResult; anchor: FootprintResult }>> {
  const out: Record<string, { ours: FootprintResult; anchor: FootprintResult }> = {};
  for (const v of o.variants) {
    const cfg = { url: o.url, token: o.token, blocks: v.cycles / PER_BLOCK, perBlock: PER_BLOCK, ...(v.v8Flags ? { v8Flags: v.v8Flags } : {}) };
    const ours = await runFootprintChild("ours", cfg, o.tmp, v.execArgv ?? [], v.env ?? {});
    const anchor = await runFootprintChild("anchor", cfg, o.tmp, v.execArgv ?? [], v.env ?? {});
    out[v.id] = { ours, anchor };
    console.log(`[bench] semi-space ${v.id}: ours ${JSON.stringify(ours)}; anchor ${JSON.stringify(anchor)}`);
    const b = "7b reconnect memory by V8 young-generation setting";
    const anchorName = `official client, new client per cycle, same setting (${v.id})`;
    const last = (xs: number[]) => xs.at(-1)!.toFixed(1);
    for (const n of [...new Set([1000, v.cycles])]) {
      const pick = (xs: number[]) => upTo(xs, n);
      const span = n <= 1000 ? "200…1,000" : `1,000…${n.toLocaleString("en")}`;
      const note = `after ${v.cycles.toLocaleString("en")} cycles: RSS ours ${last(ours.rssDeltaMb)} MB vs ${last(anchor.rssDeltaMb)} MB; committed heap ours ${last(ours.heapCommittedDeltaMb)} vs ${last(anchor.heapCommittedDeltaMb)} MB; new space ours ${ours.spaceCommittedDeltaMb.new_space ?? "?"} MB`;
      addFigure({ id: `semi-${v.id}-rss-${n}`, benchmark: b, what: `${v.what}: RSS delta, samples after ${span} cycles`, unit: "MB", ours: pick(ours.rssDeltaMb), anchorName, anchor: pick(anchor.rssDeltaMb), goal: { on: "ours", op: "<=", value: 10, text: "≤ 10 MB" }, note });
      addFigure({ id: `semi-${v.id}-heap-${n}`, benchmark: b, what: `${v.what}: live heap delta after forced GC, ${span}`, unit: "MB", ours: pick(ours.heapDeltaMb), anchorName, anchor: pick(anchor.heapDeltaMb) });
      addFigure({ id: `semi-${v.id}-committed-${n}`, benchmark: b, what: `${v.what}: committed heap delta after forced GC, ${span}`, unit: "MB", ours: pick(ours.heapCommittedDeltaMb), anchorName, anchor: pick(anchor.heapCommittedDeltaMb).map((x) => (x === 0 ? 1e-9 : x)) });
    }
    addFigure({ id: `semi-${v.id}-cpu`, benchmark: b, what: `${v.what}: process CPU per reconnect cycle (cumulative, per block)`, unit: "ms", ours: ours.cpuMsPerCycle, anchorName, anchor: anchor.cpuMsPerCycle });
  }
  return out;
}
