// Benchmark 8 (issue 15 §1): a fleet in one tray. Drives bench/fleet-child.ts (one process per side,
// `node --expose-gc`): ours = n SSH profiles in one Orchestrator through the real sshd to the real gateway;
// anchor = n × (`ssh -N -L` + a bare official client) in one Node process. Per run: one connect, then n
// at once (RSS after each); then idle CPU with n live; then gateway restarts with n live (each side its
// own restarts: 2 × 25 handshakes at once would pass the gateway's 32 pre-auth connections per source).
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { build } from "esbuild";
import type { TestGateway } from "../../e2e/harness/gateway.js";
import type { TestSshd } from "../../e2e/harness/sshd.js";
import { addFigure, summarize } from "./report.js";
import { pollReadyz } from "./wait.js";

export interface FleetSide {
  single: number[];
  all: number[];
  rss1: number[];
  rssN: number[];
  idleCpuPct: number[];
  /** Per restart: the last connection back, ms after /readyz said ready. */
  lastBack: number[];
  /** Per restart: the first connection back, ms after /readyz. */
  firstBack: number[];
  /** Per restart: connection attempts seen (all connections). */
  attempts: number[];
  /** Per restart: the most attempts that started within any 100 ms. */
  peak100ms: number[];
  failed: string[];
  /** This process's CPU during each connect-all. */
  allCpuMs: number[];
  /** Ours only: the same connects as direct ws:// profiles (no SSH), one and n at once. */
  directSingle: number[];
  directAll: number[];
}

class Child {
  private readonly replies: string[] = [];
  private pending: { resolve: (l: string) => void; reject: (e: Error) => void } | null = null;
  private stderr = "";
  constructor(readonly proc: ChildProcessWithoutNullStreams) {
    readline.createInterface({ input: proc.stdout }).on("line", (l) => {
      const p = this.pending;
      this.pending = null;
      if (p) p.resolve(l);
      else this.replies.push(l);
    });
    proc.stderr.on("data", (d: Buffer) => (this.stderr += d.toString()));
    proc.once("exit", (c) => this.pending?.reject(new Error(`fleet child exited ${c}: ${this.stderr.slice(-1500)}`)));
  }
  async ask<T>(cmd: string, timeoutMs = 180_000): Promise<T> {
    this.proc.stdin.write(cmd + "\n");
    const queued = this.replies.shift();
    const line =
      queued ??
      (await new Promise<string>((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`fleet child: no answer to "${cmd}" in ${timeoutMs} ms; stderr: ${this.stderr.slice(-1500)}`)), timeoutMs);
        this.pending = { resolve: (l) => (clearTimeout(t), resolve(l)), reject: (e) => (clearTimeout(t), reject(e)) };
      }));
    return JSON.parse(line) as T;
  }
  async end(): Promise<void> {
    this.proc.stdin.end();
    await new Promise((r) => (this.proc.exitCode !== null ? r(null) : this.proc.once("exit", r)));
  }
}

async function startChild(cfg: object): Promise<Child> {
  const outfile = path.resolve("out/bench/fleet-child.mjs");
  fs.mkdirSync(path.dirname(outfile), { recursive: true });
  await build({ entryPoints: [path.resolve("bench/fleet-child.ts")], bundle: true, platform: "node", format: "esm", target: "node22", packages: "external", outfile, logLevel: "error" });
  const c = new Child(spawn(process.execPath, ["--expose-gc", outfile], { stdio: ["pipe", "pipe", "pipe"] }));
  c.proc.stdin.write(JSON.stringify(cfg) + "\n");
  return c;
}

