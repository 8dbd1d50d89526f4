// Bundles bench/footprint-child.ts with esbuild (dependencies stay in node_modules, as scripts/build.mjs
// does for the CLI) and runs it as a separate `node --expose-gc` process.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { build } from "esbuild";

export interface FootprintResult {
  idleRssMb: number[];
  rssDeltaMb: number[];
  /** Live JS heap (used_heap_size after forced full GC) minus the baseline's. */
  heapDeltaMb: number[];
  /** V8's total_heap_size (committed heap pages) after forced GC minus the baseline's. */
  heapCommittedDeltaMb: number[];
  /** process.memoryUsage().external after forced GC minus the baseline's. */
  externalDeltaMb: number[];
  fdDelta: number[];
  /** Process CPU time (user + system) per reconnect cycle so far, after each block (what a smaller young generation costs). */
  cpuMsPerCycle: number[];
  /** Per V8 heap space: committed size after the last block minus the baseline's (where the pages are). */
  spaceCommittedDeltaMb: Record<string, number>;
  cycles: number;
  ms: number;
}

export async function runFootprintChild(
  mode: "ours" | "anchor",
  cfg: { url: string; token: string; blocks: number; perBlock: number; snapshotDir?: string; v8Flags?: string[] },
  tmp: string,
  execArgv: string[] = [],
  env: Record<string, string> = {},
): Promise<FootprintResult> {
  // Under out/ (build output: ignored by git and ESLint) so the external dependencies resolve from node_modules.
  const outDir = path.resolve("out/bench");
  fs.mkdirSync(outDir, { recursive: true });
  const outfile = path.join(outDir, "footprint-child.mjs");
  await build({ entryPoints: [path.resolve("bench/footprint-child.ts")], bundle: true, platform: "node", format: "esm", target: "node22", packages: "external", outfile, logLevel: "error" });
  void tmp;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--expose-gc", ...execArgv, outfile], { stdio: ["pipe", "pipe", "pipe"], env: { ...process.env, ...env } });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.on("exit", (code) => {
      if (code !== 0) return reject(new Error(`footprint child (${mode}) exited ${code}: ${err.slice(-2000)}`));
      resolve(JSON.parse(out.trim().split("\n").pop()!) as FootprintResult);
    });
    child.stdin.end(JSON.stringify({ mode, ...cfg }));
  });
}
