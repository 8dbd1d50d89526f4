// Benchmark 11 (issue 13 §3): failover time — the preferred route (direct ws:// through the fault proxy)
// blackholed while connected → connected on the fallback route (SSH through the real sshd to the same real
// gateway). Paired per run with the fallback's own cold connect (a fresh connection straight over SSH):
// the goal is the issue's, "≤ the dead-link goal (10 s) + the fallback's cold connect". Its own file with
// its own gateway and sshd, so BENCH_ONLY=11 runs it alone; without "11" in BENCH_ONLY (when set) it starts
// nothing.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, it } from "vitest";
import { startFaultProxy, type FaultProxy } from "../e2e/harness/fault-proxy.js";
import { waitConn } from "../e2e/harness/fault-watch.js";
import { TestGateway } from "../e2e/harness/gateway.js";
import { TestSshd } from "../e2e/harness/sshd.js";
import { createLogger } from "../src-main/core/log/logger.js";
import type { ConnectionSpec } from "../src-main/core/orchestrator/connection-spec.js";
import { Orchestrator } from "../src-main/core/orchestrator/orchestrator.js";
import type { RouteSpec } from "../src-main/core/orchestrator/route-spec.js";
import { MemorySecretStore } from "../src-main/core/secrets/secret-store.js";
import { addFigure, table, writeResults } from "./lib/report.js";

const RUNS = Math.max(5, Number(process.env.BENCH_RUNS ?? 5));
const ONLY = (process.env.BENCH_ONLY ?? "").split(",").filter(Boolean);
const wanted = ONLY.length === 0 || ONLY.includes("11");
// BENCH_RESULTS: a solo run can write elsewhere than the shared results file.
const RESULTS = path.resolve(process.env.BENCH_RESULTS ?? "bench/results/latest.json");
const DEAD_LINK_GOAL_MS = 10_000;
let gateway: TestGateway | undefined;
let sshd: TestSshd | undefined;
let proxy: FaultProxy | undefined;
let tmp: string;
let openclawVersion = "unknown";

beforeAll(async () => {
  if (!wanted) return;
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "clawlink-bench-failover-"));
  gateway = new TestGateway();
  sshd = new TestSshd();
  await Promise.all([gateway.start(), sshd.start()]);
  proxy = await startFaultProxy({ targetPort: gateway.port });
  openclawVersion = (await gateway.cli(["--version"])).trim().split("\n").pop() ?? "unknown";
}, 240_000);

afterAll(async () => {
  if (!wanted) return;
  writeResults(RESULTS, { openclaw: openclawVersion }, `${RUNS} paired runs per figure unless the figure's note says otherwise`);
  console.log(`\n${table()}`);
  await proxy?.close();
  await Promise.all([gateway?.stop(), sshd?.dispose()]);
  fs.rmSync(tmp, { recursive: true, force: true });
}, 60_000);

function routes(): { direct: RouteSpec; ssh: RouteSpec } {
  const s = sshd!;
  return {
    direct: { kind: "direct", url: `ws://127.0.0.1:${proxy!.port}` },
    ssh: { kind: "ssh", ssh: { target: `${s.user}@${s.host}:${s.port}`, identityFile: s.key, remotePort: gateway!.port, knownHostsFiles: [s.knownHosts] } },
  };
}

function spec(rs: RouteSpec[]): ConnectionSpec {
  const id = `bench-failover-${randomBytes(3).toString("hex")}`;
  const first = rs[0]!;
  return { id, name: id, kind: first.kind, ...(first.url ? { url: first.url } : {}), ...(first.ssh ? { ssh: first.ssh } : {}), token: { value: gateway!.token, source: "bench" }, gatewayKey: `profile:${id}`, ...(rs.length > 1 ? { routes: rs } : {}) };
}

function orchestrator(): Orchestrator {
  const dir = fs.mkdtempSync(path.join(tmp, "cfg-"));
  return new Orchestrator({ secrets: new MemorySecretStore(), logger: createLogger([]), prompts: {}, configDir: dir, env: {}, homeDir: dir });
}

/** Preferred route blackholed while connected → connected on the SSH fallback, ms. */
async function failoverOnce(): Promise<number> {
  proxy!.setMode("pass");
  const orch = orchestrator();
  try {
    const r = routes();
    const sup = await orch.connect(spec([r.direct, r.ssh]));
    await waitConn(sup, (s) => s.state === "connected" && s.route?.index === 0, 60_000, "connected over the direct route");
    const t0 = performance.now();
    proxy!.setMode("blackhole");
    await waitConn(sup, (s) => s.state === "connected" && s.route?.index === 1, 60_000, "connected over the SSH route");
    return performance.now() - t0;
  } finally {
    await orch.stopAll();
    proxy!.setMode("pass");
  }
}

/** The fallback's cold connect: a fresh connection straight over SSH → connected, ms. */
async function coldSshOnce(): Promise<number> {
  const orch = orchestrator();
  try {
    const t0 = performance.now();
    const sup = await orch.connect(spec([routes().ssh]));
    await waitConn(sup, (s) => s.state === "connected", 60_000, "connected over SSH");
    return performance.now() - t0;
  } finally {
    await orch.stopAll();
  }
}

describe.runIf(wanted)("benchmark 11", () => {
  it("11: failover — preferred route blackholed → connected on the SSH fallback, vs the fallback's cold connect", async () => {
    const ours: number[] = [];
    const cold: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      cold.push(await coldSshOnce());
      ours.push(await failoverOnce());
    }
    const coldMedian = [...cold].sort((a, b) => a - b)[Math.floor(cold.length / 2)]!;
    const goal = DEAD_LINK_GOAL_MS + coldMedian;
    addFigure({
      id: "11-failover", benchmark: "11 failover", what: "preferred direct route blackholed → connected on the SSH fallback (default settings)", unit: "ms",
      ours, anchorName: "the fallback's cold connect (fresh SSH connection → connected)", anchor: cold,
      goal: { on: "ours", op: "<=", value: Math.round(goal), text: `≤ ${DEAD_LINK_GOAL_MS / 1000} s + the cold connect (${Math.round(goal)} ms)` },
      note: "a direct route's link is checked with one health round trip every 2 s (3 s to answer) while a fallback exists; the switch then cold-connects the SSH route; paired runs alternate cold connect and failover",
    });
  }, 1_800_000);
});
