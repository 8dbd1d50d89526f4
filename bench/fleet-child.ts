// Benchmark 8's probe (issue 15 §1), run as its own Node process (bundled by bench/lib/fleet.ts) so its RSS
// and CPU are one fleet's and nothing else's. The first stdin line is the config {mode, n, gateway, sshd,
// token}; every later line is a command, answered by one JSON line on stdout:
//   connect <k> [direct]  start profiles 0..k-1 at once (ours: direct ws:// profiles with `direct`) →
//                 {ms, cpuMs, failed} when every one is connected (or failed after 60 s)
//   stop          stop every connection → {}
//   rss           after forced GCs → {rssMb, heapMb} (anchor: + the ssh processes' RSS)
//   idle <ms>     CPU over ms with whatever is live → {cpuPct} (% of one core; anchor: + ssh processes)
//   watch         start recording the next restart → {}
//   collect       wait until every connection went down and came back (≤ 60 s) → per connection: back-at
//                 (epoch ms), attempts and attempt start times
// mode "ours": one Orchestrator, n SSH profiles through the real sshd (each its own tunnel and session,
// one device identity, as one tray app has); mode "anchor": n × (`ssh -N -L` + a bare official
// GatewayClient) in this one process.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import v8 from "node:v8";
import { GatewayClient } from "@openclaw/gateway-client";
import { createLogger } from "../src-main/core/log/logger.js";
import { Orchestrator } from "../src-main/core/orchestrator/orchestrator.js";
import type { ConnectionSupervisor } from "../src-main/core/orchestrator/connection-supervisor.js";
import { v8MemoryFlags } from "../src-main/core/runtime/v8-memory.js";
import { MemorySecretStore } from "../src-main/core/secrets/secret-store.js";
import { freePort } from "../e2e/harness/free-port.js";
import { isState, waitConn } from "../e2e/harness/fault-watch.js";
import { opensshForward, type OpenSshForward } from "./lib/anchors.js";
import type { ConnectionSnapshot } from "../src-shared/connection.js";

interface Cfg {
  mode: "ours" | "anchor";
  gatewayPort: number;
  token: string;
  sshd: { host: string; port: number; user: string; key: string; knownHosts: string };
}

interface Restart {
  down: boolean;
  backAt: number | null;
  attempts: number[];
}

const now = () => performance.timeOrigin + performance.now();
const gc = (globalThis as { gc?: () => void }).gc;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ATTEMPT_STATES = new Set<ConnectionSnapshot["state"]>(["connecting"]);

/** utime+stime (ms) and RSS (MB) of another process, from /proc. */
function procStat(pid: number): { cpuMs: number; rssMb: number } {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const rss = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return { cpuMs: ((Number(f[11]) + Number(f[12])) * 1000) / 100, rssMb: rss ? Number(rss[1]) / 1000 : 0 };
  } catch {
    return { cpuMs: 0, rssMb: 0 };
  }
}

interface Fleet {
  /** Starts k at once (ours: direct ws:// profiles instead of SSH when `direct`); resolves with a line for each one not connected within 60 s. */
  connect(k: number, direct?: boolean): Promise<string[]>;
  stop(): Promise<void>;
  /** Other processes that belong to this fleet (the anchor's ssh forwards). */
  pids(): number[];
  watch(): Restart[];
}

function oursFleet(cfg: Cfg): Fleet {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clawlink-fleet-"));
  const orch = new Orchestrator({ secrets: new MemorySecretStore(), logger: createLogger([]), prompts: {}, configDir: dir, env: {}, homeDir: dir });
  let sups: ConnectionSupervisor[] = [];
  return {
    async connect(k, direct) {
      const token = { value: cfg.token, source: "bench" };
      sups = await Promise.all(
        Array.from({ length: k }, async (_, i) =>
          direct
            ? orch.connect({ id: `fleet-direct-${i}`, name: `fleet-direct-${i}`, kind: "direct", url: `ws://127.0.0.1:${cfg.gatewayPort}`, token, gatewayKey: `fleet-direct-${i}` })
            : orch.connect({
                id: `fleet-${i}`,
                name: `fleet-${i}`,
                kind: "ssh",
                ssh: { target: `${cfg.sshd.user}@${cfg.sshd.host}:${cfg.sshd.port}`, identityFile: cfg.sshd.key, remotePort: cfg.gatewayPort, localPort: await freePort(), knownHostsFiles: [cfg.sshd.knownHosts] },
                token,
                gatewayKey: `fleet-${i}`,
              }),
        ),
      );
      const r = await Promise.allSettled(sups.map((s) => waitConn(s, isState("connected"), 60_000, "connected")));
      // What the gateway said to the ones that did not make it (per-device or per-source limits show here).
      return r.flatMap((x, i) => (x.status === "fulfilled" ? [] : [`fleet-${i}: ${sups[i]!.snapshot.state} ${sups[i]!.snapshot.attention?.reason ?? ""} ${sups[i]!.snapshot.attention?.message ?? ""}`.trim()]));
    },
    async stop() {
      await orch.stopAll();
      sups = [];
    },
    pids: () => [],
    watch() {
      return sups.map((s) => {
        const r: Restart = { down: false, backAt: null, attempts: [] };
        let last = s.snapshot.state;
        let lastAttempt = s.snapshot.attempt;
        const off = s.onSnapshot((snap) => {
          // An attempt: the attempt counter moved, or the state entered "connecting" again.
          if (snap.attempt > lastAttempt || (snap.state !== last && ATTEMPT_STATES.has(snap.state))) r.attempts.push(now());
          last = snap.state;
          lastAttempt = snap.attempt;
          if (snap.state !== "connected") r.down = true;
          else if (r.down && r.backAt === null) {
            r.backAt = now();
            off();
          }
        });
        return r;
      });
    },
  };
}

