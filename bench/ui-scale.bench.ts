// Benchmark 12 (issue 15 §1, last part): the UI with 25 and 100 configured profiles. The sidebar of the
// built renderer in real Chromium through the real web host (bench/lib/ui-scale-render.ts: first render
// and a row's state change, against a bare page drawing the same rows as plain DOM and against the same
// renderer with one profile), and the tray menu's model in Node (bench/lib/tray-scale.ts, against one
// profile). Needs no gateway; its own file so BENCH_ONLY=12 runs it alone; without "12" in BENCH_ONLY
// (when set) it does nothing. `npm run bench` builds out/renderer first.
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, it } from "vitest";
import { timeTrayBuilds } from "./lib/tray-scale.js";
import { runUiScaleBench, type UiSize } from "./lib/ui-scale-render.js";
import { addFigure, table, writeResults, type Goal } from "./lib/report.js";

const RUNS = Math.max(5, Number(process.env.BENCH_RUNS ?? 5));
const ONLY = (process.env.BENCH_ONLY ?? "").split(",").filter(Boolean);
const wanted = ONLY.length === 0 || ONLY.includes("12");
// BENCH_RESULTS: a solo run can write elsewhere than the shared results file.
const RESULTS = path.resolve(process.env.BENCH_RESULTS ?? "bench/results/latest.json");
const RENDER_GOAL: Goal = { on: "ours", op: "<=", value: 50, text: "≤ 50 ms" };
const CHANGE_GOAL: Goal = { on: "ours", op: "<=", value: 16, text: "≤ 16 ms" };
// The "25 (and 100 configured)": 25 profiles all live; 100 profiles of which 25 are live.
const SIZES: UiSize[] = [
  { label: "1", profiles: 1, live: 1 },
  { label: "25", profiles: 25, live: 25 },
  { label: "100", profiles: 100, live: 25 },
];
const B = "12 UI at scale";

afterAll(() => {
  if (!wanted) return;
  writeResults(RESULTS, {}, `${RUNS} paired runs per figure unless the figure's note says otherwise`);
  console.log(`\n${table()}`);
});

describe.runIf(wanted)("benchmark 12", () => {
  it("12: sidebar first render and row state changes with 1 / 25 / 100 profiles (Chromium, web host) vs a bare page", async () => {
    const rendererDir = path.resolve("out/renderer");
    if (!fs.existsSync(path.join(rendererDir, "index.html"))) throw new Error("out/renderer missing: npm run bench builds it (npm run build)");
    const r = await runUiScaleBench({ rendererDir, runs: RUNS, sizes: SIZES });
    const one = r.sizes["1"]!;
    const note = `${r.changesPerRun} single-row changes per run after ${r.warmup} warm-up ones, a random row each, 10–30 ms apart; the stand-in host sends what the host service would, through the real web host`;
    for (const label of ["25", "100"]) {
      const s = r.sizes[label]!;
      const what = label === "25" ? "25 profiles, all live" : "100 profiles, 25 live";
      addFigure({ id: `12-sidebar-${label}`, benchmark: B, what: `sidebar first render, ${what}: host state at the page's socket → every row painted`, unit: "ms", ours: s.statePaint.ours, anchorName: "bare page, the same rows as plain DOM", anchor: s.statePaint.anchor, goal: RENDER_GOAL });
      addFigure({ id: `12-sidebar-${label}-vs-1`, benchmark: B, what: `same, ${label} vs 1 profile`, unit: "ms", ours: s.statePaint.ours, anchorName: "ours with 1 profile", anchor: one.statePaint.ours });
      addFigure({ id: `12-sidebar-${label}-nav`, benchmark: B, what: `navigation → every row painted, ${what} (whole page load)`, unit: "ms", ours: s.navPaint.ours, anchorName: "bare page", anchor: s.navPaint.anchor });
      addFigure({ id: `12-change-${label}-p95`, benchmark: B, what: `a row's state change, ${what}: \`connection\` event at the socket → the row's badge in the DOM, p95`, unit: "ms", ours: s.changeP95.ours, anchorName: "bare page", anchor: s.changeP95.anchor, goal: CHANGE_GOAL, note });
      addFigure({ id: `12-change-${label}-p95-vs-1`, benchmark: B, what: `same p95, ${label} vs 1 profile`, unit: "ms", ours: s.changeP95.ours, anchorName: "ours with 1 profile", anchor: one.changeP95.ours });
      addFigure({ id: `12-change-${label}-p50`, benchmark: B, what: `same, p50`, unit: "ms", ours: s.changeP50.ours, anchorName: "bare page", anchor: s.changeP50.anchor });
      addFigure({ id: `12-burst-${label}`, benchmark: B, what: `25 live rows change at once (a gateway restart) → the last one in the DOM, ${what}`, unit: "ms", ours: s.burst.ours, anchorName: "bare page", anchor: s.burst.anchor, note: `median of ${r.bursts} bursts per run` });
    }
  }, 1_800_000);

  it("12: tray menu model (trayInput + trayModel, Node) with 25 / 100 profiles vs 1", async () => {
    const t = { one: [] as number[], "25": [] as number[], "100": [] as number[] };
    for (let run = 0; run < RUNS; run++) {
      for (const [key, profiles, live] of [["one", 1, 1], ["25", 25, 25], ["100", 100, 25]] as const) {
        const x = await timeTrayBuilds(profiles, live);
        console.log(`[bench] tray ${key} run ${run}: build p50 ${x.p50.toFixed(3)} p95 ${x.p95.toFixed(3)} max ${x.max.toFixed(3)} ms, ${x.menuItems} menu items`);
        t[key].push(x.p95);
      }
    }
    const note = "p95 of 500 builds per run after 50 warm-up ones, each from fresh arrays; three pending inbox items at every size; Electron's Menu.buildFromTemplate of the model is not measured (no Electron binary here)";
    addFigure({ id: "12-tray-25", benchmark: B, what: "tray menu model, 25 profiles all live: one build, p95", unit: "ms", ours: t["25"], anchorName: "the same with 1 profile", anchor: t.one, goal: RENDER_GOAL, note });
    addFigure({ id: "12-tray-100", benchmark: B, what: "tray menu model, 100 profiles (25 live): one build, p95", unit: "ms", ours: t["100"], anchorName: "the same with 1 profile", anchor: t.one, goal: RENDER_GOAL, note });
  }, 600_000);
});
