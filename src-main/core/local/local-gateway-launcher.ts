// Starts the OpenClaw gateway on this machine when the person asks for it (never silently): the
// installed `openclaw` CLI's `openclaw gateway`, supervised as a child of Clawlink — its output goes to
// our log, an unexpected exit is restarted with growing pauses, and stop() ends it (and the helpers it
// spawned, via its process group) when Clawlink quits.
import { spawn, type ChildProcess } from "node:child_process";
import type { Logger } from "../log/logger.js";
import { findOnPath } from "./local-hints.js";

export interface LocalGatewayLauncherOptions {
  logger: Logger;
  env?: NodeJS.ProcessEnv;
  /** The openclaw executable; found on PATH when not given. */
  openclaw?: string;
  /** Extra arguments after `gateway` (e.g. ["--port", "18790"]). */
  args?: string[];
  maxRestartDelayMs?: number;
}

export type LauncherState = "stopped" | "running" | "restarting" | "unavailable";

export class LocalGatewayLauncher {
  private child: ChildProcess | null = null;
  private stopping = false;
  private restarts = 0;
  private timer: NodeJS.Timeout | null = null;
  private stateValue: LauncherState = "stopped";
  readonly executable: string | null;

  constructor(private readonly o: LocalGatewayLauncherOptions) {
    this.executable = o.openclaw ?? findOnPath("openclaw", o.env ?? process.env);
    if (!this.executable) this.stateValue = "unavailable";
  }

  get state(): LauncherState {
    return this.stateValue;
  }
  get pid(): number | undefined {
    return this.child?.pid;
  }

  start(): void {
    if (!this.executable) throw new Error("the openclaw CLI is not on PATH: install OpenClaw first");
    if (this.child) return;
    this.stopping = false;
    this.spawnOnce();
  }

  private spawnOnce(): void {
    const log = this.o.logger.child("local-gateway");
    // detached: its own process group, so stop() also ends the helpers the gateway spawns.
    const child = spawn(this.executable!, ["gateway", ...(this.o.args ?? [])], { env: this.o.env ?? process.env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    this.child = child;
    this.stateValue = "running";
    log.info("started openclaw gateway", { pid: child.pid });
    for (const stream of [child.stdout, child.stderr]) {
      stream?.setEncoding("utf8");
      stream?.on("data", (chunk: string) => {
        for (const line of chunk.split("\n")) if (line.trim()) log.debug(line.replace(/\x1b\[[0-9;]*m/g, ""));
      });
    }
    child.on("exit", (code, signal) => {
      if (this.child === child) this.child = null;
      if (this.stopping) {
        this.stateValue = "stopped";
        return;
      }
      // It died on its own: restart it, pausing longer each time so a broken config can't spin.
      const delay = Math.min(this.o.maxRestartDelayMs ?? 30_000, 1000 * 2 ** this.restarts++);
      this.stateValue = "restarting";
      log.warn(`openclaw gateway exited (${signal ?? code}); restarting in ${delay} ms`);
      this.timer = setTimeout(() => this.spawnOnce(), delay);
    });
  }

  async stop(timeoutMs = 10_000): Promise<void> {
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    const child = this.child;
    if (!child || child.exitCode !== null) {
      this.stateValue = this.executable ? "stopped" : "unavailable";
      return;
    }
    const exited = new Promise<void>((r) => child.once("exit", () => r()));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    await exited;
    clearTimeout(timer);
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      /* group already gone */
    }
  }
}