function anchorFleet(cfg: Cfg): Fleet {
  let live: Array<{ fwd: OpenSshForward; client: GatewayClient; restart: Restart | null }> = [];
  return {
    async connect(k) {
      live = await Promise.all(
        Array.from({ length: k }, async () => {
          const fwd = await opensshForward({ sshd: cfg.sshd, localPort: await freePort(), remotePort: cfg.gatewayPort });
          const entry: { fwd: OpenSshForward; client: GatewayClient; restart: Restart | null } = { fwd, client: null as unknown as GatewayClient, restart: null };
          await new Promise<void>((resolve, reject) => {
            entry.client = new GatewayClient({
              url: `ws://127.0.0.1:${fwd.localPort}`, token: cfg.token, clientName: "cli", mode: "cli", clientVersion: "0.0.0-bench", platform: "linux", role: "operator", scopes: ["operator.read"], deviceIdentity: null,
              onHelloOk: () => {
                const r = entry.restart;
                if (r && r.down && r.backAt === null) r.backAt = now();
                resolve();
              },
              onClose: () => {
                if (entry.restart) entry.restart.down = true;
              },
              onConnectError: (e) => {
                if (entry.restart) entry.restart.attempts.push(now());
                if (!entry.restart) reject(e);
              },
            });
            entry.client.start();
          });
          return entry;
        }),
      );
      return [];
    },
    async stop() {
      for (const e of live) e.client.stop();
      await Promise.all(live.map((e) => e.fwd.stop()));
      live = [];
    },
    pids: () => live.map((e) => e.fwd.proc.pid!).filter(Boolean),
    watch() {
      return live.map((e) => (e.restart = { down: false, backAt: null, attempts: [] }));
    },
  };
}

async function main(): Promise<void> {
  const rl = readline.createInterface({ input: process.stdin });
  const lines = rl[Symbol.asyncIterator]();
  const cfg = JSON.parse((await lines.next()).value as string) as Cfg;
  // Ours runs with the V8 flags Clawlink's own processes set at start (v8-memory.ts).
  if (cfg.mode === "ours") for (const f of v8MemoryFlags({ execArgv: process.execArgv })) v8.setFlagsFromString(f);
  const fleet = cfg.mode === "ours" ? oursFleet(cfg) : anchorFleet(cfg);
  let watched: Restart[] = [];
  const reply = (o: unknown) => process.stdout.write(JSON.stringify(o) + "\n");
  for (;;) {
    const next = await lines.next();
    if (next.done) break;
    const [cmd, arg, opt] = (next.value as string).trim().split(" ");
    if (cmd === "connect") {
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      const failed = await fleet.connect(Number(arg), opt === "direct");
      const c = process.cpuUsage(c0);
      // cpuMs: this process's CPU during the connect (near ms = bound by our own work; far below = waiting on peers).
      reply({ ms: performance.now() - t0, cpuMs: (c.user + c.system) / 1000, failed });
    } else if (cmd === "stop") {
      await fleet.stop();
      reply({});
    } else if (cmd === "rss") {
      for (let i = 0; i < 3; i++) {
        gc?.();
        await sleep(100);
      }
      const others = fleet.pids().reduce((a, p) => a + procStat(p).rssMb, 0);
      reply({ rssMb: process.memoryUsage().rss / 1e6 + others, selfRssMb: process.memoryUsage().rss / 1e6, heapMb: v8.getHeapStatistics().used_heap_size / 1e6 });
    } else if (cmd === "idle") {
      const pids = fleet.pids();
      const o0 = pids.reduce((a, p) => a + procStat(p).cpuMs, 0);
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      await sleep(Number(arg));
      const c = process.cpuUsage(c0);
      const others = pids.reduce((a, p) => a + procStat(p).cpuMs, 0) - o0;
      const wall = performance.now() - t0;
      reply({ cpuPct: (100 * ((c.user + c.system) / 1000 + others)) / wall, selfCpuPct: (100 * ((c.user + c.system) / 1000)) / wall });
    } else if (cmd === "watch") {
      watched = fleet.watch();
      reply({});
    } else if (cmd === "collect") {
      const until = Date.now() + 60_000;
      while (watched.some((r) => r.backAt === null) && Date.now() < until) await sleep(20);
      reply({ back: watched.map((r) => r.backAt), attempts: watched.map((r) => r.attempts) });
    }
  }
  await fleet.stop();
  process.exit(0);
}

main().catch((e: unknown) => {
  process.stderr.write(`fleet child failed: ${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
