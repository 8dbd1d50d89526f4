// Benchmark 13 (issue 13 "Bench"): the real gateway's Bonjour announcement → listed in "Add gateway" in
// real Chromium through the real `clawlink serve`, vs a bare bonjour-service browser seeing the same
// packet in the same run (bench/lib/discovery-announce.ts). Its own file with its own gateway, so
// BENCH_ONLY=13 runs it alone; without "13" in BENCH_ONLY (when set) it starts nothing.
import path from "node:path";
import { afterAll, beforeAll, describe, it } from "vitest";
import { TestGateway } from "../e2e/harness/gateway.js";
import { openServedUi, type UiPage } from "../e2e/harness/ui-page.js";
import type { ServeRun } from "../e2e/harness/clawlink-serve.js";
import { PAGE_PROBE, runDiscoveryBench } from "./lib/discovery-announce.js";
import { addFigure, summarize, table, writeResults } from "./lib/report.js";

const RUNS = Math.max(5, Number(process.env.BENCH_RUNS ?? 5));
const ANNOUNCEMENTS = 20;
const HOST = "clawgw-bench13";
const ONLY = (process.env.BENCH_ONLY ?? "").split(",").filter(Boolean);
const wanted = ONLY.length === 0 || ONLY.includes("13");
const RESULTS = path.resolve("bench/results/latest.json");
let gateway: TestGateway | undefined;
let ui: (UiPage & { serve: ServeRun; close(): Promise<number | null> }) | undefined;
let openclawVersion = "unknown";

beforeAll(async () => {
  if (!wanted) return;
  gateway = new TestGateway({ mdns: { mode: "minimal", hostname: HOST } });
  await gateway.start();
  openclawVersion = (await gateway.cli(["--version"])).trim().split("\n").pop() ?? "unknown";
  // No `tailscale` on PATH, as in the e2e: the form's Tailscale part answers at once.
  ui = await openServedUi({ env: { PATH: `${path.dirname(process.execPath)}:/usr/bin:/bin` } });
  await ui.page.addInitScript(PAGE_PROBE);
  await ui.page.goto(ui.serve.url);
  await ui.page.waitForURL((u) => !u.search.includes("token="));
  await ui.page.getByRole("button", { name: "+ Add remote gateway" }).click({ timeout: 20_000 });
  await ui.page.locator(".nearby-gateways button", { hasText: `${HOST}.local` }).waitFor({ timeout: 10_000 });
}, 240_000);

afterAll(async () => {
  if (!wanted) return;
  writeResults(RESULTS, { openclaw: openclawVersion }, `${RUNS} paired runs per figure unless the figure's note says otherwise`);
  console.log(`\n${table()}`);
  if (ui?.errors.length) console.log(`[bench 13] page errors: ${ui.errors.join(" | ").slice(0, 2000)}`);
  await ui?.close();
  await gateway?.stop();
}, 60_000);

describe.runIf(wanted)("benchmark 13", () => {
  it("13: the real gateway's announcement → listed in Add gateway (clawlink serve, Chromium) vs a bare bonjour-service browser", async () => {
    const r = await runDiscoveryBench({ page: ui!.page, gateway: gateway!, host: HOST, runs: RUNS, announcements: ANNOUNCEMENTS, log: console.log });
    const all = summarize(r.all.ours);
    const note =
      `${ANNOUNCEMENTS} announcements per run after one warm-up, each a real re-announcement by the gateway's bonjour plugin (discovery.mdns.mode off → minimal, hot-applied; ` +
      `the next one only after both lists dropped it on its goodbye); measured from the first response carrying a live record of the beacon reaching a bare bonjour-service socket in the bench process; ` +
      `all ${all.n}: ${r.all.ours.filter((x) => x < 0).length} before the tap saw the packet, min ${all.min.toFixed(1)}, median ${all.median.toFixed(1)}, max ${all.max.toFixed(1)} ms`;
    addFigure({ id: "13-discovery-listed-p95", benchmark: "13 discovery → listed", what: `gateway announcement → listed in Add gateway, p95 (${ANNOUNCEMENTS}/run)`, unit: "ms", ours: r.ours.p95, anchorName: "a bare bonjour-service browser's \"up\" for the same packet", anchor: r.anchor.p95, goal: { on: "ours", op: "<=", value: 1000, text: "≤ 1 s" }, note });
    addFigure({ id: "13-discovery-listed-p50", benchmark: "13 discovery → listed", what: "same, p50", unit: "ms", ours: r.ours.p50, anchorName: "the bare bonjour-service browser", anchor: r.anchor.p50 });
  }, 1_800_000);
});
