// The anchors benchmarks are measured against, in the same run: OpenSSH's own `ssh -N -L` forward and a
// bare official-client (@openclaw/gateway-client) handshake.
import { spawn, type ChildProcess } from "node:child_process";
import { waitForPort } from "../../e2e/harness/free-port.js";
import type { SshdInfo } from "../../e2e/harness/sshd.js";

export interface OpenSshForward {
  proc: ChildProcess;
  localPort: number;
  /** spawn → the local port accepts a TCP connection. */
  readyMs: number;
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

export function sshArgs(sshd: Pick<SshdInfo, "host" | "port" | "user" | "key" | "knownHosts">, extra: string[] = []): string[] {
  return [
    "-F", "/dev/null", "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes", "-o", "StrictHostKeyChecking=yes",
    "-o", `UserKnownHostsFile=${sshd.knownHosts}`, "-o", "ExitOnForwardFailure=yes", ...extra,
    "-i", sshd.key, "-p", String(sshd.port),
  ];
}

/** `ssh -N -L localPort:127.0.0.1:remotePort` (optionally inside a namespace via `prefix`), timed until the port accepts. */
export async function opensshForward(o: {
  sshd: Pick<SshdInfo, "host" | "port" | "user" | "key" | "knownHosts">;
  localPort: number;
  remotePort: number;
  extra?: string[];
  waitReady?: boolean;
}): Promise<OpenSshForward> {
  const argv = [...sshArgs(o.sshd, o.extra), "-N", "-L", `${o.localPort}:127.0.0.1:${o.remotePort}`, `${o.sshd.user}@${o.sshd.host}`];
  const t0 = performance.now();
  const proc = spawn("ssh", argv, { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  proc.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((r) => proc.once("exit", (c) => r(c)));
  if (o.waitReady !== false) {
    try {
      await waitForPort(o.localPort, "127.0.0.1", 20_000, { intervalMs: 2, exited: () => proc.exitCode !== null });
    } catch (e) {
      proc.kill("SIGKILL");
      throw new Error(`${(e as Error).message}; ssh said: ${stderr.trim()}`);
    }
  }
  const readyMs = performance.now() - t0;
  return {
    proc,
    localPort: o.localPort,
    readyMs,
    exited,
    async stop() {
      if (proc.exitCode === null) proc.kill("SIGTERM");
      await exited;
    },
  };
}
