// Before local mode offers anything (a token prompt, pairing, chat), it makes sure that what answers on
// the local gateway's port is this machine's own gateway — not one of Clawlink's SSH tunnels, not
// another program. Issue 10: a tunnel bound on 127.0.0.1:18789 made "This machine" reach a *remote*
// gateway, turn red "requires a gateway token" and invite the remote token into the wrong profile.
//
// Evidence, strongest first:
// 1. Our own tunnels' ports, known in-process (loopback-listener.ts): a tunnel, whatever else is true.
// 2. The gateway's own lock in its state dir (`<state>/tmp/openclaw-<uid>/gateway.*.lock`, JSON with the
//    gateway's pid and port) against the owner of the listening socket (listener-owner.ts): same pid →
//    this machine's gateway, the one whose config we read.
// 3. No lock but the owner's argv is `openclaw … gateway`: an OpenClaw gateway not writing locks (older
//    or differently packaged) — accepted as ours.
// 4. The owner cannot be found (an OS without a lookup, a socket we may not inspect): a live lock naming
//    this port is accepted; otherwise "unknown", and local mode carries on as before (see the issue-10 note).
import fs from "node:fs/promises";
import fsSync from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import type { Attention } from "../../../src-shared/attention.js";
import { ownTunnelAt } from "../transport/loopback-listener.js";
import { listenerOwner, type ListenerOwner } from "./listener-owner.js";

export interface GatewayLock {
  pid: number;
  port?: number;
}

export type LocalListener =
  | { kind: "nothing" }
  | { kind: "own-gateway"; evidence: "lock" | "argv" | "lock-only" }
  | { kind: "unknown" }
  | { kind: "our-tunnel"; label: string }
  | { kind: "not-gateway"; what: string };

export interface JudgeInput {
  port: number;
  ourTunnel?: string | undefined;
  owner: ListenerOwner | null;
  /** Live locks of the configured gateway (dead pids already dropped). */
  locks: GatewayLock[];
  selfPid: number;
  selfUid?: number | undefined;
}

const isGatewayArgv = (argv: string[]) => {
  const a = argv.map((x) => x.replaceAll("\\", "/").toLowerCase());
  const openclaw = a.some((x) => /(^|\/)openclaw(-gateway)?(\.(exe|cmd|bat|mjs))?$/.test(x) || /openclaw\/(dist\/(index|entry)\.js|openclaw\.mjs)$/.test(x));
  return openclaw && (a.includes("gateway") || a.some((x) => /(^|\/)openclaw-gateway$/.test(x)));
};
/** Clawlink's own binaries (the app, `clawlink`, bin/clawlink.mjs, the built CLI/main) — not any argv that mentions the word. */
const isClawlinkArgv = (argv: string[]) => {
  const a = argv.slice(0, 3).map((x) => x.replaceAll("\\", "/"));
  return /(^|\/)clawlink(\.exe)?$/i.test(a[0] ?? "") || a.slice(1).some((x) => /(^|\/)(bin\/clawlink\.mjs|out\/(cli|main)\/[^/]+\.m?js)$/i.test(x));
};
const describeOwner = (o: ListenerOwner) => {
  const cmd = o.argv.length ? path.basename(o.argv[0]!) : "";
  return `${cmd ? `${cmd}, ` : ""}pid ${o.pids.join(", ")}`;
};

/** The decision, from facts gathered elsewhere: pure, so every branch is unit-tested. */
export function judgeLocalListener(i: JudgeInput): LocalListener {
  if (i.ourTunnel !== undefined) return { kind: "our-tunnel", label: i.ourTunnel };
  const o = i.owner;
  const lockOnPort = i.locks.some((l) => l.port === i.port);
  if (o && o.pids.length > 0) {
    if (i.locks.some((l) => o.pids.includes(l.pid))) return { kind: "own-gateway", evidence: "lock" };
    if (o.pids.includes(i.selfPid)) return { kind: "not-gateway", what: `Clawlink itself (pid ${i.selfPid})` };
    if (isClawlinkArgv(o.argv)) return { kind: "not-gateway", what: `another Clawlink's tunnel (${describeOwner(o)})` };
    if (isGatewayArgv(o.argv))
      return i.locks.length === 0 ? { kind: "own-gateway", evidence: "argv" } : { kind: "not-gateway", what: `another OpenClaw gateway (${describeOwner(o)}), not the one this machine's config runs` };
    return { kind: "not-gateway", what: `another program (${describeOwner(o)})` };
  }
  if (o && o.uid !== undefined && i.selfUid !== undefined && o.uid !== i.selfUid)
    return lockOnPort ? { kind: "own-gateway", evidence: "lock-only" } : { kind: "not-gateway", what: `a program of another user (uid ${o.uid})` };
  return lockOnPort ? { kind: "own-gateway", evidence: "lock-only" } : { kind: "unknown" };
}

