// Benchmark 9 (issue 15 §2): a CLI that answers fast. Whole-process wall time, spawn → exit 0, of the real
// `node bin/clawlink.mjs probe …` (direct ws:// and ssh://) and of `clawlink connect` spawn → its
// "connected" line, against the gateway's own CLI (`openclaw gateway health --url …`) and against
// whole-process anchors: a bare official-client handshake in a fresh `node` process, alone (direct) or
// after `ssh -N -L` accepts (SSH). Every run of ours is paired with one run of each anchor, same moment.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { freePort } from "../../e2e/harness/free-port.js";
import type { TestGateway } from "../../e2e/harness/gateway.js";
import type { TestSshd } from "../../e2e/harness/sshd.js";
import { opensshForward } from "./anchors.js";

const BIN = path.resolve("bin/clawlink.mjs");
const TOKEN_VAR = "CLAWLINK_BENCH_TOKEN";

// A bare official-client handshake as its own process: token from the environment, no device identity
// (the official client's own minimum), exit 0 on hello-ok. Under out/ so node_modules resolves.
const BARE = `import { GatewayClient } from "@openclaw/gateway-client";
const c = new GatewayClient({ url: process.env.BARE_URL, token: process.env.${TOKEN_VAR}, clientName: "cli", mode: "cli",
  clientVersion: "0.0.0-bench", platform: "linux", role: "operator", scopes: ["operator.read"], deviceIdentity: null,
  onHelloOk: () => { c.stop(); process.exit(0); }, onConnectError: (e) => { console.error(String(e)); process.exit(1); } });
c.start();
setTimeout(() => { console.error("bare handshake: timed out"); process.exit(1); }, 20000);
`;

export interface CliSpeed {
  probeDirect: number[];
  probeSsh: number[];
  connectDirect: number[];
  bareDirect: number[];
  sshPlusBare: number[];
  gatewayHealth: number[];
  /** `clawlink --version`: the floor every command pays (node start + the CLI entry's imports). */
  version: number[];
  nodeBare: number[];
}

interface Timed {
  ms: number;
  code: number | null;
  /** stdout and stderr, for the error when it fails. */
  stderr: string;
}

/** spawn → exit, wall time of the whole process. */
function timeProcess(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<Timed> {
  const t0 = performance.now();
  const child = spawn(cmd, args, { env, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stderr += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => resolve({ ms: performance.now() - t0, code, stderr }));
  });
}

function ok(what: string, t: Timed): number {
  if (t.code !== 0) throw new Error(`${what} exited ${t.code}: ${t.stderr.slice(-800)}`);
  return t.ms;
}

/** `clawlink connect` spawn → its first JSON line with state "connected"; then SIGTERM and wait for exit. */
async function timeConnect(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [BIN, "connect", ...args, "--json"], { env, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  try {
    return await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`clawlink connect: not connected in 30 s: ${stderr.slice(-800)}`)), 30_000);
      readline.createInterface({ input: child.stdout }).on("line", (l) => {
        if ((JSON.parse(l) as { state?: string }).state !== "connected") return;
        clearTimeout(timer);
        resolve(performance.now() - t0);
      });
      child.once("exit", (c) => reject(new Error(`clawlink connect exited ${c} before connected: ${stderr.slice(-800)}`)));
    });
  } finally {
    child.kill("SIGTERM");
    await exited;
  }
}

/**
 * Where a probe's time goes, printed once per run: each step's own timing (the probe's text output), and
 * with BENCH_CLI_CPU_PROF=<dir> a V8 CPU profile of one direct and one SSH probe written there.
 */
async function explain(direct: string[], ssh: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const dir = process.env.BENCH_CLI_CPU_PROF;
  for (const [name, args] of [["direct", direct], ["ssh", ssh]] as const) {
    const prof = dir ? ["--cpu-prof", "--cpu-prof-dir", path.resolve(dir), "--cpu-prof-name", `probe-${name}.cpuprofile`] : [];
    const out = await new Promise<string>((resolve) => {
      const c = spawn(process.execPath, [...prof, BIN, "probe", ...args], { env, stdio: ["ignore", "pipe", "ignore"] });
      let text = "";
      c.stdout.on("data", (d: Buffer) => (text += d.toString()));
      c.once("exit", () => resolve(text));
    });
    console.log(`[bench] probe ${name} steps:\n${out.trimEnd()}`);
  }
}

