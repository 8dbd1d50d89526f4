// Asks the local Tailscale CLI for the tailnet's peers (issue 13 §5): `tailscale status --json`, with a
// timeout, only when the CLI is there. Most machines have no Tailscale (these build machines neither),
// and that is an answer to show ("Tailscale was not found"), not an error to log. The output is read by
// tailscale-status.ts (pure); this file only finds the executable and runs it. Never a shell: the
// command is execFile'd with fixed arguments.
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { parseTailscaleStatus, type TailscaleStatus } from "./tailscale-status.js";

export const TAILSCALE_TIMEOUT_MS = 3000;

/** Where the macOS app keeps its CLI when "CLI integration" has not put `tailscale` on PATH. */
const MAC_APP_CLI = "/Applications/Tailscale.app/Contents/MacOS/Tailscale";

export type TailscaleLookup = TailscaleStatus | { ok: false; state: "not-found" | "timeout" | "failed"; message: string; fixHint: string };

export interface RunResult {
  stdout: string;
  stderr: string;
  /** Exit code; null when killed. */
  code: number | null;
  timedOut: boolean;
}

export interface TailscaleRunOptions {
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  gatewayPort?: number;
  /** Seams for tests; default: a PATH scan and execFile. */
  findExecutable?: () => string | null;
  run?: (file: string, args: string[], timeoutMs: number) => Promise<RunResult>;
}

function isExecutableFile(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) return false;
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first `name` on PATH (with PATHEXT on Windows), or null. */
export function findOnPath(name: string, env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, isExecutable: (file: string) => boolean = isExecutableFile): string | null {
  const dirs = (env.PATH ?? env.Path ?? "").split(platform === "win32" ? ";" : ":").filter(Boolean);
  const exts = platform === "win32" ? (env.PATHEXT ?? ".EXE;.CMD;.BAT").split(";").filter(Boolean) : [""];
  for (const dir of dirs) {
    for (const ext of exts) {
      const file = path.join(dir, name + ext);
      if (isExecutable(file)) return file;
    }
  }
  return null;
}

function findTailscale(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string | null {
  return findOnPath("tailscale", env, platform) ?? (platform === "darwin" && isExecutableFile(MAC_APP_CLI) ? MAC_APP_CLI : null);
}

const execRun = (file: string, args: string[], timeoutMs: number): Promise<RunResult> =>
  new Promise((resolve) => {
    execFile(file, args, { timeout: timeoutMs, maxBuffer: 8 * 1024 * 1024, windowsHide: true }, (err, stdout, stderr) => {
      const e = err as (NodeJS.ErrnoException & { killed?: boolean; code?: number | string }) | null;
      resolve({ stdout: String(stdout), stderr: String(stderr), code: e ? (typeof e.code === "number" ? e.code : null) : 0, timedOut: Boolean(e?.killed) });
    });
  });

export const TAILSCALE_NOT_FOUND: TailscaleLookup = {
  ok: false,
  state: "not-found",
  message: "Tailscale was not found on this machine (no `tailscale` command on PATH), so no tailnet gateways are listed.",
  fixHint: "To reach gateways on your tailnet, install Tailscale (https://tailscale.com/download) and log in; on macOS enable the app's CLI integration. Otherwise add a gateway by its address or over SSH.",
};

/** Runs `tailscale status --json` (bounded by the timeout) and lists the gateway candidates it shows. */
export async function lookUpTailscale(o: TailscaleRunOptions = {}): Promise<TailscaleLookup> {
  const timeoutMs = o.timeoutMs ?? TAILSCALE_TIMEOUT_MS;
  const file = o.findExecutable ? o.findExecutable() : findTailscale(o.env ?? process.env, o.platform ?? process.platform);
  if (!file) return TAILSCALE_NOT_FOUND;
  const r = await (o.run ?? execRun)(file, ["status", "--json"], timeoutMs);
  if (r.timedOut) {
    return { ok: false, state: "timeout", message: `\`tailscale status --json\` did not answer within ${Math.round(timeoutMs / 1000)} s.`, fixHint: "Check that tailscaled is running (`tailscale status` in a terminal), then look again." };
  }
  // A stopped or logged-out daemon still prints its status as JSON; that says more than the exit code.
  if (r.stdout.trim().startsWith("{")) return parseTailscaleStatus(r.stdout, o.gatewayPort);
  const why = r.stderr.trim().split(/\r?\n/)[0]?.slice(0, 200) || `exit code ${r.code ?? "none"}`;
  return { ok: false, state: "failed", message: `\`tailscale status --json\` failed: ${why}.`, fixHint: "Start Tailscale (the app, or `sudo systemctl start tailscaled` on Linux) and log in with `tailscale up`, then look again." };
}
