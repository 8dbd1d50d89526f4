// Benchmark results: every figure is a ratio of ours to an anchor measured in the same run (these
// machines are noisy; absolute times are printed alongside, never compared across runs). Collects
// figures, prints one table and writes bench/results/latest.json with machine info and versions.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export interface Summary {
  n: number;
  min: number;
  median: number;
  max: number;
}

export function summarize(xs: number[]): Summary {
  if (xs.length === 0) return { n: 0, min: NaN, median: NaN, max: NaN };
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  return { n: s.length, min: s[0]!, median, max: s.at(-1)! };
}

/** Nearest-rank percentile (p in 0..100). */
export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

export interface Goal {
  /** What the goal is about: the ratio or the absolute value of ours. */
  on: "ratio" | "ours";
  op: "<=" | ">=" | "==";
  value: number;
  text: string;
}

export interface Figure {
  id: string;
  benchmark: string;
  what: string;
  unit: string;
  ours: Summary;
  anchorName: string;
  anchor: Summary;
  /** ours / anchor per run (paired), summarised. */
  ratio: Summary;
  goal: Goal | null;
  /** pass/miss judged on the median; null when there is no goal. */
  pass: boolean | null;
  note?: string;
}

const figures: Figure[] = [];
const notDone: Array<{ benchmark: string; why: string }> = [];

export function addFigure(f: {
  id: string;
  benchmark: string;
  what: string;
  unit: string;
  ours: number[];
  anchorName: string;
  anchor: number[];
  goal?: Goal;
  note?: string;
}): Figure {
  if (f.ours.length !== f.anchor.length) throw new Error(`${f.id}: ${f.ours.length} ours vs ${f.anchor.length} anchor samples (must be paired)`);
  const ratios = f.ours.map((o, i) => o / f.anchor[i]!);
  const ours = summarize(f.ours);
  const ratio = summarize(ratios);
  let pass: boolean | null = null;
  if (f.goal) {
    const v = f.goal.on === "ratio" ? ratio.median : ours.median;
    pass = f.goal.op === "<=" ? v <= f.goal.value : f.goal.op === ">=" ? v >= f.goal.value : v === f.goal.value;
  }
  const fig: Figure = { id: f.id, benchmark: f.benchmark, what: f.what, unit: f.unit, ours, anchorName: f.anchorName, anchor: summarize(f.anchor), ratio, goal: f.goal ?? null, pass, ...(f.note ? { note: f.note } : {}) };
  figures.push(fig);
  console.log(`[bench] ${fig.id}: ours ${fmt(ours.median)} ${fig.unit} vs ${fig.anchorName} ${fmt(fig.anchor.median)} → ${fmt(ratio.median)}× ${pass === null ? "" : pass ? "PASS" : "MISS"}`);
  return fig;
}

export function markNotDone(benchmark: string, why: string): void {
  notDone.push({ benchmark, why });
  console.log(`[bench] not done: ${benchmark}: ${why}`);
}

export function fmt(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  return a >= 100 ? x.toFixed(0) : a >= 10 ? x.toFixed(1) : a >= 1 ? x.toFixed(2) : x.toFixed(3);
}

function versionOf(cmd: string, args: string[]): string {
  try {
    // ssh -V prints to stderr.
    const r = spawnSync(cmd, args, { encoding: "utf8" });
    return `${r.stdout}${r.stderr}`.trim().split("\n")[0] || "unknown";
  } catch {
    return "unknown";
  }
}

function pkgVersion(name: string): string {
  try {
    const file = name === "." ? path.resolve("package.json") : path.resolve("node_modules", name, "package.json");
    return (JSON.parse(fs.readFileSync(file, "utf8")) as { version: string }).version;
  } catch {
    return "unknown";
  }
}

export function machine(extra: Record<string, string> = {}): Record<string, unknown> {
  return {
    date: new Date().toISOString(),
    host: { platform: `${os.type()} ${os.release()}`, arch: os.arch(), cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? "unknown", memGiB: +(os.totalmem() / 2 ** 30).toFixed(1) },
    versions: {
      node: process.version,
      openssh: versionOf("ssh", ["-V"]),
      ssh2: pkgVersion("ssh2"),
      "@openclaw/gateway-client": pkgVersion("@openclaw/gateway-client"),
      clawlink: pkgVersion("."),
      ...extra,
    },
  };
}

export function table(): string {
  const rows = [["benchmark", "figure", "ours (median)", "anchor (median)", "ratio min / median / max", "goal", "result"]];
  for (const f of figures) {
    rows.push([
      f.benchmark,
      f.what,
      `${fmt(f.ours.median)} ${f.unit}`,
      `${fmt(f.anchor.median)} ${f.unit} (${f.anchorName})`,
      `${fmt(f.ratio.min)} / ${fmt(f.ratio.median)} / ${fmt(f.ratio.max)} (n=${f.ratio.n})`,
      f.goal?.text ?? "–",
      f.pass === null ? "–" : f.pass ? "pass" : "MISS",
    ]);
  }
  for (const n of notDone) rows.push([n.benchmark, "not done", "", "", "", "", n.why]);
  return rows.map((r, i) => `| ${r.join(" | ")} |${i === 0 ? `\n|${r.map(() => " --- ").join("|")}|` : ""}`).join("\n");
}

/**
 * Writes this run's figures. A partial run (BENCH_ONLY) merges into the existing file: figures measured now
 * replace those with the same id, the others stay as they were, each with the date it was measured.
 */
export function writeResults(file: string, extraVersions: Record<string, string>, runsNote: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const m = machine(extraVersions);
  const now = figures.map((f) => ({ ...f, measuredAt: m.date as string }));
  let prev: { machine?: { date?: string }; figures?: Array<Figure & { measuredAt?: string }>; notDone?: typeof notDone } = {};
  try {
    prev = JSON.parse(fs.readFileSync(file, "utf8")) as typeof prev;
  } catch {
    // no previous results
  }
  const byId = new Map(now.map((f) => [f.id, f]));
  const merged = (prev.figures ?? []).map((f) => byId.get(f.id) ?? { ...f, measuredAt: f.measuredAt ?? prev.machine?.date ?? "unknown" });
  for (const f of now) if (!merged.some((g) => g.id === f.id)) merged.push(f);
  const benchmarks = new Set(merged.map((f) => f.benchmark));
  const open = [...(prev.notDone ?? []).filter((n) => !benchmarks.has(n.benchmark) && !notDone.some((x) => x.benchmark === n.benchmark)), ...notDone];
  fs.writeFileSync(file, JSON.stringify({ machine: m, runs: runsNote, figures: merged, notDone: open }, null, 2) + "\n");
}
