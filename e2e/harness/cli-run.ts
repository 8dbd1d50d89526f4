// The real `clawlink` binary (bin/clawlink.mjs → out/cli, built by npm test) as a child process, the way
// a user runs it: stdout lines collected and awaitable, stderr kept, exit code and time-after-signal.
// Each run gets its own empty HOME; cleanupCliRuns() kills what is left and removes the temp dirs.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";

export const BIN = path.resolve("bin/clawlink.mjs");
const children: ChildProcess[] = [];
const tmpDirs: string[] = [];

export function tmp(prefix: string): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tmpDirs.push(d);
  return d;
}

export interface Run {
  child: ChildProcess;
  lines: string[];
  stderr: string[];
  waitLine(pred: (l: string) => boolean, ms: number, what: string): Promise<string>;
  exit: Promise<{ code: number | null; ms: number }>;
}

export function runCli(args: string[], env: Record<string, string> = {}, input?: string): Run {
  const home = tmp("clawlink-home-");
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, HOME: home, ...env },
    stdio: [input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
  });
  children.push(child);
  if (input !== undefined) child.stdin!.end(input);
  const lines: string[] = [];
  const stderr: string[] = [];
  const waiters: Array<{ pred: (l: string) => boolean; resolve: (l: string) => void }> = [];
  readline.createInterface({ input: child.stdout! }).on("line", (l) => {
    lines.push(l);
    for (const w of [...waiters]) {
      if (!w.pred(l)) continue;
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(l);
    }
  });
  readline.createInterface({ input: child.stderr! }).on("line", (l) => stderr.push(l));
  let signalledAt = 0;
  const origKill = child.kill.bind(child);
  child.kill = (sig?: NodeJS.Signals | number) => ((signalledAt = Date.now()), origKill(sig));
  const exit = new Promise<{ code: number | null; ms: number }>((r) => child.on("exit", (code) => r({ code, ms: signalledAt ? Date.now() - signalledAt : -1 })));
  return {
    child,
    lines,
    stderr,
    exit,
    waitLine(pred, ms, what) {
      const seen = lines.find(pred);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`timed out waiting for ${what}; stdout so far:\n${lines.join("\n")}\nstderr:\n${stderr.join("\n")}`)), ms);
        waiters.push({ pred, resolve: (l) => (clearTimeout(t), resolve(l)) });
      });
    },
  };
}

export function cleanupCliRuns(): void {
  for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
  for (const d of tmpDirs) fs.rmSync(d, { recursive: true, force: true });
}
