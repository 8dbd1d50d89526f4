// Which process listens on a loopback TCP port, so local mode can tell this machine's gateway from a
// tunnel or another program that took its port. One way per OS, each the cheapest that needs no extra
// install and no privileges for the user's own processes:
// - Linux: /proc/net/tcp{,6} (listening socket → inode, uid) and /proc/<pid>/fd (inode → pid). No child.
// - macOS: `lsof -nP -iTCP:<port> -sTCP:LISTEN -Fpc` (ships with macOS; /proc does not exist there).
// - Windows: `netstat -ano` (ships with every Windows; PowerShell's Get-NetTCPConnection takes ~1 s to start).
// Anything that fails yields null ("cannot tell"), never a guess: the caller decides what that means.
import { execFile } from "node:child_process";
import fs from "node:fs/promises";

export interface ListenerOwner {
  /** Processes holding the listening socket (a forked server can share one). Empty: a socket we may not inspect. */
  pids: number[];
  /** argv of the first pid we could read (Linux: /proc/<pid>/cmdline; elsewhere the command name). */
  argv: string[];
  /** Linux: the socket's owner uid, which /proc/net/tcp shows even when the process is someone else's. */
  uid?: number;
}

const LOOPBACK_V4 = new Set(["0100007F", "00000000"]); // 127.0.0.1, 0.0.0.0 (both answer 127.0.0.1)
const LOOPBACK_V6 = new Set([
  "00000000000000000000000001000000", // ::1
  "00000000000000000000000000000000", // ::
  "0000000000000000FFFF00000100007F", // ::ffff:127.0.0.1
  "0000000000000000FFFF000000000000", // ::ffff:0.0.0.0
]);

/** Listening sockets on `port` that answer 127.0.0.1, from /proc/net/tcp or tcp6 text. */
export function parseProcNetTcp(text: string, port: number): Array<{ inode: string; uid: number }> {
  const out: Array<{ inode: string; uid: number }> = [];
  for (const line of text.split("\n").slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 10 || f[3] !== "0A") continue; // 0A = TCP_LISTEN
    const [addr, hexPort] = f[1]!.split(":");
    if (parseInt(hexPort ?? "", 16) !== port) continue;
    if (!LOOPBACK_V4.has(addr!.toUpperCase()) && !LOOPBACK_V6.has(addr!.toUpperCase())) continue;
    out.push({ inode: f[9]!, uid: Number(f[7]) });
  }
  return out;
}

/** `lsof -Fpc` output: p<pid> then c<command> lines. */
export function parseLsof(text: string): ListenerOwner | null {
  const pids: number[] = [];
  let cmd: string | undefined;
  for (const line of text.split("\n")) {
    if (line.startsWith("p")) pids.push(Number(line.slice(1)));
    else if (line.startsWith("c") && cmd === undefined) cmd = line.slice(1);
  }
  return pids.length ? { pids: [...new Set(pids)], argv: cmd ? [cmd] : [] } : null;
}

/** `netstat -ano` rows `TCP 127.0.0.1:18789 0.0.0.0:0 LISTENING 4242` (also [::1], 0.0.0.0, [::]). */
export function parseNetstat(text: string, port: number): ListenerOwner | null {
  const pids = new Set<number>();
  for (const line of text.split(/\r?\n/)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 5 || f[0]!.toUpperCase() !== "TCP" || !/^LISTEN/i.test(f[3]!)) continue;
    const m = /^(.*):(\d+)$/.exec(f[1]!);
    if (!m || Number(m[2]) !== port || !["127.0.0.1", "0.0.0.0", "[::1]", "[::]"].includes(m[1]!)) continue;
    pids.add(Number(f[4]));
  }
  return pids.size ? { pids: [...pids], argv: [] } : null;
}

function run(cmd: string, args: string[]): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(cmd, args, { timeout: 3000, windowsHide: true, maxBuffer: 4 << 20 }, (err, stdout) => resolve(err && !stdout ? null : stdout));
  });
}

async function linuxOwner(port: number, proc: string): Promise<ListenerOwner | null> {
  const sockets: Array<{ inode: string; uid: number }> = [];
  let readable = false;
  for (const f of ["net/tcp", "net/tcp6"]) {
    try {
      sockets.push(...parseProcNetTcp(await fs.readFile(`${proc}/${f}`, "utf8"), port));
      readable = true;
    } catch {
      /* no IPv6, or no /proc */
    }
  }
  if (!readable || sockets.length === 0) return null;
  const want = new Set(sockets.map((s) => `socket:[${s.inode}]`));
  const pids: number[] = [];
  for (const pid of (await fs.readdir(proc).catch(() => [] as string[])).filter((d) => /^\d+$/.test(d))) {
    const fds = await fs.readdir(`${proc}/${pid}/fd`).catch(() => [] as string[]); // EACCES: someone else's process
    for (const fd of fds) {
      const link = await fs.readlink(`${proc}/${pid}/fd/${fd}`).catch(() => "");
      if (want.has(link)) {
        pids.push(Number(pid));
        break;
      }
    }
  }
  const argv = pids.length ? (await fs.readFile(`${proc}/${pids[0]}/cmdline`, "utf8").catch(() => "")).split("\0").filter(Boolean) : [];
  return { pids, argv, uid: sockets[0]!.uid };
}

/** Who listens on 127.0.0.1:<port>; null when nothing does or this OS gives no answer. */
export async function listenerOwner(port: number, o: { platform?: NodeJS.Platform; proc?: string } = {}): Promise<ListenerOwner | null> {
  switch (o.platform ?? process.platform) {
    case "linux":
      return linuxOwner(port, o.proc ?? "/proc");
    case "darwin": {
      const out = await run("lsof", ["-nP", `-iTCP:${port}`, "-sTCP:LISTEN", "-Fpc"]);
      return out === null ? null : parseLsof(out);
    }
    case "win32": {
      const out = await run("netstat", ["-ano"]);
      return out === null ? null : parseNetstat(out, port);
    }
    default:
      return null;
  }
}
