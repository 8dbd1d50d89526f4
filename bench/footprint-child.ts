// Footprint probe, run as its own Node process (bundled by bench/lib/footprint.ts) so its RSS is a headless
// core's and nothing else's. Reads {mode, url, token, blocks, perBlock} as JSON on stdin (the token never in
// argv), prints one JSON line: idle RSS samples, then RSS and open-FD deltas after each block of reconnect
// cycles. mode "ours": an Orchestrator connection through a fault proxy that RSTs it each cycle (the real
// reconnect path); mode "anchor": the official GatewayClient, a new client per cycle.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import v8 from "node:v8";
import { GatewayClient } from "@openclaw/gateway-client";
import { createLogger } from "../src-main/core/log/logger.js";
import { Orchestrator } from "../src-main/core/orchestrator/orchestrator.js";
import { MemorySecretStore } from "../src-main/core/secrets/secret-store.js";
import { startFaultProxy } from "../e2e/harness/fault-proxy.js";
import { isState, waitConn } from "../e2e/harness/fault-watch.js";
import type { FootprintResult } from "./lib/footprint.js";

interface Cfg {
  mode: "ours" | "anchor";
  url: string;
  token: string;
  blocks: number;
  perBlock: number;
  /** When set: heap snapshots at the baseline and after the last block are written here (investigation only). */
  snapshotDir?: string;
  /** V8 flags set from inside the process at start (v8.setFlagsFromString), as Clawlink's processes do. */
  v8Flags?: string[];
}

// The result shape is the parent's (bench/lib/footprint.ts): one definition for both sides of the pipe.
type FootprintOut = FootprintResult;

const gc = (globalThis as { gc?: () => void }).gc;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const fds = () => fs.readdirSync("/proc/self/fd").length;
/** After forced full GCs: RSS, the live JS heap (V8's used_heap_size) and memory outside it (Buffers, ArrayBuffers). */
async function settled(): Promise<{ rss: number; heap: number; heapCommitted: number; external: number; spaces: Record<string, number> }> {
  for (let i = 0; i < 3; i++) {
    gc?.();
    await sleep(100);
  }
  const m = process.memoryUsage();
  const h = v8.getHeapStatistics();
  const spaces = Object.fromEntries(v8.getHeapSpaceStatistics().map((x) => [x.space_name, x.space_size / 1e6]));
  return { rss: m.rss / 1e6, heap: h.used_heap_size / 1e6, heapCommitted: h.total_heap_size / 1e6, external: m.external / 1e6, spaces };
}
const settledRss = async () => (await settled()).rss;

function officialHello(url: string, token: string): Promise<GatewayClient> {
  return new Promise((resolve, reject) => {
    const c = new GatewayClient({
      url, token, clientName: "cli", mode: "cli", clientVersion: "0.0.0-bench", platform: "linux", role: "operator", scopes: ["operator.read"], deviceIdentity: null,
      onHelloOk: () => resolve(c),
      onConnectError: (e) => reject(e),
    });
    c.start();
  });
}

async function main(): Promise<void> {
  let input = "";
  for await (const d of process.stdin) input += d;
  const cfg = JSON.parse(input) as Cfg;
  for (const f of cfg.v8Flags ?? []) v8.setFlagsFromString(f);
  const out: FootprintOut = { idleRssMb: [], rssDeltaMb: [], heapDeltaMb: [], heapCommittedDeltaMb: [], externalDeltaMb: [], fdDelta: [], cpuMsPerCycle: [], spaceCommittedDeltaMb: {}, cycles: 0, ms: 0 };
  const port = Number(new URL(cfg.url).port);
  const proxy = await startFaultProxy({ targetPort: port });
  const url = `ws://127.0.0.1:${proxy.port}`;
  let cycle: () => Promise<void>;
  let stop: () => Promise<void>;
  if (cfg.mode === "ours") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clawlink-fp-"));
    // Fast first reconnect so 1,000 cycles take minutes, not hours; every other setting is the default.
    const orch = new Orchestrator({ secrets: new MemorySecretStore(), logger: createLogger([]), prompts: {}, configDir: dir, env: {}, homeDir: dir, sessionPolicy: { firstReconnectMs: 5 } });
    const sup = await orch.connect({ id: "fp", name: "fp", kind: "direct", url, token: { value: cfg.token, source: "bench" }, gatewayKey: "fp" });
    await waitConn(sup, isState("connected"), 60_000, "connected");
    cycle = async () => {
      const left = waitConn(sup, (s) => s.state !== "connected", 10_000, "left connected");
      proxy.resetAll();
      await left;
      await waitConn(sup, isState("connected"), 30_000, "connected again");
    };
    stop = async () => {
      await orch.stopAll();
      fs.rmSync(dir, { recursive: true, force: true });
    };
  } else {
    const first = await officialHello(url, cfg.token);
    let current = first;
    cycle = async () => {
      current.stop();
      current = await officialHello(url, cfg.token);
    };
    stop = async () => current.stop();
  }
  for (let i = 0; i < 5; i++) {
    await sleep(1000);
    out.idleRssMb.push(await settledRss());
  }
  // Warm-up cycles (JIT, lazily created pools) before the baseline.
  for (let i = 0; i < 20; i++) await cycle();
  const base = await settled();
  const fd0 = fds();
  if (cfg.snapshotDir) v8.writeHeapSnapshot(path.join(cfg.snapshotDir, `${cfg.mode}-0.heapsnapshot`));
  const t0 = Date.now();
  const cpu0 = process.cpuUsage();
  for (let b = 0; b < cfg.blocks; b++) {
    for (let i = 0; i < cfg.perBlock; i++) {
      await cycle();
      out.cycles++;
    }
    await sleep(300);
    const now = await settled();
    out.rssDeltaMb.push(now.rss - base.rss);
    out.heapDeltaMb.push(now.heap - base.heap);
    out.heapCommittedDeltaMb.push(now.heapCommitted - base.heapCommitted);
    out.externalDeltaMb.push(now.external - base.external);
    out.fdDelta.push(fds() - fd0);
    const cpu = process.cpuUsage(cpu0);
    out.cpuMsPerCycle.push((cpu.user + cpu.system) / 1000 / out.cycles);
    out.spaceCommittedDeltaMb = Object.fromEntries(Object.entries(now.spaces).map(([k, v]) => [k, +(v - (base.spaces[k] ?? 0)).toFixed(2)]));
  }
  if (cfg.snapshotDir) v8.writeHeapSnapshot(path.join(cfg.snapshotDir, `${cfg.mode}-${out.cycles}.heapsnapshot`));
  out.ms = Date.now() - t0;
  await stop();
  await proxy.close();
  process.stdout.write(JSON.stringify(out) + "\n");
  process.exit(0);
}

main().catch((e: unknown) => {
  process.stderr.write(`footprint child failed: ${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