export async function runCliSpeedBench(o: { gateway: TestGateway; sshd: TestSshd; tmp: string; runs: number }): Promise<CliSpeed> {
  const { gateway, sshd } = o;
  const cfg = fs.mkdtempSync(path.join(o.tmp, "cli-cfg-"));
  const home = fs.mkdtempSync(path.join(o.tmp, "cli-home-"));
  const bare = path.resolve("out/bench/bare-handshake.mjs");
  fs.mkdirSync(path.dirname(bare), { recursive: true });
  fs.writeFileSync(bare, BARE);
  // The token travels in the environment on every side, never in argv.
  const env = { ...process.env, HOME: home, [TOKEN_VAR]: gateway.token };
  const direct = [`ws://127.0.0.1:${gateway.port}`, "--token-env", TOKEN_VAR, "--config-dir", cfg];
  const sshTarget = () => [`ssh://${sshd.user}@${sshd.host}:${sshd.port}`, "--identity", sshd.key, "--known-hosts", sshd.knownHosts, "--remote-port", String(gateway.port), "--token-env", TOKEN_VAR, "--config-dir", cfg, "--batch"];
  // `--url … --token …` in env form (OPENCLAW_GATEWAY_URL + OPENCLAW_GATEWAY_TOKEN: the same explicit override,
  // which the gateway's CLI accepts with an env token), so the token stays out of argv here too.
  const healthEnv = { ...gateway.cliEnv(), OPENCLAW_GATEWAY_URL: `ws://127.0.0.1:${gateway.port}`, OPENCLAW_GATEWAY_TOKEN: gateway.token };
  const health = ["gateway", "health", "--json"];
  const entry = path.join(path.dirname(gateway.node), "../openclaw/openclaw.mjs");
  const r: CliSpeed = { probeDirect: [], probeSsh: [], connectDirect: [], bareDirect: [], sshPlusBare: [], gatewayHealth: [], version: [], nodeBare: [] };

  const sshBare = async (): Promise<number> => {
    const lp = await freePort();
    const t0 = performance.now();
    const fwd = await opensshForward({ sshd, localPort: lp, remotePort: gateway.port });
    try {
      ok("bare handshake through ssh -L", await timeProcess(process.execPath, [bare], { ...env, BARE_URL: `ws://127.0.0.1:${lp}` }));
      return performance.now() - t0;
    } finally {
      await fwd.stop();
    }
  };
  // Warm-up, not counted: pairs this config dir's device, fills the page cache for every side.
  ok("probe (warm-up)", await timeProcess(process.execPath, [BIN, "probe", ...direct], env));
  ok("probe ssh (warm-up)", await timeProcess(process.execPath, [BIN, "probe", ...sshTarget()], env));
  ok("openclaw gateway health (warm-up)", await timeProcess(gateway.node, [entry, ...health], healthEnv));
  await sshBare();
  await explain(direct, sshTarget(), env);
  for (let i = 0; i < o.runs; i++) {
    r.nodeBare.push(ok("node -e 0", await timeProcess(process.execPath, ["-e", "0"], env)));
    r.version.push(ok("clawlink --version", await timeProcess(process.execPath, [BIN, "--version"], env)));
    r.probeDirect.push(ok("clawlink probe ws://", await timeProcess(process.execPath, [BIN, "probe", ...direct], env)));
    r.bareDirect.push(ok("bare handshake", await timeProcess(process.execPath, [bare], { ...env, BARE_URL: `ws://127.0.0.1:${gateway.port}` })));
    r.probeSsh.push(ok("clawlink probe ssh://", await timeProcess(process.execPath, [BIN, "probe", ...sshTarget()], env)));
    r.sshPlusBare.push(await sshBare());
    r.connectDirect.push(await timeConnect(direct, env));
    r.gatewayHealth.push(ok("openclaw gateway health", await timeProcess(gateway.node, [entry, ...health], healthEnv)));
    console.log(`[bench] cli ${i}: probe ws ${r.probeDirect[i]!.toFixed(0)} ms, ssh ${r.probeSsh[i]!.toFixed(0)} ms, connect ${r.connectDirect[i]!.toFixed(0)} ms; bare ${r.bareDirect[i]!.toFixed(0)}, ssh+bare ${r.sshPlusBare[i]!.toFixed(0)}, openclaw health ${r.gatewayHealth[i]!.toFixed(0)}, --version ${r.version[i]!.toFixed(0)}, node ${r.nodeBare[i]!.toFixed(0)}`);
  }
  return r;
}
