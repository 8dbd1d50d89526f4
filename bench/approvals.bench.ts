// Benchmark 10 (issue 11): exec-approval frame at the socket → on screen, ours (clawlink serve) vs the
// gateway's own Control UI, in the same Chromium and the same run (bench/lib/approval-render.ts). Its own
// file with its own gateway, so BENCH_ONLY=10 runs it alone; without "10" in BENCH_ONLY (when set) it starts
// nothing.
import path from "node:path";
import { afterAll, beforeAll, describe, it } from "vitest";
import { TestGateway } from "../e2e/harness/gateway.js";
import { runApprovalRenderBench } from "./lib/approval-render.js";
import { addFigure, table, writeResults } from "./lib/report.js";

const RUNS = Math.max(5, Number(process.env.BENCH_RUNS ?? 5));
const REQUESTS = 50;
const ONLY = (process.env.BENCH_ONLY ?? "").split(",").filter(Boolean);
const wanted = ONLY.length === 0 || ONLY.includes("10");
const RESULTS = path.resolve("bench/results/latest.json");
let gateway: TestGateway | undefined;
let openclawVersion = "unknown";

beforeAll(async () => {
  if (!wanted) return;
  gateway = new TestGateway();
  await gateway.start();
  openclawVersion = (await gateway.cli(["--version"])).trim().split("\n").pop() ?? "unknown";
}, 240_000);

afterAll(async () => {
  if (!wanted) return;
  writeResults(RESULTS, { openclaw: openclawVersion }, `${RUNS} paired runs per figure unless the figure's note says otherwise`);
  console.log(`\n${table()}`);
  await gateway?.stop();
}, 60_000);

describe.runIf(wanted)("benchmark 10", () => {
  it("10: exec approval frame at the socket → on screen (clawlink serve) vs the gateway's Control UI", async () => {
    const r = await runApprovalRenderBench({ gateway: gateway!, runs: RUNS, requests: REQUESTS });
    const note = `${REQUESTS} requests per run after 3 warm-up ones, raised with exec.approval.request by a separate client and denied once seen; each client behind its own frame tap; ours and the Control UI one after the other, one page open at a time`;
    addFigure({ id: "10-approval-dom-p95", benchmark: "10 approval → screen", what: `exec.approval.requested frame at the socket → on screen, p95 (${REQUESTS}/run)`, unit: "ms", ours: r.ours.p95, anchorName: "the gateway's Control UI (Inbox panel open)", anchor: r.anchor.p95, goal: { on: "ours", op: "<=", value: 50, text: "≤ 50 ms" }, note });
    addFigure({ id: "10-approval-dom-p50", benchmark: "10 approval → screen", what: "same, p50", unit: "ms", ours: r.ours.p50, anchorName: "the gateway's Control UI", anchor: r.anchor.p50 });
  }, 1_800_000);
});