/** The most values within any window of `ms`. */
function peak(times: number[], ms: number): number {
  const s = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < s.length; i++) {
    while (s[i]! - s[j]! > ms) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

async function runSide(mode: "ours" | "anchor", o: { gateway: TestGateway; sshd: TestSshd; n: number; runs: number; idleMs: number }): Promise<FleetSide> {
  const { gateway, sshd, n } = o;
  const c = await startChild({ mode, gatewayPort: gateway.port, token: gateway.token, sshd: { host: sshd.host, port: sshd.port, user: sshd.user, key: sshd.key, knownHosts: sshd.knownHosts } });
  const r: FleetSide = { single: [], all: [], rss1: [], rssN: [], idleCpuPct: [], lastBack: [], firstBack: [], attempts: [], peak100ms: [], failed: [], allCpuMs: [], directSingle: [], directAll: [] };
  type Conn = { ms: number; cpuMs: number; failed: string[] };
  try {
    await c.ask<Conn>("connect 1"); // warm-up: JIT, lazily loaded modules, the device's pairing
    await c.ask("stop");
    for (let i = 0; i < o.runs; i++) {
      r.single.push((await c.ask<Conn>("connect 1")).ms);
      r.rss1.push((await c.ask<{ rssMb: number }>("rss")).rssMb);
      await c.ask("stop");
      const all = await c.ask<Conn>(`connect ${n}`);
      r.all.push(all.ms);
      r.allCpuMs.push(all.cpuMs);
      r.failed.push(...all.failed);
      r.rssN.push((await c.ask<{ rssMb: number }>("rss")).rssMb);
      if (i < o.runs - 1) await c.ask("stop");
      console.log(`[bench] fleet ${mode} ${i}: 1 → ${r.single[i]!.toFixed(0)} ms, ${n} → ${all.ms.toFixed(0)} ms (CPU ${all.cpuMs.toFixed(0)} ms)${all.failed.length ? ` (${all.failed.length} failed: ${all.failed[0]})` : ""}; RSS ${r.rss1[i]!.toFixed(1)} → ${r.rssN[i]!.toFixed(1)} MB`);
    }
    if (mode === "ours") {
      // Where the connect-all time goes: the same without SSH (direct ws:// to the gateway).
      await c.ask("stop");
      for (let i = 0; i < o.runs; i++) {
        r.directSingle.push((await c.ask<Conn>("connect 1 direct")).ms);
        await c.ask("stop");
        const d = await c.ask<Conn>(`connect ${n} direct`);
        r.directAll.push(d.ms);
        await c.ask("stop");
        console.log(`[bench] fleet ours direct ${i}: 1 → ${r.directSingle[i]!.toFixed(0)} ms, ${n} → ${d.ms.toFixed(0)} ms (CPU ${d.cpuMs.toFixed(0)} ms)${d.failed.length ? `; ${d.failed.length} failed: ${d.failed[0]}` : ""}`);
      }
      await c.ask(`connect ${n}`);
    }
    const windowMs = o.idleMs / o.runs;
    for (let i = 0; i < o.runs; i++) r.idleCpuPct.push((await c.ask<{ cpuPct: number }>(`idle ${windowMs}`, windowMs + 60_000)).cpuPct);
    for (let i = 0; i < o.runs; i++) {
      await c.ask("watch");
      await gateway.signal("SIGTERM");
      const restarting = gateway.restart("SIGTERM"); // already stopped: spawns it and waits until ready
      const readyAt = performance.timeOrigin + (await pollReadyz(gateway.port, 120_000));
      await restarting;
      const got = await c.ask<{ back: Array<number | null>; attempts: number[][] }>("collect", 120_000);
      const back = got.back.map((b) => (b === null ? Infinity : b - readyAt));
      const times = got.attempts.flat();
      r.lastBack.push(Math.max(...back));
      r.firstBack.push(Math.min(...back));
      r.attempts.push(times.length);
      r.peak100ms.push(peak(times, 100));
      console.log(`[bench] fleet ${mode} restart ${i}: first back ${r.firstBack[i]!.toFixed(0)} ms, last ${r.lastBack[i]!.toFixed(0)} ms after /readyz (${back.filter((b) => b === Infinity).length} never); ${times.length} attempts, at most ${r.peak100ms[i]} within 100 ms; back-times p50 ${summarize(back).median.toFixed(0)} ms`);
    }
  } finally {
    await c.ask("stop").catch(() => undefined);
    await c.end();
  }
  return r;
}

export async function runFleetBench(o: { gateway: TestGateway; sshd: TestSshd; n: number; runs: number; idleMs: number }): Promise<{ ours: FleetSide; anchor: FleetSide }> {
  const ours = await runSide("ours", o);
  const anchor = await runSide("anchor", o);
  const b = `8 fleet (${o.n} SSH profiles, one process)`;
  const an = `${o.n} × (ssh -N -L + bare official client), one node process + ${o.n} ssh`;
  const failNote = ours.failed.length ? `; ${ours.failed.length} connections did not come up: ${[...new Set(ours.failed)].slice(0, 3).join(" | ")}` : "";
  const perExtra = (s: FleetSide) => s.rssN.map((x, i) => (x - s.rss1[i]!) / (o.n - 1));
  addFigure({ id: "fleet-connect-all-vs-one", benchmark: b, what: `connect ${o.n} at once → all connected, vs one connect (same process, same run)`, unit: "ms", ours: ours.all, anchorName: "ours, one profile connect → connected", anchor: ours.single, goal: { on: "ratio", op: "<=", value: 2, text: "≤ 2×" }, note: `each run: one connect, stop, ${o.n} at once, stop${failNote}` });
  addFigure({ id: "fleet-connect-all-vs-anchor", benchmark: b, what: `connect ${o.n} at once → all connected`, unit: "ms", ours: ours.all, anchorName: an, anchor: anchor.all, note: `anchor, ${o.n} vs one: ${summarize(anchor.all.map((x, i) => x / anchor.single[i]!)).median.toFixed(2)}×` });
  addFigure({ id: "fleet-connect-all-direct-vs-one", benchmark: b, what: `the same without SSH: ${o.n} direct ws:// profiles at once vs one`, unit: "ms", ours: ours.directAll, anchorName: "ours, one direct profile connect → connected", anchor: ours.directSingle, note: `CPU of the process during the SSH connect-all: ours ${summarize(ours.allCpuMs).median.toFixed(0)} ms, anchor node process ${summarize(anchor.allCpuMs).median.toFixed(0)} ms (medians)` });
  addFigure({ id: "fleet-rss-per-extra", benchmark: b, what: `RSS per extra live connection ((${o.n} live − 1 live) / ${o.n - 1}, after forced GC)`, unit: "MB", ours: perExtra(ours), anchorName: `${an} (RSS of node + the ssh processes)`, anchor: perExtra(anchor), goal: { on: "ours", op: "<=", value: 2, text: "≤ 2 MB" }, note: `whole process, ours ${summarize(ours.rssN).median.toFixed(1)} MB with ${o.n} live vs ${summarize(ours.rss1).median.toFixed(1)} MB with 1; anchor ${summarize(anchor.rssN).median.toFixed(1)} vs ${summarize(anchor.rss1).median.toFixed(1)} MB` });
  addFigure({ id: "fleet-idle-cpu", benchmark: b, what: `idle CPU with ${o.n} live, % of one core (${o.runs} windows over ${(o.idleMs / 1000).toFixed(0)} s)`, unit: "%", ours: ours.idleCpuPct, anchorName: `${an} (CPU of node + the ssh processes)`, anchor: anchor.idleCpuPct, goal: { on: "ours", op: "<=", value: 1, text: "≤ 1 %" } });
  addFigure({ id: "fleet-restart-last-back", benchmark: b, what: `gateway restart with ${o.n} live: /readyz ready → the last one connected`, unit: "ms", ours: ours.lastBack, anchorName: `${an}, official client's default reconnect`, anchor: anchor.lastBack, goal: { on: "ours", op: "<=", value: 2000, text: "≤ 2 s" }, note: `first back: ours ${summarize(ours.firstBack).median.toFixed(0)} ms, anchor ${summarize(anchor.firstBack).median.toFixed(0)} ms (medians)` });
  addFigure({ id: "fleet-restart-attempts", benchmark: b, what: `connection attempts per restart (all ${o.n}); most within any 100 ms in the note`, unit: "attempts", ours: ours.attempts, anchorName: `${an}, counted as connect errors`, anchor: anchor.attempts.map((x) => (x === 0 ? 1e-9 : x)), note: `most attempts starting within 100 ms: ours ${ours.peak100ms.join("/")}, anchor ${anchor.peak100ms.join("/")}; ours counts entries into "connecting", the anchor counts connect errors (its successful attempt is not counted; 0 is stored as 1e-9)` });
  return { ours, anchor };
}