/** What local mode shows instead of connecting (and instead of any token prompt). */
export function localListenerAttention(port: number, l: LocalListener): Attention | null {
  const at = `127.0.0.1:${port}`;
  if (l.kind === "our-tunnel")
    return {
      reason: "local-port-not-gateway",
      message: `${at} is Clawlink's tunnel to ${l.label}, not a gateway on this machine.`,
      fixHint: `Disconnect ${l.label} or give it another local port (remove its ssh.localPort); this profile connects once this machine's own gateway answers there. No token is sent to the tunnel.`,
    };
  if (l.kind === "not-gateway")
    return {
      reason: "local-port-not-gateway",
      message: `${at} is held by ${l.what}, not this machine's OpenClaw gateway.`,
      fixHint: "Stop that program (an old `ssh -L` forward?) or move this machine's gateway to another port (gateway.port in its openclaw.json). No token is sent to it.",
    };
  return null;
}

/** OpenClaw's state dir as the gateway resolves it (OPENCLAW_STATE_DIR, else ~/.openclaw). */
export function localStateDir(env: NodeJS.ProcessEnv, homeDir = os.homedir()): string {
  const raw = env.OPENCLAW_STATE_DIR?.trim();
  const dir = raw ? raw.replace(/^~(?=$|[\\/])/, homeDir) : path.join(homeDir, ".openclaw");
  try {
    return fsSync.realpathSync(dir);
  } catch {
    return path.resolve(dir);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The configured gateway's live locks (`gateway.state.lock`, `gateway.<config hash>.lock`). */
export async function readGatewayLocks(stateDir: string): Promise<GatewayLock[]> {
  const uid = typeof process.getuid === "function" ? process.getuid() : undefined;
  const dir = path.join(stateDir, "tmp", uid !== undefined ? `openclaw-${uid}` : "openclaw");
  const names = (await fs.readdir(dir).catch(() => [] as string[])).filter((n) => /^gateway\..+\.lock$/.test(n));
  const out: GatewayLock[] = [];
  for (const n of names) {
    try {
      const v = JSON.parse(await fs.readFile(path.join(dir, n), "utf8")) as { pid?: unknown; port?: unknown };
      if (typeof v.pid !== "number" || !alive(v.pid)) continue;
      out.push({ pid: v.pid, ...(typeof v.port === "number" ? { port: v.port } : {}) });
    } catch {
      /* half-written or not ours */
    }
  }
  return out;
}

/** Whether anything accepts a TCP connection on 127.0.0.1:<port> (a refusal answers in microseconds). */
export function somethingListens(port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host: "127.0.0.1", port });
    const done = (v: boolean) => (s.destroy(), resolve(v));
    s.setTimeout(timeoutMs, () => done(false));
    s.once("connect", () => done(true));
    s.once("error", () => done(false));
  });
}

/** Gathers the facts and judges them. */
export async function checkLocalListener(port: number, o: { env: NodeJS.ProcessEnv; homeDir?: string }): Promise<LocalListener> {
  const ourTunnel = ownTunnelAt(port);
  if (ourTunnel !== undefined) return { kind: "our-tunnel", label: ourTunnel };
  if (!(await somethingListens(port))) return { kind: "nothing" };
  const [owner, locks] = await Promise.all([listenerOwner(port), readGatewayLocks(localStateDir(o.env, o.homeDir))]);
  return judgeLocalListener({ port, owner, locks, selfPid: process.pid, selfUid: typeof process.getuid === "function" ? process.getuid() : undefined });
}
